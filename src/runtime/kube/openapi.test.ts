import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindSchema } from './openapi.js';

/** The shape of `/openapi/v3/api/v1` (trimmed): references, allOf-wrapped references, a recursive type. */
const document = {
  components: {
    schemas: {
      'io.k8s.api.core.v1.Secret': {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
          metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], default: {}, description: 'meta' },
          tree: { $ref: '#/components/schemas/example.Tree' },
        },
        'x-kubernetes-group-version-kind': [{ group: '', kind: 'Secret', version: 'v1' }],
      },
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
        type: 'object',
        properties: { name: { type: 'string' }, creationTimestamp: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' } },
      },
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
      'example.Tree': { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/example.Tree' } } } },
    },
  },
};

describe('kindSchema', () => {
  it('finds the kind by x-kubernetes-group-version-kind and resolves references in place, as apiserver PopulateRefs does', () => {
    const schema = kindSchema(document, 'v1', 'Secret');
    assert.deepEqual(schema?.properties?.data, { type: 'object', additionalProperties: { type: 'string', format: 'byte' } });
    assert.deepEqual(schema?.properties?.metadata, { type: 'object', properties: { name: { type: 'string' }, creationTimestamp: { type: 'string', format: 'date-time' } } });
  });
  it('a recursive reference becomes a plain object', () => {
    const tree = kindSchema(document, 'v1', 'Secret')?.properties?.tree;
    assert.deepEqual(tree?.properties?.children, { type: 'array', items: { type: 'object' } });
  });
  it('another group-version or kind is not found', () => {
    assert.equal(kindSchema(document, 'apps/v1', 'Secret'), undefined);
    assert.equal(kindSchema(document, 'v1', 'ConfigMap'), undefined);
    assert.equal(kindSchema(undefined, 'v1', 'Secret'), undefined);
  });
});
