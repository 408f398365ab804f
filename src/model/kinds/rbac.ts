/** Low-level factories: rbac. Each takes the manifest as the Kubernetes API defines it. */
import type { V1ClusterRole, V1ClusterRoleBinding, V1Role, V1RoleBinding } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/**
 * `rbac.authorization.k8s.io/v1` Role.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, role } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = role({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const role = kindFactory<V1Role>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', modelName: 'V1Role' });
/**
 * `rbac.authorization.k8s.io/v1` RoleBinding.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, roleBinding } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = roleBinding({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const roleBinding = kindFactory<V1RoleBinding>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', modelName: 'V1RoleBinding' });
/**
 * `rbac.authorization.k8s.io/v1` ClusterRole.
 *
 * @example
 * import { type } from 'arktype';
 * import { clusterRole, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = clusterRole({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const clusterRole = kindFactory<V1ClusterRole>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', modelName: 'V1ClusterRole' });
/**
 * `rbac.authorization.k8s.io/v1` ClusterRoleBinding.
 *
 * @example
 * import { type } from 'arktype';
 * import { clusterRoleBinding, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = clusterRoleBinding({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const clusterRoleBinding = kindFactory<V1ClusterRoleBinding>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', modelName: 'V1ClusterRoleBinding' });
