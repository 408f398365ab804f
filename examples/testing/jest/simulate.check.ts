// Simulated cluster states with Jest: readiness, status and the next deploy step, without a cluster.
import { describe, expect, it } from '@jest/globals';
import { deploymentAvailable, deploymentProgressing, findResource, simulate } from 'typekro/testing';
import { webapp } from '../webapp.js';

const spec = { name: 'shop', image: 'nginx:1.27', replicas: 3, expose: true, regions: [] };

describe('webapp, simulated', () => {
  it('is not ready while the Deployment rolls out, and says why', () => {
    const result = simulate(webapp, spec, { observed: { deployment: deploymentProgressing({ ready: 1 }), service: {} } });
    expect(findResource(result, 'deployment').reason).toBe('1/3 readyReplicas');
    expect(result.status).toEqual({ ready: false, available: 1, endpoint: 'shop:80' });
    expect(result.next.map((step) => step.action)).toEqual(['wait-ready']);
  });

  it('is ready once the Deployment is available', () => {
    const result = simulate(webapp, spec, { observed: { deployment: deploymentAvailable(), service: {} } });
    expect(result.ready).toBe(true);
    expect(result.status).toEqual({ ready: true, available: 3, endpoint: 'shop:80' });
  });

  it('leaves the endpoint pending while the Service is not there', () => {
    const result = simulate(webapp, { ...spec, expose: false }, { observed: { deployment: deploymentAvailable() } });
    expect(result.pending).toEqual(['endpoint']);
  });

  it('refuses an observed object for a resource that does not exist', () => {
    expect(() => simulate(webapp, spec, { observed: { deploy: deploymentAvailable() } })).toThrow(/no resource "deploy" \(did you mean "deployment"\?\)/);
  });
});
