/**
 * A spec map spread into a factory argument is compiled from source; when a sibling field before it is
 * refused, that refusal is what the user sees (trial 13 finding 5), not "cannot be spread" at the valid spread.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { crdFactory, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', 'labels?': 'Record<string, string>' });
const PAD_START = 'the string method `padStart` has no CEL equivalent';
// KRO's CEL has no padding function, so the hint names the JavaScript that compiles to the same text (trial 15 F4).
const PAD_START_HINT = "hint: KRO's CEL has no padding function: cut the padding from a literal at least as wide, `'0000'.substring(0, 4 - s.length) + s` is `s.padStart(4, '0')` (substring clamps as padStart does); or compute the text before the composition runs and pass it in the spec";
const widget = crdFactory<{ spec: { size: 'small' | 'large'; port?: number | string; labels?: Record<string, string> } }>({
  group: 'toys.example.com', version: 'v1', kind: 'Widget', plural: 'widgets', scope: 'Namespaced', factoryName: 'widget',
  schema: {
    type: 'object',
    properties: {
      spec: {
        type: 'object', required: ['size'],
        properties: { size: { type: 'string', enum: ['small', 'large'] }, port: { 'x-kubernetes-int-or-string': true }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
      },
    },
  },
});
const definition = { apiVersion: 'spreads.typekro.dev/v1alpha1', kind: 'SpreadSibling', spec, status: type({ ok: 'boolean' }) };

test('a refused field before a spec map spread in the same arguments is the refusal shown', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'spread-sibling' }, (spec) => {
      Deployment({ name: 'web', image: spec.name.padStart(3), labels: { team: 'a', ...spec.labels } });
      return { ok: true };
    }),
  );
  assert.equal(message, `${at("'spread-sibling'", 'spec.name.padStart')}: ${PAD_START}\n    spec.name.padStart(3)\n  ${PAD_START_HINT}`);
});

test("the trial's shape: a custom resource's spec with a refused field before a map spread, nested one level", () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'spread-crd-sibling' }, (spec) => {
      widget({ name: spec.name, spec: { size: 'small', port: spec.name.padStart(3), labels: { team: 'a', ...spec.labels } } });
      return { ok: true };
    }),
  );
  assert.equal(message, `${at("'spread-crd-sibling'", 'spec.name.padStart')}: ${PAD_START}\n    spec.name.padStart(3)\n  ${PAD_START_HINT}`);
});

test('a refused status field before a status field that merges a spec map is the refusal shown', () => {
  const status = type({ p: 'string', m: 'Record<string, string>' });
  const message = refusal(() =>
    kubernetesComposition({ ...definition, status, name: 'spread-status-sibling' }, (spec) => {
      return { p: spec.name.padStart(3), m: { team: 'a', ...spec.labels } };
    }),
  );
  assert.equal(message, `${at("'spread-status-sibling'", 'spec.name.padStart')}: ${PAD_START}\n    spec.name.padStart(3)\n  ${PAD_START_HINT}`);
});

test('without the refused field the same spread compiles (the hint of the old message was right)', () => {
  const graph = kubernetesComposition({ ...definition, name: 'spread-crd-ok' }, (spec) => {
    widget({ name: spec.name, spec: { size: 'small', port: 'http', labels: { team: 'a', ...spec.labels } } });
    return { ok: true };
  });
  assert.ok(graph.toYaml().includes(`labels: '\${{"team": "a"}.merge(has(schema.spec.labels) ? schema.spec.labels : {})}'`), graph.toYaml());
});
