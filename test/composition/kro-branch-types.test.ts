/**
 * Branches and defaults of different cel-go types (trial 7 V25, V27, V28, V29) in direct mode: the same
 * values as JavaScript (the cel-go side is kro-branch-types.go.test.ts); and a list index that is not an
 * integer (V26), refused where it is written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';
import { kroBranchTypes, SPECS } from './fixtures/kro-branch-types.js';

const { refusal, at } = refusalsIn(import.meta.filename);

test('direct mode gives JavaScript\'s value for object, list and map branches and defaults', () => {
  for (const spec of SPECS) {
    assert.deepEqual(simulate(kroBranchTypes, spec as never, { crossCheck: false }).status, evaluateConcrete(kroBranchTypes, spec as never).status, JSON.stringify(spec));
  }
});

test('a map indexed by an integer reads the key as text, as JavaScript does (V25)', () => {
  const status = kroBranchTypes.graph.status as Record<string, { expr: unknown }>;
  assert.ok(JSON.stringify(status['zone']).includes('"fn":"string"'));
});

test('a list index that is not an integer is refused where it is written (V26)', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'float-index', kind: 'FloatIndex', spec: type({ l: 'string[]' }), status: type({ v: 'string' }) },
    (spec) => ({ v: spec.l[1.5] ?? 'none' }),
  ));
  assert.equal(message, `${at("'float-index'", '1.5]')}: a list index must be an integer: \`[1.5]\` is always undefined in JavaScript\n    1.5\n  hint: index with an integer (\`[1]\`)`);
});
