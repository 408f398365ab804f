/**
 * A factory (or nested composition) called inside a helper function builds its manifest from the helper's
 * argument, written in the helper: the place rule (composition/concrete-helper-reads.ts) follows the chain
 * of calls that led to it, so a field computed from a read with no value is pending there as the compiled
 * CEL is, per call (one helper called from two places is two places with one source position). Before, a
 * call inside a helper was left as JavaScript computed it: `String(d.status.readyReplicas)` was the text
 * 'undefined' where the cluster waits. Held to the compiled graph field by field under mixed observed states
 * (one resource observed, another not, a status with and without the field) and by the harness.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, type Composition, type ConcreteEvaluation } from '../../src/index.js';
import { instanceNameOf, validateSpec } from '../../src/api/spec.js';
import { concreteSourceOf } from '../../src/composition/concrete-source.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/prepared.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { compare } from './compare.js';
import { evaluateCompiled } from './compiled.js';
import { importedGiven, importedMk, importedRelay } from './fixtures/modules/pending-helpers.js';
import { runCase } from './harness.js';

interface Replicated {
  readonly status: { readonly readyReplicas?: number };
}
function mk(d: Replicated, n: string) {
  return ConfigMap({ name: n, data: { r: String(d.status.readyReplicas), plain: n } });
}
function local(d: Replicated) {
  const t = String(d.status.readyReplicas).length;
  return ConfigMap({ name: 'local', data: { t: String(t), plain: 'p' } });
}
function defaulted(d: Replicated, n = String(d.status.readyReplicas).length) {
  return ConfigMap({ name: 'defaulted', data: { n: String(n), plain: 'p' } });
}
const child = kubernetesComposition(
  { name: 'helper-child', apiVersion: 'example.com/v1', kind: 'HelperChild', spec: type({ name: 'string' }), status: type({ n: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'child-cm', data: { v: spec.name, plain: 'p' } });
    return { n: spec.name };
  },
);
function nestIn(d: Replicated) {
  return child({ name: String(`${d.status.readyReplicas}`.length) });
}
const helpers = kubernetesComposition(
  { name: 'helper-pending', apiVersion: 'example.com/v1', kind: 'HelperPending', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const other = Deployment({ id: 'other', name: `${spec.name}-other`, image: 'nginx' });
    mk(d, 'a');
    mk(other, 'b');
    importedMk(d, 'ia');
    importedMk(other, 'ib');
    importedRelay(other, 'rel');
    importedGiven(`${d.status.readyReplicas}`.length, 'given-d');
    importedGiven(spec.name.length, 'given-spec');
    local(other);
    defaulted(d);
    const tag = String(d.status.readyReplicas);
    const closure = (n: string) => ConfigMap({ name: n, data: { t: tag, plain: n } });
    closure('closure');
    nestIn(other);
    return { name: spec.name };
  },
);

function perItem(d: Replicated, w: string) {
  return ConfigMap({ name: `w-${w}`, data: { r: `${w}-${d.status.readyReplicas}`, plain: w } });
}
function viaCallback(d: Replicated) {
  return ConfigMap({ name: 'cb', data: { v: ['a'].map((x) => `${x}${d.status.readyReplicas}`).join(','), plain: 'p' } });
}
function both(d: Replicated, o: Replicated) {
  mk(d, 'both-d');
  return mk(o, 'both-o');
}
// Loops over helper calls, and a use of an absent field noted before the loop (the reads and the uses are two lists).
const loops = kubernetesComposition(
  { name: 'helper-loops', apiVersion: 'example.com/v1', kind: 'HelperLoops', spec: type({ name: 'string', workers: 'string[]' }), status: type({ name: 'string' }) },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const other = Deployment({ id: 'other', name: `${spec.name}-other`, image: 'nginx' });
    const early = String(d.status.readyReplicas);
    ConfigMap({ id: 'early', name: 'early', data: { early } });
    for (const w of spec.workers) perItem(d, w);
    spec.workers.map((w) => mk(other, `m-${w}`));
    for (const w of spec.workers) ConfigMap({ id: 'direct', name: `direct-${w}`, data: { r: String(other.status.readyReplicas), plain: w } });
    viaCallback(d);
    both(d, other);
    return { name: spec.name };
  },
);

const states: Record<string, Record<string, object>> = {
  nothing: {},
  'd without readyReplicas, other not observed': { d: { status: {} } },
  'd ready, other without readyReplicas': { d: { status: { readyReplicas: 2 } }, other: { status: {} } },
  'd without readyReplicas, other ready': { d: { status: {} }, other: { status: { readyReplicas: 12 } } },
  'both ready': { d: { status: { readyReplicas: 2 } }, other: { status: { readyReplicas: 12 } } },
};

/** Each resource's data (or name) and pending fields, as JavaScript gives them. */
function shown(js: ConcreteEvaluation): Record<string, [unknown[], readonly string[]]> {
  const data = (m: unknown): unknown => (m as { data?: unknown }).data;
  return Object.fromEntries(js.resources.filter((r) => r.kind === 'ConfigMap').map((r) => [r.id, [r.manifests.map(data), [...r.pending].sort()]]));
}

/** JavaScript and the compiled graph agree on every resource under `observed`, pending fields one by one. */
function assertAgree(composition: Composition<never, unknown>, spec: Record<string, unknown>, observed: Record<string, object>): ConcreteEvaluation {
  const definition = concreteSourceOf(composition)!.definition!;
  const checked = validateSpec(definition, composition.graph, spec);
  const instance = { name: instanceNameOf(composition.graph, checked), namespace: 'default' };
  const observedMap = new Map(Object.entries(observed) as [string, Record<string, unknown>][]);
  const js = evaluateConcrete(composition, spec as never, { observed: observedMap, ...instance });
  const compiled = evaluateCompiled(prepareGraph(composition.graph, createCelEngine()), { spec: checked, instance, observed: observedMap });
  assert.deepEqual(compare(compiled, js, false).divergences, []);
  for (const resource of js.resources) {
    const other = compiled.resources.get(resource.id);
    const pending = other?.state === 'pending' ? [...(other.pendingPaths ?? [])].sort() : [];
    assert.deepEqual([resource.id, [...resource.pending].sort()], [resource.id, pending]);
  }
  return js;
}

describe('a factory called inside a helper: fields computed from a read with no value are pending by the chain of calls', () => {
  for (const [name, observed] of Object.entries(states)) {
    it(`helpers (same file, imported, two deep, a local, a default, a closure, a nested composition) agree with the compiled graph: ${name}`, () => {
      assertAgree(helpers as never, { name: 'x' }, observed);
    });
    it(`helpers in loops and callbacks, one helper run from two places inside another: ${name}`, () => {
      assertAgree(loops as never, { name: 'x', workers: ['w1', 'w2'] }, observed);
    });
  }

  it('d observed without readyReplicas, other not observed: exactly the fields computed from d or other are pending', () => {
    const js = assertAgree(helpers as never, { name: 'x' }, states['d without readyReplicas, other not observed']!);
    assert.deepEqual(shown(js), {
      configMapA: [[{ plain: 'a' }], ['data.r']],
      configMapB: [[{ plain: 'b' }], ['data.r']],
      configMapIa: [[{ plain: 'ia' }], ['data.len', 'data.r']],
      configMapIb: [[{ plain: 'ib' }], ['data.len', 'data.r']],
      configMapRelRelayed: [[{ plain: 'rel-relayed' }], ['data.len', 'data.r']],
      configMapGivenD: [[{ fixed: 'x' }], ['data.n']],
      configMapGivenSpec: [[{ n: '1', fixed: 'x' }], []],
      configMapLocal: [[{ plain: 'p' }], ['data.t']],
      configMapDefaulted: [[{ plain: 'p' }], ['data.n']],
      configMapClosure: [[{ plain: 'closure' }], ['data.t']],
      helperChildCm: [[{ plain: 'p' }], ['data.v']],
    });
  });

  it('d ready, other without readyReplicas: the same helper gives a value for d and pending for other', () => {
    const js = assertAgree(helpers as never, { name: 'x' }, states['d ready, other without readyReplicas']!);
    assert.deepEqual(shown(js), {
      configMapA: [[{ r: '2', plain: 'a' }], []],
      configMapB: [[{ plain: 'b' }], ['data.r']],
      configMapIa: [[{ r: '2', len: 'short', plain: 'ia' }], []],
      configMapIb: [[{ plain: 'ib' }], ['data.len', 'data.r']],
      configMapRelRelayed: [[{ plain: 'rel-relayed' }], ['data.len', 'data.r']],
      configMapGivenD: [[{ n: '1', fixed: 'x' }], []],
      configMapGivenSpec: [[{ n: '1', fixed: 'x' }], []],
      configMapLocal: [[{ plain: 'p' }], ['data.t']],
      configMapDefaulted: [[{ n: '1', plain: 'p' }], []],
      configMapClosure: [[{ t: '2', plain: 'closure' }], []],
      helperChildCm: [[{ plain: 'p' }], ['data.v']],
    });
  });

  it('loops: d without readyReplicas, other not observed', () => {
    const js = assertAgree(loops as never, { name: 'x', workers: ['w1', 'w2'] }, states['d without readyReplicas, other not observed']!);
    assert.deepEqual(shown(js), {
      early: [[{}], ['data.early']],
      configMap: [[{ plain: 'w1' }, { plain: 'w2' }], ['[0].data.r', '[1].data.r']],
      configMap2: [[{ plain: 'm-w1' }, { plain: 'm-w2' }], ['[0].data.r', '[1].data.r']],
      direct: [[{ plain: 'w1' }, { plain: 'w2' }], ['[0].data.r', '[1].data.r']],
      configMapCb: [[{ plain: 'p' }], ['data.v']],
      configMapBothD: [[{ plain: 'both-d' }], ['data.r']],
      configMapBothO: [[{ plain: 'both-o' }], ['data.r']],
    });
  });

  for (const [name, composition, spec] of [['helper-pending', helpers, { name: 'x' }], ['helper-loops', loops, { name: 'x', workers: ['w1', 'w2'] }]] as const) {
    it(`${name}: the compiled graph agrees with JavaScript under the harness's states`, () => {
      const report = runCase(name, { composition: composition as never, spec });
      assert.ok(report.evaluations >= 3, `only ${report.evaluations} evaluations`);
      assert.deepEqual(report.findings.map((f) => `${f.state} ${f.aspect}:\n${f.detail}`), []);
    });
  }
});
