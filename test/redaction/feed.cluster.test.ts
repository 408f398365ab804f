/**
 * Issue 13, point 5, for events: a Kubernetes event about an instance's object whose message quotes the
 * instance's password (it flows into a Secret) and its token (marked sensitive) comes back from `events()`
 * with both redacted, in both modes, although direct mode keeps no spec (its redactor reads the live Secret
 * and the ConfigMap field computed from the token). The message is written by a real Event in the cluster.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { REDACTED } from '../../src/util/redact.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import vault from '../input/fixtures/vault.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const password = 'Zq7-feed-pass-5512';
const apiToken = 'tok-feed-77c1e0-sensitive';

for (const mode of ['direct', 'kro'] as const) {
  describe(`events of an instance with secrets, ${mode} mode`, () => {
    let namespace: { name: string; remove: () => Promise<void> };
    before(async () => {
      namespace = await testNamespace(kc, `feed-${mode}`);
    });
    after(async () => namespace.remove());

    it('an event message quoting the password and the token is returned redacted', async () => {
      const options = { kubeconfig: testKubeConfigPath(), namespace: namespace.name, timeout: 120_000 };
      const factory = mode === 'kro' ? vault.factory('kro', options) : vault.factory('direct', options);
      await factory.deploy({ name: 'feed', password, apiToken });
      const config = await core.readNamespacedConfigMap({ name: 'feed-config', namespace: namespace.name });
      const now = new Date();
      await core.createNamespacedEvent({
        namespace: namespace.name,
        body: {
          metadata: { name: `feed-config.${Date.now()}`, namespace: namespace.name },
          involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', name: 'feed-config', namespace: namespace.name, uid: config.metadata!.uid! },
          type: 'Warning',
          reason: 'Probe',
          message: `login with password ${password} and token ${apiToken} refused`,
          count: 1,
          firstTimestamp: now,
          lastTimestamp: now,
          source: { component: 'typekro-test' },
        },
      });
      const events = await factory.events('feed');
      const probe = events.filter((event) => event.reason === 'Probe');
      assert.equal(probe.length, 1, JSON.stringify(events));
      assert.equal(probe[0]!.message, `login with password ${REDACTED} and token ${REDACTED} refused`);
      assert.ok(!JSON.stringify(events).includes(password) && !JSON.stringify(events).includes(apiToken), JSON.stringify(events));
      await factory.deleteInstance('feed');
    });
  });
}
