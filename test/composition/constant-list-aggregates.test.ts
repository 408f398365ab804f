/**
 * Resources made over a constant list (`const ds = ['dev', 'prod'].map((e) => Deployment(...))`, trial 8 T10):
 * one resource per item, and the variable is JavaScript's array of their handles, so reading it in the status
 * (`every`, `some`, `map`, `filter`, `length`, `ds[0]`) unrolls to per-resource CEL, exactly what the same
 * reads of each resource written out by hand give. The ids stay what they were (`ds`, then the kind). Their
 * meaning is held to JavaScript in test/differential/constant-list-cases.ts; the refusals that remain are here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';
import { envStacks, perEnvDeployments, stackChild } from '../differential/constant-list-cases.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);

interface Rgd {
  spec: { schema: { status: Record<string, string> }; resources: { id: string; template: { data?: Record<string, string> } }[] };
}
const rgdOf = (app: { graph: unknown }): Rgd => compileRgd(app.graph as never) as unknown as Rgd;
const definition = { apiVersion: 'constlist.typekro.dev/v1alpha1', kind: 'ConstList', spec: type({ name: 'string', env: 'string' }), status: type({ n: 'number' }) };

test('aggregates over Deployments made over a constant list unroll to each resource\'s reads', () => {
  const rgd = rgdOf(perEnvDeployments);
  assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['ds', 'deployment']);
  assert.deepEqual(rgd.spec.schema.status, {
    ready: '${ds.?status.?readyReplicas.orValue(1) >= 2 && deployment.?status.?readyReplicas.orValue(1) >= 2}',
    any: '${ds.?status.?readyReplicas.orValue(1) >= 2 || deployment.?status.?readyReplicas.orValue(1) >= 2}',
    names: '${[ds.metadata.name, deployment.metadata.name].join(",")}',
    n: '${schema.metadata.name == schema.metadata.name ? 2 : 2}',
    readyCount: '${size([ds, deployment].filter(d, d.?status.?readyReplicas.orValue(1) >= 2))}',
    first: '${ds.metadata.name}',
  });
});

test('aggregates over nested compositions made over a constant list read each child\'s status', () => {
  const rgd = rgdOf(envStacks);
  assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['webStackD', 'webStackSvc', 'webStack2D', 'webStack2Svc']);
  assert.deepEqual(rgd.spec.schema.status, {
    ready: '${has(webStackD.status) && has(webStackD.status.readyReplicas) && webStackD.status.readyReplicas >= ("dev" in schema.spec.envs ? 2 : 0) && has(webStack2D.status) && has(webStack2D.status.readyReplicas) && webStack2D.status.readyReplicas >= ("prod" in schema.spec.envs ? 2 : 0)}',
    n: '${schema.metadata.name == schema.metadata.name ? 2 : 2}',
    urls: '${["http://" + webStackSvc.metadata.name, "http://" + webStack2Svc.metadata.name].join(",")}',
    last: 'http://${webStack2Svc.metadata.name}',
  });
});

test('a loop over the list, a counted loop and the list in another resource\'s argument', () => {
  const app = kubernetesComposition({ ...definition, name: 'constlist-loop' }, (spec) => {
    const ds = ['a', 'b'].map((e) => Deployment({ name: `${spec.name}-${e}`, image: 'nginx' }));
    // JavaScript walks the two handles: one ConfigMap per Deployment, each reading its own.
    for (const d of ds) ConfigMap({ name: `${d.metadata.name}-cm`, data: { r: String(d.status.readyReplicas ?? 0) } });
    const cs = [] as ReturnType<typeof ConfigMap>[];
    for (let i = 0; i < 2; i++) cs.push(ConfigMap({ name: `${spec.name}-c${i}`, data: { i: `${i}` } }));
    ConfigMap({ name: 'summary', data: { n: String(ds.length + cs.length), ready: ds.every((d) => d.status.readyReplicas > 0) ? 'y' : 'n' } });
    return { n: ds.length };
  });
  const data = rgdOf(app).spec.resources.map((r) => [r.id, r.template.data]);
  assert.deepEqual(data, [
    ['ds', undefined],
    ['deployment', undefined],
    ['configMap', { r: '${string(ds.?status.?readyReplicas.orValue(0))}' }],
    ['configMap2', { r: '${string(deployment.?status.?readyReplicas.orValue(0))}' }],
    ['cs', { i: '0' }],
    ['configMap3', { i: '1' }],
    ['configMapSummary', { n: '${string(2 + 2)}', ready: '${ds.?status.?readyReplicas.orValue(0) > 0 && deployment.?status.?readyReplicas.orValue(0) > 0 ? "y" : "n"}' }],
  ]);
});

test('a list filled under a condition on a reference is refused: JavaScript\'s list holds only the items where it held', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'constlist-cond' }, (spec) => {
      const ds = [] as ReturnType<typeof Deployment>[];
      for (const e of ['a', 'b']) if (spec.env === e) ds.push(Deployment({ name: `${spec.name}-${e}`, image: 'nginx' }));
      return { n: ds.length };
    }),
  );
  assert.equal(
    message,
    `${at("'constlist-cond'", 'ds.length')}: \`ds\` is filled under a condition on a reference (\`spec.env === e\` (line ${at("'constlist-cond'", 'spec.env === e').split(':')[1]})): JavaScript's list holds only the items where it held, which only the cluster knows, while each resource exists under its own includeWhen\n    ds\n  hint: create the resource in every iteration and give it the condition with \`.withIncludeWhen(...)\` (the list then holds every handle, as JavaScript's does), and read a resource under its condition (\`condition ? ds[0].status.readyReplicas : 0\`)`,
  );
});

test('a list a loop over a constant list fills and another statement changes is refused', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'constlist-extra' }, (spec) => {
      const ds = [] as ReturnType<typeof Deployment>[];
      for (const e of ['a', 'b']) ds.push(Deployment({ name: `${spec.name}-${e}`, image: 'nginx' }));
      ds.push(Deployment({ name: `${spec.name}-extra`, image: 'nginx' }));
      return { n: ds.length };
    }),
  );
  const line = at("'constlist-extra'", 'ds.push(Deployment({ name: `${spec.name}-extra`').split(':')[1];
  assert.equal(
    message,
    `${at("'constlist-extra'", 'ds.length')}: \`ds\` holds the resources a loop over a constant list made, and \`ds.push(Deployment({ name: \`\${spec.name}-extra\`, image: 'nginx' }))\` (line ${line}) changes it too: TypeKro reads \`ds\` as the resources one call in that loop made, so it would miss the change\n    ds\n  hint: keep the other resource in its own variable and combine them where you read them (e.g. \`ds.length + 1\`), or add its item to the constant list the loop walks`,
  );
});

test('nested .map calls over constant lists are refused with the reason that holds for them', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'constlist-grid' }, (spec) => {
      const grid = ['a', 'b'].map((e) => ['x', 'y'].map((f) => ConfigMap({ name: `${spec.name}-${e}-${f}`, data: {} })));
      return { n: grid.length };
    }),
  );
  assert.equal(
    message,
    `${at("'constlist-grid'", 'grid.length')}: \`grid\` is built by nested .map() calls over constant lists: a list of lists, which TypeKro does not unroll\n    grid\n  hint: give each inner list its own variable (\`const devs = SIZES.map((s) => Deployment(...))\`), or loop over one constant list of pairs`,
  );
});

test('a nested composition in a loop over a spec list stays refused (T12c)', () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { ...definition, name: 'constlist-spec-loop', spec: type({ name: 'string', services: type({ name: 'string', 'replicas?': 'number.integer' }).array() }), status: type({ n: 'number' }) },
      (spec) => {
        const stacks = spec.services.map((s) => stackChild({ name: `${spec.name}-${s.name}`, replicas: s.replicas ?? 1 }));
        return { n: stacks.length };
      },
    ),
  );
  assert.equal(
    message,
    `${at("'constlist-spec-loop'", 'stackChild({')}: nested composition "web-stack" inside a loop is not supported: KRO collections hold single resources; call the child's factories in the loop directly, or call "web-stack" once per instance outside the loop`,
  );
});

/** Makes a Deployment for `a` and a Service for anything else. */
function deploymentOrService(name: string, e: string) {
  return e === 'a' ? Deployment({ name: `${name}-${e}`, image: 'nginx' }) : Service({ name: `${name}-${e}`, selector: { app: name }, ports: [{ port: 80 }] });
}

test('a list of resources of different kinds made over a constant list is refused', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'constlist-kinds', status: type({ names: 'string' }) }, (spec) => {
      const xs = ['a', 'b'].map((e) => deploymentOrService(spec.name, e));
      return { names: xs.map((x) => x.metadata.name).join(',') };
    }),
  );
  assert.equal(
    message,
    `${at("'constlist-kinds'", 'xs.map')}: \`xs\` holds objects of different kinds (Deployment, Service), which no one CEL list type holds\n    xs\n  hint: give each kind its own list, made by its own loop`,
  );
});
