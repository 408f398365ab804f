/**
 * A condition on a loop's item (`if (w.enabled ?? true)` inside `for (const w of spec.workers)`) filters that
 * loop's list (issue 10): KRO's includeWhen cannot read an iterator, so it used to be accepted and then wait
 * forever in direct mode. A loop over an outer loop item's list, which KRO cannot express, is refused when the
 * composition is defined, not only when it is rendered.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const Worker = type({ name: 'string', 'port?': 'number.integer', 'enabled?': 'boolean' });
const workers = kubernetesComposition(
  { name: 'item-if', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ItemIf', spec: type({ workers: Worker.array(), on: 'boolean' }), status: type({ count: 'number' }) },
  (spec) => {
    for (const worker of spec.workers) {
      if (worker.enabled ?? true) ConfigMap({ id: 'worker', name: `en-${worker.name}`, data: { p: worker.port !== undefined ? `${worker.port}` : 'none' } });
    }
    for (const w of spec.workers) {
      if (spec.on) {
        if (!(w.port! > 80)) ConfigMap({ id: 'low', name: `low-${w.name}`, data: {} });
      }
    }
    return { count: spec.workers.length };
  },
);

test('an if on the item, or on the spec around a loop resource, becomes a filter of the loop list', () => {
  const [worker, low] = workers.graph.resources;
  assert.deepEqual(worker!.includeWhen, []);
  // JavaScript makes no item where `spec.on` is false: an empty collection, not an excluded one (trial 11 S3).
  assert.deepEqual(low!.includeWhen, []);
  const yaml = workers.toYaml();
  assert.match(yaml, /- workerItem: \$\{schema\.spec\.workers\.filter\(worker, worker\.\?enabled\.orValue\(true\)\)\}/);
  assert.match(yaml, /- w: \$\{schema\.spec\.workers\.filter\(w, schema\.spec\.on\)\.filter\(w, /);
  assert.doesNotMatch(yaml, /includeWhen/);
});

test('the compiled graph creates exactly the objects JavaScript creates', () => {
  const specs = [
    { workers: [], on: true },
    { workers: [{ name: 'a' }, { name: 'b', port: 0, enabled: false }, { name: 'c', port: 90, enabled: true }], on: true },
    { workers: [{ name: 'a', enabled: false }, { name: 'b', port: 80 }], on: false },
  ];
  for (const spec of specs) {
    // simulate cross-checks the compiled graph against the JavaScript run and throws on any difference.
    const names = simulate(workers, spec).manifests.map((m) => (m as { metadata: { name: string } }).metadata.name);
    const concrete = evaluateConcrete(workers, spec).resources.flatMap((r) => r.manifests.map((m) => (m as { metadata: { name: string } }).metadata.name));
    assert.deepEqual(names, concrete, JSON.stringify(spec));
  }
  assert.deepEqual(simulate(workers, specs[1]!).manifests.map((m) => (m as { metadata: { name: string } }).metadata.name), ['en-a', 'en-c', 'low-a', 'low-b']);
});

test('a condition on the items of two loops is refused at definition, with the place and the way out', () => {
  assert.throws(
    () =>
      kubernetesComposition(
        { name: 'two-items', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'TwoItems', spec: type({ a: 'string[]', b: 'string[]' }), status: type({ n: 'number' }) },
        (spec) => {
          for (const x of spec.a) for (const y of spec.b) if (x === y) ConfigMap({ id: 'same', name: `${x}-${y}`, data: {} });
          return { n: 1 };
        },
      ),
    (error: Error) => {
      assert.match(error.message, /item-conditions\.test\.ts:\d+:\d+: resource "same" is created under a condition that reads the items of two loops \(x, y\); KRO's forEach can filter each list by its own item only\. Split the condition into one `if` per loop item/);
      return true;
    },
  );
});

test("a loop over an outer loop item's list is refused when the composition is defined", () => {
  assert.throws(
    () =>
      kubernetesComposition(
        { name: 'dependent', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'Dependent', spec: type({ teams: type({ name: 'string', members: 'string[]' }).array() }), status: type({ n: 'number' }) },
        (spec) => {
          for (const t of spec.teams) for (const m of t.members) ConfigMap({ id: 'dep', name: `${t.name}-${m}`, data: {} });
          return { n: spec.teams.length };
        },
      ),
    (error: Error) => {
      assert.equal(error.name, 'ForEachError');
      assert.match(error.message, /resource "dep" \(.*item-conditions\.test\.ts:\d+:\d+\): forEach "m" iterates over a list read from the item of another loop \(t\); KRO's forEach dimensions are independent/);
      return true;
    },
  );
});
