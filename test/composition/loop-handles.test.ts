/**
 * A resource made in a loop body and read in the same body (`const d = Deployment({...}); ... d.status ...`).
 * In a loop over a constant list each pass makes its own resource, and the read is that resource's, as the
 * inline call's is (`Deployment({...}).status`). In a loop over a spec list the resource is one object of a KRO
 * collection, which KRO cannot address per item: refused at the read, with the way out (no longer a hint about
 * includeWhen). A loop's names are seen in its body only: a `const` of the same name after it is that const.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = (name: string) => ({
  name,
  apiVersion: 'handles.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()),
  spec: type({ on: 'boolean', tags: 'string[]', workers: type({ name: 'string', replicas: 'number.integer' }).array() }),
  status: type({ 'v?': 'string', 'n?': 'number' }),
});
const SPECS = [
  { on: false, tags: [], workers: [] },
  { on: true, tags: ['a'], workers: [{ name: 'w', replicas: 2 }] },
];

function agrees(name: string, composition: unknown): void {
  const report = runCase(name, { composition: composition as never, spec: SPECS[0]!, specs: SPECS });
  assert.ok(report.evaluations >= SPECS.length, name);
  assert.deepEqual(report.findings, [], name);
}

interface Resource { id: string; template: { metadata: { name: string }; data?: Record<string, string> } }
const resourcesOf = (app: { graph: unknown }): Resource[] => (compileRgd(app.graph as never) as unknown as { spec: { resources: Resource[] } }).spec.resources;

test('a handle made in a loop over a constant list is read as the resource of its own pass', () => {
  const app = kubernetesComposition(definition('constant-handle'), (spec) => {
    for (const e of ['a', 'b']) {
      const web = Deployment({ name: `web-${e}`, image: 'nginx', replicas: spec.on ? 2 : 1 });
      ConfigMap({ name: `ready-${e}`, data: { ready: String(web.status.readyReplicas ?? 0), name: web.metadata.name } });
    }
    return { v: 'x' };
  });
  const data = resourcesOf(app).filter((r) => r.template.metadata.name.startsWith('ready-')).map((r) => r.template.data);
  assert.deepEqual(data, [
    { ready: '${string(web.?status.?readyReplicas.orValue(0))}', name: '${web.metadata.name}' },
    { ready: '${string(deploymentWebB.?status.?readyReplicas.orValue(0))}', name: '${deploymentWebB.metadata.name}' },
  ]);
  agrees('constant-handle', app);
});

test('a handle made in a loop over a spec list and read in the same body is refused at the read', () => {
  const why = (id: string, place: string, read: string) =>
    `${place}: \`${id}\` is the resource made for one item of a loop over a spec list (a KRO forEach collection, "${id}"): KRO shows it to other resources and to the status only as the list of the objects of all items, and cannot pick the object made for the same item\n    ${read}\n  hint: use the item's own data instead of the resource's (e.g. the replicas the item asks for, not \`${id}.status.readyReplicas\`), or collect the resources (\`const all = spec.items.map((item) => Factory({ ... }))\`) and read the list outside the loop (\`all.every((d) => (d.status.readyReplicas ?? 0) > 0)\`)`;
  assert.equal(
    refusal(() => kubernetesComposition(definition('item-handle'), (spec) => {
      for (const w of spec.workers) {
        const d = Deployment({ name: `w-${w.name}`, image: 'nginx', replicas: w.replicas });
        ConfigMap({ name: `c-${w.name}`, data: { ready: String(d.status.readyReplicas ?? 0) } });
      }
      return {};
    })),
    why('d', at("'item-handle'", 'd.status'), 'd'),
  );
  assert.equal(
    refusal(() => kubernetesComposition(definition('item-handle-map'), (spec) => {
      spec.workers.map((w) => {
        const d = Deployment({ name: `w-${w.name}`, image: 'nginx' });
        return ConfigMap({ name: `c-${w.name}`, data: { up: (d.status.readyReplicas ?? 0) > 0 ? 'yes' : 'no' } });
      });
      return {};
    })),
    why('d', at("'item-handle-map'", 'd.status'), 'd'),
  );
});

test("a loop's names are its body's: a const of the same name after the loop is that const", () => {
  const app = kubernetesComposition(definition('after-loop'), (spec) => {
    for (const name of spec.tags) ConfigMap({ name: `t-${name}`, data: { name } });
    const name = spec.on ? 'x' : 'y';
    ConfigMap({ name: 'after', data: { name } });
    return { v: name };
  });
  assert.deepEqual(resourcesOf(app).at(-1)?.template.data, { name: '${schema.spec.on ? "x" : "y"}' });
  assert.match(app.toYaml(), /v: '\$\{schema\.spec\.on \? "x" : "y"\}'/);
  agrees('after-loop', app);
});
