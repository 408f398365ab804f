/**
 * Factory calls made inside helper functions (`function web(spec) { return Deployment({...}) }`, in the
 * same file or imported). The stack says which call of which helper led to the factory call; each helper's
 * parameters are bound to the arguments of the call into it, so the factory's argument is compiled from
 * the helper's source in terms of the composition's references.
 */
import type { Node } from '@babel/types';
import { unwrap, walk } from '../analysis/ast.js';
import { enclosingContext, type FunctionNode } from '../analysis/composition.js';
import { checkHelperFlow } from './control-flow.js';
import { syntaxError } from '../analysis/errors.js';
import { enclosingFunctions, enclosingScope, functionScope, type IsFactoryCall } from '../analysis/local-scope.js';
import { bindArguments } from '../analysis/pattern-bindings.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Binding, FunctionLike, Scope } from '../analysis/scope.js';
import { initialWrite } from '../analysis/writes.js';
import { findCallAt, parseSourceFile, type CallNode } from '../analysis/source.js';
import type { CallSite, CompositionSource } from './source-site.js';

/** The factory call itself and the scope its argument is compiled in. */
export interface CallScope {
  readonly call: CallNode;
  readonly scope: Scope;
}

export function callScope(site: CallSite, source: CompositionSource, compositionScope: Scope, isFactoryCall: IsFactoryCall, made = 'a resource is created'): CallScope {
  // A call TypeKro makes for a helper call JavaScript skipped: found from source with its scope (helper-calls.ts).
  if (site.made) return site.made;
  if (site.direct) return { call: site.call, scope: compositionScope };
  let call: CallNode = site.call;
  let scope = compositionScope;
  let outer: { file: string; fn: Node } = source;
  for (const frame of [...site.inner].reverse()) {
    const inner = findCallAt(frame.file, frame.line, frame.column);
    const fn = inner && enclosingFunctions(parseSourceFile(frame.file).program, inner).at(-1);
    if (!inner || !fn) break;
    const parent = fn === outer.fn || !contains(outer, frame.file, fn) ? (contains(source, frame.file, fn) ? compositionScope : enclosingScope(frame.file, fn, isFactoryCall)) : scope;
    const params = isCallbackOf(call, fn) ? callbackParams(fn, call, scope) : bindArguments(fn, call, scope, parent);
    scope = functionScope(fn, parent, isFactoryCall, params);
    refuseGuards(fn, inner, scope, made);
    call = inner;
    outer = { file: frame.file, fn };
  }
  return { call, scope };
}

/**
 * Conditions and loops inside a helper that depend on references cannot become includeWhen/forEach: the one
 * check for a factory call inside a helper, whether JavaScript made it (the run) or skipped it (helper-calls.ts).
 */
export function refuseGuards(fn: FunctionLike, call: CallNode, scope: Scope, made = 'a resource is created'): void {
  const context = enclosingContext(fn, call);
  for (const condition of context.conditions) {
    if (mentionsReferences(condition.test, scope)) {
      throw syntaxError(condition.test, `${made} under a condition on a reference inside a helper function`, 'move the condition into the composition function (it becomes includeWhen there)');
    }
  }
  for (const loop of context.loops) {
    if (mentionsReferences(loop.source, scope)) {
      throw syntaxError(loop.source, `${made} in a loop over a reference inside a helper function`, 'move the loop into the composition function (it becomes forEach there)');
    }
  }
  checkHelperFlow(fn as FunctionNode, call, context.loops, scope);
}

/** A callback run by native code (`xs.map(cb)` inside a helper): its parameters' values are not in the source. */
function isCallbackOf(call: CallNode, fn: FunctionLike): boolean {
  return call.arguments.some((arg) => unwrap(arg) === fn);
}

function callbackParams(fn: FunctionLike, call: CallNode, scope: Scope): Record<string, Binding> {
  const receiver = call.type !== 'NewExpression' && (call.callee.type === 'MemberExpression' || call.callee.type === 'OptionalMemberExpression') ? call.callee.object : call;
  const bindings: Record<string, Binding> = {};
  for (const param of fn.params) {
    walk(param, (node) => {
      if (node.type === 'Identifier') {
        bindings[node.name] = { kind: 'opaque', why: `\`${node.name}\` is a callback parameter`, writes: [initialWrite(receiver)], scope };
      }
    });
  }
  return bindings;
}

function contains(outer: { file: string; fn: Node }, file: string, node: Node): boolean {
  return outer.file === file && (outer.fn.start ?? 0) <= (node.start ?? -1) && (node.end ?? 0) <= (outer.fn.end ?? -1);
}
