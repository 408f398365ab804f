/**
 * typekro/external-dns with external-dns itself running (built from its Go module, tools/external-dns; Service
 * source, in-memory provider holding the zone example.com): the example's annotated Service is picked up, and the
 * record external-dns creates for it (the hostname pointing at the Service's cluster IP) appears in its log.
 *
 * cluster-components: external-dns
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreV1Api } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { crdManifests } from '../../src/index.js';
import { allKinds } from '../../src/integrations/external-dns/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, installCrds, testClusterLog, testKubeConfig, testNamespace } from '../support/cluster.js';
import { announcedSite } from './examples/more.js';

const kc = testKubeConfig();
const client = new KubeClient(kc);

describe('typekro/external-dns picked up by external-dns', { timeout: 240_000 }, () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => {
    ns = await testNamespace(kc, 'edns');
    // the example also has a DNSEndpoint: its CRD (rebuilt from the generated module) must be served to apply it
    await installCrds(client, crdManifests(allKinds));
  });
  after(async () => {
    await ns?.remove();
  });

  it("publishes the annotated Service's hostname with the Service's cluster IP", async () => {
    const host = `site-${ns.name}.example.com`;
    const yaml = await announcedSite.factory('direct', { namespace: ns.name }).toYaml({ host, ip: '192.0.2.10' });
    const objects = parseAllDocuments(yaml).map((doc) => doc.toJS() as KubernetesObject);
    assert.deepEqual(objects.map((o) => o.kind).sort(), ['DNSEndpoint', 'Service']);
    for (const object of objects) await client.apply(object, { force: true });
    const service = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'web', namespace: ns.name });
    const clusterIp = service.spec?.clusterIP ?? '';
    assert.match(clusterIp, /^10\./);
    // the in-memory provider logs each change it applies: `CREATE: <name> <ttl> IN <type>  <targets> [...]`
    const created = new RegExp(`CREATE: ${host.replace(/\./g, '\\.')} 0 IN A\\s+${clusterIp.replace(/\./g, '\\.')}\\b`);
    const line = await eventually(`external-dns to create the A record of ${host}`, async () => testClusterLog('external-dns').split('\n').find((l) => created.test(l)), 90_000);
    assert.ok(line);
    // only the Service is a source here (--source=service): the DNSEndpoint's own record is not published
    assert.doesNotMatch(testClusterLog('external-dns'), /192\.0\.2\.10/);
  });
});
