/** Low-level factories: rbac. Each takes the manifest as the Kubernetes API defines it. */
import type { V1ClusterRole, V1ClusterRoleBinding, V1Role, V1RoleBinding } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `rbac.authorization.k8s.io/v1` Role. @example role({ metadata: { name: 'x' } }) */
export const role = kindFactory<V1Role>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', modelName: 'V1Role' });
/** `rbac.authorization.k8s.io/v1` RoleBinding. @example roleBinding({ metadata: { name: 'x' } }) */
export const roleBinding = kindFactory<V1RoleBinding>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', modelName: 'V1RoleBinding' });
/** `rbac.authorization.k8s.io/v1` ClusterRole. @example clusterRole({ metadata: { name: 'x' } }) */
export const clusterRole = kindFactory<V1ClusterRole>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', modelName: 'V1ClusterRole' });
/** `rbac.authorization.k8s.io/v1` ClusterRoleBinding. @example clusterRoleBinding({ metadata: { name: 'x' } }) */
export const clusterRoleBinding = kindFactory<V1ClusterRoleBinding>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', modelName: 'V1ClusterRoleBinding' });
