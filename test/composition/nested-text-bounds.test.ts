/**
 * A nested composition's text field bounded by a pattern (trial 20 F1): the child's `toUpperCase()` of a
 * `/^[ -~]*$/` field compiles to `upperAscii()`, exact on the text the pattern admits. A parent passing wider
 * text (its plain `'string'` field, a literal such as 'straße', list items of a plain string) is refused where
 * it calls the child, naming the field, the pattern and what it passes; text as bounded passes through.
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
const methods = "The child's text methods (toUpperCase, length, trim, ...) were compiled for the characters it admits, and would differ from JavaScript on other text";

test("a plain 'string' spec field passed to a child's patterned field is refused at the call", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-plain', kind: 'TbPlain', spec: type({ t: 'string' }), status: type({ up: 'string' }) }, (spec) => {
      const c = child({ v: spec.t });
      return { up: c.status.up };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-plain'", 'child(')}: nested composition "tb-child": its spec field spec.v is declared with the pattern /^[ -~]*$/, and the parent passes \`spec.t\`, text that may hold characters outside it. ${methods}${hint("declare the parent's field with the same pattern (/^[ -~]*$/)")}`,
  );
});

test("a literal the child's pattern does not admit is refused, as a fraction for an integer field is", () => {
  const define = () =>
    kubernetesComposition({ name: 'tb-literal', kind: 'TbLiteral', spec: type({ x: 'string' }), status: type({ u: 'string' }) }, () => {
      const c = lower({ n: 2, s: 'straße' });
      return { u: c.status.u };
    });
  assert.equal(
    definitionError(define),
    `${at("'tb-literal'", 'lower(')}: nested composition "tb-lower": its spec field spec.s is declared with the pattern /^[a-z]+$/, and the parent passes "straße", which it does not admit. ${methods}${hint('pass text the pattern admits')}`,
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
    `${at("'tb-list'", 'teams(')}: nested composition "tb-teams": its spec field spec.teams[].name is declared with the pattern /^[a-z]+$/, and the parent passes \`spec.teams\`, text that may hold characters outside it. ${methods}${hint("declare the parent's field with the same pattern (/^[a-z]+$/)")}`,
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
    `${at("'tb-template'", 'child(')}: nested composition "tb-child": its spec field spec.v is declared with the pattern /^[ -~]*$/, and the parent passes \`x-\${spec.t}\`, text that may hold characters outside it. ${methods}${hint("pass text bounded as the child's field is (a spec field of the parent declared with the same pattern (/^[ -~]*$/))")}`,
  );
});
