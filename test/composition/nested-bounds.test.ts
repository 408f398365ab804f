/**
 * A nested composition's text field bounded by a pattern (trial 20 F1): the child's `toUpperCase()` of a
 * `/^[ -~]*$/` field compiles to `upperAscii()`, exact on ASCII text. A parent passing text of a wider alphabet
 * class (its plain `'string'` field, a literal such as 'straße', list items of a plain string) is refused where
 * it calls the child, naming the field, the pattern and what it passes. Text of the same class passes through,
 * whatever the pattern says of it: JavaScript never checks the pattern, and the child's CEL depends only on
 * the class (an ASCII field of another pattern, a literal the pattern does not match, `String(flag)`, a number
 * in a template, a join of ASCII items).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

const child = kubernetesComposition(
  { name: 'tb-child', kind: 'TbChild', spec: type({ v: /^[ -~]*$/ }), status: type({ up: 'string', len: 'number.integer', trimmed: 'string' }) },
  (spec) => {
    ConfigMap({ name: 'c', data: { up: spec.v.toUpperCase() } });
    return { up: spec.v.toUpperCase(), len: spec.v.length, trimmed: spec.v.trim() };
  },
);

const lower = kubernetesComposition(
  { name: 'tb-lower', kind: 'TbLower', spec: type({ n: 'number.integer', s: /^[a-z]+$/ }), status: type({ u: 'string' }) },
  (spec) => {
    ConfigMap({ name: `l-${spec.n}`, data: { n: `${spec.n}` } });
    return { u: spec.s.toUpperCase() };
  },
);

const teams = kubernetesComposition(
  { name: 'tb-teams', kind: 'TbTeams', spec: type({ teams: type({ name: /^[a-z]+$/ }).array() }), status: type({ names: 'string' }) },
  (spec) => {
    for (const t of spec.teams) ConfigMap({ name: `team-${t.name}`, data: { display: t.name.toUpperCase() } });
    return { names: spec.teams.map((t) => t.name.toUpperCase()).join(',') };
  },
);

const hint = (way: string): string => `\n  hint: ${way}, or declare the child's field a plain 'string'`;
const methods = "The child's text methods (toUpperCase, length, trim, ...) were compiled for the characters its field admits, and would differ from JavaScript on wider text";
const declared = (field: string, pattern: string, passed: string, holds = 'may hold'): string =>
  `its spec field ${field} is declared with the pattern ${pattern}, whose characters are ASCII, and the parent passes ${passed}, which ${holds} characters outside ASCII. ${methods}`;

test("a plain 'string' spec field passed to a child's patterned field is refused at the call", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-plain', kind: 'TbPlain', spec: type({ t: 'string' }), status: type({ up: 'string' }) }, (spec) => {
      const c = child({ v: spec.t });
      return { up: c.status.up };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-plain'", 'child(')}: nested composition "tb-child": ${declared('spec.v', '/^[ -~]*$/', '`spec.t`')}${hint("declare the parent's field with a pattern of ASCII characters (the child's /^[ -~]*$/ will do)")}`,
  );
});

test("a literal holding characters outside the class of the child's pattern is refused", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-literal', kind: 'TbLiteral', spec: type({ x: 'string' }), status: type({ u: 'string' }) }, () => {
      const c = lower({ n: 2, s: 'straße' });
      return { u: c.status.u };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-literal'", 'lower(')}: nested composition "tb-lower": ${declared('spec.s', '/^[a-z]+$/', '"straße"', 'holds')}${hint('pass text of ASCII characters only')}`,
  );
});

test("list items of a plain 'string' passed to a child's patterned item field are refused", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-list', kind: 'TbList', spec: type({ teams: type({ name: 'string' }).array() }), status: type({ names: 'string' }) }, (spec) => {
      const c = teams({ teams: spec.teams });
      return { names: c.status.names };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-list'", 'teams(')}: nested composition "tb-teams": ${declared('spec.teams[].name', '/^[a-z]+$/', '`spec.teams`')}${hint("declare the parent's field with a pattern of ASCII characters (the child's /^[a-z]+$/ will do)")}`,
  );
});

test('text as bounded as the child says passes through, and agrees with JavaScript', () => {
  const parent = kubernetesComposition(
    { name: 'tb-bounded', kind: 'TbBounded', spec: type({ t: /^[ -~]*$/, s: /^[a-z]+$/, teams: type({ name: /^[a-z]+$/ }).array() }), status: type({ up: 'string', len: 'number.integer', u: 'string', lit: 'string', names: 'string' }) },
    (spec) => {
      const c = child({ v: ` ${spec.s}-${spec.t} ` });
      const l = lower({ n: 1, s: spec.s });
      const k = lower({ n: 2, s: 'abc' });
      const t = teams({ teams: spec.teams });
      return { up: c.status.up, len: c.status.len, u: l.status.u, lit: k.status.u, names: t.status.names };
    },
  );
  const result = simulate(parent, { t: 'a b', s: 'xy', teams: [{ name: 'q' }] } as never, { observed: { cConfigMapC: {}, lConfigMap: {}, kConfigMap: {}, tConfigMap: [{}] } });
  assert.deepEqual(result.status, { up: ' XY-A B ', len: 8, u: 'XY', lit: 'ABC', names: 'Q' });
});

test('a template holding a plain string is refused with the way out for text the parent builds', () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-template', kind: 'TbTemplate', spec: type({ t: 'string' }), status: type({ up: 'string' }) }, (spec) => {
      const c = child({ v: `x-${spec.t}` });
      return { up: c.status.up };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-template'", 'child(')}: nested composition "tb-child": ${declared('spec.v', '/^[ -~]*$/', '`x-${spec.t}`')}${hint("pass text of ASCII characters only (a spec field of the parent declared with a pattern of ASCII characters (the child's /^[ -~]*$/ will do), or a literal)")}`,
  );
});

test('text of the same alphabet class passes whatever the pattern says of it, and agrees with JavaScript', () => {
  const parent = kubernetesComposition(
    {
      name: 'tb-class',
      kind: 'TbClass',
      spec: type({ printable: /^[ -~]*$/, flag: 'boolean', n: 'number.integer', tags: type(/^[ -~]*$/).array() }),
      status: type({ a: 'string', b: 'string', c: 'string', d: 'string', e: 'string' }),
    },
    (spec) => {
      // /^[a-z]+$/ admits neither of these, but each is ASCII: the child's upperAscii() is exact on them.
      const a = lower({ n: 1, s: spec.printable });
      const b = lower({ n: 2, s: 'Not-Lower' });
      const c = lower({ n: 3, s: String(spec.flag) });
      const d = lower({ n: 4, s: `n${spec.n}` });
      const e = lower({ n: 5, s: spec.tags.join('+') });
      return { a: a.status.u, b: b.status.u, c: c.status.u, d: d.status.u, e: e.status.u };
    },
  );
  const observed = { aConfigMap: {}, bConfigMap: {}, cConfigMap: {}, dConfigMap: {}, eConfigMap: {} };
  const result = simulate(parent, { printable: 'a B~', flag: false, n: -3, tags: ['x y', 'Z'] } as never, { observed });
  assert.deepEqual(result.status, { a: 'A B~', b: 'NOT-LOWER', c: 'FALSE', d: 'N-3', e: 'X Y+Z' });
});

const pair = kubernetesComposition(
  { name: 'tb-pair', kind: 'TbPair', spec: type({ items: 'string[] >= 2' }), status: type({ second: 'string' }) },
  (spec) => {
    ConfigMap({ name: `pair-${spec.items[0]}`, data: { v: spec.items[1] ?? 'none' } });
    return { second: spec.items[1] ?? 'none' };
  },
);

const shortHint = (way: string): string => `\n  hint: ${way}, or drop the minimum length from the child's field`;
const reads = "The child reads its first 2 items without a guard, which fails in CEL on a shorter list where JavaScript reads `undefined`";

test("a list that may be shorter than the child's minimum length is refused at the call", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-short', kind: 'TbShort', spec: type({ list: 'string[]' }), status: type({ s: 'string' }) }, (spec) => {
      const c = pair({ items: spec.list });
      return { s: c.status.second };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-short'", 'pair(')}: nested composition "tb-pair": its spec field spec.items is declared with at least 2 items, and the parent passes \`spec.list\`, which may hold fewer. ${reads}${shortHint("declare the parent's field with the same minimum length (arktype: `'string[] >= 2'`)")}`,
  );
});

test('a literal list shorter than the minimum is refused', () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-one', kind: 'TbOne', spec: type({ a: 'string' }), status: type({ s: 'string' }) }, (spec) => {
      const c = pair({ items: [spec.a] });
      return { s: c.status.second };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-one'", 'pair(')}: nested composition "tb-pair": its spec field spec.items is declared with at least 2 items, and the parent passes a list of 1. ${reads}${shortHint('pass at least 2 items')}`,
  );
});

test('lists as long as the minimum pass through, and agree with JavaScript', () => {
  const parent = kubernetesComposition(
    { name: 'tb-long', kind: 'TbLong', spec: type({ list: 'string[] >= 3', a: 'string' }), status: type({ x: 'string', y: 'string' }) },
    (spec) => {
      const x = pair({ items: spec.list });
      const y = pair({ items: [spec.a, `${spec.a}!`] });
      return { x: x.status.second, y: y.status.second };
    },
  );
  const result = simulate(parent, { list: ['p', 'q', 'r'], a: 'z' } as never, { observed: { xConfigMap: {}, yConfigMap: {} } });
  assert.deepEqual(result.status, { x: 'q', y: 'z!' });
});

const sized = kubernetesComposition(
  { name: 'tb-sized', kind: 'TbSized', spec: type({ size: "'small' | 'large'" }), status: type({ cpu: 'string' }) },
  (spec) => {
    const cpus = { small: '100m', large: '2' };
    return { cpu: cpus[spec.size] ?? 'none' };
  },
);

const valuesHint = (way: string): string => `\n  hint: ${way}, or declare the child's field a plain 'string'`;
const compiledFor = "The child was compiled for those values only (a lookup by it, its characters), and would differ from JavaScript on other text";

test("text that may be outside a child's enumeration (a cast) is refused at the call", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-cast', kind: 'TbCast', spec: type({ size: 'string' }), status: type({ cpu: 'string' }) }, (spec) => {
      const c = sized({ size: spec.size as 'small' | 'large' });
      return { cpu: c.status.cpu };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-cast'", 'sized(')}: nested composition "tb-sized": its spec field spec.size is declared with the values "large" | "small", and the parent passes \`spec.size\`, which may be other text (a cast with \`as\` does not change the value). ${compiledFor}${valuesHint("declare the parent's field with these values (or some of them)")}`,
  );
});

test("a literal outside a child's enumeration is refused", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-medium', kind: 'TbMedium', spec: type({ a: 'string' }), status: type({ cpu: 'string' }) }, () => {
      const c = sized({ size: 'medium' as 'small' });
      return { cpu: c.status.cpu };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-medium'", 'sized(')}: nested composition "tb-sized": its spec field spec.size is declared with the values "large" | "small", and the parent passes "medium", which is not one of them. ${compiledFor}${valuesHint('pass one of "large" | "small"')}`,
  );
});

test('values of the enumeration pass through (the same or fewer values, a choice of literals), and agree with JavaScript', () => {
  const parent = kubernetesComposition(
    { name: 'tb-sizes', kind: 'TbSizes', spec: type({ size: "'small' | 'large'", big: 'boolean', only: "'large'" }), status: type({ a: 'string', b: 'string', c: 'string' }) },
    (spec) => {
      const a = sized({ size: spec.size });
      const b = sized({ size: spec.big ? 'large' : 'small' });
      const c = sized({ size: spec.only });
      return { a: a.status.cpu, b: b.status.cpu, c: c.status.cpu };
    },
  );
  const result = simulate(parent, { size: 'small', big: true, only: 'large' } as never);
  assert.deepEqual(result.status, { a: '100m', b: '2', c: '2' });
});

const defaulted = kubernetesComposition(
  { name: 'tb-defaulted', kind: 'TbDefaulted', spec: type({ replicas: 'number.integer = 2', 'opt?': 'string' }), status: type({ s: 'string' }) },
  (spec) => ({ s: `b${spec.replicas}-${spec.opt === undefined ? 'absent' : 'set'}` }),
);

test("null given to a child's field is refused: JavaScript keeps it, an instance's null is an absent field", () => {
  const way = "pass undefined, or leave the field out, where you mean the child's default or an absent field";
  const why = 'JavaScript passes null to the child as it is (`${x}` is "null", `x === undefined` is false), while a null field of an instance is an absent one (the API server drops it and fills the default)';
  for (const [field, args] of [['replicas', { replicas: null }], ['opt', { opt: null }]] as const) {
    const define = () =>
      kubernetesComposition({ name: `tb-null-${field}`, kind: 'TbNull', spec: type({ a: 'string' }), status: type({ s: 'string' }) }, () => {
        const c = defaulted(args as never);
        return { s: c.status.s };
      });
    assert.equal(definitionError(define), `${at('`tb-null-${field}`', 'defaulted(')}: nested composition "tb-defaulted": its spec field spec.${field} is given null. ${why}\n  hint: ${way}`);
  }
});
