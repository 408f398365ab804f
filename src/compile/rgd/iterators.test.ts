import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { E } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprValue } from '../../ir/value.js';
import { nameIterators } from './iterators.js';

const graph = (resources: ResourceNode[]): CompositionGraph => ({
  name: 'app', version: 'v1alpha1', group: 'kro.run', kind: 'App', scope: 'Namespaced', status: {}, resources,
  spec: { kind: 'struct', required: [], markers: {}, fields: {} },
});
const loop = (id: string, iterator: string, name = exprValue(E.path(iterator, 'name'))): ResourceNode => ({
  id, apiVersion: 'v1', kind: 'ConfigMap', forEach: [{ name: iterator, source: E.path('schema', 'spec', 'items') }],
  template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }, readyWhen: [], includeWhen: [], dependsOn: [],
});

describe('nameIterators', () => {
  it('keeps a usable loop variable and returns the same graph', () => {
    const g = graph([loop('web', 'worker')]);
    assert.equal(nameIterators(g), g);
  });
  it('renames an iterator that is a resource id or a reserved word, in the template too', () => {
    const [worker, ns] = nameIterators(graph([loop('worker', 'worker'), loop('other', 'namespace')])).resources;
    assert.equal(worker!.forEach[0]!.name, 'workerItem');
    assert.deepEqual(worker!.template, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: exprValue(E.path('workerItem', 'name')) } });
    assert.equal(ns!.forEach[0]!.name, 'namespaceItem');
  });
  it('skips a taken candidate, leaves macro variables of the same name alone, and renames Cel.expr text outside strings', () => {
    const body = E.macro('map', E.path('schema', 'spec', 'items'), 'worker', E.select(E.ident('worker'), 'name'));
    const raw = E.raw('worker.name + "-worker" + x.worker', ['worker', 'x']);
    const name = exprValue(E.template([E.select(E.ident('worker'), 'name'), E.call('string', [E.call('size', [body])]), raw]));
    const renamed = nameIterators(graph([loop('worker', 'worker', name), loop('workerItem', 'x')])).resources[0]!;
    assert.equal(renamed.forEach[0]!.name, 'workerItem2');
    assert.deepEqual((renamed.template as { metadata: { name: unknown } }).metadata.name, exprValue(E.template([
      E.select(E.ident('workerItem2'), 'name'),
      E.call('string', [E.call('size', [body])]),
      E.raw('workerItem2.name + "-worker" + x.worker', ['workerItem2', 'x']),
    ])));
  });
});
