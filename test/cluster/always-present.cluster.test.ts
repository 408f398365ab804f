/**
 * Objects whose fields have defaults, on KRO v0.9.4 itself (src/model/schema/always-present.ts):
 * - the premise of the refusal: a struct KRO requires none of whose fields and one of which has a default is
 *   created by the API server when an instance leaves it out (`default: {}`), also when its only field is such
 *   a struct, while a struct with a required field stays absent (a hand-written RGD: TypeKro refuses to
 *   write the optional spelling);
 * - the shapes TypeKro accepts (an explicit default, `Cache | default={}`; a required struct whose fields
 *   have defaults; an optional struct with a required field) give the same status in kro mode, direct mode
 *   and simulate, and KRO stores the spec TypeKro's defaulting computes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { applyDefaults } from '../../src/model/schema/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kc = testKubeConfig();
const kubeconfig = testKubeConfigPath();
const client = new KubeClient(kc);
const group = 'alwayspresent.typekro.dev';

/** The SimpleSchema TypeKro refuses to write for `'cache?': { size: 'number.integer = 1' }`, and its neighbours. */
const handWritten = {
  apiVersion: 'kro.run/v1alpha1',
  kind: 'ResourceGraphDefinition',
  metadata: { name: 'ap-handwritten' },
  spec: {
    schema: {
      apiVersion: 'v1alpha1',
      group,
      kind: 'ApHandwritten',
      spec: {
        name: 'string | required=true',
        cache: { size: 'integer | default=1' },
        nested: { inner: { size: 'integer | default=1' } },
        withRequired: { tier: 'string | required=true', size: 'integer | default=1' },
      },
    },
    resources: [{ id: 'cm', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.spec.name}' }, data: { size: '${string(schema.spec.cache.size)}' } } }],
  },
};

const accepted = kubernetesComposition(
  {
    name: 'ap-accepted',
    apiVersion: `${group}/v1alpha1`,
    kind: 'ApAccepted',
    spec: type({
      name: 'string',
      explicit: [{ size: 'number.integer = 1' }, '=', () => ({})],
      required: { size: 'number.integer = 2' },
      nested: [{ inner: { size: 'number.integer = 3' } }, '=', () => ({ inner: {} })],
      'withRequired?': { tier: 'string', size: 'number.integer = 4' },
    }),
    status: type({ explicit: 'number.integer', required: 'number.integer', nested: 'number.integer', withRequired: 'number.integer', present: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { explicit: `${spec.explicit.size}`, nested: `${spec.nested.inner.size}` } });
    return { explicit: spec.explicit.size, required: spec.required.size, nested: spec.nested.inner.size, withRequired: spec.withRequired?.size ?? 5, present: spec.withRequired !== undefined };
  },
);

/** The composition's own status fields (KRO adds `state` and `conditions`). */
function fieldsOf(status: object, expected: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(expected).map((key) => [key, (status as Record<string, unknown>)[key]]));
}

describe('objects whose fields have defaults on KRO v0.9.4', { timeout: 300_000 }, () => {
  it('KRO creates a struct it requires none of whose fields when one has a default, and leaves one with a required field absent', async () => {
    const ns = await testNamespace(kc, 'always-present-raw');
    try {
      await client.apply(handWritten as never, { force: true });
      await eventually('the RGD to be active', async () => {
        const rgd = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'ap-handwritten' })) as { status?: { state?: string } } | undefined;
        return rgd?.status?.state === 'Active' ? true : undefined;
      }, 120_000);
      const ref = { apiVersion: `${group}/v1alpha1`, kind: 'ApHandwritten', name: 'raw', namespace: ns.name };
      const created = await eventually('the instance to be created', () => client.create({ ...ref, metadata: { name: 'raw', namespace: ns.name }, spec: { name: 'raw' } } as never).catch(() => undefined), 60_000);
      assert.deepEqual((created as { spec?: unknown }).spec, { name: 'raw', cache: { size: 1 }, nested: { inner: { size: 1 } } });
    } finally {
      await client.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'ap-handwritten' }).catch(() => undefined);
      await ns.remove();
    }
  });

  it('the accepted shapes: kro mode, direct mode and simulate agree, and KRO stores the spec TypeKro computes', async () => {
    const ns = await testNamespace(kc, 'always-present');
    try {
      const options = { kubeconfig, namespace: ns.name, timeout: 150_000 };
      const specs = [{ name: 'bare' }, { name: 'given', explicit: { size: 7 }, required: {}, nested: { inner: { size: 8 } }, withRequired: { tier: 'gold' } }];
      const expected = [
        { explicit: 1, required: 2, nested: 3, withRequired: 5, present: false },
        { explicit: 7, required: 2, nested: 8, withRequired: 4, present: true },
      ];
      for (const [i, spec] of specs.entries()) {
        const kro = await accepted.factory('kro', options).deploy(spec as never);
        assert.deepEqual(fieldsOf(kro.status, expected[i]!), expected[i], `kro mode, ${spec.name}`);
        const stored = await client.get({ apiVersion: `${group}/v1alpha1`, kind: 'ApAccepted', name: spec.name, namespace: ns.name });
        assert.deepEqual((stored as { spec?: unknown }).spec, applyDefaults(accepted.graph.spec, spec), `the spec KRO stored, ${spec.name}`);
        assert.deepEqual(simulate(accepted, spec as never).status, expected[i], `simulate, ${spec.name}`);
      }
      const directNs = await testNamespace(kc, 'always-present-direct');
      try {
        for (const [i, spec] of specs.entries()) {
          const direct = await accepted.factory('direct', { ...options, namespace: directNs.name }).deploy(spec as never);
          assert.deepEqual(fieldsOf(direct.status, expected[i]!), expected[i], `direct mode, ${spec.name}`);
        }
      } finally {
        await directNs.remove();
      }
    } finally {
      await ns.remove();
    }
  });
});
