import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindReadiness } from './readiness.js';

describe('per-kind readiness', () => {
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['Deployment all ready', { kind: 'Deployment', metadata: { generation: 2 }, spec: { replicas: 2 }, status: { observedGeneration: 2, readyReplicas: 2, availableReplicas: 2 } }, true],
    ['Deployment stale generation', { kind: 'Deployment', metadata: { generation: 2 }, spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 2, availableReplicas: 2 } }, false],
    ['Deployment short of replicas', { kind: 'Deployment', spec: { replicas: 3 }, status: { readyReplicas: 2, availableReplicas: 2 } }, false],
    ['Deployment with 0 replicas', { kind: 'Deployment', spec: { replicas: 0 }, status: {} }, true],
    ['StatefulSet ready', { kind: 'StatefulSet', spec: { replicas: 1 }, status: { readyReplicas: 1 } }, true],
    ['DaemonSet ready', { kind: 'DaemonSet', status: { desiredNumberScheduled: 2, numberReady: 2 } }, true],
    ['DaemonSet unreported', { kind: 'DaemonSet', status: {} }, false],
    ['Job succeeded', { kind: 'Job', spec: { completions: 1 }, status: { succeeded: 1 } }, true],
    ['Job running', { kind: 'Job', status: { active: 1 } }, false],
    ['Pod Ready', { kind: 'Pod', status: { conditions: [{ type: 'Ready', status: 'True' }] } }, true],
    ['Pod pending', { kind: 'Pod', status: { phase: 'Pending' } }, false],
    ['Service ClusterIP', { kind: 'Service', spec: { type: 'ClusterIP' } }, true],
    ['Service LoadBalancer without ingress', { kind: 'Service', spec: { type: 'LoadBalancer' }, status: {} }, false],
    ['Service LoadBalancer with ingress', { kind: 'Service', spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }, true],
    ['PVC Bound', { kind: 'PersistentVolumeClaim', status: { phase: 'Bound' } }, true],
    ['PVC Pending (WaitForFirstConsumer would deadlock)', { kind: 'PersistentVolumeClaim', status: { phase: 'Pending' } }, true],
    ['PVC Lost', { kind: 'PersistentVolumeClaim', status: { phase: 'Lost' } }, false],
    ['CRD Established', { kind: 'CustomResourceDefinition', status: { conditions: [{ type: 'Established', status: 'True' }] } }, true],
    ['Namespace Active', { kind: 'Namespace', status: { phase: 'Active' } }, true],
    ['custom Ready=False', { kind: 'Thing', status: { conditions: [{ type: 'Ready', status: 'False' }] } }, false],
    ['custom Available=True', { kind: 'Thing', status: { conditions: [{ type: 'Available', status: 'True' }] } }, true],
    ['ConfigMap exists', { kind: 'ConfigMap' }, true],
    ['HelmRelease Ready for its generation', { kind: 'HelmRelease', metadata: { generation: 2 }, status: { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True' }] } }, true],
    ['HelmRelease Ready for an older generation', { kind: 'HelmRelease', metadata: { generation: 3 }, status: { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True' }] } }, false],
    ['HelmRelease without conditions yet', { kind: 'HelmRelease', metadata: { generation: 1 }, status: { observedGeneration: 1 } }, false],
    ['HelmRelease Ready condition of the current generation (status.observedGeneration still -1)', { kind: 'HelmRelease', metadata: { generation: 1 }, status: { observedGeneration: -1, conditions: [{ type: 'Ready', status: 'True', observedGeneration: 1 }] } }, true],
    ['HelmRepository Ready', { kind: 'HelmRepository', metadata: { generation: 1 }, spec: { url: 'https://x' }, status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] } }, true],
    ['HelmRepository of type oci (no conditions by design)', { kind: 'HelmRepository', metadata: { generation: 1 }, spec: { type: 'oci', url: 'oci://x' } }, true],
  ];
  for (const [name, object, ready] of cases) it(name, () => assert.equal(kindReadiness(object).ready, ready));
  it('says why', () => {
    const r = kindReadiness({ kind: 'Deployment', spec: { replicas: 3 }, status: { readyReplicas: 1, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] } });
    assert.match(r.reason, /1\/3 readyReplicas; Available=False \(MinimumReplicasUnavailable\)/);
  });

  it('a failed Helm action of the current generation fails for good, naming the chart; a missing source only waits', () => {
    const release = (reason: string, message: string) => kindReadiness({
      kind: 'HelmRelease',
      metadata: { generation: 1 },
      spec: { chart: { spec: { chart: 'hello', version: '0.1.0', sourceRef: { kind: 'HelmRepository', name: 'charts' } } } },
      status: { observedGeneration: -1, conditions: [{ type: 'Ready', status: 'False', observedGeneration: 1, reason, message }] },
    });
    const failed = release('InstallFailed', "values don't meet the specifications of the schema");
    assert.equal(failed.failed, true);
    assert.match(failed.reason, /^chart hello@0\.1\.0 from HelmRepository charts: InstallFailed: values don't meet/);
    const waiting = release('SourceNotReady', 'no chart name found');
    assert.equal(waiting.failed, undefined);
    assert.match(waiting.reason, /^chart hello@0\.1\.0 from HelmRepository charts: Ready=False \(SourceNotReady\): no chart name found/);
  });

  it('a Stalled Flux object fails for good, with Flux\'s reason and message', () => {
    const stalled = kindReadiness({
      kind: 'HelmRelease',
      metadata: { generation: 1 },
      status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'False', reason: 'InstallFailed', message: 'values do not meet the schema' }, { type: 'Stalled', status: 'True', reason: 'RetriesExceeded', message: 'Failed to install after 1 attempt(s)' }] },
    });
    assert.equal(stalled.ready, false);
    assert.equal(stalled.failed, true);
    assert.match(stalled.reason, /Stalled\): RetriesExceeded: Failed to install after 1 attempt\(s\): values do not meet the schema/);
  });
});
