/**
 * A handle in a concrete evaluation reads its object as the cluster holds it (the manifest JavaScript built,
 * overlaid by the observed object, in the instance namespace), and `??` over a chain that may be absent means
 * the same in the compiled CEL (found by a new user: trial 2, t05, t22, t27).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition, OpaqueCel, toResourceGraph } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { simulate, type ObservedEntries } from '../../src/testing/index.js';
import { exprLeaves } from '../../src/ir/value.js';
import { printCel } from '../../src/compile/cel/print.js';

const own = kubernetesComposition(
  { name: 'own', kind: 'Own', spec: type({ tier: 'string' }), status: type({ tier: 'string', name: 'string', reps: 'number', ns: 'string' }) },
  (spec) => {
    const cm = ConfigMap({ name: 'own', data: { tier: spec.tier } });
    const d = Deployment({ name: 'web', image: 'nginx', replicas: 2 });
    return { tier: cm.data.tier ?? 'x', name: cm.metadata.name ?? 'noname', reps: d.spec.replicas ?? -1, ns: cm.metadata.namespace ?? 'nons' };
  },
);

describe('a handle reads the object as the cluster holds it', () => {
  it('its own manifest fields, under what the cluster reports (t05)', () => {
    const observed = { cm: {}, d: { status: { readyReplicas: 1 } } };
    const js = evaluateConcrete(own, { tier: 'prod' }, { observed });
    assert.deepEqual(js.status, { tier: 'prod', name: 'own', reps: 2, ns: 'default' });
    assert.deepEqual(simulate(own, { tier: 'prod' }, { observed }).status, js.status);
    // what the cluster reports wins over the manifest
    const changed = evaluateConcrete(own, { tier: 'prod' }, { observed: { cm: { data: { tier: 'edited' } }, d: { spec: { replicas: 5 } } } });
    assert.deepEqual(changed.status, { tier: 'edited', name: 'own', reps: 5, ns: 'default' });
  });

  it('in the namespace given, else `default` as simulate and direct mode (t22)', () => {
    const js = evaluateConcrete(own, { tier: 'prod' }, { observed: { cm: {}, d: {} }, name: 'i', namespace: 'shop' });
    assert.equal(js.status.ns, 'shop');
    assert.deepEqual(simulate(own, { tier: 'prod' }, { observed: { cm: {}, d: {} }, namespace: 'shop' }).status, js.status);
  });

  it('a resource that is not observed is still pending: the cluster does not hold it yet', () => {
    assert.deepEqual(evaluateConcrete(own, { tier: 'prod' }).pendingStatus, ['tier', 'name', 'reps', 'ns']);
  });
});

describe('?? over a list that may be absent', () => {
  const lb = kubernetesComposition(
    { name: 'lb', kind: 'Lb', spec: type({ name: 'string' }), status: type({ ip: 'string', conds: 'number' }) },
    (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx' });
      const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }], type: 'LoadBalancer' });
      return { ip: svc.status.loadBalancer.ingress[0]!.ip ?? 'pending', conds: web.status.conditions?.length ?? -1 };
    },
  );

  it('compiles to an optional chain from the list on, so the default applies before the ingress exists (t27)', () => {
    const ip = exprLeaves(lb.graph.status).find((leaf) => leaf.path.join('.') === 'ip')!;
    assert.equal(printCel(ip.expr), 'svc.?status.?loadBalancer.?ingress[?0].?ip.orValue("pending")');
    const cases: [ObservedEntries, object][] = [
      [{ svc: { status: { loadBalancer: {} } }, web: { status: {} } }, { ip: 'pending', conds: -1 }],
      [{ svc: { status: { loadBalancer: { ingress: [] } } }, web: { status: { conditions: [] } } }, { ip: 'pending', conds: 0 }],
      [{ svc: { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }, web: { status: { conditions: [{ type: 'Available', status: 'True' }] } } }, { ip: '1.2.3.4', conds: 1 }],
    ];
    for (const [observed, status] of cases) {
      const result = simulate(lb, { name: 'a' }, { observed });
      assert.deepEqual([result.status, result.pending], [status, []]);
      assert.deepEqual(evaluateConcrete(lb, { name: 'a' }, { observed }).status, status);
    }
  });
});

describe('Cel helpers in a concrete evaluation mean what CEL means on the values (m11, t07)', () => {
  const helpers = kubernetesComposition(
    {
      name: 'helpers',
      kind: 'Helpers',
      spec: type({ s: 'string', 'o?': 'string', n: 'number.integer' }),
      status: type({ has: 'string', cond: 'string', def: 'string', co: 'string', raw: 'number' }),
    },
    (spec) => ({
      has: Cel.has(spec.o) ? 'has' : 'no',
      cond: Cel.cond(spec.s.length > 2, 'long', 'short'),
      def: Cel.default(spec.o, 'dflt'),
      co: Cel.coalesce(spec.o, spec.s, 'last'),
      raw: Cel.expr<number>(spec.n, ' * 2'),
    }),
  );

  it('has, cond, default and coalesce are evaluated; Cel.expr text stays opaque', () => {
    for (const [spec, expected] of [
      [{ s: '', n: 1 }, { has: 'no', cond: 'short', def: 'dflt', co: '' }],
      [{ s: 'abc', o: '', n: 2 }, { has: 'has', cond: 'long', def: '', co: '' }],
    ] as const) {
      const js = evaluateConcrete(helpers, spec);
      assert.ok(js.status.raw instanceof OpaqueCel);
      assert.equal(js.status.raw.cel, `${spec.n} * 2`);
      const { raw: _raw, ...rest } = js.status;
      assert.deepEqual(rest, expected);
      assert.deepEqual(simulate(helpers, spec).status, { ...expected, raw: spec.n * 2 });
    }
  });

  it('Cel.has of a field of an observed resource, absent or present, and of an unobserved one (pending)', () => {
    const probe = kubernetesComposition(
      { name: 'probe', kind: 'Probe', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
      (spec) => {
        const d = Deployment({ name: spec.name, image: 'nginx' });
        return { ready: Cel.has(d.status.readyReplicas) };
      },
    );
    assert.deepEqual(evaluateConcrete(probe, { name: 'a' }, { observed: { d: { status: {} } } }).status, { ready: false });
    assert.deepEqual(evaluateConcrete(probe, { name: 'a' }, { observed: { d: { status: { readyReplicas: 1 } } } }).status, { ready: true });
    assert.deepEqual(evaluateConcrete(probe, { name: 'a' }).pendingStatus, ['ready']);
    assert.deepEqual(simulate(probe, { name: 'a' }, { observed: { d: { status: {} } } }).status, { ready: false });
  });
});

describe('toResourceGraph with a collection (r06)', () => {
  const graph = toResourceGraph(
    { name: 'loop', kind: 'Loop', spec: type({ l: 'string[]' }), status: type({ v: 'string' }) },
    (schema) => ({ cms: schema.spec.l.map((x) => ConfigMap({ name: `c-${x}`, data: { x } })) }),
    () => ({ v: 'ok' }),
  );

  it('names the collection after its key, in evaluateConcrete and simulate alike', () => {
    const js = evaluateConcrete(graph, { l: ['p', 'q'] });
    assert.deepEqual(js.resources.map((r) => [r.id, r.collection, r.manifests.map((m) => (m as { data: unknown }).data)]), [['cms', true, [{ x: 'p' }, { x: 'q' }]]]);
    assert.deepEqual(simulate(graph, { l: ['p', 'q'] }).resources.map((r) => [r.id, r.collection, r.manifests.length]), [['cms', true, 2]]);
    assert.deepEqual(simulate(graph, { l: [] }).resources.map((r) => [r.id, r.manifests.length]), [['cms', 0]]);
  });
});
