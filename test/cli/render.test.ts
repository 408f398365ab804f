/**
 * `typekro render` as a subprocess: the RGD, the instance for a spec (file, stdin, --set), the plain
 * manifests, JSON output, and export selection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { LABELS as DIRECT_LABELS } from '../../src/runtime/engine/index.js';
import { transcript, typekro } from './run.js';

type Doc = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };

describe('typekro render', { concurrency: 4 }, () => {
  it('prints the RGD of the default export', async () => {
    const result = await typekro(['render', 'examples/webapp.ts']);
    assert.equal(result.code, 0, transcript(result));
    const rgd = parse(result.stdout) as Doc & { spec: { schema: { kind: string; status: Record<string, string> }; resources: { id: string }[] } };
    assert.equal(rgd.kind, 'ResourceGraphDefinition');
    assert.equal(rgd.metadata?.name, 'webapp');
    assert.equal(rgd.spec.schema.kind, 'WebApp');
    assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['deployment', 'service']);
    assert.equal(rgd.spec.schema.status.ready, '${deployment.?status.?readyReplicas.orValue(0) > 0}');
    assert.equal(result.stderr, '');
  });

  it('prints the instance for a spec file, and --set wins over the file', async () => {
    const fromFile = await typekro(['render', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml']);
    assert.equal(fromFile.code, 0, transcript(fromFile));
    assert.deepEqual(parse(fromFile.stdout), { apiVersion: 'example.com/v1', kind: 'WebApp', metadata: { name: 'webapp' }, spec: { replicas: 2 } });
    const overridden = await typekro(['render', 'examples/webapp.ts', '--instance', '-f', 'examples/webapp.spec.yaml', '--set', 'replicas=5', '-n', 'prod']);
    assert.equal(overridden.code, 0, transcript(overridden));
    const instance = parse(overridden.stdout) as Doc;
    assert.deepEqual(instance.spec, { replicas: 5 });
    assert.equal(instance.metadata?.namespace, 'prod');
  });

  it('reads the spec from stdin with --spec -', async () => {
    const result = await typekro(['render', 'examples/webapp.ts', '--spec', '-', '-o', 'json'], { input: '{"replicas": 4}' });
    assert.equal(result.code, 0, transcript(result));
    assert.deepEqual((JSON.parse(result.stdout) as Doc).spec, { replicas: 4 });
  });

  it('prints plain manifests with --manifests, labelled as direct mode labels them', async () => {
    const result = await typekro(['render', 'examples/webapp.ts', '--manifests', '--set', 'replicas=3', '-n', 'shop']);
    assert.equal(result.code, 0, transcript(result));
    const docs = parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Doc);
    assert.deepEqual(docs.map((d) => `${d.kind}/${d.metadata?.namespace}/${d.metadata?.name}`), ['Deployment/shop/webapp', 'Service/shop/webapp-service']);
    assert.equal(docs[0]?.spec?.replicas, 3);
    // status, logs and delete find objects by these labels: they must be what the runtime writes.
    const labels = docs[0]?.metadata?.labels ?? {};
    assert.equal(labels[DIRECT_LABELS.composition], 'webapp');
    assert.equal(labels[DIRECT_LABELS.instance], 'webapp');
    assert.equal(labels[DIRECT_LABELS.instanceNamespace], 'shop');
    assert.equal(labels[DIRECT_LABELS.resourceId], 'deployment');
  });

  it('prints several manifests as a JSON List with -o json', async () => {
    const result = await typekro(['render', 'examples/worker-pool.ts', '--manifests', '-f', 'examples/worker-pool.spec.yaml', '-o', 'json']);
    assert.equal(result.code, 0, transcript(result));
    const list = JSON.parse(result.stdout) as { kind: string; items: Doc[] };
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((d) => d.metadata?.name), ['orders-queue', 'orders-fast', 'orders-bulk']);
  });

  it('selects an export with file#name or --export, and asks when several exist', async () => {
    const hash = await typekro(['render', 'test/cli/fixtures/two.ts#beta']);
    assert.equal(hash.code, 0, transcript(hash));
    assert.equal((parse(hash.stdout) as Doc).metadata?.name, 'beta');
    const flag = await typekro(['render', 'test/cli/fixtures/two.ts', '--export', 'alpha']);
    assert.equal((parse(flag.stdout) as Doc).metadata?.name, 'alpha', transcript(flag));
    const ambiguous = await typekro(['render', 'test/cli/fixtures/two.ts']);
    assert.equal(ambiguous.code, 2, transcript(ambiguous));
    assert.match(ambiguous.stderr, /exports several compositions \(alpha, beta\); choose one with --export <name> or test\/cli\/fixtures\/two\.ts#<name>/);
    const missing = await typekro(['render', 'test/cli/fixtures/two.ts#gamma']);
    assert.equal(missing.code, 2, transcript(missing));
    assert.match(missing.stderr, /has no export "gamma"; compositions it exports: alpha, beta/);
  });

  it('renders a nested composition as one RGD', async () => {
    const result = await typekro(['render', 'examples/platform.ts', '-o', 'json']);
    assert.equal(result.code, 0, transcript(result));
    const rgd = JSON.parse(result.stdout) as { spec: { resources: { id: string }[] } };
    assert.ok(rgd.spec.resources.some((r) => r.id === 'siteWeb') && rgd.spec.resources.some((r) => r.id === 'jobsWorker'), result.stdout);
  });
});
