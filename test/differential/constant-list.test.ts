/**
 * Aggregates over resources made over a constant list (trial 8 T10), held to JavaScript: the differential
 * harness on several specs under its three states, and under states where only some of the resources are
 * observed. There the aggregate must mean exactly what its twin written out by hand means (one read per
 * resource, the same ids), divergence for divergence: the unrolled CEL follows each single-resource read's
 * handling of pending values (a compiled `||` may know `true` while JavaScript, reading left to right, is still
 * pending on the first resource; only the tolerant "nothing observed" state allows that).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constantListCases, envStacks, envStacksByHand, perEnvDeployments, perEnvDeploymentsByHand } from './constant-list-cases.js';
import { runCase } from './harness.js';
import { divergences, type Input } from './observed-divergences.js';

test('aggregates over a constant list agree with JavaScript on every spec and state', () => {
  for (const [name, input] of Object.entries(constantListCases)) {
    const report = runCase(name, input);
    assert.ok(report.specs >= 2 && report.evaluations >= 6, `${name}: ${report.specs} specs, ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings, [], name);
  }
});

type Observed = Readonly<Record<string, Record<string, unknown>>>;

/** Every way of observing `ids`: not yet, with none ready, or ready (`ready(id)` gives that object). */
function states(ids: readonly string[], notReady: (id: string) => Record<string, unknown> | undefined, ready: (id: string) => Record<string, unknown>): Observed[] {
  let all: Record<string, Record<string, unknown>>[] = [{}];
  for (const id of ids) {
    const choices = [undefined, notReady(id), ready(id)].filter((choice, i) => i === 0 || choice !== undefined);
    all = all.flatMap((state) => choices.map((choice) => (choice === undefined ? state : { ...state, [id]: choice })));
  }
  return all;
}

const complete = (input: Input, ids: readonly string[]): boolean => ids.every((id) => input.observed?.[id] !== undefined);

test('with some resources observed and some not, the aggregate means what the reads written by hand mean', () => {
  const ids = ['ds', 'deployment'];
  const observed = states(ids, () => ({ status: { replicas: 2 } }), () => ({ status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 } }));
  const inputs = [{ name: 'web', replicas: 3 }, { name: 'api', replicas: 1 }].flatMap((spec) => observed.map((o) => ({ spec, observed: o })));
  assert.equal(inputs.length, 18);
  const aggregate = divergences(perEnvDeployments as never, inputs);
  assert.deepEqual(aggregate, divergences(perEnvDeploymentsByHand as never, inputs));
  assert.deepEqual(divergences(perEnvDeployments as never, inputs.filter((input) => complete(input, ids))), []);
});

test('the same for nested compositions made over a constant list', () => {
  const deployments = ['webStackD', 'webStack2D'];
  const observed = states(deployments, () => ({ status: { replicas: 2 } }), () => ({ status: { replicas: 2, readyReplicas: 2 } })).flatMap((state) => [
    state,
    { ...state, webStackSvc: {}, webStack2Svc: {} },
  ]);
  const inputs = [{ name: 'web', envs: [] }, { name: 'web', envs: ['prod'] }, { name: 'web', envs: ['dev', 'prod'] }].flatMap((spec) => observed.map((o) => ({ spec, observed: o })));
  assert.equal(inputs.length, 54);
  assert.deepEqual(divergences(envStacks as never, inputs), divergences(envStacksByHand as never, inputs));
  const ids = [...deployments, 'webStackSvc', 'webStack2Svc'];
  assert.deepEqual(divergences(envStacks as never, inputs.filter((input) => complete(input, ids))), []);
});
