/**
 * What the API server stores is what TypeKro computed, byte for byte, for strings a YAML 1.1 reader could
 * take otherwise: blanks at the ends, CR, tabs, U+0085/U+2028/U+2029 (line breaks in YAML 1.1), U+FEFF,
 * controls, lookalikes of numbers, booleans and null, document markers and comments. Server-side apply
 * bodies are read by the API server as YAML (go-yaml): before runtime/kube/wire.ts a raw U+0085 was stored
 * as a space and U+007F was refused. Each path is read back: TypeKro's apply and create, toYaml's text as
 * the API server reads it, direct and kro deploys (ConfigMap data, the instance spec, the status KRO writes).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { SpecValidationError } from '../../src/index.js';
import { toYaml } from '../../src/compile/rgd/yaml.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { ObjectApi } from '../../src/runtime/kube/object-api.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import wire, { WIRE_VALUES } from './fixtures/wire.js';

const kc = testKubeConfig();
const client = new KubeClient(kc);
type Data = Record<string, string>;
const sorted = (data: Data | undefined): Data => Object.fromEntries(Object.entries(data ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
const EXPECTED = sorted({ ...WIRE_VALUES });
/** What KRO carries unchanged (kro-strings.ts refuses the rest): WIRE_VALUES less U+007F-U+009F, U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex
const KRO_VALUES = Object.fromEntries(Object.entries(WIRE_VALUES).map(([key, value]) => [key, value.replace(/[\u007f-\u009f\ufffe\uffff]/g, '')]));

async function configMap(name: string, namespace: string): Promise<{ data: Data; annotations: Data }> {
  const live = (await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace })) as { data?: Data; metadata?: { annotations?: Data } } | undefined;
  assert.ok(live, `ConfigMap ${namespace}/${name} exists`);
  return { data: sorted(live.data), annotations: sorted(live.metadata?.annotations) };
}

describe('strings reach the cluster unchanged', { timeout: 600_000 }, () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'wire')));
  after(async () => {
    await client.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'input-wire' }).catch(() => undefined);
    await ns?.remove();
  });

  const object = (name: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns.name, annotations: { ...WIRE_VALUES } }, data: { ...WIRE_VALUES } }) as KubernetesObject;

  it('apply and create store each string as sent, in data and annotations', async () => {
    await client.apply(object('applied'), { force: true });
    await client.create(object('created'));
    for (const name of ['applied', 'created']) assert.deepEqual(await configMap(name, ns.name), { data: EXPECTED, annotations: EXPECTED }, name);
  });

  it('apply stores the line breaks of YAML 1.1 as sent (the old body was accepted and U+0085 stored as a space)', async () => {
    const breaks = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'breaks', namespace: ns.name, annotations: KRO_VALUES }, data: KRO_VALUES } as KubernetesObject;
    await client.apply(breaks, { force: true });
    assert.deepEqual(await configMap('breaks', ns.name), { data: sorted(KRO_VALUES), annotations: sorted(KRO_VALUES) });
  });

  it("toYaml's text, read by the API server's YAML reader (as kubectl's and KRO's), is the same object", async () => {
    const api = kc.makeApiClient(ObjectApi);
    await api.applyJson(object('yaml'), toYaml(object('yaml')), { dryRun: false, fieldManager: 'typekro-test', force: true });
    assert.deepEqual(await configMap('yaml', ns.name), { data: EXPECTED, annotations: EXPECTED });
  });

  it('a direct deploy stores the spec strings in the resource and reports them in the status', async () => {
    const factory = wire.factory('direct', { kubeConfig: kc, namespace: ns.name, timeout: 60_000 });
    const instance = await factory.deploy({ ...WIRE_VALUES });
    assert.deepEqual((await configMap('wire', ns.name)).data, EXPECTED);
    assert.deepEqual(instance.status, { breaks: WIRE_VALUES.breaks, lines: WIRE_VALUES.lines, controls: WIRE_VALUES.controls });
    await factory.deleteInstance(instance.metadata.name);
  });

  it('a kro deploy keeps the instance spec, the resource and the status KRO writes; a string KRO would change is refused first', async () => {
    const factory = wire.factory('kro', { kubeConfig: kc, namespace: ns.name, timeout: 180_000 });
    const refused = await factory.deploy({ ...WIRE_VALUES }).then(() => undefined, (error: unknown) => error);
    assert.ok(refused instanceof SpecValidationError, `refused: ${String(refused)}`);
    assert.deepEqual(refused.problems, [
      'spec.breaks holds U+0085 at index 3: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; deploy in direct mode, or leave the character out',
      'spec.controls holds U+007F at index 4: KRO applies resources as YAML 1.1, which refuses it as a control character; deploy in direct mode, or leave the character out',
      'spec.lines holds U+0085 at index 19: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; deploy in direct mode, or leave the character out',
    ]);
    assert.equal(await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'input-wire' }), undefined, 'nothing was applied');

    const instance = await factory.deploy({ ...KRO_VALUES } as typeof WIRE_VALUES);
    assert.deepEqual((await configMap('wire', ns.name)).data, sorted(KRO_VALUES));
    const live = (await client.get({ apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'InputWire', name: instance.metadata.name, namespace: ns.name })) as { spec?: Data } | undefined;
    assert.deepEqual(sorted(live?.spec), sorted(KRO_VALUES));
    assert.deepEqual(instance.status, { breaks: KRO_VALUES.breaks, lines: KRO_VALUES.lines, controls: KRO_VALUES.controls });
    await factory.deleteInstance(instance.metadata.name);
  });
});
