/**
 * A spec string holding U+0085 (a line break to KRO's YAML 1.1, stored as a space) is refused before a kro
 * deploy, with the way out of deploying in direct mode; a direct deploy takes it (TypeKro sends it escaped in
 * JSON: test/input/wire.cluster.test.ts reads it back from the API server), where the CLI refused it with that
 * same message, naming the mode it was in as the way out (trial 18 F7).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { transcript, typekro } from './run.js';

const fixture = 'test/input/fixtures/vault.ts';
const spec = ['--set', 'password=abcd-1234', '--set', 'apiToken=to\u0085k'];
// A cluster nothing listens on: a deploy the spec check lets through fails connecting to it.
const kubeconfig = join(mkdtempSync(join(tmpdir(), 'typekro-kro-chars-')), 'config');
writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:9' } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u, namespace: default } }]
current-context: x
`);
const cluster = ['--kubeconfig', kubeconfig, '--timeout', '5s'];
const KRO_REFUSAL = 'spec.apiToken holds U+0085 at index 2: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; deploy in direct mode, or leave the character out';

describe('a spec string holding U+0085', () => {
  it('is refused before a kro deploy, with the way out', async () => {
    const result = await typekro(['deploy', fixture, ...spec, ...cluster, '--mode', 'kro']);
    assert.notEqual(result.code, 0, transcript(result));
    assert.ok(result.stderr.includes(`  - ${KRO_REFUSAL}\n`), transcript(result));
    assert.doesNotMatch(result.stderr, /deploying/);
  });

  it('passes the spec check of a direct deploy', async () => {
    const result = await typekro(['deploy', fixture, ...spec, ...cluster, '--mode', 'direct']);
    assert.notEqual(result.code, 0, transcript(result));
    assert.doesNotMatch(result.stderr, /U\+0085|invalid spec/, transcript(result));
    assert.match(result.stderr, /deploying/, transcript(result));
  });
});
