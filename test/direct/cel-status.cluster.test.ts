/**
 * Direct mode and CEL that KRO refuses or fails on (second new-user trial, B1-B3): before, direct deploy
 * reported "ready" with the status field silently left out. A program that does not compile is refused
 * before anything is applied; a status field whose expression fails at evaluation fails the deploy, as it
 * fails KRO's reconcile of the instance; `status` then is not ready and names every failing field (trial 17).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, configMap, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
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

  it("status is not ready and names every failing status field; a manifest int beyond JavaScript's safe range fails before that object is applied (trial 17)", async () => {
    const app = kubernetesComposition(
      { name: 'cel-div', apiVersion: definition.apiVersion, kind: 'CelDiv', spec: type({ name: 'string', a: 'number.integer', b: 'number.integer', big: 'number.integer' }), status: type({ q: 'number', r: 'number', twice: 'number' }) },
      (spec) => {
        ConfigMap({ id: 'div', name: `${spec.name}-div`, data: { a: String(spec.a) } });
        return { q: Math.trunc(spec.a / spec.b), r: spec.a % spec.b, twice: spec.big + spec.big };
      },
    );
    const factory = app.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 });
    await assert.rejects(factory.deploy({ name: 'dv', a: 7, b: 0, big: 4503599627370497 }), (error: Error) => {
      assert.match(error.message, /^instance "dv": the resources are applied, but 3 status fields failed to evaluate \(KRO fails the instance's reconcile on the others; for the ints beyond JavaScript's safe range, KRO would compute the exact 64-bit value, which TypeKro refuses in both modes where JavaScript's numbers are not exact\): q: division by zero; r: modulus by zero; twice: integer beyond JavaScript's safe range: /);
      return true;
    });
    // without the spec (the record keeps it) and with it: not ready, every failing field named
    for (const options of [{}, { spec: { name: 'dv', a: 7, b: 0, big: 4503599627370497 } }]) {
      const status = await factory.instanceStatus('dv', options);
      assert.equal(status.ready, false);
      assert.deepEqual(status.status, {});
      assert.deepEqual(status.failedStatus?.map((f) => `${f.field}: ${f.message.slice(0, 40)}`), ['status.q: division by zero', 'status.r: modulus by zero', "status.twice: integer beyond JavaScript's safe range: "]);
      assert.equal(status.failure?.field, 'status.q');
    }

    const odd = kubernetesComposition(
      { name: 'cel-odd', apiVersion: definition.apiVersion, kind: 'CelOdd', spec: type({ name: 'string', big: 'number.integer' }), status: type({ v: 'string' }) },
      (spec) => {
        const first = ConfigMap({ id: 'first', name: `${spec.name}-first`, data: { k: 'v' } });
        ConfigMap({ id: 'odd', name: `${spec.name}-odd`, data: { odd: `${spec.big * 2 + 1}`, after: first.metadata.name } });
        return { v: first.metadata.name };
      },
    );
    await assert.rejects(odd.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 }).deploy({ name: 'bs', big: 4503599627370497 }), (error: Error) => {
      assert.match(error.message, /^resource "odd": data\.odd: integer beyond JavaScript's safe range: `4503599627370497 \* 2` is 9007199254740994 in 64-bit integers; /);
      return true;
    });
    assert.ok(!(await configMapNames(kc, ns.name)).includes('bs-odd'));
  });
});
