/** Low-level factories: admission. Each takes the manifest as the Kubernetes API defines it. */
import type { V1CertificateSigningRequest, V1CustomResourceDefinition, V1MutatingWebhookConfiguration, V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `admissionregistration.k8s.io/v1` MutatingWebhookConfiguration. @example mutatingWebhookConfiguration({ metadata: { name: 'x' } }) */
export const mutatingWebhookConfiguration = kindFactory<V1MutatingWebhookConfiguration>({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', modelName: 'V1MutatingWebhookConfiguration' });
/** `admissionregistration.k8s.io/v1` ValidatingWebhookConfiguration. @example validatingWebhookConfiguration({ metadata: { name: 'x' } }) */
export const validatingWebhookConfiguration = kindFactory<V1ValidatingWebhookConfiguration>({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', modelName: 'V1ValidatingWebhookConfiguration' });
/** `certificates.k8s.io/v1` CertificateSigningRequest. @example certificateSigningRequest({ metadata: { name: 'x' } }) */
export const certificateSigningRequest = kindFactory<V1CertificateSigningRequest>({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', modelName: 'V1CertificateSigningRequest' });
/** `apiextensions.k8s.io/v1` CustomResourceDefinition. @example customResourceDefinition({ metadata: { name: 'x' } }) */
export const customResourceDefinition = kindFactory<V1CustomResourceDefinition>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', modelName: 'V1CustomResourceDefinition' });
