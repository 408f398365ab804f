/**
 * JavaScript's -0 shows in a division by it: `1 / (a * b)` is -Infinity when one of them is negative and the
 * other 0 (generated run, seed 20262245: a status `>=` on such a quotient answered the other way). CEL's ints
 * have one zero, so the divisor's int -> double conversions carry JavaScript's sign (analysis/signed-zero.ts).
 * Products, negation, remainders, sums, differences, Math.max/min/abs/trunc/sign and ternaries, on ints and
 * through a double; held to JavaScript by differential.test.ts and to KRO's cel-go by signed-zero-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const spec = type({ name: 'string', a: 'number.integer', b: 'number.integer', x: 'number', l: 'number.integer[]' });
const flags = ['product', 'negation', 'remainder', 'sum', 'difference', 'max', 'min', 'abs', 'sign', 'ternary', 'trunc', 'quotient', 'twice', 'mixed', 'items'] as const;

const signedZero = kubernetesComposition(
  { apiVersion: 'zero.typekro.dev/v1alpha1', name: 'signed-zero', kind: 'SignedZero', spec, status: type(Object.fromEntries(flags.map((f) => [f, 'boolean'])) as Record<(typeof flags)[number], 'boolean'>) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { product: `${1 / (spec.a * spec.b) < 0}`, index: `${(spec.l.indexOf(7) * spec.a) / 1 < 0 || 1 / (spec.l.indexOf(7) * spec.a) < 0}` } });
    return {
      product: 1 / (spec.a * spec.b) < 0,
      negation: 1 / -spec.a < 0,
      remainder: 1 / (spec.a % 2) < 0,
      sum: 1 / (spec.a * spec.b + 0) < 0,
      difference: 1 / (-spec.a - 0) < 0,
      max: 1 / Math.max(-spec.a, spec.a * spec.b) < 0,
      min: 1 / Math.min(spec.b, -spec.a) < 0,
      abs: 1 / Math.abs(-spec.a) < 0,
      sign: 1 / Math.sign(-spec.a) < 0,
      ternary: 1 / (spec.b > 0 ? spec.b : -spec.a) < 0,
      trunc: 1 / Math.trunc(spec.x) < 0,
      quotient: 1 / Math.trunc(spec.a / 5) < 0,
      twice: 1 / (1 / (spec.a * spec.b)) < 0,
      mixed: 1 / (spec.x * spec.a) < 0,
      items: spec.l.filter((v) => 1 / (v * spec.a) < 0).length > 0,
    };
  },
);

const SPECS = [
  { name: 'zeros', a: 0, b: 0, x: 0, l: [0] },
  { name: 'neg-a', a: -1, b: 0, x: -0.5, l: [0, 3] },
  { name: 'neg-b', a: 0, b: -2, x: -0.25, l: [-1] },
  { name: 'even', a: -2, b: 3, x: 0.5, l: [] },
  { name: 'pos', a: 4, b: 1, x: -3.5, l: [7, -7] },
];

export const signedZeroCases: Record<string, CaseInput> = {
  'signed-zero': { composition: signedZero as never, spec: SPECS[0]!, specs: SPECS },
};
