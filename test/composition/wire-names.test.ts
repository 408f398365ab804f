/**
 * client-node's model names (`_from`, `_default`, `_enum`, `x_kubernetes_*`) are what the types accept;
 * the cluster only knows the wire names. Every output (RGD, instance, direct render) must carry wire names,
 * and typed reads of such fields must become wire paths in CEL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { customResourceDefinition, kubernetesComposition, limitRange, networkPolicy } from '../../src/index.js';
import { ConfigMap, NetworkPolicy } from '../../src/simple.js';

const definition = {
  apiVersion: 'wire.typekro.dev/v1alpha1',
  spec: type({ name: 'string', open: 'boolean' }),
  status: type({ 'peers?': 'number' }),
};
const spec = { name: 'web', open: true };

const policyApp = kubernetesComposition({ ...definition, name: 'policy', kind: 'Policy' }, (s) => {
  const policy = networkPolicy({
    metadata: { name: s.name },
    spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ _from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] },
  });
  ConfigMap({ name: 'peers', data: { first: `${policy.spec.ingress[0]!._from[0]!.podSelector.matchLabels['role']}` } });
  return { peers: policy.spec.ingress[0]!._from.length };
});

test('NetworkPolicy ingress peers are written as `from` in the RGD, the instance and the direct render', async () => {
  const rgd = policyApp.toYaml();
  assert.doesNotMatch(rgd, /_from/);
  assert.match(rgd, /ingress:\n\s+- from:\n\s+- podSelector:/);
  const template = policyApp.graph.resources[0]!.template as { spec: { ingress: Record<string, unknown>[] } };
  assert.deepEqual(Object.keys(template.spec.ingress[0]!), ['from']);
  const direct = parse((await policyApp.factory('direct', { namespace: 'dev' }).toYaml(spec)).split(/^---$/m)[0]!) as { spec: { ingress: unknown[] } };
  assert.deepEqual(direct.spec.ingress, [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }]);
});

test('a typed read of `_from` becomes the wire path `from` in CEL', () => {
  const rgd = policyApp.toYaml();
  assert.match(rgd, /first: \$\{policy\.spec\.ingress\[0\]\.from\[0\]\.podSelector\.matchLabels\.role\}/);
  assert.match(rgd, /peers: \$\{size\(policy\.spec\.ingress\[0\]\.from\)\}/);
});

test('a ternary of typed objects gets wire names in both branches', () => {
  const app = kubernetesComposition({ ...definition, name: 'ternary', kind: 'Ternary' }, (s) => {
    NetworkPolicy({
      name: 'gate',
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ _from: s.open ? [{ namespaceSelector: {} }] : [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    });
    networkPolicy({
      metadata: { name: 'gate2' },
      spec: { podSelector: {}, ingress: s.open ? [{ _from: [{ namespaceSelector: {} }] }] : [] },
    });
    return {};
  });
  const rgd = app.toYaml();
  assert.doesNotMatch(rgd, /_from/);
  assert.match(rgd, /- from: '\$\{schema\.spec\.open \? \[\{"namespaceSelector": \{\}\}\]/);
  assert.match(rgd, /ingress: '\$\{schema\.spec\.open \? \[\{"from": \[\{"namespaceSelector": \{\}\}\]\}\] : \[\]\}/);
});

test('LimitRange `_default` and CRD schema `_enum` / `x_kubernetes_*` are written with their wire names', () => {
  const app = kubernetesComposition({ ...definition, name: 'limits', kind: 'Limits' }, () => {
    limitRange({ metadata: { name: 'limits' }, spec: { limits: [{ type: 'Container', _default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] } });
    customResourceDefinition({
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [{
          name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: {
            spec: { type: 'object', x_kubernetes_preserve_unknown_fields: true },
            size: { type: 'string', _enum: ['s', 'm'], _default: 's' },
          } } },
        }],
      },
    });
    return {};
  });
  const [limits, crd] = app.graph.resources.map((r) => r.template as unknown);
  assert.deepEqual((limits as { spec: { limits: unknown[] } }).spec.limits[0], { type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } });
  const props = (crd as { spec: { versions: { schema: { openAPIV3Schema: { properties: Record<string, unknown> } } }[] } }).spec.versions[0]!.schema.openAPIV3Schema.properties;
  assert.deepEqual(props, {
    spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    size: { type: 'string', enum: ['s', 'm'], default: 's' },
  });
  const yaml = app.toYaml();
  assert.doesNotMatch(yaml, /_default|_enum|x_kubernetes/);
});
