/**
 * Offline: gaps a new user found in the CLI. `render --name` names the instance as deploy's does; a bad
 * `spec.name` says where the name came from and prints no usage (the command line is not at fault); a
 * failed deploy prints its error once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { transcript, typekro } from './run.js';

const fixture = 'test/input/fixtures/vault.ts';
const spec = ['--set', 'password=abcd-1234', '--set', 'apiToken=tok-1234'];
const dir = mkdtempSync(join(tmpdir(), 'typekro-gaps-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI gaps', () => {
  it('render --name names the instance and the manifests, as deploy --name does', async () => {
    const instance = await typekro(['render', fixture, ...spec, '--name', 'shop']);
    assert.equal(instance.code, 0, transcript(instance));
    const document = parseAllDocuments(instance.stdout)[0]!.toJS() as { kind: string; metadata: { name: string } };
    assert.deepEqual([document.kind, document.metadata.name], ['VaultApp', 'shop']);
    // a name alone asks for the instance (the spec's defaults and the given fields)
    const manifests = await typekro(['render', fixture, ...spec, '--name', 'shop', '--manifests']);
    assert.equal(manifests.code, 0, transcript(manifests));
    assert.match(manifests.stdout, /typekro\.dev\/instance: shop$/m);
    const refused = await typekro(['render', fixture, ...spec, '--name', 'Not_A_Name']);
    assert.equal(refused.code, 2, transcript(refused));
    assert.match(refused.stderr, /instance name "Not_A_Name" is not a Kubernetes name/);
  });

  it('an invalid spec.name says it came from spec.name, exit 2, without the usage footer', async () => {
    const result = await typekro(['render', fixture, ...spec, '--set', 'name=Bad_Name']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /^typekro: instance name "Bad_Name" \(from spec\.name\) is not a Kubernetes name: .*\(e\.g\. "bad-name"\); change spec\.name, or give the name/m);
    assert.doesNotMatch(result.stderr, /Usage:/);
    // a command-line mistake still gets the usage
    const usage = await typekro(['render', fixture, '--instance', '--manifests']);
    assert.match(usage.stderr, /Usage: typekro render/);
  });

  it('a failed deploy prints its error once', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: dev, context: {cluster: c, user: u}}]\n',
    );
    const result = await typekro(['deploy', fixture, ...spec, '--kubeconfig', kubeconfig, '--timeout', '5s']);
    assert.equal(result.code, 1, transcript(result));
    assert.equal(result.stderr.match(/cannot reach the cluster/g)?.length, 1, transcript(result));
    assert.match(result.stderr, /^typekro: cannot reach the cluster at https:\/\/127\.0\.0\.1:1/m);
  });
});
