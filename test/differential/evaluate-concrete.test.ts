/** evaluateConcrete: what JavaScript decides for a spec and observed objects, named as the compiled graph names it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition, OpaqueCel, SpecValidationError, toResourceGraph } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { render, simulate } from '../../src/testing/index.js';

const app = kubernetesComposition(
  {
    name: 'concrete-app',
    apiVersion: 'test.typekro.dev/v1alpha1',
    kind: 'ConcreteApp',
    spec: type({ tier: "'free' | 'paid'", regions: 'string[]', replicas: 'number.integer = 2' }),
    status: type({ ready: 'boolean', 'reason?': 'string', 'raw?': 'string', regions: 'number' }),
  },
  (spec) => {
    const web = Deployment({ name: 'web', image: spec.tier === 'paid' ? 'nginx:1.27' : 'nginx:1.27-slim', replicas: spec.replicas }).withReadyWhen(
      (self) => self.status.readyReplicas === self.spec.replicas,
    );
    if (spec.tier === 'paid') {
      const billing = ConfigMap({ name: 'billing', data: { seats: `${spec.replicas * 10}` } });
    }
    for (const region of spec.regions) {
      ConfigMap({ name: `region-${region}`, data: { region } });
    }
    return {
      ready: web.status.readyReplicas >= spec.replicas,
      reason: web.status.conditions?.[0]?.reason,
      raw: Cel.expr<string>(spec.tier, '.upperAscii()'),
      regions: spec.regions.length,
    };
  },
);

test('ifs, loops and operators are decided by JavaScript; ids are the compiled graph\'s', () => {
  assert.deepEqual(app.graph.resources.map((r) => r.id), ['web', 'billing', 'configMap']);
  const free = evaluateConcrete(app, { tier: 'free', regions: ['eu', 'us'] });
  assert.deepEqual(free.resources.map((r) => [r.id, r.collection, r.manifests.length]), [['web', false, 1], ['configMap', true, 2]]);
  const web = free.resources[0]!.manifests[0] as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
  assert.equal(web.spec.replicas, 2, 'the schema default is applied');
  assert.equal(web.spec.template.spec.containers[0]!.image, 'nginx:1.27-slim');
  assert.deepEqual(free.resources[1]!.manifests.map((m) => (m as { data: unknown }).data), [{ region: 'eu' }, { region: 'us' }]);
  const paid = evaluateConcrete(app, { tier: 'paid', regions: [], replicas: 3 });
  assert.deepEqual(paid.resources.map((r) => r.id), ['web', 'billing']);
  assert.deepEqual((paid.resources[1]!.manifests[0] as { data: unknown }).data, { seats: '30' });
});

test('nothing observed: what is computed from a resource is pending, deep reads do not throw, readyWhen is not evaluated', () => {
  const result = evaluateConcrete(app, { tier: 'free', regions: [] });
  // `web.status.readyReplicas >= spec.replicas` is false in JavaScript, but web does not exist yet: pending, as KRO leaves it
  assert.equal(result.status.ready, undefined);
  assert.deepEqual(result.pendingStatus, ['ready', 'reason']);
  assert.ok(result.status.raw instanceof OpaqueCel);
  assert.equal((result.status.raw as OpaqueCel).cel, 'free.upperAscii()');
  assert.deepEqual(result.resources[0]!.ready, [undefined]);
});

test('observed objects feed handles and readyWhen callbacks', () => {
  const observed = { web: { spec: { replicas: 2 }, status: { readyReplicas: 2, conditions: [{ type: 'Available', reason: 'MinimumReplicasAvailable' }] } } };
  const ready = evaluateConcrete(app, { tier: 'free', regions: [] }, { observed });
  assert.equal(ready.status.ready, true);
  assert.equal(ready.status.reason, 'MinimumReplicasAvailable');
  assert.deepEqual(ready.resources[0]!.ready, [true]);
  const partial = evaluateConcrete(app, { tier: 'free', regions: [] }, { observed: { web: { spec: { replicas: 2 }, status: { replicas: 2 } } } });
  assert.equal(partial.status.ready, false);
  assert.deepEqual(partial.resources[0]!.ready, [false]);
});

test('wrong inputs are named', () => {
  assert.throws(() => evaluateConcrete(app, { tier: 'gold', regions: [] } as never), SpecValidationError);
  assert.throws(() => evaluateConcrete(app, { tier: 'free', regions: ['eu'] }, { observed: { configMap: {} } }), /observed\["configMap"\] must be a list/);
  assert.throws(() => evaluateConcrete(app, { tier: 'free', regions: [] }, { observed: { webb: {} } }), /observed\["webb"\]: composition "concrete-app" has no resource "webb"; its resource ids are web, billing, configMap/);
  assert.throws(() => evaluateConcrete(app, { tier: 'free', regions: [] }, { observed: { web: [{}] } }), /observed\["web"\] must be one object, not a list/);
  assert.throws(() => evaluateConcrete({ graph: app.graph } as never, {}), /takes a composition made by kubernetesComposition/);
});

const database = kubernetesComposition(
  { name: 'concrete-db', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ConcreteDb', spec: type({ name: 'string', replicas: 'number.integer = 1' }), status: type({ host: 'string' }) },
  (spec) => {
    Deployment({ name: spec.name, image: 'postgres', replicas: spec.replicas });
    const endpoint = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 5432 }] });
    return { host: `${endpoint.metadata.name}:5432` };
  },
);

const parent = kubernetesComposition(
  { name: 'concrete-parent', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ConcreteParent', spec: type({ name: 'string' }), status: type({ host: 'string' }) },
  (spec) => {
    const primary = database({ name: `${spec.name}-db` });
    ConfigMap({ name: `${spec.name}-wiring`, data: { DATABASE: primary.status.host } });
    return { host: primary.status.host };
  },
);

test('nested compositions run their own function, resources prefixed as the graph inlines them', () => {
  const ids = parent.graph.resources.map((r) => r.id);
  const endpoint = ids.find((id) => id.startsWith('primaryEndpoint'))!;
  const result = evaluateConcrete(parent, { name: 'shop' }, { observed: { [endpoint]: { metadata: { name: 'shop-db' } } } });
  assert.deepEqual(result.resources.map((r) => r.id), ids);
  assert.equal((result.resources[0]!.manifests[0] as { spec: { replicas: number } }).spec.replicas, 1, "the child's default");
  assert.equal(result.status.host, 'shop-db:5432');
});

const graphForm = toResourceGraph(
  { name: 'concrete-graph', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ConcreteGraph', spec: type({ name: 'string' }), status: type({ instance: 'string' }) },
  (schema) => ({ web: Deployment({ name: schema.spec.name, image: 'nginx' }) }),
  (schema) => ({ instance: schema.metadata.name }),
);

test('toResourceGraph: ids from the returned keys, schema.metadata from the instance', () => {
  const result = evaluateConcrete(graphForm, { name: 'site' }, { name: 'site-1', namespace: 'apps' });
  assert.deepEqual(result.resources.map((r) => r.id), ['web']);
  assert.equal(result.status.instance, 'site-1');
});

test('evaluateConcrete takes the instance identity as simulate does, and refuses an option it does not know (trial 21 F12)', () => {
  const concrete = evaluateConcrete(graphForm, { name: 'site' }, { name: 'site-2', namespace: 'apps' });
  const simulated = simulate(graphForm, { name: 'site' }, { name: 'site-2', namespace: 'apps' });
  assert.equal(concrete.status.instance, 'site-2');
  assert.deepEqual(simulated.status, concrete.status);
  const old = { instance: { name: 'site-3' } } as unknown as Parameters<typeof evaluateConcrete>[2];
  assert.throws(() => evaluateConcrete(graphForm, { name: 'site' }, old), {
    message: "evaluateConcrete: unknown option `instance`; give the instance's `name` and `namespace` as options themselves (evaluateConcrete, simulate and render take them alike)",
  });
  const typo = { namepsace: 'apps' } as unknown as Parameters<typeof evaluateConcrete>[2];
  assert.throws(() => evaluateConcrete(graphForm, { name: 'site' }, typo), { message: 'evaluateConcrete: unknown option `namepsace`; the options are observed, name, namespace' });
  assert.throws(() => simulate(graphForm, { name: 'site' }, typo as never), { message: 'simulate: unknown option `namepsace`; the options are observed, crossCheck, name, namespace' });
  assert.throws(() => render(graphForm, { name: 'site' }, old as never), { message: "render: unknown option `instance`; give the instance's `name` and `namespace` as options themselves (evaluateConcrete, simulate and render take them alike)" });
});

const branches = kubernetesComposition(
  { name: 'concrete-branches', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ConcreteBranches', spec: type({ name: 'string', extra: 'boolean' }), status: type({ 'note?': 'string' }) },
  (spec) => {
    if (spec.extra === true) {
      ConfigMap({ name: `${spec.name}-extra`, data: {} });
    }
    ConfigMap({ name: `${spec.name}-base`, data: {} });
    return {};
  },
);

test('a call the definition run skipped (made from source later) keeps the graph\'s id, not one derived from a concrete name', () => {
  const idOf = (suffix: string): string => branches.graph.resources.find((r) => JSON.stringify(r.template).includes(`-${suffix}`))!.id;
  const result = evaluateConcrete(branches, { name: 'shop', extra: true });
  const names = result.resources.map((r) => [r.id, (r.manifests[0] as { metadata: { name: string } }).metadata.name]);
  assert.deepEqual(names, [[idOf('extra'), 'shop-extra'], [idOf('base'), 'shop-base']]);
});

const conditionsCheck = kubernetesComposition(
  { name: 'concrete-conditions', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ConcreteConditions', spec: type({ replicas: 'number.integer' }), status: type({ available: 'boolean' }) },
  (spec) => {
    const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }).withReadyWhen(
      (self) => self.status.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ?? false,
    );
    return { available: web.status.conditions?.some((c) => c.type === 'Available') ?? false };
  },
);

test('an absent observed list called through `?.` is undefined: `conditions?.some(...) ?? false` is false, as in plain JavaScript (without `?.` it is pending: concrete-absent-lists.test.ts)', () => {
  const observed = { web: { spec: { replicas: 2 }, status: { replicas: 2 } } };
  const result = evaluateConcrete(conditionsCheck, { replicas: 2 }, { observed });
  assert.equal(result.status.available, false);
  assert.deepEqual(result.resources[0]!.ready, [false]);
  const ready = evaluateConcrete(conditionsCheck, { replicas: 2 }, { observed: { web: { spec: { replicas: 2 }, status: { conditions: [{ type: 'Available', status: 'True' }] } } } });
  assert.equal(ready.status.available, true);
  assert.deepEqual(ready.resources[0]!.ready, [true]);
});

test('calls of a loop over constants that JavaScript made for some items only are paired with their items\' resources', () => {
  // The names are not literal in the graph (`${spec.env}-b-c`) or were folded there (`"Zz".lowerAscii()`):
  // pairing by order alone gave the first item's resource to the call made for the last.
  const looped = kubernetesComposition(
    { name: 'concrete-items', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'ConcreteItems', spec: type({ env: 'string', name: 'string' }), status: type({ n: 'number' }) },
    (spec) => {
      for (const t of ['a', 'b-c', 'Zz']) {
        if (spec.name === t) ConfigMap({ name: `low-${t.toLowerCase()}`, data: {} });
        if (spec.name !== t) ConfigMap({ name: `${spec.env}-${t}`, data: {} });
      }
      return { n: 1 };
    },
  );
  const names = (spec: { env: string; name: string }): Record<string, string> =>
    Object.fromEntries(evaluateConcrete(looped, spec).resources.map((r) => [r.id, (r.manifests[0] as { metadata: { name: string } }).metadata.name]));
  // The graph's resources, per item in item order: in source order; JavaScript made the second call (a placeholder is not 'a'), TypeKro the first.
  assert.deepEqual(looped.graph.resources.map((r) => r.id), ['configMapLowA', 'configMapLowBC', 'configMapLowZz', 'configMap', 'configMap2', 'configMap3']);
  assert.deepEqual(names({ env: 'dev', name: 'Zz' }), { configMap: 'dev-a', configMap2: 'dev-b-c', configMapLowZz: 'low-zz' });
  assert.deepEqual(names({ env: 'dev', name: 'a' }), { configMapLowA: 'low-a', configMap2: 'dev-b-c', configMap3: 'dev-Zz' });
});
