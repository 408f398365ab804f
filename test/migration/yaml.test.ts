/**
 * The original TypeKro's YAML shapes: `YamlFile(path, namespace?)` from typekro/simple, `yamlFile({ name,
 * path })`, and `http(s)://` paths read when the composition is defined (from a loopback server in a child
 * process: the read is synchronous), cached, and a clear error when the URL cannot be reached.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type } from 'arktype';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { isTypeKroError, kubernetesComposition, yamlFile } from '../../src/index.js';
import { ConfigMap, YamlFile } from '../../src/simple.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { serveFilesInChild, type ChildServer } from '../support/child-server.js';

const definition = { apiVersion: 'migration.typekro.dev/v1alpha1', spec: type({ name: 'string' }), status: type({ tier: 'string' }) };
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  tier: gold\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shared\nspec:\n  ports:\n    - port: 80\n';

let server: ChildServer;
let cache: string;
const previousCache = process.env.TYPEKRO_CACHE_DIR;
before(async () => {
  cache = mkdtempSync(join(tmpdir(), 'typekro-yaml-cache-'));
  process.env.TYPEKRO_CACHE_DIR = cache;
  server = await serveFilesInChild({ 'app.yaml': CONFIG, 'broken.yaml': 'kind: [\n' });
});
after(async () => {
  if (previousCache === undefined) delete process.env.TYPEKRO_CACHE_DIR;
  else process.env.TYPEKRO_CACHE_DIR = previousCache;
  await server?.close();
  rmSync(cache, { recursive: true, force: true });
});

test('YamlFile(path, namespace) and yamlFile({ name, path }) read local files; name is the id prefix', () => {
  const app = kubernetesComposition({ ...definition, name: 'yaml-local', kind: 'YamlLocal' }, (spec) => {
    YamlFile('../fixtures/manifests/app/base.yaml', 'platform');
    const named = yamlFile({ name: 'shared', path: '../fixtures/manifests/app/base.yaml', namespace: 'other' });
    const settings = named.resource<V1ConfigMap>('ConfigMap', 'app-settings');
    ConfigMap({ name: spec.name, data: { tier: settings.data.tier ?? 'standard' } });
    return { tier: settings.data.tier ?? 'standard' };
  });
  const ids = app.graph.resources.map((r) => r.id);
  assert.deepEqual(ids.filter((id) => id.startsWith('shared')).length, ids.filter((id) => id.startsWith('base')).length);
  assert.ok(ids.includes('sharedConfigMapAppSettings') && ids.includes('baseConfigMapAppSettings'), ids.join(', '));
  const rgd = compileRgd(app.graph) as unknown as { spec: { resources: { id: string; template: { metadata: { namespace?: string } } }[] } };
  const namespaces = rgd.spec.resources.filter((r) => r.id.startsWith('base')).map((r) => r.template.metadata.namespace);
  assert.ok(namespaces.length > 0);
  assert.ok(namespaces.every((ns) => ns === 'platform'), String(namespaces));
});

test('an https:// or http:// path is downloaded when the composition is defined, once (cached)', () => {
  const define = (name: string) =>
    kubernetesComposition({ ...definition, name, kind: 'YamlUrl' }, () => {
      const remote = yamlFile({ name: 'remote', path: `${server.url}/app.yaml` });
      return { tier: remote.resource<V1ConfigMap>('ConfigMap', 'shared').data.tier ?? 'none' };
    });
  const first = define('yaml-url-a');
  assert.deepEqual(first.graph.resources.map((r) => r.id), ['remoteConfigMapShared', 'remoteServiceShared']);
  // (with a null test: the handle is untyped, and an untyped field may hold JSON null, which `??` replaces)
  assert.match(first.toYaml(), /tier: '\$\{dyn\(remoteConfigMapShared\.data\.\?tier\)\.orValue\(null\) == null \? "none" : remoteConfigMapShared\.data\.\?tier\.orValue\("none"\)\}'/);
  define('yaml-url-b');
  const positional = kubernetesComposition({ ...definition, name: 'yaml-url-c', kind: 'YamlUrlC' }, () => {
    YamlFile(`${server.url}/app.yaml`);
    return { tier: 'x' as string };
  });
  assert.deepEqual(positional.graph.resources.map((r) => r.id), ['appConfigMapShared', 'appServiceShared'], 'the id prefix is the file name of the URL');
  assert.deepEqual(server.requests(), ['/app.yaml'], 'one download, then the cache');
  assert.equal(readdirSync(join(cache, 'manifests')).length, 1);
});

test('a URL that cannot be reached, answers an error or holds bad YAML is named with what to do', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const defineWith = (path: string) => () =>
    kubernetesComposition({ ...definition, name: 'yaml-bad', kind: 'YamlBad' }, () => {
      yamlFile(path);
      return { tier: 'x' as string };
    });
  assert.throws(defineWith(`http://127.0.0.1:${port}/app.yaml`), (error: Error) =>
    isTypeKroError(error) && error.code === 'ENVIRONMENT' &&
    new RegExp(`^yamlFile: cannot download http://127\\.0\\.0\\.1:${port}/app\\.yaml: fetch failed \\(ECONNREFUSED\\)\\. It is read when the composition is defined and cached in .*manifests; without network access, download it elsewhere and give its local path$`).test(error.message),
  );
  assert.throws(defineWith(`${server.url}/missing.yaml`), /^TypeKroError: yamlFile: http:\/\/127\.0\.0\.1:\d+\/missing\.yaml answered HTTP 404 Not Found; check the URL$/);
  assert.throws(defineWith(`${server.url}/broken.yaml`), /^YamlManifestError: http:\/\/127\.0\.0\.1:\d+\/broken\.yaml:2:1: not valid YAML \(document 1\): /);
});
