/**
 * A collection made only under a condition (trial 11 S3). JavaScript's `deps` is a list in every case, so
 * `deps.length` is a number, while KRO (and direct mode) leave a status field that reads an excluded collection
 * unset. `if (spec.on)` around the push (or the loop) leaves JavaScript's list empty: the condition filters the
 * loop's list, and an empty collection is a list of no objects. `.map(... .withIncludeWhen(spec.on))` keeps every
 * handle in JavaScript's list while KRO excludes the collection: a read outside the condition is refused like a
 * read of a single conditional resource, and read under it the two agree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { printCel } from '../../src/compile/cel/print.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = {
  apiVersion: 'c.typekro.dev/v1alpha1',
  kind: 'CondList',
  spec: type({ name: 'string', on: 'boolean', workers: 'string[]' }),
  status: type({ count: 'number', names: 'string', allReady: 'boolean' }),
};
type Worker = ReturnType<typeof Deployment>;

const SPECS = [true, false].flatMap((on) => [[], ['x'], ['x', 'y']].map((workers) => ({ name: 'a', on, workers })));

const refused = (read: string): string =>
  `: this status field reads collection "deps", which exists only when spec.on: when it does not, KRO leaves the field unset, while JavaScript computes it from the list "deps" holds there\n    ${read}\n  hint: read it under the condition it is created under (\`spec.on ? <read> : <fallback>\`), or do not read "deps" here`;

test('a collection filled under `if` is an empty list where the condition is false, in JavaScript and in the graph (S3)', () => {
  const apps = [
    kubernetesComposition({ ...definition, name: 'if-around-loop' }, (spec) => {
      const deps: Worker[] = [];
      if (spec.on) for (const w of spec.workers) deps.push(Deployment({ name: `${spec.name}-${w}`, image: 'busybox' }));
      return { count: deps.length, names: deps.map((d) => d.metadata.name).join(','), allReady: deps.every((d) => (d.status.readyReplicas ?? 0) > 0) };
    }),
    kubernetesComposition({ ...definition, name: 'foreach-if' }, (spec) => {
      const deps: Worker[] = [];
      spec.workers.forEach((w) => { if (spec.on) deps.push(Deployment({ name: `${spec.name}-${w}`, image: 'busybox' })); });
      return { count: deps.length, names: deps.map((d) => d.metadata.name).join(','), allReady: deps.every((d) => (d.status.readyReplicas ?? 0) > 0) };
    }),
  ];
  for (const app of apps) {
    const [resource] = app.graph.resources;
    assert.deepEqual(resource!.includeWhen, [], app.graph.name);
    assert.equal(printCel(resource!.forEach[0]!.source), 'schema.spec.workers.filter(w, schema.spec.on)', app.graph.name);
    const report = runCase(app.graph.name, { composition: app as never, spec: SPECS[0]!, specs: SPECS });
    assert.equal(report.specs, SPECS.length);
    assert.deepEqual(report.findings, [], app.graph.name);
  }
});

test('a collection whose items are given .withIncludeWhen(...) without reading the item is read under that condition (S3)', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'item-include' }, (spec) => {
      const deps = spec.workers.map((w) => Deployment({ name: `${spec.name}-${w}`, image: 'busybox' }).withIncludeWhen(spec.on));
      return { count: 0, names: '', allReady: deps.every((d) => (d.status.readyReplicas ?? 0) > 0) };
    })),
    at("'item-include'", 'deps.every') + refused('deps.every((d) => (d.status.readyReplicas ?? 0) > 0)'),
  );
});

test('read under its condition, a conditional collection means what JavaScript means for every spec and state', () => {
  const app = kubernetesComposition({ ...definition, name: 'guarded-list' }, (spec) => {
    const deps = spec.workers.map((w) => Deployment({ name: `${spec.name}-${w}`, image: 'busybox' }).withIncludeWhen(spec.on));
    return {
      count: spec.on ? deps.length : 0,
      names: spec.on ? deps.map((d) => d.metadata.name).join(',') : '',
      allReady: !spec.on || deps.every((d) => (d.status.readyReplicas ?? 0) > 0),
    };
  });
  const report = runCase('guarded-list', { composition: app as never, spec: SPECS[0]!, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, []);
});
