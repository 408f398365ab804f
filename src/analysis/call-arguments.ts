/**
 * What a method or global call is given: its node and arguments, with the argument checks string and list
 * methods share (arity, a string argument coerced as JavaScript does, an index argument).
 */
import type { CallExpression, NewExpression, Node, OptionalCallExpression, SpreadElement } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { HINT, syntaxError } from './errors.js';
import { describe, stringify, valueOf, type Compiler, type Typed } from './typed.js';
import { positionOf } from './untyped-null.js';
import { refuseAbsentSpecData } from './absent-spec.js';
import { snippetOf } from './source.js';
import { synthesize } from './synthesized.js';

export type Call = CallExpression | OptionalCallExpression;

export interface MethodContext {
  readonly node: Call;
  readonly receiver: Typed;
  readonly args: readonly Node[];
  readonly scope: Scope;
  readonly c: Compiler;
}

/**
 * The values a call passes, in order: a spread of an array literal written in place passes its items, so
 * `Math.min(...[spec.n, 2])` is `Math.min(spec.n, 2)` in JavaScript and is compiled as that. Any other spread
 * passes as many values as its list holds, which the compiled call (a fixed list of arguments) cannot follow.
 */
export function callArguments(node: Call): Node[] {
  return node.arguments.flatMap((arg) => {
    if (arg.type === 'ArgumentPlaceholder') throw syntaxError(arg, 'partial application (`f(?, x)`) is not JavaScript TypeKro compiles', HINT.expr);
    return arg.type === 'SpreadElement' ? spreadItems(arg, node) : [arg as Node];
  });
}

function spreadItems(spread: SpreadElement, call: Call): Node[] {
  const list = unwrap(spread.argument);
  if (list.type !== 'ArrayExpression') {
    throw syntaxError(
      spread,
      `\`${snippetOf(spread)}\` passes each item of \`${snippetOf(spread.argument)}\` as an argument: a compiled call has the arguments written in it, and TypeKro reads a spread only of an array literal written in place, whose items are those arguments`,
      `pass the values one by one (\`f(a, b)\`), or spread an array literal written in place (\`f(...[a, b])\`)${extremeOfList(call)}`,
    );
  }
  return list.elements.flatMap((item) => {
    // A hole passes `undefined` (`Math.min(...[1, , 2])` is NaN).
    if (item === null) throw syntaxError(spread, `\`${snippetOf(spread)}\` has a hole, which passes \`undefined\``, 'write the value that belongs there');
    return item.type === 'SpreadElement' ? spreadItems(item, call) : [item];
  });
}

/**
 * What a call passes to a helper's parameters (`mk(...[spec.name, spec.n])` binds `name` and `n` as `mk(spec.name,
 * spec.n)` does): the arguments, each spread of an array literal written in place flattened to its items (a hole
 * is `undefined`), up to the first spread TypeKro cannot flatten (`mk(...spec.names)`). From there on the
 * positions depend on the list's length: `unflattened` is that spread, and the parameters from `args.length` on
 * are refused where a compiled value needs them (pattern-bindings.ts), not where a constant list makes them known.
 */
export interface PassedArguments {
  readonly args: readonly Node[];
  readonly unflattened?: SpreadElement;
}

export function passedArguments(call: Call | NewExpression): PassedArguments {
  const args: Node[] = [];
  const pass = (items: readonly (Node | null)[]): SpreadElement | undefined => {
    for (const item of items) {
      if (item === null) args.push(synthesize(call, { type: 'Identifier', name: 'undefined' }));
      else if (item.type === 'ArgumentPlaceholder') throw syntaxError(item, 'partial application (`f(?, x)`) is not JavaScript TypeKro compiles', HINT.expr);
      else if (item.type !== 'SpreadElement') args.push(item);
      else {
        const list = unwrap(item.argument);
        const stopped = list.type === 'ArrayExpression' ? pass(list.elements as (Node | null)[]) : item;
        if (stopped) return stopped;
      }
    }
    return undefined;
  };
  const unflattened = pass(call.arguments as Node[]);
  return unflattened ? { args, unflattened } : { args };
}

/** For `Math.max(...list)`: KRO's list `max()`, which has no value for an empty list (JavaScript's -Infinity). */
function extremeOfList(call: Call): string {
  const callee = unwrap(call.callee as Node);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return '';
  const name = callee.property.name;
  const object = unwrap(callee.object);
  if (object.type !== 'Identifier' || object.name !== 'Math' || (name !== 'max' && name !== 'min')) return '';
  return `; for the ${name === 'max' ? 'largest' : 'smallest'} item of a list, KRO's \`Cel.expr<number>(list, '.${name}()')\` (it fails on an empty list, where JavaScript gives ${name === 'max' ? '-Infinity' : 'Infinity'})`;
}

export function arity(ctx: { node: Call; args: readonly Node[] }, name: string, min: number, max: number, hint: string = HINT.expr): void {
  if (ctx.args.length < min || ctx.args.length > max) {
    throw syntaxError(ctx.node, `\`${name}\` with ${ctx.args.length} argument(s) is not supported`, hint);
  }
}

/** A string argument, coerced like JavaScript does (`'a'.startsWith(1)` tests `"1"`). */
export function stringArg(ctx: MethodContext, i: number): Expr {
  const arg = ctx.args[i];
  if (!arg) throw syntaxError(ctx.node, 'missing argument', HINT.expr);
  if (unwrap(arg).type === 'RegExpLiteral') throw syntaxError(arg, 'regular expressions are not supported (JavaScript and RE2 differ)', 'use a string pattern, or Cel.expr(...) with matches()/find()');
  const t = ctx.c.value(arg, ctx.scope);
  refuseAbsentSpecData(t, arg, ctx.scope, 'text');
  return stringify(t, arg);
}

/**
 * An index argument. JavaScript converts `undefined` (an absent field) to a position, the method's own
 * (`whenUndefined`: `substring(undefined)` is the whole text), and `null` (untyped data) to 0; a plain read
 * would leave KRO waiting forever.
 */
export function intArg(ctx: MethodContext, i: number, whenUndefined?: Expr): Expr {
  const arg = ctx.args[i];
  if (!arg) throw syntaxError(ctx.node, 'missing argument', HINT.expr);
  const t = ctx.c.value(arg, ctx.scope);
  if (t.type.kind !== 'int' && t.type.kind !== 'dyn') throw syntaxError(arg, `expected an integer, got ${describe(t.type)}`, HINT.expr);
  return whenUndefined ? positionOf(t, ctx.scope, whenUndefined, E.int(0)) : valueOf(t);
}

export const intLiteral = (e: Expr): bigint | undefined => (e.kind === 'literal' && e.literal.kind === 'int' ? e.literal.value : undefined);
/** The `list.slice(index)` pattern-bindings.ts makes of a rest element (`const [first, ...rest] = list`). */
export function isRestElement(node: Call): boolean {
  return node.extra?.['destructuringRest'] === true;
}
