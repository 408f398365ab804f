/** Low-level factories: networking. Each takes the manifest as the Kubernetes API defines it. */
import type { V1EndpointSlice, V1Ingress, V1IngressClass, V1NetworkPolicy } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/**
 * `networking.k8s.io/v1` Ingress.
 *
 * @example
 * import { type } from 'arktype';
 * import { ingress, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = ingress({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const ingress = kindFactory<V1Ingress>({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', modelName: 'V1Ingress' });
/**
 * `networking.k8s.io/v1` IngressClass.
 *
 * @example
 * import { type } from 'arktype';
 * import { ingressClass, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = ingressClass({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const ingressClass = kindFactory<V1IngressClass>({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', modelName: 'V1IngressClass' });
/**
 * `networking.k8s.io/v1` NetworkPolicy.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, networkPolicy } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = networkPolicy({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const networkPolicy = kindFactory<V1NetworkPolicy>({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', modelName: 'V1NetworkPolicy' });
/**
 * `discovery.k8s.io/v1` EndpointSlice.
 *
 * @example
 * import { type } from 'arktype';
 * import { endpointSlice, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = endpointSlice({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const endpointSlice = kindFactory<V1EndpointSlice>({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', modelName: 'V1EndpointSlice' });
