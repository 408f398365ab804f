/**
 * A cluster-scoped composition's instance has no namespace: each of its namespaced resources must name its own.
 * KRO v0.9.4 refuses the RGD otherwise (after it is applied), and direct mode used to put the resource in the
 * factory's namespace option: both modes now refuse it when the composition is defined, naming the resource,
 * where it is created and the way out; a kind only discovery knows is refused by direct mode before it applies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { crdFactory, externalRef, kubernetesComposition, type CrdKind } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { checkPlaced } from '../../src/runtime/direct/apply-node.js';
import { kindScope } from '../../src/util/kinds.js';

const here = fileURLToPath(import.meta.url);
const definition = { name: 'tenant', apiVersion: 'acme.dev/v1', kind: 'Tenant', scope: 'Cluster', spec: type({ name: 'string' }) } as const;
const wayOut = "give it a namespace in its factory call, e.g. ConfigMap({ ..., namespace: 'default' }) or namespace: spec.namespace";
const problem = (what: string, kind: string, out: string): string =>
  `${what} is ${kind}, a namespaced kind, and names no namespace; Tenant is cluster-scoped, so its instances have no namespace for it to go to ` +
  `(KRO requires metadata.namespace here, and both modes place it the same way): ${out}`;

test('a namespaced resource without a namespace in a cluster-scoped composition is refused at definition time', () => {
  assert.throws(
    () => kubernetesComposition(definition, (spec) => {
      ConfigMap({ id: 'settings', name: spec.name, data: { a: 'b' } });
    }),
    { name: 'InvalidResourceError', message: problem(`resource "settings" (${here}:27:7)`, 'a ConfigMap', wayOut) },
  );
  // an empty namespace is none; an external reference needs one too
  assert.throws(() => kubernetesComposition(definition, (spec) => void ConfigMap({ id: 'settings', name: spec.name, namespace: ' ', data: {} })), /resource "settings" .* names no namespace/);
  assert.throws(
    () => kubernetesComposition(definition, () => {
      const shared = externalRef<{ data: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' } });
      ConfigMap({ id: 'copy', name: 'copy', namespace: 'default', data: { a: shared.data.a ?? '' } });
    }),
    { message: problem(`resource "shared" (${here}:35:22)`, 'a ConfigMap', 'give the external reference a namespace') },
  );
});

test('the RGD compiler refuses it too, before KRO would', () => {
  const ok = kubernetesComposition(definition, (spec) => void ConfigMap({ id: 'settings', name: spec.name, namespace: 'default', data: {} }));
  const resources = ok.graph.resources.map((r) => ({ ...r, template: { metadata: { name: 'x' } } }));
  assert.throws(() => compileRgd({ ...ok.graph, resources }), { message: problem(`resource "settings" (${here}:43:63)`, 'a ConfigMap', wayOut) });
  assert.match(ok.toYaml(), /namespace: default/);
});

test("a custom kind's scope comes from its crdFactory: a cluster-scoped one names no namespace, a namespaced one must", () => {
  const base = { group: 'scopes.typekro.test', version: 'v1', schema: { type: 'object' } } as const;
  const clusterKind: CrdKind = { ...base, kind: 'Realm', plural: 'realms', scope: 'Cluster', factoryName: 'realm' };
  const namespacedKind: CrdKind = { ...base, kind: 'Room', plural: 'rooms', scope: 'Namespaced', factoryName: 'room' };
  const realm = crdFactory<{ spec: Record<string, unknown> }>(clusterKind);
  const room = crdFactory<{ spec: Record<string, unknown> }>(namespacedKind);
  assert.equal(kindScope('scopes.typekro.test/v1', 'Realm'), 'Cluster');
  const fine = kubernetesComposition(definition, (spec) => void realm({ id: 'realm', name: spec.name, spec: {} }));
  assert.doesNotMatch(fine.toYaml(), /namespace/);
  assert.throws(
    () => kubernetesComposition(definition, (spec) => void room({ id: 'room', name: spec.name, spec: {} })),
    { message: problem(`resource "room" (${here}:59:60)`, 'a Room', "give it a namespace in its factory call, e.g. Room({ ..., namespace: 'default' }) or namespace: spec.namespace") },
  );
});

test('a kind only discovery knows is left to direct mode, which refuses it before applying the object', () => {
  assert.equal(kindScope('unknown.typekro.test/v1', 'Widget'), undefined);
  assert.equal(kindScope('v1', 'Namespace'), 'Cluster');
  assert.equal(kindScope('networking.k8s.io/v1', 'IngressClass'), 'Cluster');
  assert.equal(kindScope('apps/v1', 'Deployment'), 'Namespaced');
  const widgets = kubernetesComposition(definition, (spec) => {
    ConfigMap({ id: 'settings', name: spec.name, namespace: 'default', data: {} });
  });
  const session = { instance: { name: 'acme' }, prepared: { graph: widgets.graph } } as never;
  const manifest = { apiVersion: 'unknown.typekro.test/v1', kind: 'Widget', metadata: { name: 'w' } };
  assert.throws(() => checkPlaced(session, 'settings', manifest, true), {
    message: `${problem(`resource "settings" (${here}:70:5)`, 'a Widget', "give it a namespace in its factory call, e.g. Widget({ ..., namespace: 'default' }) or namespace: spec.namespace")}. Nothing was applied for this object.`,
  });
  checkPlaced(session, 'settings', { ...manifest, metadata: { name: 'w', namespace: 'team' } }, true);
  checkPlaced(session, 'settings', manifest, false);
  checkPlaced({ instance: { name: 'acme', namespace: 'dev' }, prepared: { graph: widgets.graph } } as never, 'settings', manifest, true);
});
