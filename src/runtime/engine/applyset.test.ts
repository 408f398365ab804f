import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { APPLYSET, applySetId, mergeKinds, nextGeneration, parseRecord, RECORD, recordManifest, recordName } from './applyset.js';

const owner = { composition: 'webapp', instance: 'demo', namespace: 'dev' };

describe('instance record (ApplySet)', () => {
  it('names the record after composition and instance, sanitised to a DNS subdomain', () => {
    assert.equal(recordName(owner), 'typekro.webapp.demo');
    const odd = recordName({ ...owner, composition: 'Web_App' });
    assert.match(odd, /^typekro\.web-app-[0-9a-f]{6}\.demo$/);
    assert.notEqual(odd, recordName({ ...owner, composition: 'web-app' }), 'sanitising keeps names distinct');
  });
  it('computes the ApplySet id as KEP-3659 defines it', () => {
    const expected = `applyset-${createHash('sha256').update('typekro.webapp.demo.dev.ConfigMap.').digest('base64url')}-v1`;
    assert.equal(applySetId(owner), expected);
    assert.ok(applySetId(owner).length <= 63, 'fits a label value');
  });
  it('merges kinds by group-kind, sorted', () => {
    assert.deepEqual(mergeKinds([{ apiVersion: 'v1', kind: 'Service' }, { apiVersion: 'apps/v1', kind: 'Deployment' }], [{ apiVersion: 'v1', kind: 'Service' }]), [
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'v1', kind: 'Service' },
    ]);
  });
  it('writes group-kinds and additional namespaces as ApplySet annotations and reads them back', () => {
    const manifest = recordManifest(owner, { kinds: [{ apiVersion: 'v1', kind: 'Service' }, { apiVersion: 'apps/v1', kind: 'Deployment' }], namespaces: ['dev', 'b', 'a'], succeeded: true, ...nextGeneration({ generation: 1, specHash: 'old' }, { a: 1 }) });
    const metadata = manifest.metadata as { labels: Record<string, string>; annotations: Record<string, string> };
    assert.equal(metadata.labels[APPLYSET.id], applySetId(owner));
    assert.equal(metadata.labels['typekro.dev/instance'], undefined, 'the record is not found by the members\' label queries');
    assert.equal(metadata.annotations[APPLYSET.groupKinds], 'Deployment.apps,Service');
    assert.equal(metadata.annotations[APPLYSET.namespaces], 'a,b');
    assert.equal(metadata.annotations[RECORD.succeeded], 'true');
    const parsed = parseRecord({ ...manifest, metadata: { ...(manifest.metadata as object), creationTimestamp: '2025-01-01T00:00:00Z', uid: 'u-1' } });
    assert.deepEqual(parsed?.kinds, [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'Service' }]);
    assert.deepEqual(parsed?.namespaces, ['dev', 'a', 'b']);
    assert.equal(parsed?.succeeded, true);
    assert.equal(parsed?.createdAt, '2025-01-01T00:00:00Z');
    assert.equal(parsed?.uid, 'u-1');
    assert.equal(parsed?.generation, 2);
    assert.deepEqual(nextGeneration(parsed, { a: 1 }), { generation: 2, specHash: parsed?.specHash });
  });
  it('counts generations like the API server counts spec changes: same spec, same generation', () => {
    const first = nextGeneration(undefined, { b: [1, { c: 2 }], a: 'x' });
    assert.equal(first.generation, 1);
    assert.deepEqual(nextGeneration(first, { a: 'x', b: [1, { c: 2 }] }), first, 'key order does not matter');
    assert.equal(nextGeneration(first, { a: 'y', b: [1, { c: 2 }] }).generation, 2);
  });
  it('ignores a ConfigMap that is not a record', () => {
    assert.equal(parseRecord({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }), undefined);
    assert.equal(parseRecord(undefined), undefined);
  });
});

describe('instance record: the stored spec and the finished generation', () => {
  const owner = { composition: 'webapp', instance: 'web', namespace: 'dev' };
  it('round-trips the spec (secret values already taken out) and the generation that last finished', () => {
    const spec = { spec: { replicas: 2, db: {} }, unstored: [['db', 'password']] };
    const manifest = recordManifest(owner, { kinds: [], namespaces: ['dev'], succeeded: true, generation: 3, specHash: 'h', spec, finishedGeneration: 2 });
    const parsed = parseRecord(manifest);
    assert.deepEqual(parsed?.spec, spec);
    assert.equal(parsed?.finishedGeneration, 2);
  });
  it('an older record (no spec, no finished generation) loads with neither; a spec it cannot read is none', () => {
    const manifest = recordManifest(owner, { kinds: [], namespaces: ['dev'], succeeded: true, generation: 1 });
    const parsed = parseRecord(manifest);
    assert.equal(parsed?.spec, undefined);
    assert.equal(parsed?.finishedGeneration, undefined);
    assert.equal(parsed?.succeeded, true);
    const broken = { ...manifest, data: { ...(manifest.data as object), [RECORD.spec]: '{"spec":1,"unstored":"x"}' } };
    assert.equal(parseRecord(broken)?.spec, undefined);
  });
});
