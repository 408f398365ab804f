/** The comparison can fail: each kind of disagreement is reported with a readable diff (negative controls). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpaqueCel, type ConcreteEvaluation } from '../../src/index.js';
import { compare } from './compare.js';
import type { CompiledEvaluation, CompiledResource } from './compiled.js';

const concrete: ConcreteEvaluation = {
  resources: [
    { id: 'web', apiVersion: 'apps/v1', kind: 'Deployment', collection: false, included: true, manifests: [{ spec: { replicas: 2, image: 'nginx' } }], pending: [], ready: [true] },
    { id: 'regions', apiVersion: 'v1', kind: 'ConfigMap', collection: true, included: true, manifests: [{ data: { r: 'eu' } }, { data: { r: 'us' } }], pending: [] },
  ],
  status: { ready: true, url: new OpaqueCel('x.upperAscii()'), count: 2 },
  pendingStatus: ['host'],
};

function compiled(overrides: { web?: CompiledResource; regions?: CompiledResource; status?: Record<string, unknown>; pending?: string[] } = {}): CompiledEvaluation {
  return {
    resources: new Map<string, CompiledResource>([
      ['web', overrides.web ?? { state: 'rendered', collection: false, manifests: [{ spec: { replicas: 2, image: 'nginx' } }], ready: [{ kind: 'value', value: true }] }],
      ['regions', overrides.regions ?? { state: 'rendered', collection: true, manifests: [{ data: { r: 'eu' } }, { data: { r: 'us' } }] }],
    ]),
    status: overrides.status ?? { ready: true, url: 'X', count: 2 },
    pendingStatus: overrides.pending ?? ['host'],
    statusErrors: [],
  };
}

test('agreement gives no divergence; opaque CEL is not compared', () => {
  const result = compare(compiled(), concrete, false);
  assert.deepEqual(result.divergences, []);
  assert.equal(result.opaque, 1);
});

test('a different manifest value, item count, readyWhen and status are each reported', () => {
  const result = compare(
    compiled({
      web: { state: 'rendered', collection: false, manifests: [{ spec: { replicas: 3, image: 'nginx' } }], ready: [{ kind: 'pending', reason: 'no such key' }] },
      regions: { state: 'rendered', collection: true, manifests: [{ data: { r: 'eu' } }] },
      status: { ready: false, url: 'X', count: 2 },
    }),
    concrete,
    false,
  );
  assert.deepEqual(result.divergences.map((d) => d.aspect), ['resource web: manifest', 'resource web: readyWhen', 'resource regions: exists', 'status.ready']);
  assert.match(result.divergences[0]!.detail, /\[0\]\.spec\.replicas: compiled 3, JavaScript 2/);
  assert.match(result.divergences[3]!.detail, /compiled false, JavaScript true/);
});

test('compiled pending against a JavaScript value: tolerated only while nothing is observed', () => {
  const pending = compiled({ web: { state: 'pending', reason: 'web.status: no such key', exprPaths: ['spec.replicas'] }, status: { url: 'X', count: 2 }, pending: ['host', 'ready'] });
  assert.deepEqual(compare(pending, concrete, false).divergences.map((d) => d.aspect), ['resource web: pending', 'status.ready']);
  const tolerant = compare(pending, concrete, true);
  assert.deepEqual(tolerant.divergences, []);
  assert.equal(tolerant.tolerated, 2);
});

test('a resource only one side has, and a compiled error, are reported', () => {
  const result = compare(compiled({ regions: { state: 'error', reason: 'forEach "r" is not a list' } }), { ...concrete, resources: [...concrete.resources, { ...concrete.resources[0]!, id: 'extra', ready: undefined as never }] }, false);
  assert.deepEqual(result.divergences.map((d) => d.aspect), ['resource regions: error', 'resource extra: exists']);
});

test('compiled pending agrees with JavaScript only where JavaScript lacks data at an expression of the template', () => {
  const withHole: ConcreteEvaluation = { ...concrete, resources: [{ ...concrete.resources[0]!, pending: ['spec.replicas'] }, concrete.resources[1]!] };
  const at = (exprPaths: string[]) => compiled({ web: { state: 'pending', reason: 'no such key', exprPaths } });
  assert.deepEqual(compare(at(['spec.replicas']), withHole, false).divergences, []);
  assert.deepEqual(compare(at(['spec.image']), withHole, false).divergences.map((d) => d.aspect), ['resource web: pending']);
});

test('JavaScript pending against a compiled value (CEL absorbed an unobserved operand): tolerated only while nothing is observed', () => {
  // `(cm.data?.v ?? 'x').startsWith('a') || spec.on` before cm exists: a pending placeholder in JavaScript, `true` in CEL
  const jsPending: ConcreteEvaluation = {
    ...concrete,
    resources: [{ ...concrete.resources[0]!, manifests: [{ spec: { image: 'nginx' } }], pending: ['spec.replicas'] }, { ...concrete.resources[1]!, manifests: [{ data: {} }, { data: { r: 'us' } }], pending: ['[0].data.r'] }],
    status: { url: new OpaqueCel('x.upperAscii()'), count: 2 },
    pendingStatus: ['host', 'ready'],
  };
  assert.deepEqual(compare(compiled(), jsPending, false).divergences.map((d) => d.aspect), ['resource web: manifest', 'resource regions: manifest', 'status.ready']);
  const tolerant = compare(compiled(), jsPending, true);
  assert.deepEqual(tolerant.divergences, []);
  assert.equal(tolerant.tolerated, 4, 'replicas, the item\'s data and its r, and status.ready');
  // a value JavaScript has is still compared
  const other = compare(compiled({ regions: { state: 'rendered', collection: true, manifests: [{ data: { r: 'eu' } }, { data: { r: 'eu' } }] } }), jsPending, true);
  assert.deepEqual(other.divergences.map((d) => d.aspect), ['resource regions: manifest']);
});
