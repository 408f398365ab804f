/**
 * The compatibility snippets' RGDs, accepted by the real KRO of the local control plane: each is applied and
 * must reach GraphAccepted=True (KRO's own message fails the test otherwise), then deleted.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { applyAspects } from '../../src/api/aspects.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { applyRgd } from '../../src/runtime/kro/deploy.js';
import { testKubeConfig } from '../support/cluster.js';
import { snippets } from './snippets.js';

describe('the compatibility snippets', () => {
  const kube = new KubeClient(testKubeConfig());
  const applied: KubernetesObject[] = [];
  after(async () => {
    for (const rgd of applied) await kube.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgd.metadata!.name! }).catch(() => undefined);
  });

  it('every RGD is accepted by KRO', async () => {
    const rejected: string[] = [];
    for (const [name, { composition, aspects }] of Object.entries(snippets)) {
      const rgd = compileRgd(applyAspects(composition.graph, aspects)) as unknown as KubernetesObject;
      applied.push(rgd);
      try {
        await applyRgd(kube, rgd, { timeoutMs: 60_000 });
      } catch (error) {
        rejected.push(`${name}: ${(error as Error).message}`);
      }
    }
    assert.deepEqual(rejected, []);
  });
});
