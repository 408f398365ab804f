/**
 * A status field the declared type requires, whose JavaScript value is `undefined` for some spec (reachable
 * only through a cast or `!`: `a: (spec.flag ? 'x' : undefined) as string`, `c: spec.obj?.v as string`,
 * `b: spec.maybe as string`). JavaScript says `undefined`: pending (evaluateConcrete's `pendingStatus`). The
 * compiled CEL gives `optional.none()` for some forms and a failed read for others; both modes must report the
 * field pending, never absent by design: a complete report promises the whole declared type (StatusReport,
 * src/api/instance.ts), and `status.a` typed `string` would be `undefined`. A field the type lets be missing
 * (`'f?': 'string'`) that gives `optional.none()` stays absent by design (test/cluster/status-absent.cluster.test.ts).
 * Direct mode reports what `instanceStatus` classifies; kro mode what `reportInstance` classifies for the
 * fields KRO left out: both are checked here, against JavaScript, for each spec.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, prepareGraph, reportInstance } from '../../src/runtime/engine/index.js';
import { statusReport } from '../../src/api/instance.js';

const app = kubernetesComposition(
  {
    name: 'required-absent',
    apiVersion: 'absent.typekro.dev/v1alpha1',
    kind: 'RequiredAbsent',
    spec: type({ name: 'string', flag: 'boolean', 'maybe?': 'string', 'obj?': { 'v?': 'string' } }),
    status: type({ a: 'string', b: 'string', c: 'string', d: 'string', 'f?': 'string', nested: { g: 'string', 'h?': 'string' }, m: 'Record<string, string>' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { k: 'v' } });
    return {
      a: (spec.flag ? 'x' : undefined) as string,
      b: spec.maybe as string,
      c: spec.obj?.v as string,
      d: spec.maybe!,
      f: spec.flag ? 'x' : undefined,
      nested: { g: (spec.flag ? 'g' : undefined) as string, h: spec.flag ? 'h' : undefined },
      m: { k: 'v' },
    };
  },
);

const specs = [
  { name: 'none', flag: false },
  { name: 'some', flag: true, maybe: 'm' },
  { name: 'all', flag: true, maybe: 'm', obj: { v: 'v' } },
];

test('a required status field JavaScript leaves undefined is pending in both modes; an optional one is absent by design', () => {
  const prepared = prepareGraph(app.graph, createCelEngine());
  const optional = new Set(['f', 'nested.h']);
  for (const spec of specs) {
    const js = evaluateConcrete(app, spec as never);
    const input = { spec, instance: { name: spec.name, namespace: 'default' }, observed: new Map() };
    const direct = instanceStatus(prepared, input);
    const kro = reportInstance(prepared, input);
    for (const [mode, result] of [['direct', direct], ['kro', kro]] as const) {
      // Empty objects are never emitted (resolve.ts); JavaScript keeps `nested: {}`.
      assert.deepEqual(result.status, pruned(js.status), `${mode} ${spec.name}: the values`);
      // What JavaScript leaves undefined is pending, except where the declared type lets it be missing.
      assert.deepEqual([...result.pending].sort(), js.pendingStatus.filter((path) => !optional.has(path)).sort(), `${mode} ${spec.name}: pending`);
      assert.deepEqual([...result.absent].sort(), js.pendingStatus.filter((path) => optional.has(path)).sort(), `${mode} ${spec.name}: absent by design`);
      const report = statusReport(app.graph.status, result.status, result.absent);
      assert.equal(report.complete, js.pendingStatus.every((path) => optional.has(path)), `${mode} ${spec.name}: complete only with every required field`);
    }
  }
});

test('the forms the required fields take: optional.none() for some, a failed read for others, all pending', () => {
  const prepared = prepareGraph(app.graph, createCelEngine());
  const none = instanceStatus(prepared, { spec: specs[0]!, instance: { name: 'none', namespace: 'default' }, observed: new Map() });
  assert.deepEqual([...none.pending].sort(), ['a', 'b', 'c', 'd', 'nested.g']);
  assert.deepEqual([...none.absent].sort(), ['f', 'nested.h']);
  const report = statusReport<{ a: string }>(app.graph.status, none.status, none.absent);
  assert.equal(report.complete, false);
});

test('a required status key holding a dot (a label-like key, a nested key) is pending when JavaScript leaves it undefined, not absent by design (review of issue 10)', () => {
  const dotted = kubernetesComposition(
    {
      name: 'required-dotted',
      apiVersion: 'absent.typekro.dev/v1alpha1',
      kind: 'RequiredDotted',
      spec: type({ name: 'string', flag: 'boolean' }),
      status: type({ 'app.kubernetes.io/name': 'string', 'group.a': { 'b.c': 'string', 'd?': 'string' }, 'opt.key?': 'string' }),
    },
    (spec) => {
      ConfigMap({ name: spec.name, data: { k: 'v' } });
      return {
        'app.kubernetes.io/name': (spec.flag ? 'x' : undefined) as string,
        'group.a': { 'b.c': (spec.flag ? 'y' : undefined) as string, d: spec.flag ? 'd' : undefined },
        'opt.key': spec.flag ? 'o' : undefined,
      };
    },
  );
  const prepared = prepareGraph(dotted.graph, createCelEngine());
  const input = { spec: { name: 'off', flag: false }, instance: { name: 'off', namespace: 'default' }, observed: new Map() };
  const js = evaluateConcrete(dotted, input.spec as never);
  for (const [mode, result] of [['direct', instanceStatus(prepared, input)], ['kro', reportInstance(prepared, input)]] as const) {
    assert.deepEqual([...result.pending].sort(), ['app.kubernetes.io/name', 'group.a.b.c'], `${mode}: pending`);
    assert.deepEqual([...result.absent].sort(), ['group.a.d', 'opt.key'], `${mode}: absent by design`);
    assert.deepEqual([...result.pending, ...result.absent].sort(), [...js.pendingStatus].sort(), `${mode}: JavaScript leaves the same fields undefined`);
    assert.equal(statusReport(dotted.graph.status, result.status, result.absent).complete, false, `${mode}: not complete`);
  }
});

function pruned(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pruned(item)]).filter(([, item]) => item !== undefined && !(typeof item === 'object' && item !== null && Object.keys(item).length === 0)));
  return out;
}
