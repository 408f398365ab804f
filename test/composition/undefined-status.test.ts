/**
 * A status field JavaScript leaves `undefined` (`spec.host ? ... : undefined`, compiled to `optional.none()`)
 * is absent and pending in direct mode, as KRO leaves it out: never `null` (trial 3, B04/A13).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/prepared.js';
import { instanceStatus } from '../../src/runtime/engine/status.js';
import { simulate } from '../../src/testing/index.js';
import { runCase } from '../differential/harness.js';

const app = kubernetesComposition(
  {
    name: 'status-undefined',
    apiVersion: 'test.typekro.dev/v1alpha1',
    kind: 'StatusUndefined',
    spec: type({ name: 'string', 'host?': 'string', 'flag?': 'boolean' }),
    status: type({ 'url?': 'string', name: 'string', info: { 'note?': 'string' } }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { url: spec.host ? `https://${spec.host}` : undefined, name: spec.name, info: { note: spec.flag ? 'x' : undefined } };
  },
);

test('simulate: an undefined status field is absent, not null, and not pending (a final answer: deploy completes)', () => {
  const absent = simulate(app, { name: 'a' }, { crossCheck: false });
  assert.deepEqual(absent.status, { name: 'a' });
  assert.deepEqual([...absent.pending], []);
  const set = simulate(app, { name: 'a', host: 'x.io', flag: true }, { crossCheck: false });
  assert.deepEqual(set.status, { url: 'https://x.io', name: 'a', info: { note: 'x' } });
  assert.deepEqual(set.pending, []);
});

test('the direct engine: the status of an instance leaves an undefined field out', () => {
  const prepared = prepareGraph(app.graph, createCelEngine());
  const input = (spec: Record<string, unknown>) => ({ spec, instance: { name: 'a', namespace: 'default' }, observed: new Map() });
  const absent = instanceStatus(prepared, input({ name: 'a' }));
  assert.equal('url' in absent.status, false);
  assert.deepEqual(absent.status, { name: 'a' });
  assert.deepEqual(instanceStatus(prepared, input({ name: 'a', host: 'h', flag: false })).status, { url: 'https://h', name: 'a' });
});

test('compiled and JavaScript agree on several specs', () => {
  const report = runCase('status-undefined', { composition: app as never, spec: { name: 'a', host: 'x.io', flag: true } });
  assert.ok(report.specs >= 2);
  assert.deepEqual(report.findings, []);
});
