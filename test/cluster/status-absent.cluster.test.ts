/**
 * U1: an optional status field that the composition's JavaScript sets to `undefined` for the given spec
 * (`maybe: spec.flag ? 'x' : undefined`, also nested) compiles to `optional.none()`; KRO and direct mode
 * both leave it out of the status, and `deploy()` used to report it pending (`complete: false`) forever.
 * JavaScript's `undefined` is a final answer: the deploy completes with the field absent, in both modes, by
 * one rule. A field whose data really is missing (`cm.data!.missing!`) is still pending, named by its leaf
 * path (`nested.c`, not `nested`), in the deploy's report and in `instanceStatus`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const app = kubernetesComposition(
  {
    name: 'status-absent',
    apiVersion: 'absent.typekro.dev/v1alpha1',
    kind: 'StatusAbsent',
    spec: type({ name: 'string', flag: 'boolean', wait: 'boolean' }),
    status: type({ 'maybe?': 'string', nested: { a: 'string', 'b?': 'string', c: 'string' } }),
  },
  (spec) => {
    const settings = configMap({ metadata: { name: spec.name }, data: { present: 'yes' } });
    return {
      maybe: spec.flag ? 'x' : undefined,
      // `c` reads a key the ConfigMap never has when `wait` is set: pending, not absent
      nested: { a: settings.data!.present!, b: spec.flag ? 'x' : undefined, c: spec.wait ? settings.data!.missing! : 'none' },
    };
  },
);

describe('a status field JavaScript leaves undefined is absent, not pending, in both modes', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'status-absent');
  });
  after(async () => namespace?.remove());

  for (const mode of ['direct', 'kro'] as const) {
    it(`${mode} mode: deploy completes with the field absent; a field whose data is missing stays pending by its leaf path`, { timeout: 240_000 }, async () => {
      const options = { kubeconfig, namespace: namespace.name, timeout: 120_000 };
      const factory = mode === 'direct' ? app.factory('direct', options) : app.factory('kro', options);

      const absent = await factory.deploy({ name: `${mode}-absent`, flag: false, wait: false });
      assert.deepEqual({ complete: absent.complete, pending: absent.pending }, { complete: true, pending: [] }, `${mode}: maybe and nested.b are undefined by design`);
      assert.deepEqual(strip(absent.status), { nested: { a: 'yes', c: 'none' } });
      const absentStatus = await factory.instanceStatus(`${mode}-absent`);
      assert.deepEqual(absentStatus.pending, [], `${mode}: instanceStatus agrees`);

      const present = await factory.deploy({ name: `${mode}-present`, flag: true, wait: false });
      assert.equal(present.complete, true);
      assert.deepEqual(strip(present.status), { maybe: 'x', nested: { a: 'yes', b: 'x', c: 'none' } });

      const waiting = await factory.deploy({ name: `${mode}-waiting`, flag: false, wait: true });
      assert.deepEqual({ complete: waiting.complete, pending: waiting.pending }, { complete: false, pending: ['nested.c'] }, `${mode}: the missing key is pending, by its leaf`);
      assert.deepEqual(strip(waiting.status), { nested: { a: 'yes' } });
      assert.deepEqual((await factory.instanceStatus(`${mode}-waiting`)).pending, ['nested.c']);
    });
  }
});

/** The composition's own fields (kro mode's status also has KRO's `state` and `conditions`). */
function strip(status: object): object {
  const { state: _state, conditions: _conditions, ...own } = status as Record<string, unknown>;
  return own;
}
