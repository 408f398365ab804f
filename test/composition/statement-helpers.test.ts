/**
 * A helper that computes its result with statements is refused at the call, naming the helper and where it
 * is declared (trial 17); a chain of `if`-returns or a `switch` of returns gets the one expression it means,
 * which is checked here against the helper itself and compiles to JavaScript's value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at, locate } = refusalsIn(import.meta.filename);
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ n: 'number.integer', tier: 'string' }),
  status: type({ v: 'unknown' }),
});
const WHY = 'this function computes its result with statements; TypeKro compiles functions that return one expression';

function tierOf(n: number) {
  if (n > 3) return 'large';
  if (n > 1) return 'medium';
  return 'small';
}
const sizeOf = (tier: string) => {
  switch (tier) {
    case 'dev':
    case 'test':
      return 1;
    case 'prod':
      return 3;
    default:
      return 2;
  }
};
function looped(n: number) {
  let total = 0;
  for (let i = 0; i < n; i++) total += i;
  return total;
}
const place = (anchor: string, construct: string) => {
  const found = locate(anchor, construct);
  return `<this file>:${found.line}:${found.column}`;
};

test('an if-return chain is named, with the nested choice it means', () => {
  const message = refusal(() => kubernetesComposition(def('if-returns'), (spec) => ({ v: tierOf(spec.n) })));
  assert.equal(message, `${at("'if-returns'", 'tierOf(spec.n)')}: \`tierOf\` (declared at ${place('function tierOf', 'function tierOf')}): ${WHY}
    tierOf(spec.n)
  hint: make its body one return of the same choice: \`return n > 3 ? 'large' : n > 1 ? 'medium' : 'small';\` (or write it as \`(...) => expression\`), or use Cel.expr(...)`);
});

test('a switch of returns is named, with the choice over === it means', () => {
  const message = refusal(() => kubernetesComposition(def('switch-returns'), (spec) => ({ v: sizeOf(spec.tier) })));
  assert.equal(message, `${at("'switch-returns'", 'sizeOf(spec.tier)')}: \`sizeOf\` (declared at ${place('const sizeOf', '(tier')}): ${WHY}
    sizeOf(spec.tier)
  hint: make its body one return of the same choice: \`return tier === 'dev' || tier === 'test' ? 1 : tier === 'prod' ? 3 : 2;\` (or write it as \`(...) => expression\`), or use Cel.expr(...)`);
});

test('a body with other statements keeps the general way out', () => {
  const message = refusal(() => kubernetesComposition(def('loop-body'), (spec) => ({ v: looped(spec.n) })));
  assert.equal(message, `${at("'loop-body'", 'looped(spec.n)')}: \`looped\` (declared at ${place('function looped', 'function looped')}): ${WHY}
    looped(spec.n)
  hint: write the function as \`(...) => expression\` (const declarations before one return are fine), or use Cel.expr(...)`);
});

test('the hinted expressions mean what the helpers compute, and compile to it', () => {
  const tier = (n: number) => (n > 3 ? 'large' : n > 1 ? 'medium' : 'small');
  const size = (t: string) => (t === 'dev' || t === 'test' ? 1 : t === 'prod' ? 3 : 2);
  for (const n of [-1, 0, 1, 2, 3, 4, 9]) assert.equal(tier(n), tierOf(n));
  for (const t of ['dev', 'test', 'prod', 'x', '']) assert.equal(size(t), sizeOf(t));
  const both = kubernetesComposition(def('hinted-forms'), (spec) => ({ v: `${tier(spec.n)}-${size(spec.tier)}` }));
  for (const [n, t] of [[0, 'dev'], [2, 'prod'], [5, 'test'], [4, 'other']] as const) {
    assert.equal(simulate(both, { n, tier: t }).status['v'], `${tierOf(n)}-${sizeOf(t)}`);
  }
});
