/**
 * What the TSDoc of the simple `Deployment` and `StatefulSet` (and docs/guide/compositions.md) says of their
 * selector (issue 10, finding 12): `matchLabels: { app: <the app label> }` only; other labels reach the
 * object and its pods but not the selector; the user's own `app` label is the selector's value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { parseAllDocuments } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment, StatefulSet } from '../../src/simple.js';

type Workload = { kind: string; metadata: { labels: Record<string, string> }; spec: { selector: unknown; template: { metadata: { labels: Record<string, string> } } } };

async function workloads(labels: Record<string, string> | undefined): Promise<Workload[]> {
  const composition = kubernetesComposition(
    { name: 'selector', kind: 'Selector', spec: type({ 'n?': 'string' }), status: type({ ok: 'boolean' }) },
    () => {
      Deployment({ name: 'web', image: 'nginx', ...(labels ? { labels } : {}) });
      StatefulSet({ name: 'db', image: 'postgres', serviceName: 'db', ...(labels ? { labels } : {}) });
      return { ok: true };
    },
  );
  return parseAllDocuments(await composition.factory('direct').manifestsYaml({})).map((doc) => doc.toJS() as Workload);
}

describe('the selector of the simple Deployment and StatefulSet', () => {
  it('is app: <name> alone; other labels go to the object and its pods only', async () => {
    for (const workload of await workloads({ tier: 'front' })) {
      const app = workload.kind === 'Deployment' ? 'web' : 'db';
      assert.deepEqual(workload.spec.selector, { matchLabels: { app } });
      // (direct mode adds its ownership labels to the object's own)
      assert.deepEqual([workload.metadata.labels['app'], workload.metadata.labels['tier']], [app, 'front']);
      assert.deepEqual(workload.spec.template.metadata.labels, { app, tier: 'front' });
    }
  });
  it("the user's own app label is the selector's value", async () => {
    for (const workload of await workloads({ app: 'shop' })) {
      assert.deepEqual(workload.spec.selector, { matchLabels: { app: 'shop' } });
      assert.deepEqual(workload.spec.template.metadata.labels, { app: 'shop' });
    }
  });
});
