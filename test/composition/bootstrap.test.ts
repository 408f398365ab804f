/**
 * typeKroRuntimeBootstrap without a cluster: what the composition holds for each option, and errors that
 * name fluxManifests and say what to do. (The install itself runs on a local control plane in test/flux.)
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { typeKroRuntimeBootstrap, fluxReleaseUrl } from '../../src/index.js';

const fixture = new URL('../fixtures/manifests/app/base.yaml', import.meta.url).pathname;

test('managed Flux from a local file: its objects first, then the KRO repository and release that depend on them', () => {
  const runtime = typeKroRuntimeBootstrap({ fluxManifests: fixture, kroVersion: '0.9.4' });
  const ids = runtime.graph.resources.map((r) => r.id);
  assert.deepEqual(ids, ['fluxConfigMapAppSettings', 'fluxServiceApp', 'kroCharts', 'kroRelease']);
  const yaml = runtime.toYaml();
  assert.match(yaml, /url: oci:\/\/registry\.k8s\.io\/kro\/charts\n\s+type: oci/);
  assert.match(yaml, /chart: kro\n\s+version: "0\.9\.4"/);
  assert.match(yaml, /releaseName: kro\n\s+targetNamespace: kro-system/);
  assert.match(yaml, /featureGates:\n\s+CELOmitFunction: true/);
  assert.match(yaml, /namespace: string \| default="flux-system"/);
});

test('external Flux: only KRO; kroValues merge over the defaults; a Helm repository URL is not OCI', () => {
  const runtime = typeKroRuntimeBootstrap({ fluxInstallation: 'external', kroChartRepository: 'https://charts.example.com', kroValues: { config: { featureGates: { Other: true } }, replicaCount: 2 } });
  assert.deepEqual(runtime.graph.resources.map((r) => r.id), ['kroCharts', 'kroRelease']);
  const yaml = runtime.toYaml();
  assert.match(yaml, /featureGates:\n\s+CELOmitFunction: true\n\s+Other: true/);
  assert.match(yaml, /replicaCount: 2/);
  assert.doesNotMatch(yaml, /type: oci/);
});

test('the default manifests are the Flux release asset of fluxVersion', () => {
  assert.equal(fluxReleaseUrl('v2.7.5'), 'https://github.com/fluxcd/flux2/releases/download/v2.7.5/install.yaml');
});

test('unreachable manifests, a missing path and a bad option are named with what to do', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.throws(() => typeKroRuntimeBootstrap({ fluxManifests: `http://127.0.0.1:${port}/install.yaml` }), /fluxManifests: cannot download http:\/\/127\.0\.0\.1:\d+\/install\.yaml: .*Without network access, pass fluxManifests: '<path of install\.yaml>'/);
  assert.throws(() => typeKroRuntimeBootstrap({ fluxManifests: '/nonexistent/install.yaml' }), /fluxManifests: \/nonexistent\/install\.yaml does not exist/);
  assert.throws(() => typeKroRuntimeBootstrap({ fluxInstallation: 'both' as never }), /fluxInstallation must be 'managed' or 'external', got "both"/);
});
