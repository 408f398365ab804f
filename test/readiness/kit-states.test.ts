/**
 * The test kit's observed states (typekro/testing) mean what their names say under the readiness rules: a
 * state called available or ready is ready at any replica count and generation, a progressing one is not,
 * and `deploymentProgressing({ old })` is the rollout of trial 11 U3 (new pod unready, old pod ready),
 * which the old Deployment rule took for ready.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { readinessReader } from '../../src/runtime/engine/index.js';
import { conditionReady, deploymentAvailable, deploymentProgressing, statefulSetReady, type ObservedState } from '../../src/testing/index.js';

const readiness = readinessReader(createCelEngine());
const applied = (apiVersion: string, kind: string, replicas: number | undefined, generation?: number) => ({
  apiVersion,
  kind,
  metadata: { name: 'web', ...(generation === undefined ? {} : { generation }) },
  spec: replicas === undefined ? {} : { replicas },
});
const judge = (state: ObservedState, object: Record<string, unknown>) => readiness(state.object(object) as never);

describe('the kit states under the readiness rules', () => {
  for (const replicas of [undefined, 0, 1, 3]) {
    for (const generation of [undefined, 4]) {
      const at = `replicas ${String(replicas)}, generation ${String(generation)}`;
      it(`ready states are ready (${at})`, () => {
        assert.equal(judge(deploymentAvailable(), applied('apps/v1', 'Deployment', replicas, generation)).ready, true);
        assert.equal(judge(statefulSetReady(), applied('apps/v1', 'StatefulSet', replicas, generation)).ready, true);
        assert.equal(judge(conditionReady(), applied('example.com/v1', 'Cache', replicas, generation)).ready, true);
      });
    }
  }

  it('a Deployment progressing is not ready until every replica is available', () => {
    const rolling = judge(deploymentProgressing({ ready: 1 }), applied('apps/v1', 'Deployment', 3));
    assert.equal(rolling.ready, false);
    assert.equal(rolling.reason, '1/3 readyReplicas');
    assert.equal(judge(deploymentProgressing({ ready: 3 }), applied('apps/v1', 'Deployment', 3)).ready, true);
  });

  it('a rollout stuck on an unready new pod (the old pod ready) is not ready: trial 11 U3', () => {
    const stuck = deploymentProgressing({ old: 1 });
    const object = stuck.object(applied('apps/v1', 'Deployment', 1, 2));
    // The counts the old rule read as ready: updated, ready and available all reach spec.replicas.
    assert.deepEqual(object.status, { observedGeneration: 2, replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }] });
    const result = readiness(object as never);
    assert.equal(result.ready, false);
    assert.match(result.reason, /^1 old replicas pending termination/);
    assert.equal(stuck.description, 'Deployment progressing (0 ready, 1 old)');
  });
});
