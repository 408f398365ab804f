import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { constantValue } from './constant-value.js';
import { scopeOf, type Binding } from './scope.js';
import { parseSource } from './source.js';

/** The expression of `const x = <code>;` and the node of the item literal `'b-c'` written in the same file. */
function parsed(code: string): { expr: Node; item: Node } {
  const program = parseSource(`const item = 'b-c';\nconst x = ${code};`, '/virtual/constant-value.ts').program;
  const init = (index: number): Node => (program.body[index] as unknown as { declarations: { init: Node }[] }).declarations[0]!.init;
  return { expr: init(1), item: init(0) };
}

function valueOf(code: string, extra: Record<string, Binding> = {}): { value: unknown } | undefined {
  const { expr, item } = parsed(code);
  // `t` is the item of a loop over a constant list (an alias of its literal); `n` a constant; `spec` a reference.
  const scope = scopeOf({ t: { kind: 'alias', node: item, scope: scopeOf({}) }, n: { kind: 'constant', value: 3 }, spec: { kind: 'value', expr: E.ident('spec'), type: T.object({}) }, ...extra });
  return constantValue(expr, scope);
}

test('JavaScript\'s own answer for expressions over items and constants', () => {
  assert.deepEqual(valueOf('0 >= t.length'), { value: false });
  assert.deepEqual(valueOf('t.length > n - 1 && t.toUpperCase() === "B-C"'), { value: true });
  assert.deepEqual(valueOf('t.split("-").some((p) => p === "c") ? `${t}!` : null'), { value: 'b-c!' });
  assert.deepEqual(valueOf('[t, "x"].map((s) => s.charAt(0)).join("") + String(Math.max(1, n))'), { value: 'bx3' });
  assert.deepEqual(valueOf('({ a: t, ...{ b: 2 } }).b ?? 0'), { value: 2 });
  assert.deepEqual(valueOf('(t as string).replaceAll("-", "")!'), { value: 'bc' });
  assert.deepEqual(valueOf('t.missing'), { value: undefined });
});

test('no answer for what the source does not state, or what could do anything', () => {
  for (const code of [
    'spec.name === t', // a reference
    'Math.random() > 0.5', // not the same answer twice
    'helper(t)', // a function of the module: not evaluated
    't.constructor.constructor("return 1")()', // constructors reach code built from strings
    'Date.now() > 0', // a global with state
    'u.length', // an unknown name
    'n++', // a write
    'null.length', // JavaScript itself would throw
  ]) assert.equal(valueOf(code, { helper: { kind: 'opaque', why: 'x', writes: [], scope: scopeOf({}) } }), undefined, code);
});
