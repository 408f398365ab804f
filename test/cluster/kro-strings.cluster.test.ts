/**
 * What KRO carries into a resource, on the real control plane: KRO applies each resource as JSON from Go's
 * encoder, which writes U+FEFF as it is, and the API server reads the apply body as YAML 1.1 (go-yaml), which
 * takes U+FEFF for a byte order mark only at the start of the stream (KRO's body starts with `{`). So U+FEFF
 * reaches the resource unchanged wherever a text puts it (first, in the middle, last; from the spec, from
 * a constant, from an annotation; a key is encoded as a value is, and ConfigMap keys cannot hold it), and kro mode lets it through (compile/rgd/kro-carried.ts), unlike U+0085 and
 * the controls, which it refuses (test/api/kro-strings.test.ts; U+0085 folded into a space by KRO:
 * test/input/wire.cluster.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const BOM = '\ufeff';

const carried = kubernetesComposition(
  { name: 'kro-strings', apiVersion: 'strings.typekro.dev/v1alpha1', kind: 'KroStrings', spec: type({ text: 'string' }), status: type({ text: 'string' }) },
  (spec, instance) => {
    const config = ConfigMap({
      name: 'bom',
      data: {
        fromSpec: spec.text,
        constant: `${BOM}const${BOM}`,
        mixed: `${BOM}${spec.text}${BOM}`,
        fromAnnotation: instance.metadata.annotations?.note ?? 'none',
      },
    });
    return { text: config.data.fromSpec ?? '' };
  },
);

test('KRO carries U+FEFF into a resource unchanged: from the spec, a constant, a template string and an annotation', { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'kro-strings');
  const text = `${BOM}start mid${BOM} end${BOM}`;
  const deployed = await carried.factory('kro', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 120_000 }).deploy({ text }, { name: 'bom', annotations: { note: `${BOM}note${BOM}` } });
  assert.equal(deployed.status.text, text, 'the status KRO writes');
  const first = await testKubeConfig().makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'bom', namespace: ns.name });
  assert.deepEqual(first.data, {
    fromSpec: text,
    constant: `${BOM}const${BOM}`,
    mixed: `${BOM}${text}${BOM}`,
    fromAnnotation: `${BOM}note${BOM}`,
  });

  // Why kro mode refuses an annotation holding U+0085 (test/api/kro-strings.test.ts): given to the instance
  // anyway (TypeKro's own apply keeps it, escaped), KRO's apply of the ConfigMap folds it into a space. A new
  // spec makes KRO reconcile (an annotation alone does not change the generation).
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  const client = new KubeClient(testKubeConfig());
  const instance = { apiVersion: 'strings.typekro.dev/v1alpha1', kind: 'KroStrings', metadata: { name: 'bom', namespace: ns.name, annotations: { note: 'nel\u0085b' } }, spec: { text: 'next' } };
  await client.apply(instance, { force: true });
  const live = await eventually('KRO to reconcile the new spec', async () => {
    const data = (await core.readNamespacedConfigMap({ name: 'bom', namespace: ns.name })).data;
    return data?.['fromSpec'] === 'next' ? data : undefined;
  });
  assert.equal(live['fromAnnotation'], 'nel b');
  await ns.remove();
});
