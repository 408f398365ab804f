/**
 * A manifest field JavaScript computes from a read with no value (an absent field of an observed resource,
 * a field of a resource not observed) is pending by its place in the source, as status fields are
 * (composition/concrete-reads.ts): the run notes where the read was turned into text or a number and makes
 * the factory argument computed there pending. Before, manifests relied on a marker character carried by the
 * text, which JavaScript drops as soon as it computes on: `` `${r}`.length `` was a definite 1, `r + 1 > 0` a
 * definite false, `String(r).length > 3 ? 'long' : 'short'` a definite 'short', while the compiled CEL fails
 * on the read and the cluster never creates the object with those values. Held to the compiled graph by the
 * differential harness under every observed state (no divergence), and field by field here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from './harness.js';

const app = kubernetesComposition(
  { name: 'manifest-pending', apiVersion: 'example.com/v1', kind: 'ManifestPending', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const other = Deployment({ id: 'other', name: `${spec.name}-other`, image: 'nginx' });
    const tag = `r${d.status.readyReplicas}`;
    ConfigMap({
      id: 'cm',
      name: `${spec.name}-cm`,
      data: {
        sub: String(d.status.readyReplicas).substring(0, 4),
        len: String(`${d.status.readyReplicas}`.length),
        plusCmp: String(d.status.readyReplicas + 1 > 0),
        long: String(d.status.readyReplicas).length > 3 ? 'long' : 'short',
        local: tag.substring(0, 2),
        unobserved: String((other.status.readyReplicas ?? 0) > 0),
        guarded: String(d.status.readyReplicas ?? 0),
        plain: spec.name,
      },
    });
    Deployment({ id: 'sized', name: `${spec.name}-sized`, image: 'nginx', replicas: `${d.status.readyReplicas}`.length, env: { LEN: String(tag.length) } });
    return { name: spec.name };
  },
);

const container = 'spec.template.spec.containers[0]';

// A nested composition's spec is an argument too: the child builds its manifest from a pending value.
const child = kubernetesComposition(
  { name: 'pending-child', apiVersion: 'example.com/v1', kind: 'PendingChild', spec: type({ name: 'string' }), status: type({ n: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'child-cm', data: { v: spec.name, w: `${spec.name}-x` } });
    return { n: spec.name };
  },
);
const parent = kubernetesComposition(
  { name: 'pending-parent', apiVersion: 'example.com/v1', kind: 'PendingParent', spec: type({ name: 'string' }), status: type({ n: 'string' }) },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    return { n: child({ name: String(`${d.status.readyReplicas}`.length) }).status.n };
  },
);

// A read with no value in a pattern's default (or a helper parameter's) reaches the names the pattern binds:
// the place rule follows the default, not only the initialiser (round 0, seed 20261207, program 8 was the first).
const patterns = kubernetesComposition(
  {
    name: 'pattern-pending',
    apiVersion: 'example.com/v1',
    kind: 'PatternPending',
    spec: type({ name: 'string', labels: 'Record<string, string>', tags: 'string[]', 'opt?': { 'mode?': 'string' }, workers: type({ name: 'string', 'port?': 'string' }).array() }),
    status: type({ name: 'string' }),
  },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const other = Deployment({ id: 'other', name: `${spec.name}-other`, image: 'nginx' });
    const { a: keyed = `${other.status.readyReplicas}`.length } = spec.labels;
    const src = ConfigMap({ id: 'src', name: `${spec.name}-src`, data: { v: spec.name } });
    const { b: text = ((src.data?.v ?? 'none').startsWith('y') ? 'y' : 'n') } = spec.labels;
    const [first = String(d.status.readyReplicas).length] = spec.tags;
    const [, ...rest] = [0, String(d.status.readyReplicas).length];
    const { opt: { mode: nested = `m${d.status.readyReplicas}`.substring(0, 2) } = {} } = spec;
    const { [spec.name]: computed = `${other.status.readyReplicas}`.length > 3 ? 'long' : 'short' } = spec.labels;
    ConfigMap({
      id: 'cm',
      name: `${spec.name}-cm`,
      data: { keyed: String(keyed), text: `${text}`, first: String(first), rest: String(rest[0]), nested, computed, plain: spec.name },
    });
    for (const { name, port = `${other.status.readyReplicas}`.length.toString() } of spec.workers) ConfigMap({ id: 'workers', name: `w-${name}`, data: { port } });
    return { name: spec.name };
  },
);
// A callback's parameter default is evaluated in the callback, outside the factory call that uses it. Not held
// to the compiled graph here: the compiler renders a parameter default over a reference as a constant (the
// JavaScript length of a reference's text, "9"), a compiler bug reported to the lead.
const callbacks = kubernetesComposition(
  { name: 'param-pending', apiVersion: 'example.com/v1', kind: 'ParamPending', spec: type({ name: 'string', tags: 'string[]' }), status: type({ name: 'string' }) },
  (spec) => {
    const other = Deployment({ id: 'other', name: `${spec.name}-other`, image: 'nginx' });
    spec.tags.forEach((t, _i, _all, n = `${other.status.readyReplicas}`.length) => ConfigMap({ id: 'tags', name: `t-${t}`, data: { n: String(n) } }));
    return { name: spec.name };
  },
);
// A readyWhen callback runs after the function, on the observed object: built from an absent field, its answer is pending.
const readiness = kubernetesComposition(
  { name: 'ready-pending', apiVersion: 'example.com/v1', kind: 'ReadyPending', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
  (spec) => {
    Deployment({ id: 'd', name: spec.name, image: 'nginx' }).withReadyWhen((self) => `${self.status.readyReplicas}`.length < 3);
    return { name: spec.name };
  },
);
const patternSpec = { name: 'x', labels: {}, tags: [], workers: [{ name: 'w1' }] };

describe('manifest fields computed from a read with no value are pending by their place', () => {
  it('a read in a pattern default (object, array, rest, nested, computed key, for...of item) makes the names it binds pending', () => {
    const js = evaluateConcrete(patterns, patternSpec as never, { observed: { d: { status: {} } } });
    const cm = js.resources.find((r) => r.id === 'cm')!;
    assert.deepEqual((cm.manifests[0] as { data: unknown }).data, { plain: 'x' });
    assert.deepEqual([...cm.pending].sort(), ['data.computed', 'data.first', 'data.keyed', 'data.nested', 'data.rest', 'data.text']);
    const workers = js.resources.find((r) => r.id === 'workers')!;
    assert.deepEqual([workers.manifests.map((m) => (m as { data?: unknown }).data), workers.pending], [[{}], ['[0].data.port']]);
  });

  it("a read in a callback parameter's default makes what the callback builds from the parameter pending", () => {
    const pending = evaluateConcrete(callbacks, { name: 'x', tags: ['a'] }).resources.find((r) => r.id === 'tags')!;
    assert.deepEqual([pending.manifests.map((m) => (m as { data?: unknown }).data), pending.pending], [[{}], ['[0].data.n']]);
    const observed = evaluateConcrete(callbacks, { name: 'x', tags: ['a'] }, { observed: { other: { status: { readyReplicas: 12 } } } });
    assert.deepEqual(observed.resources.find((r) => r.id === 'tags')!.manifests.map((m) => (m as { data: unknown }).data), [{ n: '2' }]);
  });

  it('a readyWhen callback that builds a value from an absent field is not ready (JavaScript computed true)', () => {
    const ready = (status: object): unknown => evaluateConcrete(readiness, { name: 'x' }, { observed: { d: { status } } }).resources[0]!.ready;
    assert.deepEqual([ready({}), ready({ readyReplicas: 2 }), ready({ readyReplicas: 1234 })], [[false], [true], [false]]);
  });

  it('with every read there, the pattern defaults give their JavaScript values', () => {
    const observed = { d: { status: { readyReplicas: 12 } }, other: { status: { readyReplicas: 1234 } }, src: { data: { v: 'yes' } } };
    const js = evaluateConcrete(patterns, patternSpec as never, { observed });
    const cm = js.resources.find((r) => r.id === 'cm')!;
    assert.deepEqual([(cm.manifests[0] as { data: unknown }).data, cm.pending], [{ keyed: '4', text: 'y', first: '2', rest: '2', nested: 'm1', computed: 'long', plain: 'x' }, []]);
    assert.deepEqual(js.resources.find((r) => r.id === 'workers')!.manifests.map((m) => (m as { data: unknown }).data), [{ port: '4' }]);
  });

  it('with d observed without readyReplicas and other not observed, each derived field is pending; guarded and plain ones keep their values', () => {
    const js = evaluateConcrete(app, { name: 'x' }, { observed: { d: { status: {} } } });
    const cm = js.resources.find((r) => r.id === 'cm')!;
    assert.deepEqual((cm.manifests[0] as { data: unknown }).data, { guarded: '0', plain: 'x' });
    assert.deepEqual([...cm.pending].sort(), ['data.len', 'data.local', 'data.long', 'data.plusCmp', 'data.sub', 'data.unobserved']);
    const sized = js.resources.find((r) => r.id === 'sized')!;
    assert.deepEqual(sized.pending, ['spec.replicas', `${container}.env[0].value`]);
    assert.equal((sized.manifests[0] as { spec: { template: { spec: { containers: { env: { name: string }[] }[] } } } }).spec.template.spec.containers[0]!.env[0]!.name, 'LEN');
  });

  it('with every read there, every field has its JavaScript value and nothing is pending', () => {
    const js = evaluateConcrete(app, { name: 'x' }, { observed: { d: { status: { readyReplicas: 12 } }, other: { status: { readyReplicas: 1 } } } });
    const cm = js.resources.find((r) => r.id === 'cm')!;
    assert.deepEqual([(cm.manifests[0] as { data: unknown }).data, cm.pending], [{ sub: '12', len: '2', plusCmp: 'true', long: 'short', local: 'r1', unobserved: 'true', guarded: '12', plain: 'x' }, []]);
    assert.deepEqual(js.resources.find((r) => r.id === 'sized')!.pending, []);
  });

  it('a nested composition given a pending value builds pending manifest and status fields', () => {
    const js = evaluateConcrete(parent, { name: 'x' }, { observed: { d: { status: {} } } });
    const cm = js.resources.find((r) => r.id !== 'd')!;
    assert.deepEqual([(cm.manifests[0] as { data: unknown }).data, cm.pending, js.pendingStatus], [{}, ['data.v', 'data.w'], ['n']]);
  });

  for (const [name, composition, spec] of [['manifest-pending', app, { name: 'x' }], ['pending-parent', parent, { name: 'x' }], ['pattern-pending', patterns, patternSpec], ['ready-pending', readiness, { name: 'x' }]] as const) {
    it(`${name}: the compiled graph agrees with JavaScript under every observed state`, () => {
      const report = runCase(name, { composition: composition as never, spec });
      assert.ok(report.evaluations >= 3, `only ${report.evaluations} evaluations`);
      assert.deepEqual(report.findings.map((f) => `${f.state} ${f.aspect}:\n${f.detail}`), []);
    });
  }
});
