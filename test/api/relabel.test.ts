/**
 * Whether a label-only kro redeploy needs KRO to reconcile (runtime/kro/relabel.ts): only when the composition
 * reads the instance's labels or annotations. It looked at parsed expressions alone, so a read written in
 * `Cel.expr('...schema.metadata.labels...')` text was missed: KRO kept the old label in the status until it
 * reconciled for another reason. The text is now read by the same reader the definition's checks use
 * (ir/schema-text-reads.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { readsInstanceLabels } from '../../src/runtime/kro/relabel.js';
import { schemaPathsInText } from '../../src/ir/schema-text-reads.js';

const definition = { apiVersion: 'relabel.typekro.dev/v1alpha1', kind: 'Relabel', spec: type({ name: 'string' }), status: type({ team: 'string' }) };

test('a read of the labels or annotations in Cel.expr text needs a reconcile, as a parsed one does', () => {
  const inText = kubernetesComposition({ ...definition, name: 'relabel-text' }, (spec) => {
    ConfigMap({ name: spec.name, data: { k: 'v' } });
    return { team: Cel.expr<string>('schema.metadata.?labels["team"].orValue("none")') };
  });
  const inTemplate = kubernetesComposition({ ...definition, name: 'relabel-template' }, (spec) => {
    ConfigMap({ name: spec.name, data: { owner: Cel.expr<string>('schema.metadata.?annotations["example.com/owner"].orValue("none")') } });
    return { team: 'x' };
  });
  const parsed = kubernetesComposition({ ...definition, name: 'relabel-parsed' }, (spec, instance) => {
    ConfigMap({ name: spec.name, data: { k: 'v' } });
    return { team: instance.metadata.labels?.team ?? 'none' };
  });
  assert.deepEqual([inText, inTemplate, parsed].map((app) => readsInstanceLabels(app.graph)), [true, true, true]);
});

test('other reads of the instance do not: its name, the spec, in text or parsed', () => {
  const other = kubernetesComposition({ ...definition, name: 'relabel-none' }, (spec, instance) => {
    ConfigMap({ name: `${instance.metadata.name}-cm`, data: { n: Cel.expr<string>('schema.metadata.name + schema.spec.name') } });
    return { team: spec.name };
  });
  assert.equal(readsInstanceLabels(other.graph), false);
});

test("the text reader: each `schema`'s literal steps, up to a depth; a computed step ends the path", () => {
  assert.deepEqual(schemaPathsInText('schema.metadata.?labels["team"] + schema . spec.name', 3), [['metadata', 'labels', 'team'], ['spec', 'name']]);
  assert.deepEqual(schemaPathsInText("size(schema.metadata.labels[k]) + size(schema)", 3), [['metadata', 'labels'], []]);
  assert.deepEqual(schemaPathsInText("schema['metadata'].annotations", 1), [['metadata']]);
});
