/**
 * A loop that destructures its item (`for (const [name, replicas] of Object.entries({ dev: 1, prod: 3 }))`,
 * `for (const { name, port = 80 } of spec.services)`, `spec.services.map(({ name }) => ...)`) means what the
 * loop over one item with `const { name, port = 80 } = item` in its body means (trial 4 F17a): each name is
 * the read it stands for, a default applies where the read is `undefined` (not `null`). Held to JavaScript
 * by the differential harness for several specs and observed states.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';

const Service = type({ name: 'string', 'port?': 'number.integer', 'tags?': 'string[]' });
const definition = (name: string) => ({
  name,
  apiVersion: 'patterns.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()),
  spec: type({ env: 'string', on: 'boolean', services: Service.array(), pairs: 'string[][]', workers: 'string[][]' }),
  status: type({ 'v?': 'string', 'n?': 'number' }),
});
const SPECS = [
  { env: 'dev', on: false, services: [], pairs: [], workers: [] },
  { env: 'prod', on: true, services: [{ name: 'a' }], pairs: [['x']], workers: [['w']] },
  { env: 'prod', on: false, services: [{ name: 'a', port: 8080, tags: ['t'] }, { name: 'b', tags: [] }], pairs: [['x', 'y'], []], workers: [['v'], ['w']] },
];

function agrees(name: string, composition: unknown): void {
  const report = runCase(name, { composition: composition as never, spec: SPECS[0]!, specs: SPECS });
  assert.ok(report.evaluations >= SPECS.length, name);
  assert.deepEqual(report.findings, [], name);
}

interface Rgd {
  spec: { resources: { id: string; forEach?: Record<string, string>[]; includeWhen?: string[]; template: { metadata: { name: string }; spec?: { replicas?: unknown }; data?: Record<string, string> } }[] };
}
const resourcesOf = (app: { graph: unknown }): Rgd['spec']['resources'] => (compileRgd(app.graph as never) as unknown as Rgd).spec.resources;

test('a loop over the entries of a local literal destructures each entry into constants (F17a)', () => {
  const app = kubernetesComposition(definition('entries'), (spec) => {
    for (const [name, replicas] of Object.entries({ dev: 1, prod: 3 })) {
      Deployment({ name: `web-${name}`, image: 'nginx', replicas: spec.env === name ? replicas * 2 : replicas });
    }
    return { v: spec.env };
  });
  assert.deepEqual(resourcesOf(app).map((r) => [r.template.metadata.name, r.template.spec?.replicas]), [
    ['web-dev', '${schema.spec.env == "dev" ? 1 * 2 : 1}'],
    ['web-prod', '${schema.spec.env == "prod" ? 3 * 2 : 3}'],
  ]);
  agrees('entries', app);
  // The literal's values may be references (F17b): each destructured value is that value's read.
  const fromSpec = kubernetesComposition(definition('entries-of-references'), (spec) => {
    const envs = { dev: spec.on ? 2 : 0, prod: 3 };
    for (const [name, replicas = 1] of Object.entries(envs)) Deployment({ name: `web-${name}`, image: 'nginx', replicas });
    return {};
  });
  assert.deepEqual(resourcesOf(fromSpec).map((r) => r.template.spec?.replicas), ['${schema.spec.on ? 2 : 0}', 3]);
  agrees('entries-of-references', fromSpec);
});

test('object and array patterns with defaults over constant items: a default applies to undefined only, as in JavaScript', () => {
  const app = kubernetesComposition(definition('constant-patterns'), (spec) => {
    for (const { n, p = 'dflt' } of [{ n: 'a', p: null }, { n: 'b', p: undefined }, { n: 'c', p: 'x' }]) {
      ConfigMap({ name: `o-${n}`, data: { p: String(p), on: spec.on ? n : 'off' } });
    }
    for (const [a, b = 'z'] of [['x'], ['y', 'w']]) ConfigMap({ name: `a-${a}`, data: { b } });
    const table = { dev: ['a'], prod: ['b', 'c'] };
    for (const [env, list] of Object.entries(table)) for (const x of list) ConfigMap({ name: `n-${env}-${x}`, data: { x } });
    for (const [env, n] of Object.entries({ dev: 1, prod: 3 })) if (env !== 'dev') ConfigMap({ name: `c-${env}`, data: { n: String(n) } });
    return {};
  });
  assert.deepEqual(resourcesOf(app).map((r) => [r.template.metadata.name, r.template.data]), [
    ['o-a', { p: 'null', on: '${schema.spec.on ? "a" : "off"}' }],
    ['o-b', { p: 'dflt', on: '${schema.spec.on ? "b" : "off"}' }],
    ['o-c', { p: 'x', on: '${schema.spec.on ? "c" : "off"}' }],
    ['a-x', { b: 'z' }],
    ['a-y', { b: 'w' }],
    ['n-dev-a', { x: 'a' }],
    ['n-prod-b', { x: 'b' }],
    ['n-prod-c', { x: 'c' }],
    ['c-prod', { n: '3' }],
  ]);
  agrees('constant-patterns', app);
});

test('a loop over a spec list destructures the forEach item, with defaults where the field is unset', () => {
  const forOf = kubernetesComposition(definition('spec-for-of'), (spec) => {
    for (const { name, port = 80, tags: [first = 'none'] = [] } of spec.services) {
      ConfigMap({ name: `svc-${name}`, data: { port: String(port), first, env: spec.env } });
    }
    return { n: spec.services.length };
  });
  const [resource] = resourcesOf(forOf);
  assert.deepEqual(resource?.forEach, [{ service: '${schema.spec.services}' }]);
  assert.deepEqual(resource?.template.data, {
    port: '${string(service.?port.orValue(80))}',
    first: '${service.?tags.orValue([])[?0].orValue("none")}',
    env: '${schema.spec.env}',
  });
  agrees('spec-for-of', forOf);
  const mapped = kubernetesComposition(definition('spec-map'), (spec) => {
    spec.services.map(({ name, port = 80 }) => ConfigMap({ name: `m-${name}`, data: { port: `${port}` } }));
    spec.pairs.forEach(([a = 'none', b = a]) => ConfigMap({ name: `p-${a}-${b}`, data: { a, b } }));
    return {};
  });
  assert.deepEqual(resourcesOf(mapped).map((r) => r.forEach), [[{ service: '${schema.spec.services}' }], [{ pair: '${schema.spec.pairs}' }]]);
  agrees('spec-map', mapped);
});

test('the item gets a name no name of the file uses, so a local of the same name is still the local', () => {
  const app = kubernetesComposition(definition('item-name'), (spec) => {
    const worker = 'outer';
    for (const [name] of spec.workers) ConfigMap({ name: `${worker}-${name ?? 'none'}`, data: {} });
    const name = spec.on ? 'x' : 'y';
    ConfigMap({ name: 'after', data: { name } });
    return { v: `${worker}-${name}` };
  });
  const [loop, after] = resourcesOf(app);
  assert.deepEqual(loop?.forEach, [{ worker2: '${schema.spec.workers}' }]);
  assert.equal(loop?.template.metadata.name, 'outer-${worker2[?0].orValue("none")}');
  assert.deepEqual(after?.template.data, { name: '${schema.spec.on ? "x" : "y"}' });
  agrees('item-name', app);
});
