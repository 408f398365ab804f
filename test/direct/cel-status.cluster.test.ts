/**
 * Direct mode and CEL that KRO refuses or fails on (second new-user trial, B1-B3): before, direct deploy
 * reported "ready" with the status field silently left out. A program that does not compile is refused
 * before anything is applied; a status field whose expression fails at evaluation fails the deploy, as it
 * fails KRO's reconcile of the instance.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, configMap, kubernetesComposition } from '../../src/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { configMapNames } from './support.js';

const kc = testKubeConfig();
const kubeconfig = testKubeConfigPath();
const definition = { apiVersion: 'celstatus.typekro.dev/v1alpha1', spec: type({ name: 'string' }), status: type({ v: 'string' }) };

describe('direct mode: status CEL that KRO refuses or fails on', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-cel-status')));
  after(async () => ns?.remove());

  it('refuses a status expression that does not compile before applying anything', async () => {
    const app = kubernetesComposition({ ...definition, name: 'cel-compile', kind: 'CelCompile' }, (spec) => {
      configMap({ metadata: { name: spec.name }, data: { k: 'v' } });
      return { v: Cel.expr<string>('1 + "a"') };
    });
    await assert.rejects(app.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 }).deploy({ name: 'never' }), (error: Error) => {
      assert.match(error.message, /^status\.v: `1 \+ "a"` does not compile in direct mode's CEL engine: no such overload: int \+ string; it holds hand-written CEL \(Cel\.expr, or readyWhen\/includeWhen text\): check that text; nothing was applied$/);
      return true;
    });
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });

  it('fails the deploy when a status expression fails at evaluation, naming the field and the error', async () => {
    const app = kubernetesComposition({ ...definition, name: 'cel-eval', kind: 'CelEval' }, (spec) => {
      configMap({ metadata: { name: spec.name }, data: { k: 'v' } });
      return { v: Cel.expr<string>('string(int(', spec.name, '))') };
    });
    await assert.rejects(app.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 }).deploy({ name: 'abc' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'DEPLOY_FAILED');
      assert.match(error.message, /^instance "[^"]+": the resources are applied, but a status field failed to evaluate \(KRO fails the instance's reconcile the same way\): v: /);
      return true;
    });
    // The resource and the instance record are there: the failure is the status, after the apply.
    assert.deepEqual(await configMapNames(kc, ns.name), ['abc', 'typekro.cel-eval.abc']);
  });
});
