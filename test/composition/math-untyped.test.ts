/**
 * `Math.max` and its kin over a number whose CEL kind is known only when it runs (`Cel.expr<number>(...)`, an
 * untyped field): refused with the ternary that compiles for it (trial 21 F9: the message asked for a `??`
 * default, which does not help). The ternary the hint names means what Math.max means.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', n: 'number.integer' });

test('Math.max of a Cel.expr number is refused with the ternary that compiles', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ name: 'math-expr', kind: 'MathExpr', spec, status: type({ n: 'number' }) }, (s) => {
      ConfigMap({ name: s.name, data: {} });
      return { n: Math.max(Cel.expr<number>(s.n, ' * 2'), 5) };
    })),
    `${at("'math-expr'", 'Math.max(')}: Math.max of a value whose number kind is known only when it runs (\`Cel.expr<number>(s.n, ' * 2')\`: CEL's int or double)\n    Math.max(Cel.expr<number>(s.n, ' * 2'), 5)\n  hint: compare with a ternary, which compiles for such a value: \`const v = Cel.expr<number>(s.n, ' * 2')\`, then \`v > 5 ? v : 5\``,
  );
});

const ternaries = kubernetesComposition({ name: 'math-ternary', kind: 'MathTernary', spec, status: type({ max: 'number', abs: 'number', sign: 'number' }) }, (s) => {
  ConfigMap({ name: s.name, data: {} });
  const v = Cel.expr<number>(s.n, ' * 2');
  return { max: v > 5 ? v : 5, abs: v < 0 ? 0 - v : v, sign: v > 0 ? 1 : v < 0 ? -1 : 0 };
});

test('the ternaries the hints name give what Math.max, Math.abs and Math.sign give', () => {
  for (const n of [-7, 0, 2, 9]) {
    const expected = { max: Math.max(n * 2, 5), abs: Math.abs(n * 2), sign: Math.sign(n * 2) };
    // crossCheck off: the concrete run has no JavaScript value for CEL text; `expected` is JavaScript's own.
    assert.deepEqual(simulate(ternaries, { name: 'x', n }, { crossCheck: false }).status, expected, `n = ${n}`);
  }
});
