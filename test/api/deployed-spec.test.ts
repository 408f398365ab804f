/**
 * `status` of a direct instance: the cluster keeps only the hash of the deployed spec, so another spec is
 * refused, and without a spec the status fields that read it are pending instead of computed from defaults
 * (trial 2, A7: `typekro status --set want=OTHER` printed a status for a spec never deployed).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, TypeKroError } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { checkDeployedSpec, specDecidedResources, specReadingFields, withoutFields } from '../../src/api/deployed-spec.js';
import { nextGeneration } from '../../src/runtime/engine/index.js';

test('the status fields that read the spec are found, nested ones by their path, lists as one field', () => {
  const app = kubernetesComposition(
    { name: 'needs-spec', kind: 'NeedsSpec', spec: type({ want: 'string', n: 'number.integer = 2' }), status: type({ fromSpec: 'string', mixed: 'boolean', only: 'string', nested: { n: 'number', fixed: 'string' }, tags: 'string[]' }) },
    (spec) => {
      const cm = ConfigMap({ name: 'c', data: { want: spec.want } });
      return { fromSpec: spec.want, mixed: cm.data.want === spec.want, only: cm.metadata.name, nested: { n: spec.n, fixed: 'x' }, tags: [cm.metadata.name, spec.want] };
    },
  );
  const fields = specReadingFields(app.graph.status);
  assert.deepEqual(fields, ['fromSpec', 'mixed', 'nested.n', 'tags']);
  assert.deepEqual(withoutFields({ fromSpec: 'v', mixed: true, only: 'c', nested: { n: 2, fixed: 'x' }, tags: ['c', 'v'] }, fields), { only: 'c', nested: { fixed: 'x' } });
});

test('a spec other than the deployed one is refused with the generation; the same spec (any key order) and a record without a hash pass', () => {
  const deployed = nextGeneration(undefined, { want: 'v', n: 2 });
  checkDeployedSpec('app', deployed, { n: 2, want: 'v' });
  checkDeployedSpec('app', undefined, { want: 'other' });
  assert.throws(
    () => checkDeployedSpec('app', deployed, { want: 'OTHER', n: 2 }),
    (error: unknown) => {
      assert.ok(error instanceof TypeKroError);
      assert.equal(error.code, 'SPEC_INVALID');
      assert.equal(
        error.message,
        'the spec given for instance "app" is not the one it was last deployed with (generation 1): the status computed from it would describe another instance. ' +
          'Give the spec of the last deploy (the same file and --set values), or no spec to see the fields that do not read it',
      );
      return true;
    },
  );
});

test('the resources whose existence the spec decides: an if or a loop over the spec, and what depends on them; a spec-named one always exists', () => {
  const app = kubernetesComposition(
    { name: 'decides', kind: 'Decides', spec: type({ name: 'string', cache: 'boolean = true', regions: 'string[]' }), status: type({ ok: 'boolean' }) },
    (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx' });
      if (spec.cache) {
        const cache = Deployment({ name: `${spec.name}-cache`, image: 'redis' });
        ConfigMap({ name: 'cache-config', data: { host: cache.metadata.name } });
      }
      for (const region of spec.regions) ConfigMap({ name: `${spec.name}-${region}`, data: { region } });
      const fixed = ConfigMap({ name: 'fixed', data: { web: web.metadata.name } });
      return { ok: fixed.metadata.name === 'fixed' };
    },
  );
  const ids = app.graph.resources.map((r) => r.id);
  const decided = specDecidedResources(app.graph);
  assert.deepEqual(ids.filter((id) => decided.has(id)), ids.filter((id) => !['web', 'fixed'].includes(id)));
  assert.equal(decided.size, 3, [...decided].join(', '));
});
