import assert from 'node:assert/strict';
import { test } from 'node:test';
import { K8S_MODELS } from './k8s-models.generated.js';
import { modelType } from './kube-types.js';
import { fieldOf, T } from '../ir/types.js';
import { isQuantityField, QUANTITY_FIELDS } from './quantity-fields.js';

test('every Quantity field listed is a string field (itself, its map values or list items) of a client-node model', () => {
  for (const [model, fields] of Object.entries(QUANTITY_FIELDS)) {
    const attributes = K8S_MODELS[model];
    assert.ok(attributes, `${model} is not a client-node model`);
    for (const field of fields) {
      const attribute = attributes.find(([wire]) => wire === field);
      assert.ok(attribute, `${model}.${field} is not a field of the model`);
      assert.match(attribute[1]!, /^(string|Array<string>|\{ \[key: string\]: string; \})$/, `${model}.${field}`);
    }
  }
});

test('a Quantity field is typed as a string that takes numbers; other string maps are not', () => {
  assert.equal(isQuantityField('V1ResourceRequirements', 'limits'), true);
  assert.deepEqual(fieldOf(modelType('V1ResourceRequirements')!, 'limits')?.type, T.map(T.quantity));
  assert.deepEqual(fieldOf(modelType('V1EmptyDirVolumeSource')!, 'sizeLimit')?.type, T.quantity);
  assert.deepEqual(fieldOf(modelType('V1ConfigMap')!, 'data')?.type, T.map(T.string));
});
