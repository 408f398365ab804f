/**
 * `evaluateConcrete` takes the observed objects as the stored objects, as given: it adds none of the API
 * server's defaults (the reference must not invent data the compiled CEL is not given), so a field only the
 * stored form has (a Service's `spec.type`, a Deployment's `spec.strategy.type`) is absent there and a status
 * field read from it is pending. `simulate` derives its objects from the manifests in the stored form
 * (`storedForm`) and hands exactly those to `evaluateConcrete` for its cross-check, so the two evaluate the
 * same objects: given `storedForm(manifest)`, `evaluateConcrete` says what `simulate` says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';
import { simulate, storedForm } from '../../src/testing/index.js';

const app = kubernetesComposition(
  { name: 'stored-objects', apiVersion: 'example.com/v1', kind: 'StoredObjects', spec: type({ name: 'string' }), status: type({ type: 'string', strategy: 'string', port: 'number' }) },
  (spec) => {
    const web = Deployment({ id: 'web', name: spec.name, image: 'nginx' });
    const svc = Service({ id: 'svc', name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { type: `${svc.spec.type}!`, strategy: web.spec.strategy.type, port: svc.spec.ports[0]!.port };
  },
);

const manifest = (id: string): Record<string, unknown> => evaluateConcrete(app, { name: 'x' }).resources.find((r) => r.id === id)!.manifests[0] as Record<string, unknown>;

describe('evaluateConcrete evaluates the observed objects as given; simulate gives it the stored form', () => {
  it('partial objects: the defaulted fields are absent in evaluateConcrete (pending), present in simulate, which cross-checks on its stored objects without a divergence', () => {
    const observed = { web: { status: {} }, svc: {} };
    const js = evaluateConcrete(app, { name: 'x' }, { observed });
    assert.deepEqual([js.status, js.pendingStatus], [{ port: 80 }, ['type', 'strategy']]);
    const simulated = simulate(app, { name: 'x' }, { observed }); // throws on any divergence between its CEL and evaluateConcrete on the same objects
    assert.deepEqual(simulated.status, { type: 'ClusterIP!', strategy: 'RollingUpdate', port: 80 });
  });

  it('given storedForm(manifest), evaluateConcrete says what simulate says', () => {
    const observed = { web: { ...storedForm(manifest('web')), status: {} }, svc: storedForm(manifest('svc')) };
    const js = evaluateConcrete(app, { name: 'x' }, { observed });
    assert.deepEqual([js.status, js.pendingStatus], [{ type: 'ClusterIP!', strategy: 'RollingUpdate', port: 80 }, []]);
    assert.deepEqual(simulate(app, { name: 'x' }, { observed }).status, js.status);
  });
});
