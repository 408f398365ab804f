/** Simple networking and configuration factories. */
import type {
  V1ConfigMap, V2HorizontalPodAutoscaler, V1Ingress, V1IngressRule, V1IngressTLS, V1Namespace,
  V1NetworkPolicy, V1NetworkPolicyEgressRule, V1NetworkPolicyIngressRule, V1PersistentVolume,
  V1PersistentVolumeClaim, V1Secret, V1ServiceAccount, V1ServicePort,
} from '@kubernetes/client-node';
import { defineFactory, type FactoryOptions } from '../factory.js';
import type { Input } from '../types.js';
import { E } from '../../ir/expr.js';
import { isComputed, literalKey, reshapeBranches } from './computed.js';
import { labelsOf, metadataOf } from './metadata.js';
import type { ServiceObject } from '../misplaced.js';

/**
 * The fields every simple factory takes: the object's name, namespace and extra labels.
 *
 * @example
 * import type { Named } from 'typekro/simple';
 * const named: Named = { name: 'web', labels: { tier: 'frontend' } };
 * named.name; // => 'web'
 */
export interface Named extends FactoryOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
}

/**
 * What `Service` takes.
 *
 * @example
 * import type { ServiceConfig } from 'typekro/simple';
 * const config: ServiceConfig = { name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] };
 * config.ports.length; // => 1
 */
export interface ServiceConfig extends Named {
  readonly selector: Record<string, string>;
  readonly ports: Input<V1ServicePort>[];
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
}

/**
 * A Service.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Service } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Service({ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Service = defineFactory<ServiceConfig, ServiceObject>(
  'Service',
  { apiVersion: 'v1', kind: 'Service', modelName: 'V1Service' },
  (c) => ({ metadata: metadataOf(c, 'Service'), spec: { selector: c.selector, ports: c.ports, ...(c.type ? { type: c.type } : {}) } }),
);

/**
 * What `Ingress` takes.
 *
 * @example
 * import type { IngressConfig } from 'typekro/simple';
 * const config: IngressConfig = { name: 'web', rules: [{ host: 'web.example.com' }] };
 * config.name; // => 'web'
 */
export interface IngressConfig extends Named {
  readonly ingressClassName?: string;
  readonly rules?: Input<V1IngressRule>[];
  readonly tls?: Input<V1IngressTLS>[];
  readonly annotations?: Record<string, string>;
}

/**
 * An Ingress.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Ingress } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Ingress({ name: 'web', rules: [{ host: 'example.com' }] });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Ingress = defineFactory<IngressConfig, V1Ingress>(
  'Ingress',
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', modelName: 'V1Ingress' },
  (c) => ({
    metadata: { ...metadataOf(c, 'Ingress'), ...(c.annotations ? { annotations: c.annotations } : {}) },
    spec: {
      ...(c.ingressClassName !== undefined ? { ingressClassName: c.ingressClassName } : {}),
      ...(c.rules ? { rules: c.rules } : {}),
      ...(c.tls ? { tls: c.tls } : {}),
    },
  }),
);

/**
 * What `NetworkPolicy` takes.
 *
 * @example
 * import type { NetworkPolicyConfig } from 'typekro/simple';
 * const config: NetworkPolicyConfig = { name: 'deny-all', podSelector: {} };
 * config.name; // => 'deny-all'
 */
export interface NetworkPolicyConfig extends Named {
  readonly podSelector: { matchLabels?: Record<string, string> };
  readonly policyTypes?: ('Ingress' | 'Egress')[];
  readonly ingress?: Input<V1NetworkPolicyIngressRule>[];
  readonly egress?: Input<V1NetworkPolicyEgressRule>[];
}

/**
 * A NetworkPolicy.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { NetworkPolicy } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = NetworkPolicy({ name: 'deny', podSelector: {}, policyTypes: ['Ingress'] });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const NetworkPolicy = defineFactory<NetworkPolicyConfig, V1NetworkPolicy>(
  'NetworkPolicy',
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', modelName: 'V1NetworkPolicy' },
  (c) => ({
    metadata: metadataOf(c, 'NetworkPolicy'),
    spec: {
      podSelector: c.podSelector,
      ...(c.policyTypes ? { policyTypes: c.policyTypes } : {}),
      ...(c.ingress ? { ingress: c.ingress } : {}),
      ...(c.egress ? { egress: c.egress } : {}),
    },
  }),
);

/**
 * A ConfigMap.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string', mode: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = ConfigMap({ name: 'settings', data: { mode: spec.mode } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const ConfigMap = defineFactory<Named & { readonly data: Record<string, string> }, V1ConfigMap>(
  'ConfigMap',
  { apiVersion: 'v1', kind: 'ConfigMap', modelName: 'V1ConfigMap' },
  (c) => ({ metadata: metadataOf(c, 'ConfigMap'), data: c.data }),
);

/**
 * A Secret. References work in `stringData`; it is deployed as `data`, base64-encoded (literals when the
 * composition is defined, expressions as `base64.encode(bytes(...))` in CEL), merged with `data` as the API
 * server merges them (a `stringData` key wins). Why: `stringData` is write-only, so server-side apply (both
 * modes) would never own `data` and a key removed on redeploy would stay in the live Secret; as `data`, it is
 * pruned. The rendered YAML shows `data`. Read a value back through the spec value you gave, or through
 * `secret.data.KEY` (its base64 text); a read of the handle's `stringData` is refused (it is never present).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Secret } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ password: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const db = Secret({ name: 'db', stringData: { password: spec.password } });
 *   return { name: db.metadata.name };
 * });
 * demo.toYaml();
 */
export const Secret = defineFactory<
  Named & { readonly stringData?: Record<string, string>; readonly data?: Record<string, string>; readonly type?: string },
  V1Secret
>('Secret', { apiVersion: 'v1', kind: 'Secret', modelName: 'V1Secret' }, (c) => ({
  metadata: metadataOf(c, 'Secret'),
  ...(c.type ? { type: c.type } : {}),
  ...(c.stringData ? { stringData: c.stringData } : {}),
  ...(c.data ? { data: c.data } : {}),
}));

/**
 * What `Pvc` takes.
 *
 * @example
 * import type { PvcConfig } from 'typekro/simple';
 * const config: PvcConfig = { name: 'data', size: '10Gi' };
 * config.size; // => '10Gi'
 */
export interface PvcConfig extends Named {
  readonly size: string;
  readonly storageClass?: string;
  readonly accessModes?: string[];
}

/**
 * A PersistentVolumeClaim.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Pvc } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Pvc({ name: 'data', size: '1Gi' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Pvc = defineFactory<PvcConfig, V1PersistentVolumeClaim>(
  'Pvc',
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', modelName: 'V1PersistentVolumeClaim' },
  (c) => ({
    metadata: metadataOf(c, 'Pvc'),
    spec: {
      accessModes: c.accessModes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: c.size } },
      ...(c.storageClass !== undefined ? { storageClassName: c.storageClass } : {}),
    },
  }),
);

/**
 * What `PersistentVolume` takes.
 *
 * @example
 * import type { PersistentVolumeConfig } from 'typekro/simple';
 * const config: PersistentVolumeConfig = { name: 'pv-data', size: '10Gi', hostPath: '/data' };
 * config.name; // => 'pv-data'
 */
export interface PersistentVolumeConfig extends Omit<PvcConfig, 'namespace'> {
  readonly hostPath?: string;
  readonly nfs?: { server: string; path: string };
  readonly persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
}

/**
 * A PersistentVolume.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { PersistentVolume } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = PersistentVolume({ name: 'pv', size: '1Gi', hostPath: '/data' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const PersistentVolume = defineFactory<PersistentVolumeConfig, V1PersistentVolume>(
  'PersistentVolume',
  { apiVersion: 'v1', kind: 'PersistentVolume', modelName: 'V1PersistentVolume' },
  (c) => ({
    metadata: { name: c.name, labels: labelsOf(c, 'PersistentVolume') },
    spec: {
      capacity: { storage: c.size },
      accessModes: c.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: c.persistentVolumeReclaimPolicy ?? 'Retain',
      ...(c.storageClass !== undefined ? { storageClassName: c.storageClass } : {}),
      ...(c.hostPath !== undefined ? { hostPath: { path: c.hostPath } } : {}),
      ...(c.nfs ? { nfs: c.nfs } : {}),
    },
  }),
);

/**
 * What `Hpa` takes.
 *
 * @example
 * import type { HpaConfig } from 'typekro/simple';
 * const config: HpaConfig = { name: 'web', target: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5 };
 * config.maxReplicas; // => 5
 */
export interface HpaConfig extends Named {
  readonly target: { name: string; kind: string; apiVersion?: string };
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization?: number;
}

/**
 * A HorizontalPodAutoscaler (autoscaling/v2).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Hpa } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Hpa({ name: 'web', target: { name: 'web', kind: 'Deployment' }, minReplicas: 1, maxReplicas: 5 });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Hpa = defineFactory<HpaConfig, V2HorizontalPodAutoscaler>(
  'Hpa',
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', modelName: 'V2HorizontalPodAutoscaler' },
  (c) => ({
    metadata: metadataOf(c, 'Hpa'),
    spec: {
      scaleTargetRef: scaleTargetRef(c.target, c.name),
      minReplicas: c.minReplicas,
      maxReplicas: c.maxReplicas,
      ...(c.cpuUtilization !== undefined
        ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: c.cpuUtilization } } }] }
        : {}),
    },
  }),
);

/** The Hpa target with the `apps/v1` default, also for a target chosen by a ternary over object literals. */
function scaleTargetRef(target: HpaConfig['target'], name: string): unknown {
  if (!isComputed(target)) return { apiVersion: target.apiVersion ?? 'apps/v1', kind: target.kind, name: target.name };
  return reshapeBranches(
    target,
    (entries) => {
      const read = (key: string) => entries.find((entry) => literalKey(entry) === key)?.value;
      return E.map([
        { key: E.str('apiVersion'), value: read('apiVersion') ?? E.str('apps/v1') },
        { key: E.str('kind'), value: read('kind') ?? E.null() },
        { key: E.str('name'), value: read('name') ?? E.null() },
      ]);
    },
    { factory: 'Hpa', name, field: 'target', what: "fills in apiVersion: 'apps/v1'", fix: "choose each field instead: target: { kind: 'Deployment', name: spec.debug ? 'a' : 'b' }" },
  );
}

/**
 * A Namespace.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Namespace } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Namespace({ name: 'team-a' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Namespace = defineFactory<Omit<Named, 'namespace'>, V1Namespace>(
  'Namespace',
  { apiVersion: 'v1', kind: 'Namespace', modelName: 'V1Namespace' },
  (c) => ({ metadata: { name: c.name, labels: labelsOf(c, 'Namespace') } }),
);

/**
 * A ServiceAccount.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ServiceAccount } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = ServiceAccount({ name: 'runner' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const ServiceAccount = defineFactory<Named, V1ServiceAccount>(
  'ServiceAccount',
  { apiVersion: 'v1', kind: 'ServiceAccount', modelName: 'V1ServiceAccount' },
  (c) => ({ metadata: metadataOf(c, 'ServiceAccount') }),
);
