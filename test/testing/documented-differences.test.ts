/**
 * README's "Where the CEL differs" documents what a deploy does differently from JavaScript; simulate
 * reports those as documented differences (naming the section) rather than as a TypeKro bug, and still
 * throws on everything else, even where it looks alike.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, type ConcreteEvaluation } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate, SimulationDivergenceError } from '../../src/testing/index.js';
import { crossCheck } from '../../src/testing/offline/cross-check.js';

/** ASCII text (a pattern the API server checks): case mapping and trim are exact, no difference at all. */
const app = kubernetesComposition(
  { name: 'text', kind: 'Text', spec: type({ s: /^[ -~]*$/ }), status: type({ upper: 'string', lower: 'string', trimmed: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'text', data: { upper: spec.s.toUpperCase(), trimmed: spec.s.trim() } });
    return { upper: spec.s.toUpperCase(), lower: spec.s.toLowerCase(), trimmed: spec.s.trim() };
  },
);

const SECTION = 'README.md, "Where the CEL differs"';

describe('documented differences in simulate', () => {
  it('ASCII text: no difference at all', () => {
    const result = simulate(app, { s: '  Shop ' });
    assert.deepEqual([result.status, result.documentedDifferences], [{ upper: '  SHOP ', lower: '  shop ', trimmed: 'Shop' }, []]);
  });

  it('case mapping and trim are no documented difference any more: the README lists neither (they compile only where exact)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const note = readme.split('**Where the CEL differs.**')[1]!.split('<!-- #endregion cel-table -->')[0]!;
    assert.doesNotMatch(note, /lowerAscii|TrimSpace|split\(''\)|'｡' < '😀'/);
    assert.match(note, /documentedDifferences/);
  });

  it('look-alikes of a case or trim difference are a TypeKro bug', () => {
    const plan = { order: [], nodes: new Map(), ready: true };
    const js = (v: string): ConcreteEvaluation => ({ resources: [], status: { v }, pendingStatus: [] });
    const check = (compiled: string, javascript: string) => crossCheck(plan, { status: { v: compiled }, pending: [] }, js(javascript));
    for (const [compiled, javascript] of [['abc', 'ABC'], ['ébc', 'ÉBC '], [' x', 'x'], ['\u200bx', 'x'], ['\ufeffy', 'x'], ['é', 'É'], ['\ufeffx', 'x']]) {
      assert.deepEqual(check(compiled!, javascript!).map((d) => d.documented), [undefined], `${compiled} / ${javascript}`);
    }
    assert.ok(new SimulationDivergenceError('x', [{ aspect: 'status.v', detail: 'compiled 1, JavaScript 2' }]).message.includes('TypeKro bug'));
  });
});

describe('numbers at the edges are documented; a length and an ordering are no documented differences (trial 2: t01, t02)', () => {
  const order = kubernetesComposition(
    { name: 'order', kind: 'Order', spec: type({ a: 'string', b: 'string' }), status: type({ len: 'number' }) },
    (spec) => ({ len: spec.b.length }),
  );

  it('a length counts UTF-16 code units as JavaScript does: no difference at all; neither is an ordering one documented', () => {
    const result = simulate(order, { a: '\uff61', b: '\u{1f600}' });
    assert.deepEqual(result.status, { len: 2 });
    assert.deepEqual(result.documentedDifferences, []);
    // an ordering difference is no documented one any more, with or without a character outside the BMP
    const plan = { order: [], nodes: new Map(), ready: true };
    const js: ConcreteEvaluation = { resources: [], status: { lt: false }, pendingStatus: [] };
    assert.equal(crossCheck(plan, { status: { lt: true }, pending: [] }, js, { dependencies: () => [], mayWait: () => false, inputs: ['a', 'b'] })[0]!.documented, undefined);
    assert.equal(crossCheck(plan, { status: { lt: true }, pending: [] }, js, { dependencies: () => [], mayWait: () => false, inputs: ['\uff61', '\u{1f600}'] })[0]!.documented, undefined);
  });

  const numbers = kubernetesComposition(
    { name: 'numbers', kind: 'Numbers', spec: type({ i: 'number.integer', j: 'number.integer' }), status: type({ big: 'number', div: 'number', sum: 'number' }) },
    (spec) => ({ big: spec.i * spec.i, div: spec.i / spec.j, sum: spec.i + spec.j }),
  );

  it('an int64 overflow and a division by zero are errors in CEL: the fields left out and failed, the instance not ready, the overflow documented (trial 15 F2)', () => {
    const result = simulate(numbers, { i: 5000000000, j: 0 });
    assert.deepEqual(result.status, { sum: 5000000000 });
    // as a direct deploy fails on them, naming the fields, and KRO fails the instance's reconcile
    assert.deepEqual(result.failedStatus, ['big: integer overflow: 25000000000000000000', 'div: the double Infinity has no JSON form']);
    assert.equal(result.ready, false);
    assert.deepEqual(simulate(numbers, { i: 5, j: 2 }).failedStatus, []);
    assert.deepEqual(
      result.documentedDifferences.map((d) => [d.aspect, d.detail, d.documented?.startsWith(SECTION)]),
      [['status.big', 'compiled undefined, JavaScript 25000000000000000000', true]],
    );
    // 5000000000 / 0 is Infinity in JavaScript, which no JSON holds: JavaScript's run fails the field too (trial 18 F3), so no difference
    assert.deepEqual(evaluateConcrete(numbers, { i: 5000000000, j: 0 }).failedStatus, ['div: the double Infinity has no JSON form']);
  });

  it('a compiled error where JavaScript has an ordinary number stays a bug', () => {
    const plan = { order: [], nodes: new Map(), ready: true };
    const js: ConcreteEvaluation = { resources: [], status: { n: 3 }, pendingStatus: [] };
    assert.deepEqual(crossCheck(plan, { status: {}, pending: [] }, js), [{ aspect: 'status.n', detail: 'compiled undefined, JavaScript 3' }]);
  });
});

describe("an int beyond JavaScript's safe range (trial 17)", () => {
  const back = kubernetesComposition(
    { name: 'back', kind: 'Back', spec: type({ big: 'number.integer' }), status: type({ back: 'number' }) },
    (spec) => ({ back: spec.big * 4 - spec.big * 3 }),
  );

  it('is refused in a status field: documented, failed, not ready, where JavaScript rounds to a safe value', () => {
    const result = simulate(back, { big: 4503599627370497 });
    assert.deepEqual(result.failedStatus, [
      "back: integer beyond JavaScript's safe range: `4503599627370497 * 4` is 18014398509481988 in 64-bit integers; JavaScript gets the same here, but its float64 arithmetic rounds beyond ±9007199254740991 where 64-bit integers do not, so TypeKro refuses it rather than risk a value JavaScript would not compute",
    ]);
    assert.equal(result.ready, false);
    assert.deepEqual(
      result.documentedDifferences.map((d) => [d.aspect, d.detail, d.documented]),
      [['status.back', 'compiled undefined, JavaScript 4503599627370496', 'README.md, "Numbers at the edges": an integer operation whose exact result leaves JavaScript\'s safe range (±(2^53 − 1)) is refused in both modes, where JavaScript computes in float64']],
    );
    assert.deepEqual(simulate(back, { big: 4503599627370 }).status, { back: 4503599627370 });
  });

  it('a compiled error of another kind where JavaScript has a safe number stays a bug', () => {
    const plan = { order: [], nodes: new Map(), ready: true };
    const js: ConcreteEvaluation = { resources: [], status: { n: 3 }, pendingStatus: [] };
    assert.deepEqual(crossCheck(plan, { status: {}, pending: [], errors: ['n: division by zero'] }, js), [{ aspect: 'status.n', detail: 'compiled undefined, JavaScript 3' }]);
  });
});

describe('a map key from the data naming an inherited member (trial 4, F01)', () => {
  const lookup = kubernetesComposition(
    { name: 'inherited', kind: 'Inherited', spec: type({ key: 'string', m: 'Record<string, string>' }), status: type({ set: 'boolean', pick: 'string' }) },
    (spec) => ({ set: spec.m[spec.key] !== undefined, pick: spec.m[spec.key] ? 'own' : 'none' }),
  );

  it('JavaScript reads Object.prototype, CEL the own keys: documented, with the compiled values', () => {
    const result = simulate(lookup, { key: 'constructor', m: {} });
    assert.deepEqual(result.status, { set: false, pick: 'none' });
    assert.deepEqual(
      result.documentedDifferences.map((d) => [d.aspect, d.detail, d.documented?.startsWith(`${SECTION}: a map key from the spec or the cluster`)]),
      [
        ['status.pick', 'compiled "none", JavaScript "own"', true],
        ['status.set', 'compiled false, JavaScript true', true],
      ],
    );
    assert.deepEqual(simulate(lookup, { key: 'x', m: { x: 'y' } }).status, { set: true, pick: 'own' });
  });

  it('without an inherited name among the inputs the same difference is a bug', () => {
    const plan = { order: [], nodes: new Map(), ready: true };
    const js: ConcreteEvaluation = { resources: [], status: { set: true }, pendingStatus: [] };
    assert.equal(crossCheck(plan, { status: { set: false }, pending: [] }, js, { dependencies: () => [], mayWait: () => false, inputs: ['constructors'] })[0]!.documented, undefined);
  });
});

describe('binary data given as observed cluster data (trial 4, F11)', () => {
  it('is refused naming the field and the base64 text the API server returns, in simulate and evaluateConcrete', async () => {
    const { evaluateConcrete } = await import('../../src/index.js');
    const { Secret } = await import('../../src/simple.js');
    const app = kubernetesComposition({ name: 'sec', kind: 'Sec', spec: type({ s: 'string' }), status: type({ n: 'string' }) }, () => {
      const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
      return { n: sec.metadata.name };
    });
    const observed = { sec: { data: { pw: new TextEncoder().encode('secret') } } };
    const message = 'observed["sec"].data.pw is binary data (Uint8Array); give observed objects as the API server returns them, JSON: a Secret\'s data as base64 text (e.g. "c2VjcmV0")';
    assert.throws(() => simulate(app, { s: 'x' }, { observed }), (error: Error & { code?: string }) => error.code === 'USAGE' && error.message === message);
    assert.throws(() => evaluateConcrete(app, { s: 'x' }, { observed }), (error: Error & { code?: string }) => error.code === 'USAGE' && error.message === message);
  });
});
