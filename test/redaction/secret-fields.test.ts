/**
 * `secretFieldsOf`: which fields of a graph's objects hold a value computed from a secret, the fields a plan
 * shows no value of. A field is one when a template leaf reading a secret is at it, inside it (the map or
 * list holding it) or around it (a field of the leaf's value).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, sensitive } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { secretFieldsOf } from '../../src/api/sensitive.js';

const app = kubernetesComposition(
  {
    name: 'secret-fields',
    apiVersion: 'test.typekro.dev/v1alpha1',
    kind: 'SecretFields',
    spec: type({ name: 'string', token: sensitive(type('string')), replicas: 'number.integer' }),
    status: type({ ok: 'boolean' }),
  },
  (spec) => {
    Deployment({ id: 'web', name: spec.name, image: 'nginx', replicas: spec.replicas, env: { TOKEN: spec.token, MODE: 'x' } });
    ConfigMap({ id: 'cfg', name: `${spec.name}-cfg`, data: { auth: `Bearer ${spec.token}`, name: spec.name } });
    return { ok: true };
  },
);

test('a field at, inside or around a leaf that reads a secret is secret; its siblings and other objects are not', () => {
  const secret = secretFieldsOf(app.graph);
  const env = ['spec', 'template', 'spec', 'containers', '0', 'env'];
  assert.equal(secret('web', [...env, '0', 'value']), true, 'at the leaf');
  assert.equal(secret('web', env), true, 'the list holding it');
  assert.equal(secret('web', ['spec']), true, 'an ancestor');
  assert.equal(secret('web', [...env, '1', 'value']), false, 'a sibling item');
  assert.equal(secret('web', ['spec', 'replicas']), false);
  assert.equal(secret('cfg', ['data', 'auth']), true, 'a template over a secret');
  assert.equal(secret('cfg', ['data', 'name']), false);
  assert.equal(secret('other', ['data', 'auth']), false, 'another resource');
});
