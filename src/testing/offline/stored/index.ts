/**
 * An object as the API server stores it, from the manifest a deploy sends: what `simulate` evaluates status
 * and readiness against. `render` keeps showing the manifest as sent.
 */
import { storedSecret } from '../../../composition/secret-wire.js';
import { storedQuantities } from '../../../runtime/engine/stored-quantities.js';
import { applyDefaults } from './kinds.js';
import { isFields } from './pod.js';

export { canonicalQuantity, type QuantityField } from './quantity.js';

/**
 * A manifest as the API server stores it, for the built-in kinds whose defaults the kit models (Service,
 * Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Secret, PersistentVolumeClaim, ...):
 * the fields it defaults filled in (a Service's `type: ClusterIP`, a port's `protocol: TCP` and `targetPort`,
 * a Deployment's `strategy`, a container's `imagePullPolicy`), every quantity in its canonical text (cpu
 * `0.5` is `500m`, memory `1024Mi` is `1Gi`), and a Secret's `stringData` merged into `data` as base64.
 * What the API server allocates (a Service's `clusterIP`, a `nodePort`) gets a fixed stand-in. The input is
 * not changed; an object of another kind comes back as it is (a copy).
 *
 * @example
 * import { storedForm } from 'typekro/testing';
 * const svc = storedForm({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } });
 * (svc.spec as { ports: unknown[] }).ports; // => [{ port: 80, protocol: 'TCP', targetPort: 80 }]
 * (svc.spec as { type: string }).type; // => 'ClusterIP'
 * const web = storedForm({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '0.5', memory: '1024Mi' } } }] } } } });
 * (web.spec as { template: { spec: { containers: [{ resources: unknown }] } } }).template.spec.containers[0].resources; // => { limits: { cpu: '500m', memory: '1Gi' } }
 */
export function storedForm<T extends Readonly<Record<string, unknown>>>(manifest: T): Record<string, unknown> {
  const copy = copied(storedSecret(manifest));
  if (!isFields(copy)) return {};
  applyDefaults(copy);
  // After the defaults: a LimitRange's filled-in `default` and `defaultRequest` are quantities too.
  return storedQuantities(copy);
}

/** Plain objects and lists copied (defaulting fills them in place); any other value shared as it is. */
function copied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copied);
  if (isFields(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copied(item)]));
  }
  return value;
}
