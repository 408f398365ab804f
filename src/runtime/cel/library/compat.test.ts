/**
 * The compatibility layer's ports of Go behaviour, table by table. The full comparison with cel-go is
 * test/cel/parity.test.ts; these pin the helpers so a regression points at the function that broke.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { impossibleRead, openApiToCel } from '../convert.js';
import { createCelEngine } from '../engine.js';
import { CelCompileError } from '../types.js';
import { formatFixedShortest, formatGoG, parseGoFloat } from './numbers.js';
import { parseQuantity } from './quantity.js';
import { compileRe2, translateRe2 } from '../../../util/re2.js';
import { parseGoDuration, parseRfc3339 } from './time.js';

describe('Go number formatting', () => {
  const g: [number, string][] = [
    [1_000_000, '1e+06'],
    [123456, '123456'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1234567.8, '1.2345678e+06'],
    [-0, '-0'],
    [Infinity, '+Inf'],
    [1e21, '1e+21'],
  ];
  for (const [x, text] of g) it(`%g of ${x} is ${text}`, () => assert.equal(formatGoG(x), text));
  const f: [number, string][] = [
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [1.5, '1.5'],
    [-0, '-0'],
  ];
  for (const [x, text] of f) it(`'f' -1 of ${x} is ${text}`, () => assert.equal(formatFixedShortest(x), text));
  const parse: [string, number | 'error'][] = [
    ['1_000', 1000],
    ['0x1p-2', 0.25],
    ['.5', 0.5],
    ['5.', 5],
    ['-Inf', -Infinity],
    ['0x10', 'error'],
    ['', 'error'],
    ['1e400', 'error'],
    [' 1', 'error'],
  ];
  for (const [text, value] of parse) {
    it(`ParseFloat(${JSON.stringify(text)})`, () => (value === 'error' ? assert.throws(() => parseGoFloat(text)) : assert.equal(parseGoFloat(text), value)));
  }
});

describe('RE2 → JavaScript RegExp', () => {
  const ok: [string, string, string][] = [
    ['(?i)abc', 'abc', 'i'],
    ['[[:alpha:]]+', '[A-Za-z]+', ''],
    ['\\pL', '\\p{L}', ''],
    ['\\p{Greek}', '\\p{Script=Greek}', ''],
    ['a\\:b', 'a:b', ''],
    ['a{b', 'a\\{b', ''],
    ['\\Qa.b\\E', 'a\\.b', ''],
    ['(?P<n>x)', '(?<n>x)', ''],
    ['\\s', '[\\t\\n\\f\\r ]', ''],
    ['a.b', 'a[^\\n]b', ''],
    ['(?s)a.b', 'a[\\s\\S]b', 's'],
    ['\\PC', '\\P{C}', ''],
  ];
  for (const [re2, source, flags] of ok) it(`${re2} → /${source}/${flags}`, () => assert.deepEqual(translateRe2(re2), { source, flags }));
  for (const rejected of ['a(?=b)', '(a)\\1', 'a{1001}', 'a(?i)b', '(?U)a', '[[:^alpha:]]']) {
    it(`${rejected} is an error`, () => assert.throws(() => translateRe2(rejected)));
  }
  it('matches as Go: . takes \\r and U+2028, \\s no NBSP, \\pC holds unassigned code points (Go 1.26, as the API server checks)', () => {
    assert.equal(compileRe2('^a.b$').test('a\rb'), true);
    assert.equal(compileRe2('^a.b$').test('a\u2028b'), true);
    assert.equal(compileRe2('^a.b$').test('a\nb'), false);
    assert.equal(compileRe2('^\\PC$').test('\u0378'), false);
    assert.equal(compileRe2('^\\PC$').test('\u0007'), false);
    assert.equal(compileRe2('^\\s$').test('\u00a0'), false);
  });
});

describe('apimachinery Quantity', () => {
  const cases: [string, bigint, number, boolean][] = [
    ['1Gi', 1073741824n, 0, false],
    ['500m', 500n, -3, false],
    ['1.5', 15n, -1, false],
    ['0.5Gi', 536870912_000000000n, -9, true],
    ['1.0000000001', 1000000001n, -9, true],
    ['100E', 100n, 18, false], // the int64 fast path holds 100×10^18; asInteger then overflows
    ['99999999999999999999', 99999999999999999999_000000000n, -9, true],
    ['9999999999999999999Ki', 2n ** 63n - 1n, 0, true], // only binary-suffixed values are capped
    ['-1Ki', -1024n, 0, false],
  ];
  for (const [text, value, scale, dec] of cases) {
    it(text, () => assert.deepEqual({ ...parseQuantity(text) }, { value, scale, dec }));
  }
  for (const bad of ['', '1K', '1Gb', 'abc', '1e']) it(`${JSON.stringify(bad)} is not a quantity`, () => assert.throws(() => parseQuantity(bad)));
});

describe('Go time parsing', () => {
  it('RFC 3339 with offset and comma fraction', () => {
    assert.equal(parseRfc3339('2024-01-01T02:00:00,5+02:00').toISOString(), '2024-01-01T00:00:00.500Z');
  });
  for (const bad of ['2024-01-01t00:00:00z', '2023-02-29T00:00:00Z', '2024-01-01T24:00:00Z', '0000-01-01T00:00:00Z', '2024-01-01']) {
    it(`${bad} is rejected`, () => assert.throws(() => parseRfc3339(bad)));
  }
  const durations: [string, bigint | 'error'][] = [
    ['1h2m3.5s', 3_723_500_000_000n],
    ['-1.5µs', -1_500n],
    ['0', 0n],
    ['.5s', 500_000_000n],
    ['1', 'error'],
    ['1d', 'error'],
    ['320000000000s', 'error'],
  ];
  for (const [text, nanos] of durations) {
    it(`ParseDuration(${text})`, () => (nanos === 'error' ? assert.throws(() => parseGoDuration(text)) : assert.equal(parseGoDuration(text), nanos)));
  }
});

describe('openApiToCel (KRO UnstructuredToVal)', () => {
  const schema = {
    type: 'object',
    properties: {
      n: { type: 'number' },
      i: { type: 'integer' },
      t: { type: 'string', format: 'date-time' },
      b: { type: 'string', format: 'byte' },
      m: { type: 'object', additionalProperties: { type: 'integer' } },
      x: { 'x-kubernetes-int-or-string': true },
    },
  };
  it('types values by the schema; undeclared fields stay plain JSON and null fields are absent, as in KRO', () => {
    const value = openApiToCel(schema, { n: 3, i: 4, t: '2024-05-01T10:00:00Z', b: 'aGk=', m: { a: 1 }, x: 'http', extra: 1, gone: null }) as Record<string, unknown>;
    assert.equal(value.n, 3);
    assert.equal(value.i, 4n);
    assert.ok(value.t instanceof Date);
    assert.deepEqual(value.b, new Uint8Array([104, 105]));
    assert.deepEqual(value.m, { a: 1n });
    assert.equal(value.x, 'http');
    assert.equal(value.extra, 1n);
    assert.equal('gone' in value, false);
  });
  it('impossibleRead: undeclared fields of declared objects, fields of scalars; maps and untyped parts are open', () => {
    assert.match(impossibleRead(schema, ['nope']) ?? '', /the object has no field "nope" in its schema \(fields: b, i, m, n, t, x\)/);
    assert.match(impossibleRead(schema, ['t', 'seconds']) ?? '', /"t" is a string \(date-time\), which has no field "seconds"/);
    assert.equal(impossibleRead(schema, ['m', 'anything']), undefined);
    assert.equal(impossibleRead(schema, ['x', 'y']), undefined);
    assert.equal(impossibleRead({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: {} }, ['a', 'b']), undefined);
    assert.equal(impossibleRead({ type: 'array', items: schema }, [0, 'n']), undefined);
  });
});

describe('engine rewrites', () => {
  const cel = createCelEngine();
  const evaluate = (source: string) => cel.evaluate(cel.compile(source, { variables: [] }), {});
  it('reports the CEL names, not the internal ones', () => {
    assert.throws(() => cel.compile('string([1])'), (error: Error) => /'string\(list<int>\)'/.test(error.message) && !/kro[A-Z]/.test(error.message));
  });
  it('the left error wins in || and &&, as in cel-go', () => {
    assert.equal(cel.evaluate(cel.compile('o.missing || 1 / 0 == 1', { variables: ['o'] }), { o: {} }).kind, 'pending');
    assert.equal(cel.evaluate(cel.compile('1 / 0 == 1 && o.missing', { variables: ['o'] }), { o: {} }).kind, 'error');
  });
  it('a string index into a list is fatal, not pending', () => assert.equal(evaluate('[1][dyn("a")]').kind, 'error'));
  it('runtime.newCondition keys are quoted; unknown keys are compile errors', () => {
    assert.deepEqual(evaluate('runtime.newCondition({type: "Ready", status: "True"}).status'), { kind: 'value', value: 'True' });
    assert.throws(() => cel.compile('runtime.newCondition({type: "R", status: "True", color: "red"})'), CelCompileError);
  });
  it('rejects cel-js extras that KRO lacks', () => assert.throws(() => cel.compile('b"a".hex()'), CelCompileError));
  it('rejects runtime as a variable name', () => assert.throws(() => cel.compile('runtime', { variables: ['runtime'] }), CelCompileError));
});
