/**
 * What a method or global call is given: its node and arguments, with the argument checks string and list
 * methods share (arity, a string argument coerced as JavaScript does, an index argument).
 */
import type { CallExpression, Node, OptionalCallExpression } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { HINT, syntaxError } from './errors.js';
import { describe, stringify, valueOf, type Compiler, type Typed } from './typed.js';
import { positionOf } from './untyped-null.js';
import { refuseAbsentSpecData } from './absent-spec.js';

export type Call = CallExpression | OptionalCallExpression;

export interface MethodContext {
  readonly node: Call;
  readonly receiver: Typed;
  readonly args: readonly Node[];
  readonly scope: Scope;
  readonly c: Compiler;
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
