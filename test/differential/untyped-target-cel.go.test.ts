/**
 * Property reads of a value typed only when read (an untyped spec field; a custom resource's status without a
 * schema) mean what JavaScript means in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's environment) and in our
 * engine, for every JSON value the field may hold: `x.b` is `undefined` unless `x` is an object holding `b`.
 * Before, a list there made cel-go fail ("unsupported index type 'string' in list", so KRO never reconciled
 * the instance) while our engine read nothing (trial 21 F3c). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { customResource, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { OpenApiSchema, TaggedJson } from '../cel/vectors.js';
import { answersAgree } from '../cel/compare.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors } from '../support/cel-oracle.js';

type B = { b?: unknown };
type Deep = { b?: { c?: unknown } };

const chains = kubernetesComposition(
  {
    name: 'untyped-target',
    kind: 'UntypedTarget',
    spec: type({ name: 'string', cfg: 'Record<string, unknown>' }),
    status: type({ opt: 'unknown', set: 'boolean', deep: 'unknown', dashed: 'unknown', both: 'unknown' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'x' } });
    const a = spec.cfg.a as B | undefined;
    return {
      opt: a?.b ?? 'none',
      set: a?.b !== undefined,
      deep: (spec.cfg.a as Deep | undefined)?.b?.c ?? 'none',
      dashed: (spec.cfg.a as Record<string, unknown> | undefined)?.['my-key'] ?? 'none',
      both: (spec.cfg.a as B | undefined)?.b ?? (spec.cfg.z as B | undefined)?.b ?? 'none',
    };
  },
);

const plain = kubernetesComposition(
  {
    name: 'untyped-target-plain',
    kind: 'UntypedTargetPlain',
    spec: type({ name: 'string', cfg: 'Record<string, unknown>' }),
    status: type({ read: 'unknown', set: 'boolean', dashed: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'x' } });
    const a = spec.cfg.a as B & Record<string, unknown>;
    return { read: a.b ?? 'none', set: a.b !== undefined, dashed: a['my-key'] !== undefined };
  },
);

const keys = kubernetesComposition(
  {
    name: 'untyped-target-keys',
    kind: 'UntypedTargetKeys',
    spec: type({ name: 'string', cfg: 'Record<string, unknown>' }),
    status: type({ inKey: 'boolean', inB: 'boolean', topIn: 'boolean', topKey: 'unknown', innerKey: 'unknown', keyText: 'string', topText: 'string', line: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'x' } });
    const a = spec.cfg.a as Record<string, unknown>;
    return {
      inKey: 'my-key' in a,
      inB: 'b' in a,
      topIn: 'my-key' in spec.cfg,
      topKey: spec.cfg['my-key'] ?? 'none',
      innerKey: a['my-key'] ?? 'none',
      // cel-go's checker types an indexed read by its default: `string()` of an int read there failed.
      keyText: String(a['my-key'] ?? 'none'),
      topText: String(spec.cfg['my-key'] ?? 'none'),
      line: `t-${spec.cfg['my-key'] ?? 0}`,
    };
  },
);

/** Every kind of JSON value, and objects holding each of them under `b`, `c` and `my-key`. */
const VALUES: readonly TaggedJson[] = [[1], ['b'], [], ['my-key'], 's', 'b', '', 3, 2.5, 0, true, false, { b: 'q' }, { b: [1] }, { b: { c: 'z' } }, { b: { c: [1] } }, { b: null }, { b: { c: null } }, { 'my-key': 1 }, {}];

const schema = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' }, cfg: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } } as OpenApiSchema;

test('reads (also `in` and bracket keys) of an untyped spec value mean what JavaScript means in cel-go and in our engine, whatever JSON it holds', () => {
  const specs = [...VALUES.map((a, j) => ({ name: 'n', cfg: { a, z: VALUES[(j + 5) % VALUES.length]! } })), { name: 'n', cfg: {} }, { name: 'n', cfg: { a: null } }];
  const present = specs.filter((spec) => 'a' in spec.cfg && spec.cfg.a !== null);
  // `in` throws a TypeError on text, a number or a boolean in JavaScript: only lists and objects there.
  const containers = present.filter((spec) => typeof spec.cfg.a === 'object').map((spec, j) => ({ ...spec, cfg: j % 2 === 0 ? { ...spec.cfg, 'my-key': j } : spec.cfg }));
  const cases = {
    chains: { composition: chains as never, spec: specs[0]!, specs },
    plain: { composition: plain as never, spec: present[0]!, specs: present },
    keys: { composition: keys as never, spec: containers[0]!, specs: containers },
  };
  const vectors = statusVectors(cases, schema);
  assert.ok(vectors.length >= 200, `only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});

test('a read through a list is undefined, as in JavaScript, not a cel-go error', () => {
  const status = (parse(plain.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  assert.equal(status.set, '${has(schema.spec.cfg.a) && (type(schema.spec.cfg.a) == type({}) ? dyn(schema.spec.cfg.a) : {}).?b.hasValue()}');
  assert.equal(status.dashed, '${has(schema.spec.cfg.a) && "my-key" in (type(schema.spec.cfg.a) == type({}) ? dyn(schema.spec.cfg.a) : {})}');
});

const cache = kubernetesComposition(
  {
    name: 'untyped-status',
    kind: 'UntypedStatus',
    spec: type({ name: 'string' }),
    status: type({ opt: 'unknown', deep: 'unknown' }),
  },
  (spec) => {
    const c = customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: spec.name }, spec: { size: 1 } });
    return { opt: (c.status.a as B | undefined)?.b ?? 'none', deep: (c.status.a as Deep | undefined)?.b?.c ?? 'none' };
  },
);

test('reads of a custom resource status without a schema: cel-go and our engine agree with JavaScript', () => {
  const status = (parse(cache.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  const exprs = Object.entries(status).map(([field, text]) => [field, /^\$\{(.*)\}$/s.exec(text)![1]!] as const);
  const cSchema = { type: 'object', properties: { status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } as OpenApiSchema;
  const vectors = VALUES.flatMap((a, j) => exprs.map(([field, expr]) => ({ id: `${field}-${j}`, expr, vars: { c: { status: { a } } as TaggedJson }, schemas: { c: cSchema }, a, field })));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    const a = vector.a as { b?: { c?: unknown } } | null;
    const js = vector.field === 'opt' ? (a as B | null)?.b ?? 'none' : a?.b?.c ?? 'none';
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, js, `${vector.id} on ${JSON.stringify(vector.a)}`);
  }
});
