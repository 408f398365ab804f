/**
 * A field the schema declares an object of any fields (`'Record<string, unknown>'`, a custom resource's status
 * without a schema) enumerated and defaulted as JavaScript does, in KRO's cel-go (tools/cel-oracle, KRO
 * v0.9.4's environment) and our engine: `Object.keys(x).length`, `Object.values(x).includes(v)`,
 * `Object.keys(x ?? {}).some(...)`, `(x ?? {}).a` (trial 21 F14). Before, the enumerations were refused, and
 * `x ?? {}` wrote `x.orValue({})`, which KRO's checker refuses on its object type. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { customResource, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { OpenApiSchema, TaggedJson } from '../cel/vectors.js';
import { answersAgree } from '../cel/compare.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors } from '../support/cel-oracle.js';

const objects = kubernetesComposition(
  {
    name: 'untyped-object',
    kind: 'UntypedObject',
    spec: type({ name: 'string', cfg: 'Record<string, unknown>', 'opt?': 'Record<string, unknown>' }),
    status: type({ keys: 'number', found: 'boolean', some: 'boolean', optKeys: 'number', a: 'unknown' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'x' } });
    return {
      keys: Object.keys(spec.cfg).length,
      found: Object.values(spec.cfg).includes('x'),
      some: Object.keys(spec.opt ?? {}).some((k) => k.startsWith('a')),
      optKeys: Object.keys(spec.opt ?? {}).length,
      a: (spec.opt ?? {}).a ?? 'none',
    };
  },
);

const schema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { name: { type: 'string' }, cfg: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, opt: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
} as OpenApiSchema;

const INSIDES: readonly Record<string, TaggedJson>[] = [{}, { a: 1 }, { a: 'x', b: [1] }, { ab: null, b: 'x' }, { c: { a: 1 }, d: ['x'], e: 2.5 }];

test('an object of any fields enumerated and defaulted: cel-go, our engine and JavaScript agree', () => {
  const specs = INSIDES.flatMap((cfg, j) => [{ name: 'n', cfg }, { name: 'n', cfg, opt: INSIDES[(j + 2) % INSIDES.length]! }]);
  const vectors = statusVectors({ objects: { composition: objects as never, spec: specs[0]!, specs } }, schema);
  assert.equal(vectors.length, specs.length * 5);
  assertStatusVectorsAgree(vectors);
});

const statusKeys = kubernetesComposition(
  { name: 'untyped-status-keys', kind: 'UntypedStatusKeys', spec: type({ name: 'string' }), status: type({ n: 'number' }) },
  (spec) => {
    const c = customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: spec.name }, spec: { size: 1 } });
    return { n: Object.keys(c.status ?? {}).length };
  },
);

test('the keys of a custom resource status without a schema, defaulted: cel-go, our engine and JavaScript agree', () => {
  const text = (parse(statusKeys.toYaml()) as { spec: { schema: { status: { n: string } } } }).spec.schema.status.n;
  const expr = /^\$\{(.*)\}$/s.exec(text)![1]!;
  const cSchema = { type: 'object', properties: { status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } as OpenApiSchema;
  // Without nulls: evaluateConcrete reads a null field of an observed object as not set (see its TSDoc).
  const observed: readonly (Record<string, TaggedJson> | undefined)[] = [undefined, ...INSIDES.filter((inside) => !Object.values(inside).includes(null))];
  const vectors = observed.map((status, j) => ({ id: `n-${j}`, expr, vars: { c: (status === undefined ? {} : { status }) as TaggedJson }, schemas: { c: cSchema }, status }));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    const js = evaluateConcrete(statusKeys, { name: 'n' }, { observed: { c: vector.status === undefined ? {} : { status: vector.status } } }).status.n;
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.value, js, vector.id);
  }
});
