/** Bad input to the test kit: each error names what is wrong and what to change. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, SpecValidationError, TypeKroError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
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

  it('an observed collection of another length than the spec makes names the id, the counts and what to give (trial 8 T15)', () => {
    // The trial's composition: JavaScript's `cms.length` counts what the function made, the compiled size(cms) what is observed.
    const workers = kubernetesComposition(
      { name: 'workers', kind: 'Workers', spec: type({ name: 'string', workers: 'string[]' }), status: type({ first: 'string', n: 'number' }) },
      (spec) => {
        const cms = spec.workers.map((w) => ConfigMap({ name: `${spec.name}-${w}`, data: { w } }));
        const [first] = cms;
        return { first: first?.metadata.name ?? 'none', n: cms.length };
      },
    );
    const fewer = 'observed["cms"] has 1 object, but for this spec the composition makes 2 ConfigMap objects in the collection "cms" (one per item of the list it iterates); give 2, one per item in the list\'s order (e.g. [{}, {}]), or leave "cms" out while the collection is not created';
    const two = { name: 'a', workers: ['p', 'q'] };
    for (const run of [
      () => simulate(workers, two, { observed: { cms: [{}] } }),
      () => simulate(workers, two, { observed: { cms: [{}] }, crossCheck: false }),
      () => evaluateConcrete(workers, two, { observed: { cms: [{}] } }),
    ]) {
      assert.throws(run, (error: unknown) => error instanceof TypeKroError && error.code === 'USAGE' && error.message === fewer);
    }
    const none = 'observed["cms"] has 2 objects, but for this spec the composition makes no ConfigMap in the collection "cms" (the list it iterates is empty); give [] or leave "cms" out';
    assert.throws(() => simulate(workers, { name: 'a', workers: [] }, { observed: { cms: [{}, {}] } }), { message: none });
    assert.throws(() => evaluateConcrete(workers, { name: 'a', workers: [] }, { observed: { cms: [{}, {}] } }), { message: none });
    assert.throws(() => simulate(shop, { ...spec, regions: ['eu', 'us', 'ap', 'sa'] }, { observed: { web: deploymentAvailable(), regions: [{}, {}] } }), /makes 4 ConfigMap objects in the collection "regions" .*\(e\.g\. \[\{\}, \{\}, \{\}, \.\.\.\]\)/);
    // One object per item agrees on both sides; left out, the collection is not created yet.
    assert.deepEqual(simulate(workers, two, { observed: { cms: [{}, {}] } }).status, { first: 'a-p', n: 2 });
    assert.deepEqual(simulate(workers, two).pending, ['first', 'n']);
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
