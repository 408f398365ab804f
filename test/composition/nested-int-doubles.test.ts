/**
 * Integers passed into a nested composition's `'number'` fields are doubles to the child's CEL (trial 20 F3):
 * test/differential/nested-number-cases.ts holds the compiled graph to JavaScript on every spec and observed
 * state (differential.test.ts); here the substituted reads are written `double(...)`, and a state the
 * harness does not make (3 of 4 replicas ready) divides as JavaScript does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';
import { nestedNumberCases } from '../differential/nested-number-cases.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

test('an integer spec field passed to a double field is read as double(...)', () => {
  const yaml = nestedNumberCases['nested-numbers-spec']!.composition.toYaml();
  assert.match(yaml, /share: \$\{double\(double\(schema\.spec\.ready\) \/ double\(schema\.spec\.total\)\)\}/);
});

test("a Deployment's readyReplicas passed to a double field divides as JavaScript does (3 of 4 ready)", () => {
  const parent = nestedNumberCases['nested-numbers-status']!.composition;
  const result = simulate(parent, { replicas: 4 } as never, { observed: { web: { status: { readyReplicas: 3 } }, rConfigMap: {} } });
  assert.deepEqual(result.status, { share: 0.75, half: true });
});

test("a map of integers passed to a map of 'number' values is refused: CEL cannot convert a map's values", () => {
  const child = kubernetesComposition(
    { name: 'nn-map-child', kind: 'NnMapChild', spec: type({ w: 'Record<string, number>' }), status: type({ w: 'Record<string, number>' }) },
    (spec) => {
      ConfigMap({ name: 'weights', data: { a: 'b' } });
      return { w: spec.w };
    },
  );
  const define = () =>
    kubernetesComposition({ name: 'nn-map', kind: 'NnMap', spec: type({ w: 'Record<string, number.integer>' }), status: type({ w: 'Record<string, number>' }) }, (spec) => {
      const c = child({ w: spec.w });
      return { w: c.status.w };
    });
  assert.equal(
    definitionError(define),
    `${at("'nn-map'", 'child(')}: nested composition "nn-map-child" reads spec field spec.w as a map of 'number' (floating-point) values, and the parent passes a map of integers: CEL cannot convert a map's values, and the child's arithmetic on them would be integer arithmetic (3 / 4 is 0); declare the parent's field a map of 'number', or pass a literal map`,
  );
});
