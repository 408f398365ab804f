/** Low-level factories: admission. Each takes the manifest as the Kubernetes API defines it. */
import type { V1CertificateSigningRequest, V1CustomResourceDefinition, V1MutatingWebhookConfiguration, V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/**
 * `admissionregistration.k8s.io/v1` MutatingWebhookConfiguration.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, mutatingWebhookConfiguration } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = mutatingWebhookConfiguration({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const mutatingWebhookConfiguration = kindFactory<V1MutatingWebhookConfiguration>({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', modelName: 'V1MutatingWebhookConfiguration' });
/**
 * `admissionregistration.k8s.io/v1` ValidatingWebhookConfiguration.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, validatingWebhookConfiguration } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = validatingWebhookConfiguration({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const validatingWebhookConfiguration = kindFactory<V1ValidatingWebhookConfiguration>({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', modelName: 'V1ValidatingWebhookConfiguration' });
/**
 * `certificates.k8s.io/v1` CertificateSigningRequest.
 *
 * @example
 * import { type } from 'arktype';
 * import { certificateSigningRequest, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = certificateSigningRequest({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const certificateSigningRequest = kindFactory<V1CertificateSigningRequest>({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', modelName: 'V1CertificateSigningRequest' });
/**
 * `apiextensions.k8s.io/v1` CustomResourceDefinition.
 *
 * @example
 * import { type } from 'arktype';
 * import { customResourceDefinition, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = customResourceDefinition({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const customResourceDefinition = kindFactory<V1CustomResourceDefinition>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', modelName: 'V1CustomResourceDefinition' });
