/**
 * The observed states of typekro/testing (trial 10 K03, K01). A state is what the API server returns for the
 * manifest a deploy applied: a count the Go type marks `omitempty` is left out at 0 (k8s.io/api
 * apps/v1/types.go DeploymentStatus, StatefulSetStatus; batch/v1/types.go JobStatus), so a status built from
 * `readyReplicas` reads `undefined` at 0 replicas, as on a cluster. And a state means the same in
 * `evaluateConcrete` as in `simulate`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, type ConcreteOptions } from '../../src/index.js';
import { Deployment, StatefulSet } from '../../src/simple.js';
import { created, deploymentAvailable, deploymentProgressing, jobSucceeded, simulate, statefulSetReady, type ObservedState } from '../../src/testing/index.js';

/** The status counts of each kind, and whether the Go type has `omitempty` on them (k8s.io/api @ 10b39a3). */
const OMITEMPTY: Record<string, Record<string, boolean>> = {
  Deployment: { replicas: true, updatedReplicas: true, readyReplicas: true, availableReplicas: true, unavailableReplicas: true },
  StatefulSet: { replicas: false, readyReplicas: true, currentReplicas: true, updatedReplicas: true, availableReplicas: false },
  Job: { active: true, succeeded: true, failed: true },
};

const deployment = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas } });
const statefulSet = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { replicas } });
const statusOf = (state: ObservedState, applied: Record<string, unknown>): Record<string, unknown> => state.object(applied).status as Record<string, unknown>;

/** Every count of `kind` in `status` is a positive number, or absent exactly where the Go type omits a zero. */
function assertApiShape(kind: string, status: Record<string, unknown>): void {
  for (const [field, omitempty] of Object.entries(OMITEMPTY[kind]!)) {
    if (omitempty) assert.notEqual(status[field], 0, `${kind} status.${field}: the API server leaves a 0 out (omitempty)`);
  }
}

describe('observed states at 0 and n replicas (K03)', () => {
  it('deploymentAvailable', () => {
    const conditions = [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ];
    assert.deepEqual(statusOf(deploymentAvailable(), deployment(0)), { observedGeneration: 1, conditions });
    assert.deepEqual(statusOf(deploymentAvailable(), deployment(3)), { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions });
    for (const n of [0, 1, 3]) assertApiShape('Deployment', statusOf(deploymentAvailable(), deployment(n)));
  });

  it('deploymentProgressing', () => {
    const conditions = [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }];
    assert.deepEqual(statusOf(deploymentProgressing(), deployment(0)), { observedGeneration: 1, conditions });
    assert.deepEqual(statusOf(deploymentProgressing(), deployment(2)), { observedGeneration: 1, replicas: 2, updatedReplicas: 2, unavailableReplicas: 2, conditions });
    assert.deepEqual(statusOf(deploymentProgressing({ ready: 2 }), deployment(2)), { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions });
    for (const n of [0, 1, 3]) for (const ready of [0, 1]) assertApiShape('Deployment', statusOf(deploymentProgressing({ ready }), deployment(n)));
  });

  it('statefulSetReady: replicas and availableReplicas are always written, the other counts not at 0', () => {
    const revisions = { currentRevision: 'statefulset-5d8f7c9b4', updateRevision: 'statefulset-5d8f7c9b4' };
    assert.deepEqual(statusOf(statefulSetReady(), statefulSet(0)), { observedGeneration: 1, replicas: 0, availableReplicas: 0, ...revisions });
    assert.deepEqual(statusOf(statefulSetReady(), statefulSet(2)), { observedGeneration: 1, replicas: 2, currentReplicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, ...revisions });
    for (const n of [0, 1, 3]) assertApiShape('StatefulSet', statusOf(statefulSetReady(), statefulSet(n)));
  });

  it('jobSucceeded: succeeded is spec.completions (default 1), left out at 0', () => {
    const job = (spec: Record<string, unknown>) => ({ apiVersion: 'batch/v1', kind: 'Job', spec });
    assert.equal(statusOf(jobSucceeded(), job({})).succeeded, 1);
    assert.equal(statusOf(jobSucceeded(), job({ completions: 3 })).succeeded, 3);
    assert.equal('succeeded' in statusOf(jobSucceeded(), job({ completions: 0 })), false);
    for (const completions of [0, 1, 3]) assertApiShape('Job', statusOf(jobSucceeded(), job({ completions })));
  });

  it('a status read from readyReplicas at 0 replicas is what both modes report (false), not true', () => {
    const web = kubernetesComposition(
      { name: 'szero', apiVersion: 'example.com/v1', kind: 'SZero', spec: type({ replicas: 'number.integer' }), status: type({ dep: 'boolean', sts: 'boolean' }) },
      (spec) => {
        const dep = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
        const sts = StatefulSet({ name: 'db', image: 'postgres', serviceName: 'db', replicas: spec.replicas });
        return { dep: dep.status.readyReplicas >= spec.replicas, sts: sts.status.readyReplicas >= spec.replicas };
      },
    );
    const observed = { dep: deploymentAvailable(), sts: statefulSetReady() };
    assert.deepEqual(simulate(web, { replicas: 0 }, { observed }).status, { dep: false, sts: false });
    assert.deepEqual(evaluateConcrete(web, { replicas: 0 }, { observed }).status, { dep: false, sts: false });
    assert.deepEqual(simulate(web, { replicas: 2 }, { observed }).status, { dep: true, sts: true });
  });
});

describe('evaluateConcrete takes the states simulate takes (K01)', () => {
  const web = kubernetesComposition(
    { name: 'web', apiVersion: 'example.com/v1', kind: 'Web', spec: type({ name: 'string' }), status: type({ ready: 'boolean', 'gen?': 'number', 'image?': 'string' }) },
    (spec) => {
      const dep = Deployment({ name: spec.name, image: 'nginx', replicas: 2 });
      return { ready: dep.status.readyReplicas >= 2, gen: dep.metadata.generation, image: dep.spec.template.spec.containers[0]?.image };
    },
  );

  for (const [name, state] of [
    ['deploymentAvailable()', deploymentAvailable()],
    ['deploymentProgressing({ ready: 1 })', deploymentProgressing({ ready: 1 })],
    ['created()', created()],
  ] as const) {
    it(`${name}: the same status as simulate`, () => {
      const options: ConcreteOptions = { observed: { dep: state } };
      const concrete = evaluateConcrete(web, { name: 'a' }, options);
      assert.deepEqual(concrete.status, simulate(web, { name: 'a' }, { observed: { dep: state } }).status);
      // The state's object() of the manifest, not a partial object without status laid over it.
      assert.equal(concrete.status.gen, 1);
      assert.equal(concrete.status.image, 'nginx');
    });
  }

  it('deploymentAvailable() reads ready', () => {
    assert.deepEqual(evaluateConcrete(web, { name: 'a' }, { observed: { dep: deploymentAvailable() } }).status, { ready: true, gen: 1, image: 'nginx' });
  });

  it('a state of another kind is refused, naming the id and the way out', () => {
    assert.throws(() => evaluateConcrete(web, { name: 'a' }, { observed: { dep: statefulSetReady() } }), {
      message: 'observed["dep"]: resource "dep" is a Deployment (apps/v1) but was given StatefulSet ready (an observed state for a StatefulSet); observe it with a Deployment state, or a partial object such as { status: { ... } }',
    });
    assert.throws(() => evaluateConcrete(web, { name: 'a' }, { observed: { dep: { kind: 'Service', status: {} } } }), {
      message: 'observed["dep"]: resource "dep" is a Deployment (apps/v1) but was given an object of kind Service; observe it with a Deployment state, or a partial object such as { status: { ... } }',
    });
  });
});
