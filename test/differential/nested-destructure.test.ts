/**
 * `const { status: web } = child({...})` (trial 14 F8): destructuring a nested composition's handle reads
 * the same as `const c = child({...}); const web = c.status`, also where only the source can be compiled (a
 * `&&` over a child's status and a conditional child). Concrete JavaScript against the compiled CEL over
 * observed states, and the two forms compile to the same graph up to the ids (named from the declaration).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { runCase } from './harness.js';

const apiVersion = 'nestdestructure.typekro.dev/v1alpha1';

const child = kubernetesComposition(
  {
    name: 'destructure-child',
    apiVersion,
    kind: 'DestructureChild',
    spec: type({ name: 'string', replicas: 'number.integer = 1', 'port?': 'number.integer' }),
    status: type({ ready: 'boolean', url: 'string', 'note?': 'string' }),
  },
  (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    const s = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: spec.port ?? 80 }] });
    return { ready: (d.status.readyReplicas ?? 0) >= spec.replicas, url: `http://${s.metadata.name}:${spec.port ?? 80}` };
  },
);

const spec = type({ name: 'string', 'withDb?': 'boolean' });
const status = type({ url: 'string', ready: 'boolean', dbUrl: 'string' });

const destructured = kubernetesComposition({ name: 'nd-destructured', apiVersion, kind: 'NdDestructured', spec, status }, (spec) => {
  const { status: web } = child({ name: `${spec.name}-web`, port: 8080 });
  const { status: { url } } = child({ name: `${spec.name}-api` });
  const db = spec.withDb ? child({ name: `${spec.name}-db`, replicas: 2 }) : undefined;
  const cfg = ConfigMap({ name: `${spec.name}-cfg`, data: { WEB: web.url, API: url } });
  return { url: cfg.data.WEB ?? 'none', ready: web.ready && (db ? db.status.ready : true), dbUrl: db ? db.status.url : url };
});

const twoStep = kubernetesComposition({ name: 'nd-destructured', apiVersion, kind: 'NdDestructured', spec, status }, (spec) => {
  const webC = child({ name: `${spec.name}-web`, port: 8080 });
  const web = webC.status;
  const api = child({ name: `${spec.name}-api` });
  const url = api.status.url;
  const db = spec.withDb ? child({ name: `${spec.name}-db`, replicas: 2 }) : undefined;
  const cfg = ConfigMap({ name: `${spec.name}-cfg`, data: { WEB: web.url, API: url } });
  return { url: cfg.data.WEB ?? 'none', ready: web.ready && (db ? db.status.ready : true), dbUrl: db ? db.status.url : url };
});

describe("destructuring a nested composition's handle", () => {
  it('means what JavaScript means', () => {
    const report = runCase('nested-destructure', { composition: destructured as never, spec: { name: 'a' }, specs: [{ name: 'a' }, { name: 'b', withDb: true }, { name: 'c', withDb: false }] });
    assert.deepEqual(report.findings, []);
    assert.ok(report.evaluations > 0);
  });

  it('compiles as the two-step form does', () => {
    // ids come from the declared name (`webC` or the child's kind): the same graph otherwise
    const ids = (yaml: string) => yaml.replace(/\b(webC|destructureChild\d*|api)([DS])\b/g, 'ID$2');
    const [a, b] = [destructured, twoStep].map((c) => ids(c.toYaml()));
    assert.equal(a?.includes('ID'), true);
    assert.equal(a, b);
  });
});
