import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFields, diffPaths, plannedChange } from './plan.js';
import { OLD_TEXT_NOT_SHOWN, valueShower } from './plan-diff.js';
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
    const { paths, removed } = diffFields(live, applied);
    assert.deepEqual({ paths, removed }, { paths: ['data.extra', 'data.password', 'data.user', 'metadata.labels'], removed: ['data.password', 'metadata.labels'] });
    assert.deepEqual(diffFields(live, live), { paths: [], removed: [], changes: [] });
  });
  it('keeps the two values of each change and its path as segments (a key may hold dots)', () => {
    const { changes } = diffFields({ metadata: { labels: { 'app.kubernetes.io/name': 'a' } }, spec: { ports: [1] } }, { metadata: { labels: { 'app.kubernetes.io/name': 'b' } }, spec: { ports: [1, 2] } });
    assert.deepEqual(changes, [
      { path: 'metadata.labels.app.kubernetes.io/name', segments: ['metadata', 'labels', 'app.kubernetes.io/name'], before: 'a', after: 'b' },
      { path: 'spec.ports', segments: ['spec', 'ports'], before: [1], after: [1, 2] },
    ]);
  });
});

describe('plan: values before and after', () => {
  const live = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, template: { spec: { containers: [{ image: 'nginx:1.26', env: [{ name: 'TOKEN', value: 'old-token-value' }, { name: 'NOTE', value: 'x'.repeat(100) }] }] } } } };
  const applied = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, template: { spec: { containers: [{ image: 'nginx:1.27', env: [{ name: 'TOKEN', value: 'new-token-value' }, { name: 'NOTE', value: 'y'.repeat(100) }] }] } } } };
  const web = { resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

  it('shows JSON values, cut, and redacts a field whose template reads a secret (its old value too) and every known secret', () => {
    const redactor = new Redactor();
    redactor.addSecret('nginx:1.27');
    const secretField = (id: string, path: readonly string[]): boolean => id === 'web' && path.join('.') === 'spec.template.spec.containers.0.env.0.value';
    const change = plannedChange(web, diffFields(live, applied), valueShower(web, redactor, secretField));
    assert.deepEqual(change.values, [
      { path: 'spec.replicas', before: '1', after: '3' },
      { path: 'spec.template.spec.containers[0].env[0].value', before: OLD_TEXT_NOT_SHOWN, after: REDACTED },
      { path: 'spec.template.spec.containers[0].env[1].value', before: OLD_TEXT_NOT_SHOWN, after: `"${'y'.repeat(59)}…(102 characters)` },
      { path: 'spec.template.spec.containers[0].image', before: OLD_TEXT_NOT_SHOWN, after: `"${REDACTED}"` },
    ]);
  });

  it('shows no old text: a secret an earlier composition wrote where this one writes plain text (review 38: a sensitive env var dropped, moved to a secretKeyRef, or reordered and rotated) is not known as one', () => {
    const env = (items: { name: string; value?: string; valueFrom?: unknown }[]) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, template: { spec: { containers: [{ image: 'nginx', env: items }] } } } });
    const nothingSecret = valueShower(web, new Redactor(), () => false);
    const shown = (before: Record<string, unknown>, after: Record<string, unknown>): string => JSON.stringify(plannedChange(web, diffFields(before, after), nothingSecret).values);
    const old = env([{ name: 'TOKEN', value: 's3cr3t-token' }, { name: 'NOTE', value: 'n' }]);
    for (const next of [env([{ name: 'NOTE', value: 'n' }]), env([{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }, { name: 'NOTE', value: 'n' }]), env([{ name: 'NOTE', value: 'n' }, { name: 'TOKEN', value: 'rotated' }])]) {
      assert.ok(!shown(old, next).includes('s3cr3t'), shown(old, next));
    }
    assert.equal(shown(env([{ name: 'A', value: 'x' }]), { ...env([{ name: 'A', value: 'x' }]), spec: { replicas: 2, paused: true, template: env([{ name: 'A', value: 'x' }]).spec.template } }), JSON.stringify([{ path: 'spec.paused', after: 'true' }, { path: 'spec.replicas', before: '1', after: '2' }]));
  });

  it('redacts every value of a Secret but its labels and type, and shows none without a shower (kro mode)', () => {
    const secret = (data: Record<string, string>, label: string) => ({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'creds', labels: { tier: label }, annotations: { note: label } }, data });
    const creds = { resourceId: 'creds', apiVersion: 'v1', kind: 'Secret', name: 'creds' };
    const fields = diffFields(secret({ password: 'b2xk', user: 'dQ==' }, 'a'), secret({ user: 'dg==' }, 'b'));
    assert.deepEqual(plannedChange(creds, fields, valueShower(creds, new Redactor())), {
      resource: creds,
      paths: ['data.password', 'data.user', 'metadata.annotations.note', 'metadata.labels.tier'],
      removed: ['data.password'],
      values: [
        { path: 'data.password', before: OLD_TEXT_NOT_SHOWN },
        { path: 'data.user', before: OLD_TEXT_NOT_SHOWN, after: REDACTED },
        { path: 'metadata.annotations.note', before: OLD_TEXT_NOT_SHOWN, after: REDACTED },
        { path: 'metadata.labels.tier', before: OLD_TEXT_NOT_SHOWN, after: '"b"' },
      ],
    });
    assert.equal(plannedChange(creds, fields).values, undefined);
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
