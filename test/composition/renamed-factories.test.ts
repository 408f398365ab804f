/**
 * A factory imported under another name (`import { Deployment as Pod }`) is the same factory: in a branch
 * JavaScript skipped (`if (!spec.off)`, an `else`), TypeKro makes its call from source as it makes
 * `Deployment(...)`'s. It recognised factories by their exported name only, so such a call was silently left
 * out of the graph (found with issue 10's forEach trial).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment as Pod } from '../../src/simple.js';

const definition = { apiVersion: 'renamed.typekro.dev/v1alpha1', spec: type({ name: 'string', off: 'boolean' }), status: type({ 'ok?': 'boolean' }) };

type Rgd = { spec: { resources: { id: string; includeWhen: string[]; template: { metadata: { name: string } } }[] } };

test('a renamed factory in a branch JavaScript skipped is made under the branch condition', () => {
  const app = kubernetesComposition({ ...definition, name: 'renamed', kind: 'Renamed' }, (spec) => {
    if (spec.off) {
      Pod({ name: 'on', image: 'nginx' });
    } else {
      Pod({ name: `${spec.name}-off`, image: 'nginx' });
    }
    if (!spec.off) Pod({ id: 'negated', name: 'negated', image: 'nginx' });
    return {};
  });
  const resources = (parse(app.toYaml()) as Rgd).spec.resources.map((r) => [r.id, r.includeWhen, r.template.metadata.name]);
  assert.deepEqual(resources, [
    ['deploymentOn', ['${schema.spec.off}'], 'on'],
    ['deployment', ['${!schema.spec.off}'], '${schema.spec.name}-off'],
    ['negated', ['${!schema.spec.off}'], 'negated'],
  ]);
});
