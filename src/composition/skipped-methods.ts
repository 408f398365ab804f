/**
 * The handle methods of a factory call JavaScript skipped. `if (spec.env === 'prod') { const w = Deployment(...);
 * w.withReadyWhen((self) => ...) }` skips the whole branch at definition time: the resource is made from source
 * (skipped-calls.ts), and so must be what the branch does to it, or its readyWhen (and a separate
 * withIncludeWhen) would be silently dropped. A `withIncludeWhen` chained on the call itself is already one
 * of the call's conditions (`chainedConditions`).
 */
import type { Node } from '@babel/types';
import { enclosingContext } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { isFunctionNode } from '../analysis/ast.js';
import { methodCallsOn, type HandleMethodCall } from '../analysis/handle-methods.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { locationOf, type CallNode } from '../analysis/source.js';
import type { Scope } from '../analysis/scope.js';
import type { CallSite, CompositionSource } from './source-site.js';

/** What making the methods needs of the run (skipped-calls.ts's host). */
export interface MethodHost {
  readonly source: CompositionSource;
  readonly scope: Scope;
  callAt(site: CallSite, call: () => unknown): void;
}

/** Calls on `handle` (made for the skipped `call`) the condition methods the source calls on it. */
export function applyConditionMethods(host: MethodHost, call: CallNode, handle: unknown): void {
  const fn = host.source.fn;
  for (const method of methodCallsOn(fn, call)) {
    if (method.name === 'dependsOn') throw skippedDependsOn(method.call);
    if (method.chained && method.name === 'withIncludeWhen') continue;
    const argument = method.call.arguments[0];
    const input = inputFrom(argument, host, method);
    const location = locationOf(method.call) ?? { file: host.source.file, line: 0, column: 0 };
    const site: CallSite = { call: method.call, location, context: enclosingContext(fn, method.call), direct: true, inner: [] };
    host.callAt(site, () => (handle as Record<string, (value: unknown) => unknown>)[method.name]!(input));
  }
}

/**
 * What JavaScript would have passed: a callback (compiled from its source, never run), a condition over
 * references (compiled from source), or a literal; anything else only running the branch could give.
 */
function inputFrom(argument: Node | undefined, host: MethodHost, method: HandleMethodCall): unknown {
  if (argument && isFunctionNode(argument)) return () => true;
  if (argument && argument.type !== 'SpreadElement' && argument.type !== 'ArgumentPlaceholder' && mentionsReferences(argument, host.scope)) return true;
  if (argument?.type === 'BooleanLiteral' || argument?.type === 'StringLiteral') return argument.value;
  throw syntaxError(
    argument ?? method.call,
    `this \`${method.name}\` did not run when the composition was defined (its branch was decided on a placeholder value), and its argument is not a callback, a condition over the spec or resources, or a literal, which TypeKro could compile from source`,
    'write the condition inline (`.withReadyWhen((self) => self.status.readyReplicas > 0)`), or make the branch condition a boolean spec field itself (`if (spec.prod)`), which JavaScript enters',
  );
}

function skippedDependsOn(call: CallNode): Error {
  return syntaxError(
    call,
    'this `dependsOn` did not run when the composition was defined (its branch was decided on a placeholder value), and TypeKro cannot make its targets from source',
    'make the branch condition a boolean spec field itself (`if (spec.prod)`), which JavaScript enters, or declare the order where both resources are created unconditionally',
  );
}
