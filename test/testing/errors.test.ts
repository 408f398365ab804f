/** Bad input to the test kit: each error names what is wrong and what to change. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecValidationError, TypeKroError } from '../../src/index.js';
import { deploymentAvailable, findManifest, findResource, jobSucceeded, render, simulate } from '../../src/testing/index.js';
import { shop } from './compositions.js';

const spec = { name: 'shop', replicas: 2, expose: false, regions: ['eu'] };

describe('test kit errors', () => {
  it('a spec violating the schema names the field, in render and simulate', () => {
    for (const run of [() => render(shop, { ...spec, replicas: 'two' as never }), () => simulate(shop, { ...spec, replicas: 'two' as never })]) {
      assert.throws(run, (error: unknown) => error instanceof SpecValidationError && /spec\.replicas must be a number \(was a string\)/.test(error.message));
    }
    assert.throws(() => render(shop, { ...spec, tier: 'huge' as never }), /spec\.tier must be "large" or "small"|spec\.tier/);
  });

  it('an observed object of the wrong kind names the resource, its kind and what to give instead', () => {
    assert.throws(
      () => simulate(shop, spec, { observed: { web: jobSucceeded() } }),
      (error: unknown) =>
        error instanceof TypeKroError && error.code === 'USAGE' &&
        error.message === 'observed["web"]: resource "web" is a Deployment (apps/v1) but was given Job succeeded (an observed state for a Job); observe it with a Deployment state, or a partial object such as { status: { ... } }',
    );
    assert.throws(() => simulate(shop, spec, { observed: { migrate: { kind: 'CronJob', status: {} } } }), /observed\["migrate"\]: resource "migrate" is a Job \(batch\/v1\) but was given an object of kind CronJob/);
    assert.throws(() => simulate(shop, spec, { observed: { web: { apiVersion: 'apps/v1beta1' } } }), /resource "web" is apps\/v1 Deployment but was given apiVersion apps\/v1beta1; drop apiVersion or use apps\/v1/);
  });

  it('a collection takes a list, a single resource one object', () => {
    assert.throws(() => simulate(shop, spec, { observed: { regions: {} } }), /observed\["regions"\]: resource "regions" is a forEach collection; give a list/);
    assert.throws(() => simulate(shop, spec, { observed: { web: [deploymentAvailable()] } }), /observed\["web"\]: resource "web" is one Deployment, not a collection; give one object, not a list/);
  });

  it('an unknown resource id lists the ids and suggests the nearest', () => {
    assert.throws(() => simulate(shop, spec, { observed: { wbe: deploymentAvailable() } }), {
      message: 'observed["wbe"]: composition "shop" has no resource "wbe" (did you mean "web"?); its resource ids are web, service, regions, migrate',
    });
    const result = render(shop, spec);
    assert.throws(() => findResource(result, 'migration'), { message: 'no resource "migration" (did you mean "migrate"?); the resource ids are web, service, regions, migrate' });
    assert.throws(() => findManifest(result, { kind: 'Deployment', name: 'nope' }), { message: 'no manifest for Deployment "nope"; the manifests are Deployment shop, ConfigMap shop-eu, Job shop-migrate' });
    assert.throws(() => findManifest(render(shop, { ...spec, regions: ['eu', 'us'] }), 'regions'), /resource "regions" has 2 manifests .*use findManifests/);
    assert.throws(() => findManifest(result, 'service'), /no manifest for resource "service": it is not rendered \(includeWhen is false\)/);
  });

  it('something that is not a composition is refused', () => {
    assert.throws(() => render((() => ({})) as unknown as typeof shop, spec), /render takes a composition made by kubernetesComposition or toResourceGraph \(got function/);
  });
});
