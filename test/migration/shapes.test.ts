/**
 * The original TypeKro's API shapes that map onto ours: helmRelease with a repository URL, the positional
 * externalRef, createResource, Enhanced<Spec, Status> and x.toString(). Rendered offline; the type
 * assertions are checked by `npm run typecheck` (test/ is part of the project).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { createResource, customResource, externalRef, helmRelease, kubernetesComposition, type Enhanced } from '../../src/index.js';
import { ConfigMap, Deployment, Ingress } from '../../src/simple.js';
import { compileRgd } from '../../src/compile/rgd/index.js';

type Template = { metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };
type Rgd = { spec: { schema: { status: Record<string, string> }; resources: { id: string; template?: Template; externalRef?: Record<string, unknown> }[] } };
const rgdOf = (graph: Parameters<typeof compileRgd>[0]): Rgd => compileRgd(graph) as unknown as Rgd;

test('helmRelease with a repository URL creates the HelmRepository and is applied after it', () => {
  const app = kubernetesComposition(
    { name: 'helm-url', kind: 'HelmUrl', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ revision: 'string' }) },
    (spec) => {
      const redis = helmRelease({ name: 'redis', chart: { repository: 'https://charts.example.com/stable', name: 'redis', version: '19.x' }, values: { replicas: spec.replicas } });
      const kroChart = helmRelease({ name: spec.name, namespace: 'kro-system', chart: { repository: 'oci://registry.k8s.io/kro/charts', name: 'kro' } });
      return { revision: `${redis.status.lastAttemptedRevision}/${kroChart.status.lastAttemptedRevision}` };
    },
  );
  const rgd = rgdOf(app.graph);
  assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['redis', 'helmRepositoryRedisCharts', 'kroChart', 'helmRepository']);
  const [redis, redisRepo, kro, kroRepo] = rgd.spec.resources.map((r) => r.template!);
  assert.deepEqual(redisRepo, { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'redis-charts' }, spec: { interval: '5m', url: 'https://charts.example.com/stable' } });
  assert.deepEqual((redis!.spec['chart'] as { spec: unknown }).spec, { chart: 'redis', version: '19.x', sourceRef: { kind: 'HelmRepository', name: 'redis-charts' } });
  assert.equal(redis!.metadata.annotations?.['typekro.dev/depends-on'], '${helmRepositoryRedisCharts.metadata.name}');
  assert.deepEqual(kroRepo, {
    apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository',
    metadata: { name: '${schema.spec.name}-charts', namespace: 'kro-system' },
    spec: { interval: '5m', url: 'oci://registry.k8s.io/kro/charts', type: 'oci' },
  });
  assert.deepEqual((kro!.spec['chart'] as { spec: { sourceRef: unknown } }).spec.sourceRef, { kind: 'HelmRepository', name: '${schema.spec.name}-charts', namespace: 'kro-system' });
  // The handle form is unchanged (README "Helm charts"); a URL that is not one names the field.
  assert.throws(
    () => kubernetesComposition({ name: 'helm-bad', kind: 'HelmBad', spec: type({ n: 'string' }), status: type({ n: 'string' }) }, (spec) => {
      helmRelease({ name: 'x', chart: { repository: 'charts.example.com', name: 'x' } });
      return { n: spec.n };
    }),
    /helmRepository "x-charts": url must be an http\(s\):\/\/ chart index or an oci:\/\/ registry, got "charts.example.com"/,
  );
});

test('externalRef(apiVersion, kind, name, namespace?) is the object form, with a typed spec and status', () => {
  const app = kubernetesComposition(
    { name: 'ext-positional', kind: 'ExtPositional', spec: type({ name: 'string' }), status: type({ endpoint: 'string', size: 'string', level: 'string' }) },
    () => {
      const db = externalRef<{ size: string }, { endpoint: string }>('example.com/v1', 'Database', 'shared-db', 'platform');
      const settings = externalRef('v1', 'ConfigMap', 'settings');
      // @ts-expect-error the status type has no such field
      void db.status.endpont;
      return { endpoint: db.status.endpoint, size: db.spec.size, level: (settings as unknown as { data: { level: string } }).data.level };
    },
  );
  const rgd = rgdOf(app.graph);
  assert.deepEqual(rgd.spec.resources.map((r) => [r.id, r.externalRef]), [
    ['db', { apiVersion: 'example.com/v1', kind: 'Database', metadata: { name: 'shared-db', namespace: 'platform' } }],
    ['settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }],
  ]);
  assert.deepEqual(rgd.spec.schema.status, { endpoint: '${db.status.endpoint}', size: '${db.spec.size}', level: '${settings.data.level}' });
  assert.throws(
    () => kubernetesComposition({ name: 'ext-bad', kind: 'ExtBad', spec: type({ n: 'string' }), status: type({ n: 'string' }) }, (spec) => {
      (externalRef as (...args: unknown[]) => unknown)('v1', 'ConfigMap');
      return { n: spec.n };
    }),
    /externalRef needs metadata.name \(positional form: the third argument\): externalRef\(\{ apiVersion, kind, metadata: \{ name, namespace\? \} \}\) or externalRef\(apiVersion, kind, name, namespace\?\)/,
  );
});

test('createResource is customResource, and Enhanced<Spec, Status> types a handle by spec and status', () => {
  assert.equal(createResource, customResource);
  const app = kubernetesComposition(
    { name: 'create-resource', kind: 'CreateResource', spec: type({ size: 'number.integer' }), status: type({ phase: 'string' }) },
    (spec) => {
      const cache = createResource<{ size: number }, { phase: string }>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c' }, spec: { size: spec.size } });
      // Typed by annotation, not by a list outside the function: a handle pushed there would outlive the definition (outer-writes.ts).
      const handle: Enhanced<{ size: number }, { phase: string }> = cache;
      const phase: string = handle.status.phase;
      // @ts-expect-error Enhanced<Spec, Status> has the status type given
      void handle.status.phaze;
      return { phase };
    },
  );
  assert.deepEqual(rgdOf(app.graph).spec.schema.status, { phase: '${cache.status.phase}' });
});

test('x.toString() on numbers and booleans is String(x)', () => {
  const app = kubernetesComposition(
    { name: 'to-string', kind: 'ToString', spec: type({ replicas: 'number.integer', on: 'boolean' }), status: type({ replicas: 'string', on: 'string' }) },
    (spec) => {
      const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
      ConfigMap({ name: 'info', data: { replicas: spec.replicas.toString(), on: spec.on.toString(), ready: `${web.status.readyReplicas}` } });
      return { replicas: spec.replicas.toString(), on: spec.on.toString() };
    },
  );
  const rgd = rgdOf(app.graph);
  assert.deepEqual(rgd.spec.schema.status, { replicas: '${string(schema.spec.replicas)}', on: '${string(schema.spec.on)}' });
  assert.deepEqual((rgd.spec.resources[1]!.template as unknown as { data: Record<string, string> }).data.replicas, '${string(schema.spec.replicas)}');
});

test('a per-item id in a loop and a handle that may be null are refused with the supported form', () => {
  const workers = type({ workers: type({ name: 'string' }).array() });
  assert.throws(
    () => kubernetesComposition({ name: 'loop-id', kind: 'LoopId', spec: workers, status: type({ n: 'number' }) }, (spec) => {
      for (const w of spec.workers) Deployment({ id: `worker-${w.name}`, name: `worker-${w.name}`, image: 'busybox' });
      return { n: spec.workers.length };
    }),
    /^TypeKroError: Deployment: id "worker-\$\{w\.name\}" depends on the spec or a loop item, .* Write a fixed id, e\.g\. id: 'worker', and keep the per-item part in the name/,
  );
  // A handle that may be null, tested for itself, is its own test (it was refused before): `spec.tls ? ... : 'none'`.
  const nullable = kubernetesComposition({ name: 'nullable', kind: 'Nullable', spec: type({ host: 'string', tls: 'boolean' }), status: type({ url: 'string' }) }, (spec) => {
    const ing = spec.tls ? Ingress({ name: 'web', rules: [{ host: spec.host }] }) : null;
    return { url: ing ? `https://${spec.host}` : 'none' };
  });
  assert.equal(rgdOf(nullable.graph).spec.schema.status['url'], '${schema.spec.tls ? "https://" + schema.spec.host : "none"}');
});

test("reading a nested composition's resource from its handle says to expose it in the child's status", () => {
  const database = kubernetesComposition({ name: 'nested-db', kind: 'NestedDb', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) }, (spec) => {
    const primary = Deployment({ name: spec.name, image: 'postgres' });
    return { ready: primary.status.readyReplicas > 0 };
  });
  assert.throws(
    () => kubernetesComposition({ name: 'nested-app', kind: 'NestedApp', spec: type({ name: 'string' }), status: type({ replicas: 'number' }) }, (spec) => {
      const db = database({ name: spec.name });
      return { replicas: (db as unknown as { primary: { status: { readyReplicas: number } } }).primary.status.readyReplicas };
    }),
    /^TypeKroError: nested composition "nested-db" exposes its status, not its resource "primary": add the field you need to its status/,
  );
});
