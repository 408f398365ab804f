// Simulated cluster states with node:test: readiness, status and the next deploy step, without a cluster.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deploymentAvailable, deploymentProgressing, findResource, simulate } from 'typekro/testing';
import { webapp } from '../webapp.js';

const spec = { name: 'shop', image: 'nginx:1.27', replicas: 3, expose: true, regions: [] };

describe('webapp, simulated', () => {
  it('is not ready while the Deployment rolls out, and says why', () => {
    const result = simulate(webapp, spec, { observed: { deployment: deploymentProgressing({ ready: 1 }), service: {} } });
    assert.equal(findResource(result, 'deployment').reason, '1/3 readyReplicas');
    assert.deepEqual(result.status, { ready: false, available: 1, endpoint: 'shop:80' });
    assert.deepEqual(result.next.map((step) => step.action), ['wait-ready']);
  });

  it('is ready once the Deployment is available', () => {
    const result = simulate(webapp, spec, { observed: { deployment: deploymentAvailable(), service: {} } });
    assert.equal(result.ready, true);
    assert.deepEqual(result.status, { ready: true, available: 3, endpoint: 'shop:80' });
  });

  it('leaves the endpoint pending while the Service is not there', () => {
    const result = simulate(webapp, { ...spec, expose: false }, { observed: { deployment: deploymentAvailable() } });
    assert.deepEqual(result.pending, ['endpoint']);
  });

  it('refuses an observed object for a resource that does not exist', () => {
    assert.throws(() => simulate(webapp, spec, { observed: { deploy: deploymentAvailable() } }), /no resource "deploy" \(did you mean "deployment"\?\)/);
  });
});
