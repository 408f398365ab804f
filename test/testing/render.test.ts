/** `render`: includeWhen decisions, forEach expansion, what needs the cluster, and the KRO form, for one spec. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { findManifest, findManifests, findResource, render } from '../../src/testing/index.js';
import { chained, shop } from './compositions.js';

const spec = { name: 'shop', replicas: 2, expose: false, regions: ['eu', 'us'] };

describe('render', () => {
  it('decides includeWhen and expands forEach for the spec', () => {
    const hidden = render(shop, spec);
    assert.deepEqual(hidden.resources.map((r) => [r.id, r.state, r.manifests.length]), [['web', 'rendered', 1], ['service', 'skipped', 0], ['regions', 'rendered', 2], ['migrate', 'rendered', 1]]);
    assert.equal(findResource(hidden, 'service').reason, 'includeWhen is false');
    const exposed = render(shop, { ...spec, expose: true, regions: [] });
    assert.deepEqual(exposed.resources.map((r) => [r.id, r.state, r.manifests.length]), [['web', 'rendered', 1], ['service', 'rendered', 1], ['regions', 'rendered', 0], ['migrate', 'rendered', 1]]);
    assert.deepEqual(findManifests(hidden, 'regions').map((m) => (m.data as Record<string, string>).region), ['eu', 'us']);
    // a resource reading another one's metadata sees its rendered manifest
    assert.equal((findManifest(hidden, { kind: 'ConfigMap', name: 'shop-us' }).data as Record<string, string>).web, 'shop');
  });

  it('gives the manifests direct mode renders, in the instance namespace', async () => {
    const result = render(shop, spec, { namespace: 'prod' });
    const direct = parseAllDocuments(await shop.factory('direct', { namespace: 'prod' }).toYaml(spec)).map((doc) => doc.toJS() as unknown);
    assert.deepEqual(result.manifests, direct);
    assert.deepEqual(result.instance, { name: 'shop', namespace: 'prod' });
    assert.equal((findManifest(result, 'web').metadata as { namespace: string }).namespace, 'prod');
  });

  it('gives the KRO form: the RGD and the instance with schema defaults', () => {
    const result = render(shop, spec, { name: 'eu-shop' });
    assert.equal(result.rgdYaml, shop.toYaml());
    assert.equal(result.rgd.kind, 'ResourceGraphDefinition');
    assert.deepEqual((result.rgd.spec as { resources: { id: string }[] }).resources.map((r) => r.id), ['web', 'service', 'regions', 'migrate']);
    assert.deepEqual(result.kroInstance, { apiVersion: 'example.com/v1', kind: 'Shop', metadata: { name: 'eu-shop', namespace: 'default' }, spec });
  });

  it('reports what only the cluster knows instead of failing', () => {
    const result = render(chained, { name: 'app' });
    assert.deepEqual(result.resources.map((r) => [r.id, r.state]), [['web', 'rendered'], ['copy', 'needs-cluster']]);
    assert.match(findResource(result, 'copy').reason, /data\.replicas: .*status/);
    assert.throws(() => findManifest(result, 'copy'), /no manifest for resource "copy": it is not rendered \(data\.replicas: .*status/);
  });
});
