/**
 * Parameters and destructuring patterns as bindings: a function's parameters bound to the arguments of the
 * call being analysed (`bindParams`), a composition's destructured spec parameter (`bindPattern`), and the
 * names any pattern binds with the read each stands for (`patternBindings`, also what a `const { a } = x`
 * declares in local-scope.ts). Each name is an alias of the read, so a value computed from it is compiled
 * from source like any other.
 */
import type { Node, SpreadElement } from '@babel/types';
import { snippetOf, type CallNode } from './source.js';
import { passedArguments } from './call-arguments.js';
import { unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import { scopeOf, type Binding, type FunctionLike, type Scope } from './scope.js';
// Placed where the pattern is, so diagnostics point at the user's code.
import { synthesize as synth } from './synthesized.js';
import { initialWrite } from './writes.js';

/** An object pattern's rest element (`{ a, ...others }`): the keys it holds are decided by the data. */
export const restWhy = (name: string): string => `\`${name}\` collects the remaining properties (a rest pattern), which CEL cannot express`;
export const REST_HINT = 'read the properties you need by name (`const { a, b } = value`)';

/**
 * Bindings of a function's parameters to the argument nodes of a call, with JavaScript's scoping: each
 * argument is compiled where the call is (`callerScope`), while a default is compiled where the function is
 * defined (`definitionScope`), seeing the parameters before it (`(a, b = a + 'x')`). Plain, defaulted
 * (applied when the argument is `undefined`: `??`, `has()`-guarded for a field that may be unset),
 * destructured (`({ p, q = 'dq' })`) and rest (`(...xs)`: the list of the remaining arguments) parameters.
 * A missing argument is JavaScript's `undefined`.
 */
export function bindParams(fn: FunctionLike, args: readonly Node[], callerScope: Scope, definitionScope: Scope, unflattened?: Unflattened): Record<string, Binding> {
  const bindings: Record<string, Binding> = {};
  // Each argument under a name no source can write (`#arg0`), so that a pattern's reads of it stay in the caller's scope.
  const argumentsByName: Record<string, Binding> = {};
  const paramScope = scopeOf(argumentsByName, scopeOf(bindings, definitionScope));
  fn.params.forEach((param, index) => {
    const rest = param.type === 'RestElement';
    if (unflattened && (rest || index >= args.length)) {
      for (const [name] of patternBindings(rest ? param.argument : param, undefined)) bindings[name] = unflattenedBinding(name, unflattened, callerScope);
      return;
    }
    const arg = rest ? synth(param, { type: 'ArrayExpression', elements: args.slice(index) }) : args[index];
    const hidden = `#arg${index}`;
    if (arg) argumentsByName[hidden] = { kind: 'alias', node: arg, scope: callerScope };
    // A literal `null` is passed as itself: a default applies to `undefined` only, and `??` cannot tell them apart.
    const value = arg && isNull(arg) ? arg : synth(param, { type: 'Identifier', name: arg ? hidden : 'undefined' });
    for (const [name, node] of patternBindings(rest ? param.argument : param, value)) {
      bindings[name] = node
        ? { kind: 'alias', node, scope: paramScope }
        : { kind: 'opaque', why: restWhy(name), writes: arg ? [initialWrite(arg)] : [], scope: callerScope, hint: REST_HINT };
    }
  });
  return bindings;
}

/** {@link bindParams} to what `call` passes (call-arguments.ts `passedArguments`: spreads of array literals flattened). */
export function bindArguments(fn: FunctionLike, call: CallNode, callerScope: Scope, definitionScope: Scope): Record<string, Binding> {
  const passed = passedArguments(call);
  const callee = call.callee.type === 'V8IntrinsicIdentifier' ? 'f' : snippetOf(call.callee);
  return bindParams(fn, passed.args, callerScope, definitionScope, passed.unflattened && { spread: passed.unflattened, callee });
}

/**
 * A parameter at or after a spread whose items TypeKro cannot list (`mk(...spec.names)`): which item it gets
 * depends on the list's length. Refused where a compiled value needs it (compile-names.ts); a spread of a
 * constant list leaves it the value JavaScript gave it.
 */
interface Unflattened {
  readonly spread: SpreadElement;
  /** The called function as written, for the way out. */
  readonly callee: string;
}

function unflattenedBinding(name: string, { spread, callee }: Unflattened, callerScope: Scope): Binding {
  return {
    kind: 'opaque',
    why: `\`${name}\` is bound to an item of \`${snippetOf(spread)}\` (which one depends on the list; TypeKro reads a spread in a call only of an array literal written in place)`,
    writes: [initialWrite(spread.argument)],
    scope: callerScope,
    hint: `pass the values one by one (\`${callee}(a, b)\`), or spread an array literal written in place (\`${callee}(...[a, b])\`)`,
  };
}

/**
 * Bindings of a destructuring pattern over a value the compiler knows (the composition's spec parameter,
 * `({ prod, replicas = 3 }) =>`), with the meaning of `const { prod, replicas = 3 } = spec`: each name an
 * alias of its read, defaults compiled in `definitionScope`. A rest element has no CEL form: refused.
 */
export function bindPattern(pattern: Node, value: Binding, definitionScope: Scope, restHint: string): Record<string, Binding> {
  const bindings: Record<string, Binding> = {};
  // What holds where the pattern is (the conditions around it, which CEL names are spec items) holds in its reads and defaults.
  const scope: Scope = { ...definitionScope, lookup: scopeOf({ '#value': value }, scopeOf(bindings, definitionScope)).lookup };
  for (const [name, node] of patternBindings(pattern, synth(pattern, { type: 'Identifier', name: '#value' }))) {
    if (!node) throw syntaxError(restOf(pattern, name) ?? pattern, `\`${name}\` collects the remaining properties (a rest element), which CEL cannot express`, restHint);
    bindings[name] = { kind: 'alias', node, scope };
  }
  return bindings;
}

/** The rest element of `pattern` that binds `name`. */
function restOf(pattern: Node, name: string): Node | undefined {
  let found: Node | undefined;
  walk(pattern, (node) => {
    if (node.type === 'RestElement' && node.argument.type === 'Identifier' && node.argument.name === name) found = node;
    return found === undefined;
  });
  return found;
}

/**
 * The names a pattern binds, each with the expression it stands for: `const { a, b: { c = 1 } } = x` binds
 * `a` to `x.a` and `c` to `x.b.c ?? 1` (defaults apply to `undefined` only; KRO values are never `null`).
 * A rest element stands for nothing the compiler can express: it is bound to `undefined` init, i.e. opaque.
 */
export function patternBindings(pattern: Node, init: Node | undefined): [string, Node | undefined][] {
  switch (pattern.type) {
    case 'Identifier':
      return [[pattern.name, init]];
    case 'AssignmentPattern': {
      const withDefault = init && (isNull(init) ? init : synth(pattern, { type: 'LogicalExpression', operator: '??', left: init, right: pattern.right }));
      return patternBindings(pattern.left, withDefault);
    }
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => {
        if (property.type === 'RestElement') return patternBindings(property.argument, undefined);
        return patternBindings(property.value, init && synth(property, propertyRead(init, property.key, property.computed)));
      });
    case 'ArrayPattern':
      return pattern.elements.flatMap((element, index) => {
        if (!element) return [];
        // `...rest` is the list from `index` on: `init.slice(index)` (compile-calls.ts; marked for its messages).
        const read = element.type === 'RestElement'
          ? init && synth(element, { type: 'CallExpression', callee: { type: 'MemberExpression', object: init, property: { type: 'Identifier', name: 'slice' }, computed: false }, arguments: [{ type: 'NumericLiteral', value: index }], extra: { destructuringRest: true } })
          : init && synth(element, { type: 'MemberExpression', object: init, property: { type: 'NumericLiteral', value: index }, computed: true });
        return patternBindings(element.type === 'RestElement' ? element.argument : element, read);
      });
    default:
      return [];
  }
}

/**
 * The read a property of an object pattern stands for, as JavaScript reads it: `x.a` for `{ a }` and
 * `{ 'a': v }`, `x[0]` for `{ 0: v }`, `x[key]` for `{ [key]: v }` (the key compiled where the pattern is).
 */
function propertyRead(object: Node, key: Node, computed: boolean): Record<string, unknown> {
  const name = computed ? undefined : key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
  if (name !== undefined) return { type: 'MemberExpression', object, property: { type: 'Identifier', name }, computed: false };
  // `{ 0: v }` reads index 0 of a list (key 0 of an object); `{ [k]: v }` the key or index `k` stands for.
  return { type: 'MemberExpression', object, property: key, computed: true };
}

function isNull(node: Node): boolean {
  return unwrap(node).type === 'NullLiteral';
}
