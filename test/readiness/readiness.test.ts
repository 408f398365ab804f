/**
 * One readiness: every state of states.ts gets the same answer from direct mode's planner (a single
 * resource and a collection item), from the status reader, and from the readyWhen the RGD carries,
 * evaluated by our CEL engine (KRO's cel-go evaluates the same text in readiness.go.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { readinessRule, readinessTable } from '../../src/compile/readiness/index.js';
import { E } from '../../src/ir/expr.js';
import { createCelEngine, jsonToCel } from '../../src/runtime/cel/index.js';
import { prepareGraph, readinessReader, resourceReadiness, type Readiness } from '../../src/runtime/engine/index.js';
import { PROBE_ID, probeGraph, rgdReadyWhen } from './probe-graph.js';
import { STATES, type ReadinessState } from './states.js';

const engine = createCelEngine();
const instance = { name: 'demo', namespace: 'default' };
const statusReadiness = readinessReader(engine);

function plannerReadiness(state: ReadinessState, collection: boolean): Readiness {
  const prepared = prepareGraph(probeGraph(state.object, collection), engine);
  const observed = new Map([[PROBE_ID, collection ? [state.object] : state.object]]);
  return resourceReadiness(prepared, PROBE_ID, 1, { spec: { items: ['x'] }, instance, observed });
}

function rgdAnswer(state: ReadinessState): boolean {
  const readyWhen = rgdReadyWhen(probeGraph(state.object));
  return readyWhen.every((text) => {
    const result = engine.evaluate(engine.compile(text, { variables: [PROBE_ID] }), { [PROBE_ID]: jsonToCel(state.object) });
    assert.equal(result.kind, 'value', `${text} must evaluate, got ${JSON.stringify(result)}`);
    return (result as { value: unknown }).value === true;
  });
}

function check(state: ReadinessState, readiness: Readiness, path: string): void {
  assert.equal(readiness.ready, state.ready, `${path}: ready (${readiness.reason})`);
  assert.equal(readiness.failed === true, state.failed === true, `${path}: failed (${readiness.reason})`);
  if (state.reason) assert.match(readiness.reason, collectionReason(state.reason, path), path);
}

/** A collection's reason names the item. */
function collectionReason(reason: RegExp, path: string): RegExp {
  if (!path.includes('collection')) return reason;
  return new RegExp(reason.source.startsWith('^') ? `^item 0: ${reason.source.slice(1)}` : `^item 0: .*${reason.source}`);
}

describe('one readiness: planner, collection item, status reader and RGD readyWhen agree', () => {
  it(`covers at least 30 states (${STATES.length})`, () => assert.ok(STATES.length >= 30));
  for (const state of STATES) {
    it(`${state.object.kind}: ${state.name} → ${state.ready ? 'ready' : state.failed ? 'failed' : 'not ready'}`, () => {
      check(state, plannerReadiness(state, false), 'direct mode (single resource)');
      check(state, plannerReadiness(state, true), 'direct mode (collection)');
      check(state, statusReadiness(state.object), 'status reader');
      assert.equal(rgdAnswer(state), state.ready, 'the RGD readyWhen');
    });
  }
});

describe('the RGD gets the rule as default readyWhen', () => {
  it('a Deployment gets its rule over itself; a collection over `each`; a ConfigMap none (ready once it exists)', () => {
    const [single] = rgdReadyWhen(probeGraph({ apiVersion: 'apps/v1', kind: 'Deployment' }));
    assert.match(single!, /^dyn\(probe\)\./);
    assert.doesNotMatch(single!, /\beach\b/);
    const [each] = rgdReadyWhen(probeGraph({ apiVersion: 'apps/v1', kind: 'Deployment' }, true));
    assert.match(each!, /^dyn\(each\)\./);
    assert.deepEqual(rgdReadyWhen(probeGraph({ apiVersion: 'v1', kind: 'ConfigMap' })), []);
  });
  it('a user readyWhen wins over the rule, in the RGD and in direct mode', () => {
    const graph = probeGraph({ apiVersion: 'apps/v1', kind: 'Deployment' });
    const custom = { ...graph, resources: [{ ...graph.resources[0]!, readyWhen: [E.call('has', [E.path(PROBE_ID, 'metadata')])] }] };
    assert.deepEqual(rgdReadyWhen(custom), ['has(probe.metadata)']);
    const prepared = prepareGraph(custom, engine);
    const fresh = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', generation: 1 }, spec: { replicas: 3 } };
    assert.equal(resourceReadiness(prepared, PROBE_ID, 1, { spec: {}, instance, observed: new Map([[PROBE_ID, fresh]]) }).ready, true);
  });
  it('kinds: built-in groups without a rule are ready once they exist; other groups follow the custom rule; Flux groups the Flux rule', () => {
    assert.equal(readinessRule('rbac.authorization.k8s.io/v1', 'Role'), undefined);
    assert.equal(readinessRule('autoscaling/v2', 'HorizontalPodAutoscaler'), undefined);
    assert.equal(readinessRule('cert-manager.io/v1', 'Certificate')?.name, 'custom kinds');
    assert.equal(readinessRule('notification.toolkit.fluxcd.io/v1beta3', 'Alert')?.name, 'Flux objects');
  });
});

describe('the README says what ready means per kind', () => {
  it('its table lists every rule with the words the rule table carries', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### What ready means'));
    for (const row of readinessTable()) assert.ok(section.includes(`| ${row.kinds} | ${row.means} |`), `README row for ${row.kinds}`);
  });
});
