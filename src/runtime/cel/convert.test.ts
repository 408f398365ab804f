import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SchemaNode } from '../../ir/schema.js';
import { celToJson, CelOutputError, goDuration, jsonToCel, specToCel } from './convert.js';
import { createCelEngine } from './engine.js';

const leaf = (kind: 'string' | 'integer' | 'float' | 'boolean'): SchemaNode => ({ kind, markers: {} });
const spec: SchemaNode = {
  kind: 'struct',
  required: [],
  markers: {},
  fields: {
    replicas: leaf('float'),
    port: leaf('integer'),
    ports: { kind: 'array', items: leaf('integer'), markers: {} },
    labels: { kind: 'map', values: leaf('string'), markers: {} },
    extra: { kind: 'object', markers: {} },
  },
};

describe('input conversion', () => {
  it('follows the schema: integer → int, float → double even when whole', () => {
    const value = specToCel(spec, { replicas: 3, port: 80, ports: [1, 2], labels: { a: 'b' }, extra: { n: 2, f: 1.5 } });
    assert.deepEqual(value, { replicas: 3, port: 80n, ports: [1n, 2n], labels: { a: 'b' }, extra: { n: 2n, f: 1.5 } });
  });
  it('API server objects: whole numbers are ints', () => {
    assert.deepEqual(jsonToCel({ spec: { replicas: 3, ratio: 0.5, items: [1, 'x', null] } }), {
      spec: { replicas: 3n, ratio: 0.5, items: [1n, 'x', null] },
    });
  });
  it('makes CEL see ints where the schema says integer', () => {
    const cel = createCelEngine();
    const check = cel.compile('schema.spec.port == 80 && int(schema.spec.replicas) == 3 && schema.spec.replicas == 3.0');
    const schema = { spec: specToCel(spec, { replicas: 3, port: 80 }) };
    assert.deepEqual(cel.evaluate(check, { schema }), { kind: 'value', value: true });
  });
});

describe('output conversion', () => {
  const cel = createCelEngine();
  const out = (source: string): unknown => {
    const result = cel.evaluate(cel.compile(source), {});
    assert.equal(result.kind, 'value');
    return celToJson((result as { value: unknown }).value);
  };
  it('int → number, lists and maps recursively', () => assert.deepEqual(out('{"a": [1, 2.5, "x", true, null]}'), { a: [1, 2.5, 'x', true, null] }));
  it('optional none → null, optional value → value', () => {
    assert.equal(out('optional.none()'), null);
    assert.equal(out('optional.of(3)'), 3);
  });
  it('timestamp → RFC 3339 UTC whole seconds', () => assert.equal(out('timestamp("2024-01-02T03:04:05.678Z")'), '2024-01-02T03:04:05Z'));
  it('duration → Go duration text', () => assert.equal(out('duration("3600s")'), '1h0m0s'));
  it('-0.0 → 0, as JSON (and so the cluster) holds it, in a list and a map too', () => {
    for (const value of [out('-0.0'), out('0.0 * -1.0'), ...(out('[-0.0]') as number[]), (out('{"a": -0.0}') as { a: number }).a]) assert.ok(Object.is(value, 0), String(value));
  });
  it('bytes are rejected', () => assert.throws(() => out('b"x"'), CelOutputError));
  it('ints beyond 2^53 are rejected rather than rounded', () => assert.throws(() => out('9007199254740993'), CelOutputError));
  const durations: [bigint, string][] = [
    [0n, '0s'],
    [1_500_000_000n, '1.5s'],
    [300_000_000n, '300ms'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [1_500n, '1.5µs'],
    [-2_000_000_000n, '-2s'],
  ];
  for (const [nanos, text] of durations) it(`Go duration ${text}`, () => assert.equal(goDuration(nanos), text));
});

describe('maps whose keys are names of Object.prototype (trial 3 B3)', () => {
  // Keys are user data (labels, env names): JavaScript reads them as any other key, and so does cel-go.
  const cel = createCelEngine();
  const run = (expr: string, m: unknown, k = ''): unknown => cel.evaluate(cel.compile(expr, { variables: ['m', 'k'] }), { m: jsonToCel(m), k });
  const maps: Record<string, string>[] = [{ constructor: 'c', a: 'x' }, JSON.parse('{"__proto__": "p", "a": "x"}') as Record<string, string>, { toString: 't', hasOwnProperty: 'h', valueOf: 'v' }];
  for (const m of maps) {
    it(`reads, counts and writes back ${JSON.stringify(m)} as JavaScript does`, () => {
      for (const key of [...Object.keys(m), 'a', 'constructor']) {
        const expected = Object.hasOwn(m, key) ? { kind: 'value', value: m[key] } : { kind: 'pending', reason: `No such key: ${key}` };
        assert.deepEqual(run('m[k]', m, key), expected, key);
        assert.deepEqual(run('k in m', m, key), { kind: 'value', value: Object.hasOwn(m, key) }, key);
      }
      assert.deepEqual(run('size(m)', m), { kind: 'value', value: BigInt(Object.keys(m).length) });
      const back = run('m', m) as { value: unknown };
      assert.deepEqual(Object.entries(celToJson(back.value) as object), Object.entries(m));
    });
  }
});
