/** The one-parameter callback a list method is given (`list.some((x) => ...)`), compiled over a CEL macro variable or one item. */
import type { Node } from '@babel/types';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import { functionAlias, namedBinding, scopeOf, type Binding, type Scope } from './scope.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { identifierNames, renameIdent } from './rename.js';
import { celVariableName } from '../util/cel-names.js';
import { valueOf } from './typed.js';
import { isSpecData, isSpecItem } from './absent-spec.js';
import { filteredItemGuards } from './filtered-items.js';
import { arity, type MethodContext } from './call-arguments.js';
import { synthesize } from './synthesized.js';
import { snippetOf } from './source.js';
import { isPattern, patternItemName } from './loop-items.js';
import { bindPattern } from './pattern-bindings.js';

const REST_HINT = 'read the properties you need by name (`({ a, b }) => ...`)';

/**
 * Compiles a one-parameter callback body with the parameter bound to a CEL macro variable. The variable
 * keeps the JavaScript name unless CEL cannot have it (a reserved word such as `namespace`, a CEL type name
 * such as `type`, a KRO name such as `schema`) or the body has that name too (e.g. a resource id): then it
 * gets the name util/cel-names gives (`namespaceItem`), as a loop variable's iterator does. The body is
 * compiled with a placeholder, so only the parameter is renamed.
 */
export function lambda(ctx: MethodContext, item: CelType, body: (node: Node, scope: Scope) => Expr): [string, Expr] {
  const { body: callback, param, pattern } = callbackOf(ctx);
  // A destructured item has no name in the source: its placeholder is the callback's own, so an inner
  // callback's item can never be taken for it (a plain parameter of the same name shadows, as in JavaScript).
  const placeholder = pattern ? `__typekro_lambda_${param}_${pattern.start ?? 0}` : `__typekro_lambda_${param}`;
  // The conditions around the call hold in the callback too, except those about an outer item of the same name;
  // so does the test of a filter the list comes from, for its item (filtered-items.ts).
  const outer = (ctx.scope.guards ?? []).filter((guard) => !referencedRoots(guard).includes(placeholder));
  const guards = [...outer, ...filteredItemGuards(valueOf(ctx.receiver), placeholder)];
  // An item of spec data is spec data: its optional fields are there from the start or never.
  const spec = isSpecData(valueOf(ctx.receiver), ctx.scope);
  const specItem = (name: string): boolean => (name === placeholder ? spec : isSpecItem(ctx.scope, name));
  const scope = itemScope(ctx, { kind: 'value', expr: E.ident(placeholder), type: item }, param, pattern, { guards, specItem });
  const compiled = body(callback, scope);
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
  const { body: node, param, pattern } = callbackOf(ctx);
  return (value) => {
    const own = value.kind === 'ident' ? value.name : undefined;
    const facts = { guards: ctx.scope.guards ?? [], specItem: (name: string) => name !== own && isSpecItem(ctx.scope, name) };
    return { node, scope: itemScope(ctx, { kind: 'value', expr: value, type: item }, param, pattern, facts) };
  };
}

/**
 * The scope of a callback's body: its parameter bound to the item, or, for a destructured parameter
 * (`({ name, replicas = 1 }) => ...`), each name of the pattern bound to its read from the item, with its
 * default, as `for (const { name, replicas = 1 } of list)` binds them (loop-items.ts, pattern-bindings.ts):
 * JavaScript evaluates a default where the callback is written, seeing the names before it.
 */
function itemScope(ctx: MethodContext, item: Binding, param: string, pattern: Node | undefined, facts: Pick<Scope, 'guards' | 'specItem'>): Scope {
  const at = (lookup: Scope['lookup']): Scope => ({ lookup, ...facts });
  if (!pattern) return at(scopeOf({ [param]: item }, ctx.scope).lookup);
  const names = bindPattern(pattern, item, at(ctx.scope.lookup), REST_HINT);
  return at(scopeOf(names, ctx.scope).lookup);
}

/**
 * The one-parameter function a list method is given, its parameter's name (a destructured one's: the name
 * loop-items.ts gives it, the base of its CEL variable) and the body to compile with it bound.
 */
function callbackOf(ctx: MethodContext): { body: Node; param: string; pattern?: Node } {
  arity(ctx, 'callback', 1, 1);
  const fn = unwrap(ctx.args[0] as Node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return namedCallback(ctx, fn);
  const [param, ...rest] = fn.params;
  if (rest.length > 1) throw extraParameters(ctx, fn, rest);
  if (rest.length > 0) throw syntaxError(fn, 'index parameters have no CEL macro equivalent', 'use one parameter, or Cel.expr(...) with a two-variable comprehension');
  if (param && isPattern(param)) return { body: callbackBody(fn), param: patternItemName(fn) ?? 'item', pattern: param };
  if (param?.type === 'AssignmentPattern' && param.left.type === 'Identifier') {
    const [name, fallback] = [param.left.name, snippetOf(param.right)];
    throw syntaxError(param, `the default of the callback's item (\`${snippetOf(param)}\`) applies to an item that is \`undefined\`, which TypeKro does not compile`, `take the item as it is and choose in the body: \`(${name}) => (${name} === undefined ? ${fallback} : ${name})\``);
  }
  if (param?.type !== 'Identifier') throw syntaxError(fn, 'the callback must take one plain parameter or a destructuring pattern', 'write `(x) => ...` or `({ name, port = 80 }) => ...`');
  return { body: callbackBody(fn), param: param.name };
}

/**
 * `(x, i, list, n = d.status.x) => ...`: the method passes the item, its index and the list, and a parameter after
 * those is always its default; CEL's macros give the item alone. The way out names the defaults to inline.
 */
function extraParameters(ctx: MethodContext, fn: Node, rest: readonly Node[]): Error {
  const method = methodName(ctx);
  const defaults = rest.slice(2).flatMap((param) => (param.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? [`\`${param.left.name}\` by \`${snippetOf(param.right)}\``] : []));
  const inline = defaults.length > 0 ? `; a parameter after the list is never passed, so it is always its default: replace ${defaults.join(', ')} where it is read` : '';
  return syntaxError(fn, `\`.${method}\` passes its callback the item, the item's index and the list, and CEL's macros give only the item`, `take the item alone (\`(x) => ...\`)${inline}`);
}

/** Global functions that read only their first argument, so passing one by name (`list.filter(Boolean)`) means calling it on the item. */
const ONE_ARGUMENT_GLOBALS = new Set(['Boolean', 'String', 'Number', 'parseFloat']);

/**
 * A function passed by name (`list.every(isReady)`, `H.isReady`, `Boolean`): JavaScript calls it with the
 * item, its index and the list, so it means `(x) => isReady(x)` when it reads one parameter, and is compiled as
 * that call (the helper inlined as anywhere else). One that declares more parameters would read the index or
 * the list, which CEL's macros do not give: refused.
 */
function namedCallback(ctx: MethodContext, callee: Node): { body: Node; param: string } {
  const root = rootName(callee);
  const named = callee.type === 'Identifier' ? { name: callee.name, binding: ctx.scope.lookup(callee.name, callee) } : namedBinding(callee, ctx.scope);
  const binding = functionAlias(named?.binding);
  const global = callee.type === 'Identifier' && !named?.binding && ONE_ARGUMENT_GLOBALS.has(callee.name);
  if (callee.type === 'Identifier' && !named?.binding && callee.name === 'parseInt') {
    throw syntaxError(callee, `\`parseInt\` passed by name is given the item's index as its radix (\`['10', '10'].map(parseInt)\` is [10, NaN])`, `call it with the item alone: \`.${methodName(ctx)}((x) => parseInt(x))\``);
  }
  if (!root || !named || (binding?.kind !== 'function' && !global)) throw syntaxError(callee, 'the callback must be an inline function', 'write `(x) => ...` inline');
  const text = snippetOf(callee);
  const method = methodName(ctx);
  if (binding?.kind === 'function') {
    const params = binding.fn.params;
    if (params.length > 1 || params[0]?.type === 'RestElement') {
      throw syntaxError(
        callee,
        `\`${text}\` declares ${params[0]?.type === 'RestElement' ? 'a rest parameter' : `${params.length} parameters`}: \`${method}\` passes it the item, the item's index and the list, and CEL's macros give only the item`,
        `call it with the item alone: \`.${method}((x) => ${text}(x))\``,
      );
    }
  }
  const first = binding?.kind === 'function' ? binding.fn.params[0] : undefined;
  const own = first?.type === 'Identifier' ? first.name : 'x';
  // The item's name must not hide the function's.
  const param = own === root ? `${own}Item` : own;
  const call = synthesize(callee, { type: 'CallExpression', callee, arguments: [synthesize(callee, { type: 'Identifier', name: param })] });
  return { body: call, param };
}

/** The name a callee is read through: `isReady`, `H` of `H.isReady`. */
function rootName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) return rootName(unwrap(node.object));
  return undefined;
}

function methodName(ctx: MethodContext): string {
  const callee = ctx.node.callee;
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.property.type === 'Identifier' ? callee.property.name : 'callback';
}

function callbackBody(fn: Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>): Node {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  if (fn.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument) return only.argument;
  throw syntaxError(fn, 'a callback body must be one expression (or a single return)', 'write `(x) => expression`');
}
