import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFields, diffPaths } from './plan.js';
import { REDACTED, Redactor } from '../../util/redact.js';

describe('plan: changed paths', () => {
  it('lists changed leaves, ignoring status and server-managed metadata', () => {
    const before = { metadata: { name: 'a', resourceVersion: '1', managedFields: [1], labels: { x: '1' } }, spec: { replicas: 1, template: { containers: [{ image: 'a' }] } }, status: { ready: 1 } };
    const after = { metadata: { name: 'a', resourceVersion: '2', managedFields: [2], labels: { x: '1', y: '2' } }, spec: { replicas: 3, template: { containers: [{ image: 'b' }] } }, status: { ready: 0 } };
    assert.deepEqual(diffPaths(before, after), ['metadata.labels.y', 'spec.replicas', 'spec.template.containers[0].image']);
  });
  it('reports an array whose length changed as one path, and nothing for equal objects', () => {
    assert.deepEqual(diffPaths({ spec: { ports: [1] } }, { spec: { ports: [1, 2] } }), ['spec.ports']);
    assert.deepEqual(diffPaths({ data: { a: 'x' } }, { data: { a: 'x' } }), []);
  });
  it('tells a removed field (a Secret key dropped) from a changed or added one', () => {
    const live = { data: { user: 'bWU=', password: 'aHVudGVyMg==', token: 'dA==' }, metadata: { labels: { a: '1' } } };
    const applied = { data: { user: 'eW91', token: 'dA==', extra: 'eA==' }, metadata: {} };
    assert.deepEqual(diffFields(live, applied), { paths: ['data.extra', 'data.password', 'data.user', 'metadata.labels'], removed: ['data.password', 'metadata.labels'] });
    assert.deepEqual(diffFields(live, live), { paths: [], removed: [] });
  });
});

describe('redaction of Secret values', () => {
  it('redacts data (decoded and encoded) and stringData values, also JSON-escaped', () => {
    const redactor = new Redactor();
    redactor.addManifest({ apiVersion: 'v1', kind: 'Secret', data: { token: Buffer.from('s3cr3t-token').toString('base64') }, stringData: { password: 'pa"ss-word' } });
    const encoded = Buffer.from('s3cr3t-token').toString('base64');
    assert.equal(redactor.text(`value s3cr3t-token and ${encoded}`), `value ${REDACTED} and ${REDACTED}`);
    assert.equal(redactor.text('Invalid value: "pa\\"ss-word"'), `Invalid value: "${REDACTED}"`);
    const error = redactor.error(new Error('bad pa"ss-word'));
    assert.equal(error.message, `bad ${REDACTED}`);
    assert.ok(!error.stack?.includes('pa"ss-word'));
  });
  it('ignores other kinds and very short values', () => {
    const redactor = new Redactor();
    redactor.addManifest({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'visible-value' } });
    redactor.addManifest({ apiVersion: 'v1', kind: 'Secret', stringData: { a: 'no' } });
    assert.equal(redactor.text('visible-value no'), 'visible-value no');
  });
});
