/**
 * Offline: CLI messages a new-user trial found wrong. A deploy checks the instance name before it prints
 * "deploying"; an array given for a string says "an array" (a failed direct deploy's remedies in CLI
 * terms: remedies.test.ts); a kind is named with its article ("an example.com/v1 Widget"); unstored
 * secrets are named by the status of a direct instance.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type } from 'arktype';
import { crdFactory, crdManifests, customResourceDefinition, kubernetesComposition, sensitive } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { unstoredSecretsOf } from '../../src/api/sensitive.js';
import { transcript, typekro } from './run.js';

const fixture = 'test/input/fixtures/vault.ts';

describe('CLI messages from the new-user trial', () => {
  it('deploy refuses a bad --name before it prints "deploying"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typekro-trial-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const kubeconfig = join(dir, 'kubeconfig');
    // a cluster nobody listens at: the name is refused before any call
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: dev, context: {cluster: c, user: u}}]\n',
    );
    const result = await typekro(['deploy', fixture, '--set', 'password=abcd-1234', '--set', 'apiToken=tok', '--name', 'MyShop', '--kubeconfig', kubeconfig]);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /instance name "MyShop" is not a Kubernetes name/);
    assert.doesNotMatch(result.stderr, /deploying/);
  });

  it('an array given for a string field says it was an array', async () => {
    // From a spec file: --set types a string field's value as its text (`--set apiToken=[x]` is the string "[x]").
    const result = await typekro(['render', fixture, '--set', 'password=abcd-1234', '--spec', '-'], { input: 'apiToken: [x]\n' });
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /spec\.apiToken must be a string \(was an array\)/);
    const object = await typekro(['render', fixture, '--set', 'password=abcd-1234', '--spec', '-'], { input: 'apiToken: {a: 1}\n' });
    assert.match(object.stderr, /spec\.apiToken must be a string \(was an object\)/, transcript(object));
    const text = await typekro(['render', fixture, '--set', 'password=abcd-1234', '--set', 'apiToken=[x]']);
    assert.equal(text.code, 0, transcript(text));
    assert.match(text.stdout, /apiToken: "\[x\]"/);
  });

  it('a custom kind in a kro composition with its CRD is named with "an"', () => {
    const widget = crdFactory<{ spec: { size: number } }>({
      group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', scope: 'Namespaced', factoryName: 'widget',
      schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } },
    });
    const [crd] = crdManifests([widget]);
    const app = kubernetesComposition({ name: 'widgets', kind: 'Widgets', spec: type({ size: 'number.integer' }), status: type({ size: 'number' }) }, (spec) => {
      customResourceDefinition({ id: 'widgetCrd', ...crd! } as Parameters<typeof customResourceDefinition>[0]);
      const item = widget({ name: 'w', spec: { size: spec.size }, id: 'w' });
      return { size: item.spec.size };
    });
    assert.throws(() => app.toYaml(), /resource "w" \(.*\) is an example\.com\/v1 Widget, a kind defined by resource "widgetCrd"/);
  });

  it('names the sensitive spec fields a template reads that a spec without them lacks', () => {
    const app = kubernetesComposition(
      { name: 'leak', kind: 'Leak', spec: type({ apiToken: sensitive(type('string')), image: 'string = "nginx"' }), status: type({ image: 'string' }) },
      (spec) => {
        Deployment({ id: 'd', name: 'leak', image: spec.image, labels: { tok: spec.apiToken } });
        return { image: spec.image };
      },
    );
    assert.deepEqual(unstoredSecretsOf(app.graph, { image: 'nginx' }, 'd'), ['apiToken']);
    assert.deepEqual(unstoredSecretsOf(app.graph, { image: 'nginx', apiToken: 't' }, 'd'), []);
  });
});
