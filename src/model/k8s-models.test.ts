import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as k8s from '@kubernetes/client-node';
// @ts-expect-error: a plain ES module script without types
import { OUTPUT, renderModels } from '../../scripts/gen-k8s-models.mjs';
import { modelAttributes } from './k8s-models.js';

test('the generated model table is what scripts/gen-k8s-models.mjs writes from the installed client-node', () => {
  assert.equal(readFileSync(OUTPUT as string, 'utf8'), (renderModels as () => string)(), 'run: node scripts/gen-k8s-models.mjs');
});

test('modelAttributes gives client-node attributeTypeMap, field for field', () => {
  for (const name of ['V1Deployment', 'V1NetworkPolicyIngressRule', 'V1JSONSchemaProps', 'V1Secret']) {
    const live = (k8s as unknown as Record<string, { getAttributeTypeMap(): { name: string; baseName: string; type: string; format: string }[] }>)[name]!;
    assert.deepEqual(
      modelAttributes(name),
      live.getAttributeTypeMap().map(({ name, baseName, type, format }) => ({ name, baseName, type, format: format ?? '' })),
      name,
    );
  }
  assert.equal(modelAttributes('V1NoSuchKind'), undefined);
  assert.equal(modelAttributes('toString'), undefined);
});
