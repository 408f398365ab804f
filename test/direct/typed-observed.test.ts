/**
 * The planner with observed objects typed by their OpenAPI schema (issue 12, point 7), offline: a Secret's
 * `data` is bytes as in KRO, and a read the schema rules out is an error at once instead of data pending.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import type { V1Secret } from '@kubernetes/client-node';
import { Cel, externalRef, kubernetesComposition, secret } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { createCelEngine, type OpenApiSchema } from '../../src/runtime/cel/index.js';
import { instanceStatus, planInstance, prepareGraph, type KubeObject, type PlanInput } from '../../src/runtime/engine/index.js';

/** The served schemas, trimmed to what the tests read (references resolved, as `kindSchema` returns them). */
const objectMeta: OpenApiSchema = { type: 'object', properties: { name: { type: 'string' }, creationTimestamp: { type: 'string', format: 'date-time' } } };
const secretSchema: OpenApiSchema = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: objectMeta, data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } }, type: { type: 'string' } },
};
const configMapSchema: OpenApiSchema = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: objectMeta, data: { type: 'object', additionalProperties: { type: 'string' } } },
};

const transformation = kubernetesComposition(
  { name: 'typed-secret', apiVersion: 'typed.typekro.dev/v1alpha1', kind: 'TypedSecret', spec: type({ name: 'string' }), status: type({ uri: 'string', created: 'string' }) },
  (spec) => {
    const test = externalRef<V1Secret>({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'test' } });
    secret({ metadata: { name: spec.name }, stringData: { token: Cel.template('%s/oauth/token', test.data!['uri']) } });
    return { uri: Cel.expr<string>('string(', test.data!['uri'], ')'), created: Cel.expr<string>('string(', test.metadata.creationTimestamp, ' + duration("1h"))') };
  },
);

const observedSecret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'test', creationTimestamp: '2026-01-02T03:04:05Z' }, data: { uri: 'YXBpLnRlc3QuY29t' } };

function plan(schemas?: ReadonlyMap<string, OpenApiSchema>) {
  const prepared = prepareGraph(transformation.graph, createCelEngine());
  const input: PlanInput = { spec: { name: 'out' }, instance: { name: 'i', namespace: 'default' }, observed: new Map([['test', observedSecret]]), readiness: 'exists', ...(schemas ? { schemas } : {}) };
  const node = planInstance(prepared, input).nodes.get('secret') as { state: string; manifests?: readonly KubeObject[] };
  return { node, status: instanceStatus(prepared, input).status };
}

test('a Secret read with its schema: data is bytes, metadata.creationTimestamp a timestamp (as in KRO)', () => {
  const { node, status } = plan(new Map([['test', secretSchema]]));
  assert.equal(node.state, 'apply');
  assert.deepEqual(node.manifests?.[0]?.data, { token: Buffer.from('api.test.com/oauth/token').toString('base64') }); // stringData is deployed as data
  assert.deepEqual(status, { uri: 'api.test.com', created: '2026-01-02T04:04:05Z' });
});

test('without a schema the same object is plain JSON: the base64 text, and no timestamp arithmetic', () => {
  const { node, status } = plan();
  assert.deepEqual(node.manifests?.[0]?.data, { token: Buffer.from('YXBpLnRlc3QuY29t/oauth/token').toString('base64') });
  assert.deepEqual(status, { uri: 'YXBpLnRlc3QuY29t' });
});

const impossible = kubernetesComposition(
  { name: 'typed-impossible', apiVersion: 'typed.typekro.dev/v1alpha1', kind: 'TypedImpossible', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
  (spec) => {
    const settings = externalRef<{ spec: { level: string }; data: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    const config = ConfigMap({ name: spec.name, data: { level: settings.spec.level, later: settings.data['later'] ?? 'none' } });
    return { name: config.metadata.name };
  },
);

test('a read the schema rules out is an error at once; without a schema it is data pending', () => {
  const prepared = prepareGraph(impossible.graph, createCelEngine());
  const observed = new Map([['settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} } as KubeObject]]);
  const base = { spec: { name: 'x' }, instance: { name: 'i', namespace: 'default' }, observed, readiness: 'exists' as const };
  const typed = planInstance(prepared, { ...base, schemas: new Map([['settings', configMapSchema]]) }).nodes.get('config');
  assert.deepEqual(typed, {
    id: 'config',
    state: 'error',
    message: 'reads settings.spec.level, which can never be present: the object has no field "spec" in its schema (fields: apiVersion, data, kind, metadata) (v1 ConfigMap)',
    ready: false,
  });
  assert.equal(planInstance(prepared, base).nodes.get('config')?.state, 'pending');
});

test('a missing map key the schema allows stays data pending', () => {
  const waits = kubernetesComposition(
    { name: 'typed-waits', apiVersion: 'typed.typekro.dev/v1alpha1', kind: 'TypedWaits', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
    (spec) => {
      const settings = externalRef<{ data: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      const config = ConfigMap({ name: spec.name, data: { level: Cel.expr<string>(settings.data, '.level') } });
      return { name: config.metadata.name };
    },
  );
  const prepared = prepareGraph(waits.graph, createCelEngine());
  const observed = new Map([['settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} } as KubeObject]]);
  const node = planInstance(prepared, { spec: { name: 'x' }, instance: { name: 'i', namespace: 'default' }, observed, schemas: new Map([['settings', configMapSchema]]) }).nodes.get('config');
  assert.equal(node?.state, 'pending');
});
