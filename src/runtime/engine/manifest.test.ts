import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPLYSET, applySetId } from './applyset.js';
import { finalizeManifest, LABELS, ownershipSelector } from './manifest.js';

const owner = { composition: 'webapp', instance: 'demo', namespace: 'dev' };

describe('finalizeManifest', () => {
  it('defaults the namespace of namespaced kinds and adds ownership labels', () => {
    const out = finalizeManifest({ kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' }, annotations: { x: 'y' } } }, 'config', owner, true);
    assert.deepEqual(out.metadata, {
      name: 'c',
      namespace: 'dev',
      labels: { a: 'b', [LABELS.managedBy]: 'typekro', [LABELS.composition]: 'webapp', [LABELS.instance]: 'demo', [LABELS.instanceNamespace]: 'dev', [LABELS.resourceId]: 'config', [APPLYSET.partOf]: applySetId(owner) },
      annotations: { x: 'y' },
    });
  });
  it('keeps an explicit namespace, and drops it for cluster-scoped kinds', () => {
    assert.equal((finalizeManifest({ metadata: { name: 'c', namespace: 'other' } }, 'c', owner, true).metadata as { namespace: string }).namespace, 'other');
    assert.equal('namespace' in (finalizeManifest({ metadata: { name: 'n', namespace: 'x' } }, 'n', owner, false).metadata as object), false);
  });
  it('selects exactly the instance', () => {
    assert.equal(ownershipSelector(owner), 'typekro.dev/composition=webapp,typekro.dev/instance=demo,typekro.dev/instance-namespace=dev');
  });
});
