/**
 * A nested composition's status read in its parent while the child's resources are not observed (trial 10
 * K02). The graph inlines the child, so `db.status.ready` is the child's `sts.status.readyReplicas >= 1`: pending
 * until the StatefulSet exists, in the cluster and in simulate. evaluateConcrete used to hand the parent the
 * value JavaScript computed from the placeholder in the child (`false`), so `!db.status.ready` was `true`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { Deployment, Secret, Service, StatefulSet } from '../../src/simple.js';
import { simulate, statefulSetReady } from '../../src/testing/index.js';

const database = kubernetesComposition(
  {
    name: 'database',
    apiVersion: 'example.com/v1',
    kind: 'Database',
    spec: type({ name: 'string', 'port?': 'number.integer', password: 'string' }),
    status: type({ host: 'string', port: 'number.integer', ready: 'boolean' }),
  },
  (spec) => {
    const { name, port = 5432 } = spec;
    const secret = Secret({ name: `${name}-creds`, stringData: { POSTGRES_PASSWORD: spec.password } });
    const sts = StatefulSet({ name, image: 'postgres', serviceName: name, ports: [{ containerPort: port }], envFrom: [{ secretRef: { name: secret.metadata.name } }] });
    const svc = Service({ name, selector: { app: name }, ports: [{ port, targetPort: port }] });
    return { host: `${svc.metadata.name}.svc`, port, ready: sts.status.readyReplicas >= 1 };
  },
);

const isUp = (up: boolean): boolean => up === true;

// The trial's probes (K02b), each a parent status field `r`. Written inline so that the reads are in the
// composition function, where the concrete run locates them.
const probes = [
  ['(web.status.readyReplicas ?? 0) > 0', kubernetesComposition({ name: 'qa', apiVersion: 'example.com/v1', kind: 'Qa', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { database({ name: 'db', password: 'x' }); const web = Deployment({ name: 'web', image: 'w' }); return { r: (web.status.readyReplicas ?? 0) > 0 }; })],
  ['db.status.ready ?? false', kubernetesComposition({ name: 'qb', apiVersion: 'example.com/v1', kind: 'Qb', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: db.status.ready ?? false }; })],
  ['db.status.ready === true', kubernetesComposition({ name: 'qc', apiVersion: 'example.com/v1', kind: 'Qc', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: db.status.ready === true }; })],
  ['!db.status.ready', kubernetesComposition({ name: 'qd', apiVersion: 'example.com/v1', kind: 'Qd', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: !db.status.ready }; })],
  ["db.status.ready ? 'y' : 'n'", kubernetesComposition({ name: 'qe', apiVersion: 'example.com/v1', kind: 'Qe', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: db.status.ready ? 'y' : 'n' }; })],
  ['`${db.status.ready}`', kubernetesComposition({ name: 'qf', apiVersion: 'example.com/v1', kind: 'Qf', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: `${db.status.ready}` }; })],
  ['db.status.port > 0', kubernetesComposition({ name: 'qg', apiVersion: 'example.com/v1', kind: 'Qg', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: db.status.port > 0 }; })],
  ['db.status.host.length > 0', kubernetesComposition({ name: 'qh', apiVersion: 'example.com/v1', kind: 'Qh', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: db.status.host.length > 0 }; })],
  ['isUp(db.status.ready)', kubernetesComposition({ name: 'qi', apiVersion: 'example.com/v1', kind: 'Qi', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: isUp(db.status.ready) }; })],
  ['[db.status.ready].length', kubernetesComposition({ name: 'qj', apiVersion: 'example.com/v1', kind: 'Qj', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); Deployment({ name: 'web', image: 'w' }); return { r: [db.status.ready].length }; })],
  ['db.status.ready && web.status.readyReplicas > 0', kubernetesComposition({ name: 'qk', apiVersion: 'example.com/v1', kind: 'Qk', spec: type({ name: 'string' }), status: type({ r: 'unknown' }) }, () => { const db = database({ name: 'db', password: 'x' }); const web = Deployment({ name: 'web', image: 'w' }); return { r: db.status.ready && web.status.readyReplicas > 0 }; })],
] as const;

const rOf = (status: Record<string, unknown>): unknown => ('r' in status ? status.r : 'pending');
/** The observed sets of the trial: nothing, and only the parent's Deployment (whose id depends on whether it is bound). */
const observedSets = (composition: (typeof probes)[number][1]): Record<string, Record<string, { status: { readyReplicas: number } }>> => {
  const web = composition.graph.resources.find((resource) => resource.kind === 'Deployment')!.id;
  return { none: {}, 'web only': { [web]: { status: { readyReplicas: 1 } } } };
};

describe('evaluateConcrete: a nested composition with unobserved resources is pending in the parent, as in simulate (K02)', () => {
  for (const [expression, composition] of probes) {
    for (const [on, observed] of Object.entries(observedSets(composition))) {
      it(`${expression}, observed ${on}`, () => {
        const concrete = rOf(evaluateConcrete(composition, { name: 'x' }, { observed }).status);
        const simulated = rOf(simulate(composition, { name: 'x' }, { observed }).status);
        assert.deepEqual(concrete, simulated);
        // Only what reads no child resource keeps a value: the child's port comes from its spec.
        const expected = expression === 'db.status.port > 0' ? true : expression.startsWith('(web') ? (on === 'none' ? 'pending' : true) : 'pending';
        assert.deepEqual(concrete, expected);
      });
    }
  }

  it('with the child observed, the child status has its values', () => {
    const [, not] = probes[3];
    const observed = { dbSecret: {}, dbSts: statefulSetReady(), dbSvc: {}, deploymentWeb: { status: { readyReplicas: 1 } } };
    assert.equal(evaluateConcrete(not, { name: 'x' }, { observed }).status.r, false);
    assert.equal(simulate(not, { name: 'x' }, { observed }).status.r, false);
  });

  it('a status field read straight from the child is pending and listed in pendingStatus', () => {
    const app = kubernetesComposition({ name: 'pz', apiVersion: 'example.com/v1', kind: 'Pz', spec: type({ name: 'string' }), status: type({ r: 'boolean', port: 'number' }) }, () => {
      const db = database({ name: 'db', password: 'x' });
      return { r: db.status.ready, port: db.status.port };
    });
    const result = evaluateConcrete(app, { name: 'x' });
    assert.deepEqual(result.status, { port: 5432 });
    assert.deepEqual(result.pendingStatus, ['r']);
    assert.deepEqual(simulate(app, { name: 'x' }).status, { port: 5432 });
  });
});
