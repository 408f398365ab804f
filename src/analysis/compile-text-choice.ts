/**
 * A choice (`a ?? b`, `c ? a : b`) that becomes text, as a template literal's part: JavaScript turns the chosen
 * operand into text, so operands of different types need not meet (`${i.v ?? ''}` with `v` an optional integer
 * is `String(i.v)` or `''`; trial 13 finding 9). Each operand is made text the way the template would make it
 * (typed.ts `stringify`: integers in decimal, booleans as true/false, doubles laid out as JavaScript writes them),
 * then chosen. Only numbers, booleans and text are made text here: an untyped value may be JSON null, which `??`
 * replaces; it takes the ordinary path and its refusals.
 */
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { foldConstants } from '../ir/fold.js';
import { joinedText } from './text-alphabet.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { guardedBy } from './absent-spec.js';
import { negate, settled } from './compile-operators.js';
import { plain, stringify, truthy, valueOf, type Compiler, type Typed } from './typed.js';

const TEXTABLE = new Set(['int', 'double', 'bool', 'string']);

/**
 * `node` compiled as text when it is a choice between operands of different types JavaScript makes text
 * exactly (int, double, bool, string); `undefined` otherwise, for the ordinary compilation.
 */
export function textChoice(raw: Node, scope: Scope, c: Compiler): Typed | undefined {
  const node = unwrap(raw);
  if (node.type === 'LogicalExpression' && node.operator === '??') {
    const left = c.value(node.left, scope);
    if (left.nullish || !left.absent) return undefined;
    const [right, nested] = textOperand(node.right, scope, c);
    if (!asText(left, right, nested)) return undefined;
    // `x ?? d`: JavaScript's text of `x` where it is there, else the text of `d`.
    return plain(E.cond(left.absent.present, stringify(plain(valueOf(left), left.type), node.left), stringify(right, node.right)), joinedText(left.type, right.type));
  }
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '&&')) return truthChoice(node, scope, c);
  if (node.type !== 'ConditionalExpression') return undefined;
  const test = c.condition(node.test, scope);
  // A test the compiler decides takes the ordinary path (it compiles only the branch JavaScript takes).
  const known = foldConstants(test);
  if (known.kind === 'literal' && known.literal.kind === 'bool') return undefined;
  const [thenScope, elseScope] = [guardedBy(scope, test), guardedBy(scope, negate(test))];
  const [then, thenNested] = textOperand(node.consequent, thenScope, c);
  const [otherwise, elseNested] = textOperand(node.alternate, elseScope, c);
  const [a, b] = [settled(then, thenScope), settled(otherwise, elseScope)];
  if (a.absent || !asText(a, b, thenNested || elseNested)) return undefined;
  return plain(E.cond(test, stringify(a, node.consequent), stringify(b, node.alternate)), joinedText(a.type, b.type));
}

/**
 * `a || b` and `a && b` made text: JavaScript's value is `a` or `b` by the truthiness of `a` (`String(flag || 'no')`
 * is 'true' or 'no'), so each operand is made text and chosen by it, as `c ? a : b` is (trial 17: `??` compiled
 * there, `||` was refused for its operands' types). Only an `a` that is always there: an absent one takes the
 * ordinary path.
 */
function truthChoice(node: Node & { type: 'LogicalExpression' }, scope: Scope, c: Compiler): Typed | undefined {
  const left = c.value(node.left, scope);
  if (left.nullish || left.absent) return undefined;
  const test = truthy(left, node.left);
  const [right, nested] = textOperand(node.right, node.operator === '||' ? guardedBy(scope, negate(test)) : guardedBy(scope, test), c);
  if (!asText(left, right, nested)) return undefined;
  const [a, b] = [stringify(left, node.left), stringify(right, node.right)];
  return plain(node.operator === '||' ? E.cond(test, a, b) : E.cond(test, b, a), joinedText(left.type, right.type));
}

/** An operand of a choice, and whether it is itself a choice made text (`c ? s : (n ?? false)`). */
function textOperand(node: Node, scope: Scope, c: Compiler): [Typed, boolean] {
  const text = textChoice(node, scope, c);
  return text ? [text, true] : [c.value(node, scope), false];
}

/**
 * Whether the choice is made text here: the second operand always there, both with JavaScript's text in CEL,
 * and of different types or with an operand already made text (the ordinary path would compile it again).
 */
function asText(a: Typed, b: Typed, nested: boolean): boolean {
  if (a.nullish || b.nullish || b.absent) return false;
  return (nested || a.type.kind !== b.type.kind) && TEXTABLE.has(a.type.kind) && TEXTABLE.has(b.type.kind);
}
