/**
 * The user trial: a composition names its second ConfigMap `${spec.name}-${spec.suffix}`; with
 * `--set suffix=Bad_Suffix` a direct deploy applied the first ConfigMap and then failed with the API server's
 * "the name of the object (demo-Bad_Suffix) does not match the name on the URL (demo-bad_suffix)" (the client
 * library lowercases the request path). Now both modes refuse the name before anything is applied: invalid
 * input (exit 2), naming the resource, the kind, the name, the rule and the spec fields; no ConfigMap, no
 * instance record, and in kro mode no RGD and no instance. The same spec with a valid suffix deploys.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from '../cli/run.js';

const fixture = 'test/object-names/fixtures/suffixed.ts';
const message = (name: string): string =>
  `typekro: resource "extra" (ConfigMap): name "${name}-Bad_Suffix" is not a valid ConfigMap name: it has uppercase letters ("B", "S") and contains "_" ` +
  '(a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters). ' +
  'It is computed from spec.name, spec.suffix. Nothing was applied.\n' +
  '  to make the name valid: pass a valid value for spec.name (--set name=<value>, or in the spec file)\n' +
  '  to make the name valid: pass a valid value for spec.suffix (--set suffix=<value>, or in the spec file)\n' +
  '  to make the name valid: lowercase it with .toLowerCase() in the composition\n';

describe('a resource name computed from a bad spec value', () => {
  const kc = testKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const client = new KubeClient(kc);
  let namespace: { name: string; remove: () => Promise<void> };
  before(async () => (namespace = await testNamespace(kc, 'object-names')));
  after(async () => namespace.remove());

  const deploy = (mode: string, ...set: string[]) =>
    typekro(['deploy', fixture, '--mode', mode, '--kubeconfig', testKubeConfigPath(), '-n', namespace.name, '--timeout', '60s', ...set.flatMap((s) => ['--set', s])]);
  const configMaps = async (): Promise<string[]> =>
    (await core.listNamespacedConfigMap({ namespace: namespace.name })).items.map((c) => c.metadata?.name ?? '').filter((n) => n !== 'kube-root-ca.crt').sort();

  const refused = async (mode: 'direct' | 'kro'): Promise<void> => {
    const name = `names-${mode}`;
    const result = await deploy(mode, `name=${name}`, 'suffix=Bad_Suffix');
    assert.equal(result.code, 2, transcript(result));
    assert.equal(result.stderr.slice(result.stderr.indexOf('typekro: ')), message(name), transcript(result));
    assert.equal(result.stdout, '');
    // no first ConfigMap, no instance record
    assert.deepEqual(await configMaps(), []);
    if (mode === 'kro') {
      assert.equal(await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'suffixed-app' }), undefined, 'the RGD was applied');
      assert.equal(await client.get({ apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'SuffixedApp', name, namespace: namespace.name }).catch(() => undefined), undefined, 'the instance was applied');
    }
  };

  it('direct mode: exit 2, the resource, kind, name, rule and spec fields; nothing is applied', () => refused('direct'));
  it('kro mode: exit 2, the resource, kind, name, rule and spec fields; nothing is applied', () => refused('kro'));

  it('direct mode: a name that needs cluster data is checked just before its apply; what was applied before is named', async () => {
    const result = await typekro(['deploy', 'test/object-names/fixtures/stamped.ts', '--kubeconfig', testKubeConfigPath(), '-n', namespace.name, '--timeout', '60s']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(
      result.stderr,
      /\ntypekro: resource "stamped" \(ConfigMap\): name "stamped-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" is not a valid ConfigMap name: it has uppercase letters \("T", "Z"\) and contains ":" \(a DNS-1123 subdomain[^)]*\)\. It is computed from spec\.name, first\.metadata\.creationTimestamp\.\n\(applied before the failure and left in the cluster: ConfigMap [a-z0-9-]+\/stamped-first; [^\n]*\n {2}to make the name valid: pass a valid value for spec\.name \(--set name=<value>, or in the spec file\)\n {2}to make the name valid: compute it differently in the composition\n {2}to make the name valid: lowercase it with \.toLowerCase\(\) in the composition\n/,
      transcript(result),
    );
    // the first was applied (it had to exist to name the second), the second never reached the API server
    assert.deepEqual((await configMaps()).filter((n) => n.startsWith('stamped')), ['stamped-first']);
  });

  it('direct mode: the same deploy with a valid suffix applies both ConfigMaps (the check is what stopped it)', async () => {
    const result = await deploy('direct', 'name=names-ok', 'suffix=good');
    assert.equal(result.code, 0, transcript(result));
    const names = await configMaps();
    assert.ok(names.includes('names-ok-base') && names.includes('names-ok-good'), names.join(', '));
  });
});
