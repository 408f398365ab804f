import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finalizeManifest } from './manifest.js';
import { CREATE_ONLY, OwnershipConflictError, OwnershipGuard, type OwnershipReader } from './ownership-check.js';
import type { KubeObject } from './types.js';

const owner = { composition: 'webapp', instance: 'beta', namespace: 'dev' };
const cm = (name: string, metadata: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'dev', ...metadata } });
const live: Record<string, KubeObject | 'unreadable'> = {
  own: { ...finalizeManifest(cm('own'), 'own', owner, true), metadata: { ...(finalizeManifest(cm('own'), 'own', owner, true).metadata as object), resourceVersion: '42' } },
  alpha: finalizeManifest(cm('alpha'), 'alpha', { ...owner, instance: 'alpha' }, true),
  tool: cm('tool', { managedFields: [{ manager: 'kubectl-create' }], resourceVersion: '7' }),
  secret: 'unreadable',
};
const read: OwnershipReader = async (m) => live[(m.metadata as { name: string }).name];

describe('OwnershipGuard', () => {
  it('keeps the precondition of each first apply: the version read, CREATE_ONLY when absent, none when unreadable', async () => {
    const guard = new OwnershipGuard(read, { mode: 'direct', owner }, false);
    await guard.check([cm('own'), cm('new'), cm('secret')]);
    assert.deepEqual(['own', 'new', 'secret'].map((n) => guard.precondition(cm(n))), ['42', CREATE_ONLY, undefined]);
    guard.applied(cm('new', { resourceVersion: '50' }));
    assert.equal(guard.precondition(cm('new')), '50');
  });
  it('knows the objects that are the instance\'s own (direct mode applies those with force): read with its labels or applied now, never adopted or unreadable', async () => {
    const guard = new OwnershipGuard(read, { mode: 'direct', owner }, true);
    await guard.check([cm('own'), cm('new'), cm('secret'), cm('tool'), cm('alpha')]);
    assert.deepEqual(['own', 'new', 'secret', 'tool', 'alpha'].map((n) => guard.own(cm(n))), [true, false, false, false, false]);
    guard.applied(cm('new', { resourceVersion: '50' }));
    assert.equal(guard.own(cm('new')), true);
  });
  it('refuses every foreign object in one error, sorted; adopt lets them through in direct mode', async () => {
    const refused = new OwnershipGuard(read, { mode: 'direct', owner }, false);
    await assert.rejects(refused.check([cm('tool'), cm('alpha'), cm('own')], true), (error: unknown) => {
      assert.ok(error instanceof OwnershipConflictError);
      assert.deepEqual(error.owners.map((o) => o.object), ['ConfigMap dev/alpha', 'ConfigMap dev/tool']);
      assert.match(error.message, /^instance "beta" \(namespace dev\) would take over objects it does not own: .*Nothing was changed\./);
      assert.deepEqual(error.remedies, [{ purpose: 'take the objects over', action: 'option', option: 'adopt' }]);
      assert.match(error.message, /\n  to take the objects over: the factory option adopt: true$/);
      return true;
    });
    await new OwnershipGuard(read, { mode: 'direct', owner }, true).check([cm('tool'), cm('alpha')]);
  });
  it('found at an object\'s own apply (objects may have been applied before it), the message says only those were not changed (trial 19 F1)', async () => {
    await assert.rejects(new OwnershipGuard(read, { mode: 'direct', owner }, false).check([cm('tool'), cm('alpha')]), { message: /: ConfigMap dev\/alpha is owned by .*; ConfigMap dev\/tool is owned by .*\. Those objects were not changed\. Use other names/ });
    await assert.rejects(new OwnershipGuard(read, { mode: 'direct', owner }, false).check([cm('tool')]), { message: /: ConfigMap dev\/tool is owned by .*\. That object was not changed\. Use other names/ });
  });
  it('kro mode: adopt covers an object another tool made, not one of another instance', async () => {
    const kro = { mode: 'kro', kind: 'WebApp', instance: 'beta', namespace: 'dev' } as const;
    await new OwnershipGuard(read, kro, true).check([cm('tool')]);
    await assert.rejects(new OwnershipGuard(read, kro, true).check([cm('tool'), cm('alpha')]), (error: unknown) => {
      assert.ok(error instanceof OwnershipConflictError);
      assert.deepEqual(error.owners.map((o) => o.object), ['ConfigMap dev/alpha']);
      assert.match(error.message, /kro mode\) would take over .*KRO cannot adopt objects of another instance/);
      // adopting would not help: no remedy suggests it
      assert.equal(error.remedies, undefined);
      return true;
    });
  });
  it('recheck reads the object again', async () => {
    let version = '1';
    const guard = new OwnershipGuard(async () => cm('x', { resourceVersion: version }), { mode: 'direct', owner }, false);
    await guard.check([cm('x')]);
    version = '2';
    await guard.recheck(cm('x'));
    assert.equal(guard.precondition(cm('x')), '2');
  });
});
