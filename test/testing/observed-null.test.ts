/**
 * Trial A10: an observed object with explicit JSON `null` fields (custom resources with `nullable: true`
 * fields report them). KRO and direct mode type observed objects by their schema, where a null field is not
 * set (test/cel/null-as-unset.test.ts, answered the same by the cel-go oracle); JavaScript's `??` and `?.`
 * treat null like undefined. So the concrete run, simulate and the cross-check must all give the default,
 * and a status field read straight from a null field is pending on both sides (not `null`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { customResource, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

interface CacheStatus {
  phase?: string | null;
  size?: number | null;
}

const app = kubernetesComposition(
  {
    name: 'nulls',
    kind: 'Nulls',
    spec: type({ n: 'number.integer' }),
    status: type({ r: 'number', s: 'string', t: 'boolean', u: 'string', raw: 'number', phase: 'string', size: 'number', count: 'number' }),
  },
  (spec) => {
    const web = Deployment({ id: 'web', name: 'web', image: 'nginx', replicas: spec.n });
    const cache = customResource<{ size: number }, CacheStatus>({ id: 'cache', apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'cache' }, spec: { size: spec.n } });
    ConfigMap({ id: 'summary', name: 'summary', data: { ready: `${(web.status.readyReplicas ?? 0) > 0}` } });
    return {
      r: web.status.readyReplicas ?? -1,
      s: web.status.conditions?.[0]?.reason ?? 'none',
      t: (web.status.readyReplicas ?? 0) > 0,
      u: web.metadata.annotations?.note ?? 'no-note',
      raw: web.status.readyReplicas,
      phase: cache.status.phase ?? 'unknown',
      size: (cache.status.size ?? 1) * 2,
      count: web.status.conditions?.length ?? 0,
    };
  },
);

const observed = {
  web: { status: { readyReplicas: null, conditions: [{ type: 'A', status: 'True', reason: null }] }, metadata: { annotations: { note: null } } },
  cache: { status: { phase: null, size: null } },
};
const defaults = { r: -1, s: 'none', t: false, u: 'no-note', phase: 'unknown', size: 2, count: 1 };

describe('explicit null in observed objects (trial A10)', () => {
  it('the concrete run gives the JavaScript defaults, and a field read straight from null is pending', () => {
    const js = evaluateConcrete(app, { n: 1 }, { observed });
    assert.deepEqual([js.status, js.pendingStatus], [defaults, ['raw']]);
    assert.deepEqual((js.resources.find((r) => r.id === 'summary')?.manifests[0] as { data: unknown }).data, { ready: 'false' });
  });

  it('simulate gives the same (its cross-check throws on any difference), for nulls at every depth', () => {
    const result = simulate(app, { n: 1 }, { observed });
    assert.deepEqual([result.status, result.pending], [defaults, ['raw']]);
  });

  it('a whole null status or list reads as not set too', () => {
    const bare = { web: { status: { readyReplicas: 0, conditions: null } }, cache: { status: null } };
    const expected = { ...defaults, r: 0, raw: 0, count: 0 };
    assert.deepEqual([evaluateConcrete(app, { n: 1 }, { observed: bare }).status, simulate(app, { n: 1 }, { observed: bare }).status], [expected, expected]);
  });

  it('present values still win over the defaults', () => {
    const present = {
      web: { status: { readyReplicas: 2, conditions: [{ type: 'A', status: 'True', reason: 'Up' }] }, metadata: { annotations: { note: 'hi' } } },
      cache: { status: { phase: 'Ready', size: 4 } },
    };
    const expected = { r: 2, s: 'Up', t: true, u: 'hi', raw: 2, phase: 'Ready', size: 8, count: 1 };
    assert.deepEqual(simulate(app, { n: 1 }, { observed: present }).status, expected);
    assert.deepEqual(evaluateConcrete(app, { n: 1 }, { observed: present }).status, expected);
  });
});
