/**
 * The test kit does not call correct output "a TypeKro bug": the concrete evaluation means what the
 * JavaScript means for `Cel.*` values inside strings (opaque, never compared), -0 (JSON's 0), nested
 * compositions an `if` skipped (same ids as the compiled graph) and unobserved resources (what is built from
 * them is pending, as on a cluster).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition, OpaqueCel } from '../../src/index.js';
import { ConfigMap, Deployment, HelmChart, Service } from '../../src/simple.js';
import { crossCheck } from '../../src/testing/offline/cross-check.js';
import { normalizeConcrete } from '../../src/composition/concrete-value.js';
import { simulate } from '../../src/testing/index.js';

const half = kubernetesComposition(
  { name: 'half', kind: 'Half', spec: type({ n: 'number.integer', s: 'string', prod: 'boolean' }), status: type({ a: 'string', b: 'string', c: 'number' }) },
  (spec) => {
    const h = Cel.expr<number>(spec.n, ' / 2');
    ConfigMap({ name: 'half', data: { a: `half-${h}`, b: spec.prod ? Cel.expr<string>(spec.s, '.upperAscii()') : 'none' } });
    return { a: `half-${h}`, b: spec.prod ? Cel.expr<string>(spec.s, '.upperAscii()') : 'none', c: h };
  },
);

describe('concrete evaluation as the kit uses it', () => {
  it('a Cel.expr inside a template literal is opaque in JavaScript, and simulate gives the compiled value', () => {
    const js = evaluateConcrete(half, { n: 7, s: 'ab', prod: true });
    assert.ok(js.status.a instanceof OpaqueCel);
    assert.equal(js.status.a.cel, '"half-" + string(7 / 2)');
    const data = (js.resources[0]!.manifests[0] as { data: { a: OpaqueCel } }).data;
    assert.equal(data.a.cel, '"half-" + string(7 / 2)');
    assert.deepEqual(simulate(half, { n: 7, s: 'ab', prod: true }).status, { a: 'half-3', b: 'AB', c: 3 });
    assert.deepEqual(simulate(half, { n: -7, s: '', prod: false }).status, { a: 'half--3', b: 'none', c: -3 });
  });

  it('a Cel.expr used as a number in JavaScript is refused in a concrete run, not guessed', () => {
    const compare = kubernetesComposition(
      { name: 'compare', kind: 'Compare', spec: type({ n: 'number.integer' }), status: type({ big: 'boolean' }) },
      (spec) => ({ big: Cel.expr<number>(spec.n, ' / 2') > 2 }),
    );
    assert.throws(() => evaluateConcrete(compare, { n: 7 }), {
      message: 'concrete evaluation: the Cel.expr value `7 / 2` is used as a number in JavaScript (a comparison or arithmetic); CEL text has no JavaScript value, so this cannot be evaluated. Write the comparison inside the Cel.expr(...), or pass crossCheck: false to simulate',
    });
  });

  it('-0 is JSON\'s 0 on both sides; other numbers still differ', () => {
    const negate = kubernetesComposition(
      { name: 'negate', kind: 'Negate', spec: type({ i: 'number.integer' }), status: type({ v: 'number' }) },
      (spec) => ({ v: spec.i * -1 }),
    );
    assert.deepEqual(simulate(negate, { i: 0 }).status, { v: 0 });
    assert.ok(Object.is((normalizeConcrete({ v: -0 }, 'status').value as { v: number }).v, 0));
    const plan = { order: [], nodes: new Map(), ready: true };
    const js = (v: number) => ({ resources: [], status: { v }, pendingStatus: [] });
    assert.deepEqual(crossCheck(plan, { status: { v: -0 }, pending: [] }, js(0)), []);
    assert.deepEqual(crossCheck(plan, { status: { v: 1 }, pending: [] }, js(0)), [{ aspect: 'status.v', detail: 'compiled 1, JavaScript 0' }]);
  });

  it('an unobserved resource\'s fields, untyped ones too, are pending, also through them and past ??', () => {
    const helm = kubernetesComposition(
      { name: 'helm', kind: 'Helm', spec: type({ 'level?': 'string' }), status: type({ lvl: 'string', gen: 'number' }) },
      (spec) => {
        const redis = HelmChart('redis', 'https://charts.example.com', 'redis', { logLevel: spec.level ?? 'info' });
        return { lvl: (redis.spec.values as { logLevel?: string }).logLevel ?? 'info', gen: redis.status.observedGeneration ?? 0 };
      },
    );
    // KRO evaluates an expression once every resource it reads exists: `?? 0` gives no value before that
    const js = evaluateConcrete(helm, {});
    assert.deepEqual([js.status, js.pendingStatus], [{}, ['lvl', 'gen']]);
    assert.deepEqual(simulate(helm, { level: 'debug' }).pending, ['lvl', 'gen']);
  });

  it('a nested composition an `if` skipped does not shift the ids of the ones after it (ids follow call sites)', () => {
    const child = kubernetesComposition(
      { name: 'child', kind: 'Child', spec: type({ name: 'string', prod: 'boolean', 'tier?': 'string' }), status: type({ t: 'string' }) },
      (spec) => {
        ConfigMap({ id: 'cm', name: `child-${spec.name}`, data: { tier: spec.tier ?? (spec.prod ? 'gold' : 'bronze') } });
        return { t: spec.tier ?? 'none' };
      },
    );
    const viaHelper = (name: string, prod: boolean) => child({ name, prod });
    const parent = kubernetesComposition(
      { name: 'parent', kind: 'Parent', spec: type({ name: 'string', prod: 'boolean', extra: 'boolean' }), status: type({ a: 'string' }) },
      (spec) => {
        const a = child({ name: `${spec.name}-a`, prod: spec.prod });
        if (spec.extra) child({ name: `${spec.name}-extra`, prod: !spec.prod, tier: 'x' });
        viaHelper(`${spec.name}-h`, spec.prod);
        return { a: a.status.t };
      },
    );
    assert.deepEqual(parent.graph.resources.map((r) => r.id), ['aCm', 'childCm', 'child2Cm']);
    const names = (extra: boolean) => evaluateConcrete(parent, { name: 'r', prod: true, extra }).resources.map((r) => [r.id, (r.manifests[0] as { metadata: { name: string } }).metadata.name]);
    assert.deepEqual(names(false), [['aCm', 'child-r-a'], ['child2Cm', 'child-r-h']]);
    assert.deepEqual(names(true), [['aCm', 'child-r-a'], ['childCm', 'child-r-extra'], ['child2Cm', 'child-r-h']]);
    // simulate throws on any divergence between the compiled graph and the JavaScript run.
    assert.deepEqual(simulate(parent, { name: 'r', prod: true, extra: false }).manifests.map((m) => (m.metadata as { name: string }).name), ['child-r-a', 'child-r-h']);
    assert.equal(simulate(parent, { name: 's', prod: false, extra: true }).manifests.length, 3);
  });

  it('values built from resources that are not observed are pending, as compiled, not fabricated strings', () => {
    const workers = kubernetesComposition(
      {
        name: 'workers',
        kind: 'Workers',
        spec: type({ workers: 'string[]' }),
        status: type({ names: 'string', url: 'string', r: 'number', up: 'boolean', anyA: 'boolean', count: 'number' }),
      },
      (spec) => {
        const pods = spec.workers.map((w) => ConfigMap({ id: 'pods', name: `w-${w}`, data: { w } }));
        const web = Deployment({ id: 'web', name: 'web', image: 'nginx' });
        return {
          names: pods.map((p) => p.metadata.name).join(','),
          url: `http://${web.metadata.name}:80`,
          r: web.status.readyReplicas ?? -1,
          up: web.status.conditions?.some((c) => c.type === 'Available') ?? false,
          anyA: (web.status.readyReplicas ?? 0) > 0,
          count: pods.length,
        };
      },
    );
    const js = evaluateConcrete(workers, { workers: ['a', 'b'] });
    // a comparison over a field waits as well (it reads the resource); the length of the composition's own array of handles reads none
    assert.deepEqual([js.status, js.pendingStatus], [{ count: 2 }, ['names', 'url', 'r', 'up', 'anyA']]);
    assert.deepEqual(simulate(workers, { workers: ['a', 'b'] }).pending, ['names', 'url', 'r', 'up', 'anyA', 'count']);
    // once observed, the values are there on both sides (simulate throws on a divergence)
    const observed = { pods: [{}, {}], web: { status: { conditions: [{ type: 'Available', status: 'True' }] } } };
    assert.deepEqual(simulate(workers, { workers: ['a', 'b'] }, { observed }).status, { names: 'w-a,w-b', url: 'http://web:80', r: -1, up: true, anyA: false, count: 2 });
    const seen = evaluateConcrete(workers, { workers: ['a'] }, { observed: { pods: [{ metadata: { name: 'w-a' } }], web: { metadata: { name: 'web' } } } });
    assert.deepEqual([seen.status, seen.pendingStatus], [{ names: 'w-a', url: 'http://web:80', r: -1, up: false, anyA: false, count: 1 }, []]);
  });

  it('whatever is computed from an unobserved resource is pending, also through comparisons, filter/every, locals and helpers (trial 6 G04)', () => {
    const p2 = kubernetesComposition(
      { name: 'p2', kind: 'P2', spec: type({ name: 'string', envs: 'string[]' }), status: type({ names: 'string', cnt: 'number', ready: 'boolean' }) },
      (spec) => {
        const cms = spec.envs.map((e) => ConfigMap({ name: `${spec.name}-${e}`, data: { env: e } }));
        return { names: cms.map((c) => c.metadata.name).join(','), cnt: cms.filter((c) => c.data.env !== 'dev').length, ready: cms.every((c) => c.data.env!.length > 0) };
      },
    );
    const spec = { name: 'web', envs: ['dev', 'prod'] };
    const unobserved = evaluateConcrete(p2, spec);
    // JavaScript's `!==` and `> 0` on what is not there gave `cnt: 2, ready: false`, values the status never takes
    assert.deepEqual([unobserved.status, unobserved.pendingStatus], [{}, ['names', 'cnt', 'ready']]);
    assert.deepEqual(simulate(p2, spec).pending, ['names', 'cnt', 'ready']);
    const observed = { cms: [{}, {}] };
    assert.deepEqual(evaluateConcrete(p2, spec, { observed }).status, { names: 'web-dev,web-prod', cnt: 1, ready: true });
    assert.deepEqual(simulate(p2, spec, { observed }).status, { names: 'web-dev,web-prod', cnt: 1, ready: true });

    const web = kubernetesComposition(
      { name: 'web', kind: 'Web', spec: type({ n: 'number.integer' }), status: type({ ready: 'boolean', viaLocal: 'boolean', viaFn: 'boolean', n: 'number', nested: { down: 'boolean', n: 'number' } }) },
      (spec) => {
        const svc = Service({ name: 'svc', selector: { app: 'a' }, ports: [{ port: 80 }] });
        const dep = Deployment({ name: 'dep', image: 'nginx', env: { IP: svc.spec.clusterIP } });
        const replicas = dep.status.readyReplicas;
        const up = replicas > 0;
        function isUp(d: typeof dep): boolean {
          return d.status.readyReplicas > 1;
        }
        return { ready: (dep.status.readyReplicas ?? 0) > 0, viaLocal: up, viaFn: isUp(dep), n: spec.n + 1, nested: { down: !up, n: spec.n } };
      },
    );
    const none = evaluateConcrete(web, { n: 1 });
    assert.deepEqual([none.status, none.pendingStatus], [{ n: 2, nested: { n: 1 } }, ['ready', 'viaLocal', 'viaFn', 'nested.down']]);
    // `svc` is read in `dep`'s arguments: that feeds dep's manifest, while the status reads dep as the cluster holds it
    const depOnly = { dep: { status: { readyReplicas: 2 } } };
    const expected = { ready: true, viaLocal: true, viaFn: true, n: 2, nested: { down: false, n: 1 } };
    // Both refuse dep observed without svc (a deploy creates dep after svc, observed-dependencies.test.ts): svc is observed too, though the status does not read it.
    const depAndSvc = { svc: {}, ...depOnly };
    assert.deepEqual([evaluateConcrete(web, { n: 1 }, { observed: depAndSvc }).status, simulate(web, { n: 1 }, { observed: depAndSvc }).status], [expected, expected]);
  });

  it('calls of a constant loop inside a loop over a spec list belong to the resource of their constant item (trial 6 G07)', () => {
    const Item = type({ name: 'string', tags: 'string[]' });
    const tagged = kubernetesComposition({ name: 'tagged', kind: 'Tagged', spec: type({ items: Item.array() }) }, (spec) => {
      for (const it of spec.items) {
        for (const tag of ['x', 'y']) {
          if (it.tags.includes(tag)) ConfigMap({ name: `${it.name}-${tag}`, data: { t: tag } });
        }
      }
    });
    assert.deepEqual(tagged.graph.resources.map((r) => r.id), ['configMap', 'configMap2']);
    const spec = { items: [{ name: 'b', tags: ['x'] }, { name: 'c', tags: ['x', 'y'] }] };
    const names = evaluateConcrete(tagged, spec).resources.map((r) => [r.id, r.manifests.map((m) => (m as { metadata: { name: string } }).metadata.name)]);
    // JavaScript skipped b's `y`: the third call is c's `y`, configMap2's, not configMap's
    assert.deepEqual(names, [['configMap', ['b-x', 'c-x']], ['configMap2', ['c-y']]]);
    // simulate throws on any divergence between the compiled graph and the JavaScript run.
    assert.deepEqual(simulate(tagged, spec).manifests.map((m) => (m.metadata as { name: string }).name), ['b-x', 'c-x', 'c-y']);
  });

  it('Math.trunc (the README table and the refusal hints recommend it) means what JavaScript means', () => {
    const trunc = kubernetesComposition(
      { name: 'trunc', kind: 'Trunc', spec: type({ i: 'number.integer', x: 'number' }), status: type({ half: 'number', whole: 'number' }) },
      (spec) => {
        ConfigMap({ name: 'trunc', data: { half: `${Math.trunc(spec.i / 2)}` } });
        return { half: Math.trunc(spec.i / 2), whole: Math.trunc(spec.x) };
      },
    );
    // simulate holds the compiled CEL to the JavaScript run and throws on any difference.
    assert.deepEqual(simulate(trunc, { i: -7, x: -2.5 }).status, { half: -3, whole: -2 });
    assert.deepEqual(simulate(trunc, { i: 7, x: 2.75 }).status, { half: 3, whole: 2 });
    assert.deepEqual(simulate(trunc, { i: 0, x: -0.5 }).status, { half: 0, whole: 0 });
  });
});
