/**
 * The refusal of an optional spec object KRO always creates (src/model/schema/always-present.ts) points at
 * the key where the composition's file writes it, or at the composition's call when the file writes it
 * more than once or not at all (a schema imported from another file).
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(fileURLToPath(import.meta.url));
const apiVersion = 'site.typekro.dev/v1alpha1';
const status = type({ size: 'number.integer' });

const WHY =
  "spec.tuning: is optional ('tuning?'), but KRO always creates it: KRO requires none of its fields and size has a default, " +
  "so KRO's SimpleSchema gives it default {} and the API server fills in {\"size\":1} when it is omitted (direct mode does the same). " +
  'Your TypeScript type says spec.tuning may be undefined, so if (spec.tuning), spec.tuning?.size ?? x and spec.tuning === undefined ' +
  'would not mean in the cluster what they say. Write one of: an explicit default, so it is always there and typed so ' +
  "(tuning: [{ ... }, '=', () => ({})]); make one of its fields required, so it is absent unless given; or drop the defaults of " +
  'its fields and write them where you read them (spec.tuning?.size ?? 1).';

test('the refusal names the file, line and column of the key', () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'site-key', apiVersion, kind: 'SiteKey', spec: type({ name: 'string', 'tuning?': { size: 'number.integer = 1' } }), status },
      (spec) => {
        ConfigMap({ name: spec.name, data: { size: `${spec.tuning?.size ?? 5}` } });
        return { size: spec.tuning?.size ?? 5 };
      },
    ),
  );
  assert.equal(message, `${at("'site-key'", "'tuning?'")}: ${WHY}`);
});

const shared = { 'cache?': { size: 'number.integer = 1' } } as const;
const again = { 'cache?': { size: 'number.integer = 2' } } as const;

test('a key written twice in the file points at the composition call', () => {
  void again;
  const message = definitionError(() =>
    kubernetesComposition({ name: 'site-call', apiVersion, kind: 'SiteCall', spec: type({ name: 'string', ...shared }), status }, (spec) => ({ size: spec.cache?.size ?? 5 })),
  );
  assert.equal(message.slice(0, message.indexOf(': spec.cache: ')), at("name: 'site-call'", 'kubernetesComposition('));
  assert.match(message, /: spec\.cache: is optional \('cache\?'\), but KRO always creates it: /);
});
