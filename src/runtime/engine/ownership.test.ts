import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finalizeManifest } from './manifest.js';
import { adoptable, describeOwner, foreignOwner, type Claimant } from './ownership.js';

const owner = { composition: 'webapp', instance: 'beta', namespace: 'dev' };
const direct: Claimant = { mode: 'direct', owner };
const kro: Claimant = { mode: 'kro', kind: 'WebApp', instance: 'beta', namespace: 'dev' };
const cm = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'dev', ...metadata } });

describe('foreignOwner', () => {
  it('an object with the instance labels is its own, whoever else wrote fields of it', () => {
    const own = finalizeManifest(cm({}), 'config', owner, true);
    assert.equal(foreignOwner({ ...own, metadata: { ...(own.metadata as object), managedFields: [{ manager: 'kubectl-edit' }] } }, direct), undefined);
  });
  it('another instance of the same composition, or the same instance name in another namespace, is another owner', () => {
    const alpha = finalizeManifest(cm({}), 'config', { ...owner, instance: 'alpha' }, true);
    assert.deepEqual(foreignOwner(alpha, direct), { by: 'typekro', composition: 'webapp', instance: 'alpha', namespace: 'dev' });
    const elsewhere = finalizeManifest(cm({}), 'config', { ...owner, namespace: 'prod' }, true);
    assert.equal(describeOwner(foreignOwner(elsewhere, direct)!), 'TypeKro instance "beta" of composition "webapp" (namespace prod, direct mode)');
  });
  it('a KRO instance is named by its kind, namespace and name', () => {
    const labels = { 'app.kubernetes.io/managed-by': 'kro', 'kro.run/instance-name': 'shop', 'kro.run/instance-namespace': 'dev', 'kro.run/instance-kind': 'WebApp' };
    assert.equal(describeOwner(foreignOwner(cm({ labels }), direct)!), 'KRO instance WebApp dev/shop');
  });
  it('a controller ownerReference, then other field managers; the cluster\'s own managers and status writers do not count', () => {
    assert.deepEqual(foreignOwner(cm({ ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', controller: true }] }), direct), { by: 'controller', kind: 'ReplicaSet', name: 'web-1' });
    const managedFields = [{ manager: 'kubectl-client-side-apply' }, { manager: 'helm' }, { manager: 'kube-controller-manager' }, { manager: 'other', subresource: 'status' }, { manager: 'typekro' }];
    assert.deepEqual(foreignOwner(cm({ managedFields }), direct), { by: 'managers', managers: ['kubectl-client-side-apply', 'helm'] });
    assert.equal(foreignOwner(cm({ managedFields: [{ manager: 'typekro' }, { manager: 'kube-controller-manager' }] }), direct), undefined);
  });
  it('kro mode: its own children carry KRO labels of its kind, name and namespace, and KRO\'s field managers are its own', () => {
    const labels = (instance: string, kind = 'WebApp') => ({ 'kro.run/instance-name': instance, 'kro.run/instance-namespace': 'dev', 'kro.run/instance-kind': kind });
    const managedFields = [{ manager: 'kro.run/applyset' }, { manager: 'kube-controller-manager' }];
    assert.equal(foreignOwner(cm({ labels: labels('beta'), managedFields }), kro), undefined);
    assert.deepEqual(foreignOwner(cm({ labels: labels('beta', 'Other') }), kro), { by: 'kro', kind: 'Other', instance: 'beta', namespace: 'dev' });
    assert.deepEqual(foreignOwner(cm({ managedFields: [{ manager: 'typekro' }] }), kro), { by: 'managers', managers: ['typekro'] });
    const direct = finalizeManifest(cm({}), 'config', owner, true);
    assert.equal(foreignOwner(direct, kro)?.by, 'typekro', 'a direct instance of the same name is another owner');
  });
  it('adopt: direct mode takes over anything; KRO only what no other instance\'s ApplySet holds', () => {
    const instance = { by: 'typekro', composition: 'webapp', instance: 'alpha', namespace: 'dev' } as const;
    const tool = { by: 'managers', managers: ['kubectl'] } as const;
    assert.deepEqual([adoptable(instance, direct), adoptable(tool, direct)], [true, true]);
    assert.deepEqual([adoptable(instance, kro), adoptable({ by: 'kro', kind: 'A', instance: 'a', namespace: 'dev' }, kro), adoptable(tool, kro), adoptable({ by: 'controller', kind: 'ReplicaSet', name: 'r' }, kro)], [false, false, true, true]);
  });
});
