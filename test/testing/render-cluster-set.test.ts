/**
 * Offline rendering of a value that reads what only the cluster sets, behind a JavaScript default (`??`,
 * `?.`, `||`): the other resource's manifest does not set the field, so the value is unknown offline and
 * the resource needs the cluster, in all three offline renderers (the test kit's `render`, direct mode's
 * `toYaml(spec)`, `typekro render --manifests`). Taking the default instead rendered `IP: none`, `PORT: "0"`
 * and `READY: "0"` where the cluster gives an address, 80 and 3. Likewise an object copied whole from another
 * manifest: `ports: svc.spec.ports` rendered `[{ port: 80 }]` where the cluster gives `targetPort: 80` and
 * `protocol: TCP` too (and a Deployment's containers lack their defaults the same way). A read of a field
 * the manifest sets renders, and so does a list of plain values (`args`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { type } from 'arktype';
import { Cel, kubernetesComposition, secret } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { findManifest, render } from '../../src/testing/index.js';
import { transcript, typekro } from '../cli/run.js';
import app from '../cli/fixtures/cluster-defaults.js';
import { CLUSTER_SET_REASONS } from '../cli/fixtures/cluster-defaults-reasons.js';

const fixture = 'test/cli/fixtures/cluster-defaults.ts';
const needsCluster = CLUSTER_SET_REASONS;
const known = { NAME: 'demo', PORT: '80', ARGS: '-g daemon off;' };
const refusal = `cannot render offline: these resources need data that only exists in the cluster (use deploy()):\n${needsCluster.map(([id, reason]) => `  - ${id}: ${reason}`).join('\n')}`;

describe('offline rendering of fields only the cluster sets', () => {
  it('render(): each such read is needs-cluster, whatever default surrounds it; a field the manifest sets renders', () => {
    const result = render(app, { name: 'demo' });
    assert.deepEqual(
      result.resources.filter((r) => r.state !== 'rendered').map((r) => [r.id, r.state, r.reason]),
      needsCluster.map(([id, reason]) => [id, 'needs-cluster', reason]),
    );
    assert.deepEqual(findManifest(result, 'known').data, known);
  });

  it("direct mode's toYaml(spec) refuses, naming each field; without those reads it renders", async () => {
    const factory = app.factory('direct', { namespace: 'dev' });
    await assert.rejects(factory.toYaml({ name: 'demo', clusterReads: true }), (error: Error) => {
      assert.equal(error.name, 'OfflineRenderError');
      assert.equal(error.message, refusal);
      return true;
    });
    const docs = parseAllDocuments(await factory.toYaml({ name: 'demo', clusterReads: false })).map((doc) => doc.toJS() as { kind: string; data?: unknown });
    assert.deepEqual(docs.filter((d) => d.kind === 'ConfigMap').map((d) => d.data), [known]);
  });

  it('typekro render --manifests refuses, naming each field; without those reads it renders', async () => {
    const refused = await typekro(['render', fixture, '--manifests', '--set', 'name=demo']);
    assert.equal(refused.code, 1, transcript(refused));
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr, `typekro: ${refusal}\n`);
    const rendered = await typekro(['render', fixture, '--manifests', '--set', 'name=demo', '--set', 'clusterReads=false']);
    assert.equal(rendered.code, 0, transcript(rendered));
    const docs = parseAllDocuments(rendered.stdout).map((doc) => doc.toJS() as { kind: string; data?: unknown });
    assert.deepEqual(docs.filter((d) => d.kind === 'ConfigMap').map((d) => d.data), [known]);
  });
});

// A Secret's data is bytes on the cluster (KRO and direct mode type it by the kind's schema): the rendered
// manifest read offline must be too. Untyped, string() gave the base64 text instead of the token.
const token = kubernetesComposition(
  { name: 'secret-reader', apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'SecretReader', spec: type({ name: 'string' }) },
  (spec) => {
    const creds = secret({ id: 'creds', metadata: { name: spec.name }, stringData: { token: 'hunter2' } });
    ConfigMap({ id: 'reader', name: `${spec.name}-reader`, data: { TOKEN: Cel.expr<string>('string(', creds.data!['token'], ')') } });
  },
);

describe('offline rendering reads another manifest typed as the cluster types it', () => {
  it("render() and toYaml(spec): a Secret's data is bytes, so string() gives the token", async () => {
    assert.deepEqual(findManifest(render(token, { name: 'demo' }), 'reader').data, { TOKEN: 'hunter2' });
    const docs = parseAllDocuments(await token.factory('direct', { namespace: 'dev' }).toYaml({ name: 'demo' })).map((doc) => doc.toJS() as { kind: string; data?: unknown });
    assert.deepEqual(docs.find((d) => d.kind === 'ConfigMap')?.data, { TOKEN: 'hunter2' });
  });
});
