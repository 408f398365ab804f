/**
 * The factory calls a helper function makes, read from its source (issue 10). JavaScript runs a helper once,
 * at definition time, on placeholders: a factory call under `if (!s.enabled)` inside it is skipped for every
 * instance, and one under `if (s.enabled)` is made for every instance, whatever the spec says. So every
 * helper the composition calls is read here, through the helpers it calls in turn (same file, imported,
 * arrow or declaration), whether JavaScript ran it or not, and the same checks refuse a resource under a
 * condition or a loop on a reference inside it (helper-scope.ts `refuseGuards`). A helper call JavaScript
 * skipped is then made from these calls (skipped-calls.ts).
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { enclosingContext, factoryCallsIn } from '../analysis/composition.js';
import { functionScope, type IsFactoryCall } from '../analysis/local-scope.js';
import { bindArguments } from '../analysis/pattern-bindings.js';
import { namedBinding, type Binding, type FunctionLike, type Scope } from '../analysis/scope.js';
import type { CallNode } from '../analysis/source.js';
import { refuseGuards } from './helper-scope.js';

/** One factory call reached through helpers, with the scope its arguments are compiled in. */
export interface HelperFactoryCall {
  /** The calls from the first helper's body to the factory call (the factory call last). */
  readonly chain: readonly CallNode[];
  /** The innermost helper's scope, its parameters bound to the arguments of the calls of the chain. */
  readonly scope: Scope;
  /**
   * The first condition or loop inside the helpers around the call (on constants: one on a reference is
   * refused): JavaScript decides it when it runs the helper, so a skipped helper call cannot be made past it.
   */
  readonly guard?: Node;
}

/**
 * The factory calls a call of a helper leads to, through the helpers it calls, refusing (at its place) any
 * such call under a condition, a loop or a jump that reads a reference. Empty for a call of anything else.
 *
 * @example
 * ```ts
 * // function maybe(s) { if (!s.enabled) ConfigMap({ name: 'maybe', data: {} }); }   ...   maybe(spec)
 * helperFactoryCalls(callOfMaybe, compositionScope, isFactoryCall); // throws: a condition on a reference inside a helper
 * ```
 */
export function helperFactoryCalls(call: CallNode, callerScope: Scope, isFactoryCall: IsFactoryCall, seen: readonly FunctionLike[] = []): HelperFactoryCall[] {
  const helper = helperOf(call, callerScope);
  if (!helper || seen.includes(helper.fn)) return [];
  const params = bindArguments(helper.fn, call, callerScope, helper.scope);
  const scope = functionScope(helper.fn, helper.scope, isFactoryCall, params);
  const found: HelperFactoryCall[] = [];
  for (const inner of factoryCallsIn(helper.fn)) {
    const made = isFactoryCall(inner) ? [{ chain: [], scope }] : helperFactoryCalls(inner, scope, isFactoryCall, [...seen, helper.fn]);
    if (made.length === 0) continue;
    const context = enclosingContext(helper.fn, inner);
    // A function nested in the helper (not a loop callback) is read where the helper calls it.
    if (context.insideHelper) continue;
    refuseGuards(helper.fn, inner, scope);
    const guard = context.conditions[0]?.test ?? context.loops[0]?.source;
    for (const each of made) found.push({ chain: [inner, ...each.chain], scope: each.scope, ...((guard ?? each.guard) && { guard: guard ?? each.guard }) });
  }
  return found;
}

/** The function a call's callee names (through `const f = helper` and namespace imports), with the scope it is defined in. */
export function helperOf(call: CallNode, scope: Scope): { fn: FunctionLike; scope: Scope } | undefined {
  if (call.type === 'NewExpression') return undefined;
  let binding: Binding | undefined = namedBinding(unwrap(call.callee as Node), scope)?.binding;
  for (let hops = 0; binding?.kind === 'alias' && hops < 16; hops++) binding = namedBinding(unwrap(binding.node), binding.scope)?.binding;
  return binding?.kind === 'function' ? { fn: binding.fn, scope: binding.scope } : undefined;
}
