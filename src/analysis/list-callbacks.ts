/** The one-parameter callback a list method is given (`list.some((x) => ...)`), compiled over a CEL macro variable or one item. */
import type { Node } from '@babel/types';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import { scopeOf, type Scope } from './scope.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { identifierNames, renameIdent } from './rename.js';
import { celVariableName } from '../util/cel-names.js';
import { valueOf } from './typed.js';
import { isSpecData, isSpecItem } from './absent-spec.js';
import { arity, type MethodContext } from './call-arguments.js';

/**
 * Compiles a one-parameter callback body with the parameter bound to a CEL macro variable. The variable
 * keeps the JavaScript name unless CEL cannot have it (a reserved word such as `namespace`, a CEL type name
 * such as `type`, a KRO name such as `schema`) or the body has that name too (e.g. a resource id): then it
 * gets the name util/cel-names gives (`namespaceItem`), as a loop variable's iterator does. The body is
 * compiled with a placeholder, so only the parameter is renamed.
 */
export function lambda(ctx: MethodContext, item: CelType, body: (node: Node, scope: Scope) => Expr): [string, Expr] {
  const { fn, param } = callbackOf(ctx);
  const placeholder = `__typekro_lambda_${param}`;
  const inner = scopeOf({ [param]: { kind: 'value', expr: E.ident(placeholder), type: item } }, ctx.scope);
  // The conditions around the call hold in the callback too, except those about an outer item of the same name.
  const guards = (ctx.scope.guards ?? []).filter((guard) => !referencedRoots(guard).includes(placeholder));
  // An item of spec data is spec data: its optional fields are there from the start or never.
  const spec = isSpecData(valueOf(ctx.receiver), ctx.scope);
  const scope: Scope = { lookup: inner.lookup, guards, specItem: (name) => (name === placeholder ? spec : isSpecItem(ctx.scope, name)) };
  const compiled = body(callbackBody(fn), scope);
  // Every name the body has (free roots, and variables of inner macros the placeholder may sit under) is taken.
  const taken = identifierNames(compiled);
  const name = celVariableName(param, (candidate) => taken.has(candidate));
  return [name, renameIdent(compiled, placeholder, name)];
}

/**
 * The callback of an unrolled method (unrolled-lists.ts): its body with the parameter bound to one item, an
 * object known by name (a resource's id), so every condition around the call holds in it as it is.
 */
export function itemCallback(ctx: MethodContext, item: CelType): (value: Expr) => { node: Node; scope: Scope } {
  const { fn, param } = callbackOf(ctx);
  const node = callbackBody(fn);
  return (value) => {
    const inner = scopeOf({ [param]: { kind: 'value', expr: value, type: item } }, ctx.scope);
    const own = value.kind === 'ident' ? value.name : undefined;
    return { node, scope: { lookup: inner.lookup, guards: ctx.scope.guards ?? [], specItem: (name) => name !== own && isSpecItem(ctx.scope, name) } };
  };
}

/** The inline one-parameter function a list method is given, and its parameter's name. */
function callbackOf(ctx: MethodContext): { fn: Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>; param: string } {
  arity(ctx, 'callback', 1, 1);
  const fn = unwrap(ctx.args[0] as Node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') throw syntaxError(fn, 'the callback must be an inline function', 'write `(x) => ...` inline');
  const [param, ...rest] = fn.params;
  if (rest.length > 0) throw syntaxError(fn, 'index parameters have no CEL macro equivalent', 'use one parameter, or Cel.expr(...) with a two-variable comprehension');
  if (param?.type !== 'Identifier') throw syntaxError(fn, 'the callback must take one plain parameter', 'write `(x) => ...`');
  return { fn, param: param.name };
}

function callbackBody(fn: Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>): Node {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  if (fn.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument) return only.argument;
  throw syntaxError(fn, 'a callback body must be one expression (or a single return)', 'write `(x) => expression`');
}
