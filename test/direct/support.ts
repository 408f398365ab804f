/** Hand-built graphs for direct-mode cluster tests: one spec schema, small resource builders. */
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { type } from 'arktype';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from '../../src/api/direct.js';
import type { CompositionDefinition } from '../../src/composition/definition.js';
import { E, type Expr } from '../../src/ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../src/ir/graph.js';
import type { SchemaNode } from '../../src/ir/schema.js';
import { exprValue, type Value } from '../../src/ir/value.js';
import { testKubeConfigPath } from '../support/cluster.js';

export interface TestSpec {
  name: string;
  value: string;
  replicas: number;
  flag: boolean;
}

export const x = (expr: Expr): Value => exprValue(expr);
export const spec = (...fields: string[]): Expr => E.path('schema', 'spec', ...fields);
const leaf = (kind: 'string' | 'integer' | 'boolean'): SchemaNode => ({ kind, markers: {} });

export const definition = (name: string): CompositionDefinition => ({
  name,
  kind: 'DirectTest',
  spec: type({ name: 'string', value: 'string', replicas: 'number.integer', flag: 'boolean' }),
  status: type({}),
});

export const node = (id: string, apiVersion: string, kind: string, template: Record<string, Value>, extra: Partial<ResourceNode> = {}): ResourceNode => ({
  id, apiVersion, kind, template: { apiVersion, kind, ...template }, readyWhen: [], includeWhen: [], forEach: [], dependsOn: [], ...extra,
});

export const graph = (name: string, resources: ResourceNode[], status: Value = {}): CompositionGraph => ({
  name, version: 'v1alpha1', group: 'kro.run', kind: 'DirectTest', scope: 'Namespaced', resources, status,
  spec: { kind: 'struct', required: ['name', 'value', 'replicas', 'flag'], markers: {}, fields: { name: leaf('string'), value: leaf('string'), replicas: leaf('integer'), flag: leaf('boolean') } },
});

/** A direct factory for a hand-built graph against the test cluster. */
export function factoryFor(name: string, resources: ResourceNode[], options: DirectFactoryOptions = {}, status: Value = {}): DirectFactory<TestSpec, Record<string, unknown>> {
  return createDirectFactory<TestSpec, Record<string, unknown>>(definition(name), graph(name, resources, status), { kubeconfig: testKubeConfigPath(), timeout: 60_000, ...options });
}

/** A ConfigMap resource named `<spec.name>-<suffix>` with the given data. */
export const configMap = (id: string, suffix: string, data: Record<string, Value> = {}, extra: Partial<ResourceNode> = {}): ResourceNode =>
  node(id, 'v1', 'ConfigMap', { metadata: { name: x(E.template([spec('name'), `-${suffix}`])) }, data }, extra);

/** A Deployment `<spec.name>` with `spec.replicas` replicas; `nodeSelector` can make it unschedulable. */
export const deployment = (id: string, extraPodSpec: Record<string, Value> = {}): ResourceNode =>
  node(id, 'apps/v1', 'Deployment', {
    metadata: { name: x(spec('name')) },
    spec: {
      replicas: x(spec('replicas')),
      selector: { matchLabels: { app: x(spec('name')) } },
      template: { metadata: { labels: { app: x(spec('name')) } }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...extraPodSpec } },
    },
  });

/** resourceVersion of every ConfigMap/Secret/Service/Deployment in the namespace, by kind/name. */
export async function versions(kc: KubeConfig, namespace: string): Promise<Record<string, string>> {
  const core = kc.makeApiClient(CoreV1Api);
  const out: Record<string, string> = {};
  for (const cm of (await core.listNamespacedConfigMap({ namespace })).items) out[`ConfigMap/${cm.metadata?.name}`] = cm.metadata?.resourceVersion ?? '';
  for (const s of (await core.listNamespacedSecret({ namespace })).items) out[`Secret/${s.metadata?.name}`] = s.metadata?.resourceVersion ?? '';
  for (const s of (await core.listNamespacedService({ namespace })).items) out[`Service/${s.metadata?.name}`] = s.metadata?.resourceVersion ?? '';
  return out;
}

/** Names of the ConfigMaps in a namespace (without kube-root-ca.crt). */
export async function configMapNames(kc: KubeConfig, namespace: string): Promise<string[]> {
  const core = kc.makeApiClient(CoreV1Api);
  return (await core.listNamespacedConfigMap({ namespace })).items.map((c) => c.metadata?.name ?? '').filter((n) => n !== 'kube-root-ca.crt').sort();
}
