/** Low-level factories: networking. Each takes the manifest as the Kubernetes API defines it. */
import type { V1EndpointSlice, V1Ingress, V1IngressClass, V1NetworkPolicy } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `networking.k8s.io/v1` Ingress. @example ingress({ metadata: { name: 'x' } }) */
export const ingress = kindFactory<V1Ingress>({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', modelName: 'V1Ingress' });
/** `networking.k8s.io/v1` IngressClass. @example ingressClass({ metadata: { name: 'x' } }) */
export const ingressClass = kindFactory<V1IngressClass>({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', modelName: 'V1IngressClass' });
/** `networking.k8s.io/v1` NetworkPolicy. @example networkPolicy({ metadata: { name: 'x' } }) */
export const networkPolicy = kindFactory<V1NetworkPolicy>({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', modelName: 'V1NetworkPolicy' });
/** `discovery.k8s.io/v1` EndpointSlice. @example endpointSlice({ metadata: { name: 'x' } }) */
export const endpointSlice = kindFactory<V1EndpointSlice>({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', modelName: 'V1EndpointSlice' });
