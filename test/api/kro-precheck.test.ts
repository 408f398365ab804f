import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/index.js';
import { kroPreApplyRefusals } from '../../src/api/kro-precheck.js';

// trial 17's bigsum and divzero: ints that cross 2^53 from a safe spec integer, and a division by zero
const app = kubernetesComposition(
  { name: 'bigsum', apiVersion: 'trial.dev/v1', kind: 'Bigsum', spec: type({ name: 'string', big: 'number.integer', b: 'number.integer' }), status: type({ twice: 'number', q: 'number', fine: 'number' }) },
  (spec) => {
    ConfigMap({ id: 'big', name: `${spec.name}-big`, data: { odd: `${spec.big * 2 + 1}`, half: `${Math.trunc(spec.big / 2)}` } });
    return { twice: spec.big + spec.big, q: Math.trunc(spec.big / spec.b), fine: spec.big - 1 };
  },
);
const refusals = (spec: Record<string, unknown>) => kroPreApplyRefusals(prepareGraph(app.graph, createCelEngine()), { spec, instance: { name: 'bs', namespace: 'dev' }, observed: new Map() });
const SAME = "JavaScript gets the same here, but its float64 arithmetic rounds beyond ±9007199254740991 where 64-bit integers do not, so TypeKro refuses it rather than risk a value JavaScript would not compute";
const TYPEKRO = "TypeKro refuses an int beyond JavaScript's safe range in both modes, so that what is deployed is what the composition's JavaScript computes";

test("kro mode refuses, before anything is applied, a manifest or status int beyond JavaScript's safe range, saying what KRO would write", () => {
  assert.deepEqual(refusals({ name: 'bs', big: 4503599627370497, b: 0 }), [
    `resource "big" (${import.meta.filename}:14:5), field data.odd: \`string(schema.spec.big * 2 + 1)\` fails: integer beyond JavaScript's safe range: \`4503599627370497 * 2\` is 9007199254740994 in 64-bit integers; ${SAME}. It reads spec.big: pass a value it accepts, or change the expression in the composition. KRO computes exact 64-bit integers and would write "9007199254740995"; ${TYPEKRO}`,
    `status field twice: \`schema.spec.big + schema.spec.big\` fails: integer beyond JavaScript's safe range: \`4503599627370497 + 4503599627370497\` is 9007199254740994 in 64-bit integers; ${SAME}. It reads spec.big: pass a value it accepts, or change the expression in the composition. KRO computes exact 64-bit integers and would write 9007199254740994; ${TYPEKRO}`,
    'status field q: `schema.spec.big / schema.spec.b` fails: division by zero. It reads spec.big, spec.b: pass a value it accepts, or change the expression in the composition. KRO cannot compute it either, and would keep the status it computed before (from an earlier spec or composition) with no condition saying so',
  ]);
});

test('nothing is refused where every int stays within the safe range', () => {
  assert.deepEqual(refusals({ name: 'bs', big: 4503599627370495, b: 3 }), []);
});
