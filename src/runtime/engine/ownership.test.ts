import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finalizeManifest } from './manifest.js';
import { describeOwner, foreignOwner } from './ownership.js';

const owner = { composition: 'webapp', instance: 'beta', namespace: 'dev' };
const cm = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'dev', ...metadata } });

describe('foreignOwner', () => {
  it('an object with the instance labels is its own, whoever else wrote fields of it', () => {
    const own = finalizeManifest(cm({}), 'config', owner, true);
    assert.equal(foreignOwner({ ...own, metadata: { ...(own.metadata as object), managedFields: [{ manager: 'kubectl-edit' }] } }, owner, 'typekro'), undefined);
  });
  it('another instance of the same composition, or the same instance name in another namespace, is another owner', () => {
    const alpha = finalizeManifest(cm({}), 'config', { ...owner, instance: 'alpha' }, true);
    assert.deepEqual(foreignOwner(alpha, owner, 'typekro'), { by: 'typekro', composition: 'webapp', instance: 'alpha', namespace: 'dev' });
    const elsewhere = finalizeManifest(cm({}), 'config', { ...owner, namespace: 'prod' }, true);
    assert.equal(describeOwner(foreignOwner(elsewhere, owner, 'typekro')!), 'TypeKro instance "beta" of composition "webapp" (namespace prod, direct mode)');
  });
  it('a KRO instance is named by its kind, namespace and name', () => {
    const labels = { 'app.kubernetes.io/managed-by': 'kro', 'kro.run/instance-name': 'shop', 'kro.run/instance-namespace': 'dev', 'kro.run/instance-kind': 'WebApp' };
    assert.equal(describeOwner(foreignOwner(cm({ labels }), owner, 'typekro')!), 'KRO instance WebApp dev/shop');
  });
  it('a controller ownerReference, then other field managers; the cluster\'s own managers and status writers do not count', () => {
    assert.deepEqual(foreignOwner(cm({ ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', controller: true }] }), owner, 'typekro'), { by: 'controller', kind: 'ReplicaSet', name: 'web-1' });
    const managedFields = [{ manager: 'kubectl-client-side-apply' }, { manager: 'helm' }, { manager: 'kube-controller-manager' }, { manager: 'other', subresource: 'status' }, { manager: 'typekro' }];
    assert.deepEqual(foreignOwner(cm({ managedFields }), owner, 'typekro'), { by: 'managers', managers: ['kubectl-client-side-apply', 'helm'] });
    assert.equal(foreignOwner(cm({ managedFields: [{ manager: 'typekro' }, { manager: 'kube-controller-manager' }] }), owner, 'typekro'), undefined);
  });
});
