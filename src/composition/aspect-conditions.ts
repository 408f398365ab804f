/**
 * `withIncludeWhen` / `withReadyWhen` called on a handle under a condition (or in a loop) on a reference that
 * does not also enclose the resource: `const dbg = ConfigMap(...); if (spec.env === 'prod') dbg.withIncludeWhen(spec.debug)`.
 * JavaScript decides that condition once, at definition time, on a placeholder, so the call is made for every
 * instance or for none; the graph has no statement order in which to decide it per instance.
 */
import type { Node } from '@babel/types';
import { factoryCallsIn, guardsOf, type EnclosingCondition, type EnclosingLoop, type FunctionNode } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { CONDITION_METHODS, handleMethodCall, originOf } from '../analysis/handle-methods.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Scope } from '../analysis/scope.js';
import { snippetOf } from '../analysis/source.js';
import { isReferenceLoop } from './collections.js';

/** Refuses a condition method whose call sits under a condition or loop on a reference its resource is not under. */
export function checkConditionalAspects(fn: FunctionNode, scope: Scope): void {
  for (const call of factoryCallsIn(fn)) {
    const method = handleMethodCall(call);
    if (!method || !CONDITION_METHODS.has(method.name)) continue;
    const origin = originOf(fn, method);
    if (!origin) continue;
    const made = guardsOf(fn, origin);
    const here = guardsOf(fn, call);
    const condition = here.conditions.find((candidate) => !made.conditions.some((same) => sameCondition(same, candidate)) && mentionsReferences(candidate.test, scope));
    const loop = here.loops.find((candidate) => !made.loops.some((same) => same.source === candidate.source) && isReferenceLoop(candidate, scope));
    if (condition || loop) throw conditionalAspect(call, method.name, method.receiver, condition, loop);
  }
}

function sameCondition(a: EnclosingCondition, b: EnclosingCondition): boolean {
  return a.test === b.test && a.negated === b.negated;
}

function conditionalAspect(call: Node, method: string, receiver: Node, condition: EnclosingCondition | undefined, loop: EnclosingLoop | undefined): Error {
  const handle = snippetOf(receiver);
  const where = condition ? `under \`${snippetOf(condition.test)}\`, which reads a reference,` : `in the loop over \`${snippetOf(loop!.source)}\``;
  const test = condition ? `${condition.negated ? '' : '!'}(${snippetOf(condition.test)})` : undefined;
  const rewrite = method === 'withIncludeWhen' ? `\`${handle}.withIncludeWhen(${test ?? '<condition>'} || <your condition>)\`` : `\`${handle}.withReadyWhen((self) => ${test ?? '<condition>'} || <your check on self>)\``;
  return syntaxError(
    call,
    `\`${method}\` is called on \`${handle}\` ${where} while the resource is created outside it: JavaScript decided it once, at definition time, on a placeholder, so the ${method === 'withIncludeWhen' ? 'includeWhen' : 'readyWhen'} would apply to every instance or to none`,
    condition
      ? `put the condition into the argument: ${rewrite}, or create the resource inside the branch`
      : 'call it where the resource is created, with a condition that reads the item, or create the resource inside the loop',
  );
}
