import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from './engine.js';
import { CelCompileError } from './types.js';

const cel = createCelEngine();
const run = (source: string, vars: Record<string, unknown> = {}) => cel.evaluate(cel.compile(source), vars);
const valueOf = (source: string, vars: Record<string, unknown> = {}): unknown => {
  const result = run(source, vars);
  assert.equal(result.kind, 'value', `${source}: ${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return (result as { value: unknown }).value;
};

describe('CEL engine: functions the compiler emits', () => {
  const cases: [string, unknown][] = [
    ['size([1, 2, 3])', 3n],
    ['size("héllo")', 5n],
    ['has(o.a)', true],
    ['has(o.missing)', false],
    ['string(42)', '42'],
    ['int(3.9)', 3n],
    ['int("12")', 12n],
    ['double(3)', 3],
    ['"hello".contains("ell")', true],
    ['"hello".startsWith("he")', true],
    ['"hello".endsWith("lo")', true],
    ['"HeLLo".lowerAscii()', 'hello'],
    ['"ÆB".lowerAscii()', 'Æb'],
    ['"hello".upperAscii()', 'HELLO'],
    ['"æb".upperAscii()', 'æB'],
    ['"  x \\t".trim()', 'x'],
    ['"a,b,c".split(",")', ['a', 'b', 'c']],
    ['"a,b,c".split(",", 2)', ['a', 'b,c']],
    ['"aaa".replace("a", "b")', 'bbb'],
    ['"aaa".replace("a", "b", 1)', 'baa'],
    ['"ab".replace("", "-")', '-a-b-'],
    ['["a", "b"].join("-")', 'a-b'],
    ['["a", "b"].join()', 'ab'],
    ['"hello".indexOf("l")', 2n],
    ['"hello".substring(1, 3)', 'el'],
    ['"hello".charAt(1)', 'e'],
    ['"hello".charAt(5)', ''],
    ['[1, 2, 3].exists(x, x > 2)', true],
    ['[1, 2, 3].all(x, x > 0)', true],
    ['[1, 2, 3].exists_one(x, x > 2)', true],
    ['[1, 2, 3].filter(x, x > 1)', [2n, 3n]],
    ['[1, 2, 3].map(x, x * 2)', [2n, 4n, 6n]],
    ['2 in [1, 2]', true],
    ['"k" in {"k": 1}', true],
    ['[3, 1, 2].max()', 3n],
    ['[3, 1, 2].min()', 1n],
    ['[1.5, 2.5].max()', 2.5],
    ['o.?a.orValue(0)', 1n],
    ['o.?missing.orValue(7)', 7n],
    ['o.?missing.hasValue()', false],
    ['[1][?3].orValue(9)', 9n],
    ['optional.of(1).hasValue()', true],
    ['cel.bind(v, 2, v * v)', 4n],
    ['[1, "a"]', [1n, 'a']],
    ['"a" + string(1) + "b"', 'a1b'],
  ];
  for (const [source, expected] of cases) {
    it(source, () => assert.deepEqual(valueOf(source, { o: { a: 1n } }), expected));
  }
});

describe('CEL engine: pending vs fatal, as KRO classifies', () => {
  const cases: [string, 'pending' | 'error'][] = [
    ['o.missing', 'pending'],
    ['o.missing.deeper', 'pending'],
    ['o.list[5]', 'pending'],
    ['o.map["k"]', 'pending'],
    ['1 / 0', 'error'],
    ['int("x")', 'error'],
    ['o.a + "s"', 'error'],
    ['[].max()', 'error'],
    ['"abc".charAt(9)', 'error'],
  ];
  for (const [source, kind] of cases) {
    it(`${source} is ${kind}`, () => assert.equal(run(source, { o: { a: 1n, list: [], map: {} } }).kind, kind));
  }
  it('a declared variable without a value is pending (cel-go: no such attribute)', () => {
    const program = cel.compile('deployment.status', { variables: ['deployment'] });
    assert.equal(cel.evaluate(program, {}).kind, 'pending');
  });
});

describe('CEL engine: compile errors', () => {
  it('rejects unknown identifiers when the variables are declared', () => {
    assert.throws(() => cel.compile('typo.spec', { variables: ['schema'] }), CelCompileError);
  });
  it('rejects syntax errors', () => assert.throws(() => cel.compile('a +'), CelCompileError));
  it('rejects int == double like cel-go (no cross-type numeric comparison)', () => {
    assert.throws(() => cel.compile('1 == 1.0'), CelCompileError);
  });
  it('compiles once and evaluates many times', () => {
    const program = cel.compile('x + 1', { variables: ['x'] });
    assert.deepEqual(cel.evaluate(program, { x: 1n }), { kind: 'value', value: 2n });
    assert.deepEqual(cel.evaluate(program, { x: 2n }), { kind: 'value', value: 3n });
  });
});
