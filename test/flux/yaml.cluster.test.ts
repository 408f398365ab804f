/**
 * yamlFile / yamlDirectory deployed on the local control plane in direct and kro mode: the file's objects
 * are created in order with the composition's own resources (which read them), and removed with the instance.
 * The CRD case also guards the apply path: its schema's `default`, `enum` and `x-kubernetes-*` fields must
 * reach the API server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api, AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { type } from 'arktype';
import { customResource, kubernetesComposition, yamlDirectory, yamlFile } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace, gone } from '../support/cluster.js';

const withFiles = kubernetesComposition(
  { name: 'with-files', apiVersion: 'yaml.typekro.dev/v1alpha1', kind: 'WithFiles', spec: type({ image: 'string' }), status: type({ level: 'string', ready: 'boolean' }) },
  (spec) => {
    const base = yamlDirectory({ path: '../fixtures/manifests/app', id: 'files' });
    const settings = base.resource<V1ConfigMap>('ConfigMap', 'app-settings');
    const app = Deployment({ name: 'app', image: spec.image, env: { LEVEL: settings.data.level ?? 'info' } }).dependsOn(base);
    return { level: settings.data.level ?? 'info', ready: app.status.readyReplicas > 0 };
  },
);

const withCrd = kubernetesComposition(
  { name: 'with-crd', apiVersion: 'yaml.typekro.dev/v1alpha1', kind: 'WithCrd', spec: type({ 'note?': 'string' }), status: type({ size: 'string' }) },
  () => {
    const crd = yamlFile('../fixtures/manifests/crd/widgets.yaml');
    const widget = customResource<{ settings?: Record<string, unknown> }, Record<string, never>>({
      apiVersion: 'yaml.typekro.dev/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { settings: { free: { form: true } } },
    })
      .dependsOn(crd)
      // no controller serves Widgets, so nothing ever reports them ready (README "What ready means"): say when
      .withReadyWhen((self) => self.metadata.name === 'w');
    return { size: (widget.spec as unknown as { size: string }).size };
  },
);

describe('YAML manifests in compositions', () => {
  let kc: KubeConfig;
  const namespaces: { remove: () => Promise<void> }[] = [];
  before(() => {
    kc = testKubeConfig();
  });
  after(async () => {
    await Promise.all(namespaces.map((ns) => ns.remove().catch(() => undefined)));
  });

  for (const mode of ['direct', 'kro'] as const) {
    it(`${mode} mode: the files' objects exist before what depends on them, and go with the instance`, async () => {
      const ns = await testNamespace(kc, `yaml-${mode}`);
      namespaces.push(ns);
      const options = { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 120_000 };
      const factory = mode === 'kro' ? withFiles.factory('kro', options) : withFiles.factory('direct', options);
      const instance = await factory.deploy({ image: 'nginx:1.27' });
      assert.equal(instance.status.level, 'debug');
      assert.equal(instance.status.ready, true);
      const core = kc.makeApiClient(CoreV1Api);
      const [settings, service, account, app] = await Promise.all([
        core.readNamespacedConfigMap({ name: 'app-settings', namespace: ns.name }),
        core.readNamespacedService({ name: 'app', namespace: ns.name }),
        core.readNamespacedServiceAccount({ name: 'app-runner', namespace: ns.name }),
        kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'app', namespace: ns.name }),
      ]);
      assert.equal(settings.data?.['level'], 'debug');
      assert.equal(service.spec?.ports?.[0]?.port, 80);
      assert.ok(account.metadata?.uid);
      assert.equal(app.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === 'LEVEL')?.value, 'debug');
      const created = (o: { metadata?: { creationTimestamp?: Date } }) => new Date(o.metadata?.creationTimestamp ?? 0).getTime();
      assert.ok(created(settings) <= created(app), 'the ConfigMap was created before the Deployment that depends on it');
      await factory.deleteInstance('with-files');
      await eventually('the file objects to be removed', () => gone(() => core.readNamespacedConfigMap({ name: 'app-settings', namespace: ns.name })), 90_000);
    });
  }

  it('direct mode: a CRD from a file keeps its schema defaults, enums and x-kubernetes fields', async () => {
    const ns = await testNamespace(kc, 'yaml-crd');
    namespaces.push(ns);
    const factory = withCrd.factory('direct', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 120_000 });
    const instance = await factory.deploy({});
    assert.equal(instance.status.size, 'small', 'the schema default applied by the API server');
    const crd = await kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: 'widgets.yaml.typekro.dev' });
    const props = crd.spec.versions[0]?.schema?.openAPIV3Schema?.properties?.['spec']?.properties ?? {};
    assert.deepEqual(props['size']?._enum, ['small', 'large']);
    assert.equal(props['settings']?.x_kubernetes_preserve_unknown_fields, true);
    const widget = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'yaml.typekro.dev', version: 'v1', namespace: ns.name, plural: 'widgets', name: 'w' })) as { spec: { settings: unknown } };
    assert.deepEqual(widget.spec.settings, { free: { form: true } }, 'free-form fields are kept');
    await factory.deleteInstance('with-crd');
    await eventually('the CRD to be removed', () => gone(() => kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: 'widgets.yaml.typekro.dev' })), 90_000);
  });
});
