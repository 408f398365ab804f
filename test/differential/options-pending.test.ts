/**
 * A factory's options object built before the call (`const options = { ... }; ConfigMap(options)`) is pending
 * field by field, as the same object written in the call is: only the fields computed from a read with no
 * value. Before, the argument was one leaf (the name `options`), so a read anywhere in its initialiser made
 * the whole manifest pending (name, labels and fixed data included); and a spread (`{ ...base, name }`) was
 * skipped, so its fields kept JavaScript's value ("undefined" text) where the compiled CEL waits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from './harness.js';

const app = kubernetesComposition(
  { name: 'options-pending', apiVersion: 'example.com/v1', kind: 'OptionsPending', spec: type({ name: 'string' }), status: type({ name: 'string', built: 'string', inline: 'string' }) },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const options = { id: 'built', name: `${spec.name}-built`, data: { fixed: 'x', ready: `${d.status.readyReplicas}` } };
    const built = ConfigMap(options);
    const inline = ConfigMap({ id: 'inline', name: `${spec.name}-inline`, data: { fixed: 'x', ready: `${d.status.readyReplicas}` } });
    const base = { data: { fixed: 'x', ready: `${d.status.readyReplicas}` } };
    ConfigMap({ ...base, id: 'spread', name: `${spec.name}-spread` });
    const data = { fixed: 'x', ready: `${d.status.readyReplicas}` } as const;
    ConfigMap({ id: 'local', name: `${spec.name}-local`, data });
    return { name: spec.name, built: built.metadata.name, inline: inline.metadata.name };
  },
);

/** Each ConfigMap's name, data and pending fields. */
function configMaps(observed: Record<string, object>): [string, unknown, unknown, readonly string[]][] {
  return evaluateConcrete(app, { name: 'x' }, { observed }).resources
    .filter((r) => r.id !== 'd')
    .map((r) => {
      const manifest = r.manifests[0] as { metadata: { name?: string }; data?: unknown };
      return [r.id, manifest.metadata.name, manifest.data, r.pending];
    });
}

describe('an options object built before the factory call is pending field by field', () => {
  it('with d observed without readyReplicas: only data.ready is pending, however the options are written', () => {
    assert.deepEqual(configMaps({ d: { status: {} } }), [
      ['built', 'x-built', { fixed: 'x' }, ['data.ready']],
      ['inline', 'x-inline', { fixed: 'x' }, ['data.ready']],
      ['spread', 'x-spread', { fixed: 'x' }, ['data.ready']],
      ['local', 'x-local', { fixed: 'x' }, ['data.ready']],
    ]);
  });

  it('with d not observed: the same', () => {
    assert.deepEqual(configMaps({}), [
      ['built', 'x-built', { fixed: 'x' }, ['data.ready']],
      ['inline', 'x-inline', { fixed: 'x' }, ['data.ready']],
      ['spread', 'x-spread', { fixed: 'x' }, ['data.ready']],
      ['local', 'x-local', { fixed: 'x' }, ['data.ready']],
    ]);
  });

  it('with every read there, every field has its JavaScript value', () => {
    assert.deepEqual(configMaps({ d: { status: { readyReplicas: 2 } } }).map(([id, , data, pending]) => [id, data, pending]), [
      ['built', { fixed: 'x', ready: '2' }, []],
      ['inline', { fixed: 'x', ready: '2' }, []],
      ['spread', { fixed: 'x', ready: '2' }, []],
      ['local', { fixed: 'x', ready: '2' }, []],
    ]);
  });

  it('the compiled graph agrees with JavaScript under every observed state', () => {
    const report = runCase('options-pending', { composition: app as never, spec: { name: 'x' } });
    assert.ok(report.evaluations >= 3, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.state} ${f.aspect}:\n${f.detail}`), []);
  });
});
