/**
 * Issue 13, point 5, offline: the redactor of an instance found in the cluster without its spec (direct mode
 * keeps none) knows its secrets from its objects: a Secret's data, and a field computed from a sensitive spec
 * field. Events, log lines, logs read at once and log failures pass through it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactorForObjects } from '../../src/api/sensitive.js';
import { redactedStream, redactEvents, redactFailures, redactLogs } from '../../src/api/sensitive-feed.js';
import { REDACTED } from '../../src/util/redact.js';
import vault from '../input/fixtures/vault.js';

const password = 'Zq7-feed-pass-5512';
const apiToken = 'tok-feed-77c1e0';
const source = { resourceId: 'config', pod: 'web-1', namespace: 'dev', container: 'app' };

// As the API server returns them: stringData stored as base64 data.
const live = new Map([
  ['creds', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'vault-creds' }, data: { password: Buffer.from(password).toString('base64') } }]],
  ['config', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vault-config', labels: { tier: 'web-tier', check: password } }, data: { token: apiToken, replicas: '1' } }]],
]);

describe('events and logs of an instance found in the cluster', () => {
  it('without the spec: the Secret\'s value and the field computed from the sensitive token are redacted, other values kept', () => {
    const redactor = redactorForObjects(vault.graph, undefined, live);
    assert.equal(redactor.text(`pw=${password} token=${apiToken} tier=web-tier replicas=1`), `pw=${REDACTED} token=${REDACTED} tier=web-tier replicas=1`);
  });

  it('with a kro instance\'s spec: its secrets too, although no object holds them', () => {
    const redactor = redactorForObjects(vault.graph, { password: 'only-in-spec-pw', apiToken: 'only-in-spec-token' }, new Map());
    assert.equal(redactor.text('only-in-spec-pw only-in-spec-token'), `${REDACTED} ${REDACTED}`);
  });

  it('events, logs, streamed lines and log failures are redacted', () => {
    const redactor = redactorForObjects(vault.graph, undefined, live);
    const event = { resourceId: 'config', object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'vault-config', namespace: 'dev' }, type: 'Warning', reason: 'Probe', message: `bad ${apiToken}`, count: 1, at: '2026-01-01T00:00:00.000Z' };
    assert.deepEqual(redactEvents(redactor, [event]), [{ ...event, message: `bad ${REDACTED}` }]);
    const logs = redactLogs(redactor, [{ ...source, log: `connecting with ${password}\nok` }, { ...source, error: `refused ${apiToken}` }]);
    assert.deepEqual(logs.map((entry) => entry.log ?? entry.error), [`connecting with ${REDACTED}\nok`, `refused ${REDACTED}`]);
    const lines: string[] = [];
    redactedStream(redactor, { onLine: (_source, line) => lines.push(line) }).onLine(source, `token ${apiToken}`);
    assert.deepEqual(lines, [`token ${REDACTED}`]);
    assert.deepEqual(redactFailures(redactor, [{ source, message: `no ${password}` }]), [{ source, message: `no ${REDACTED}` }]);
  });
});
