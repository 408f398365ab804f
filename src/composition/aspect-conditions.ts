/**
 * `withIncludeWhen` / `withReadyWhen` called on a handle under a condition (or in a loop) on a reference that
 * does not also enclose the resource: `const dbg = ConfigMap(...); if (spec.env === 'prod') dbg.withIncludeWhen(spec.debug)`.
 * JavaScript decides that condition once, at definition time, on a placeholder, so the call is made for every
 * instance or for none; the graph has no statement order in which to decide it per instance.
 */
import type { ConditionalExpression, LogicalExpression, Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { factoryCallsIn, guardsOf, type EnclosingCondition, type EnclosingLoop, type FunctionNode } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { CONDITION_METHODS, handleBase, handleMethodCall, handleOrigin, originOf } from '../analysis/handle-methods.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { FunctionLike, Scope } from '../analysis/scope.js';
import { snippetOf, type CallNode } from '../analysis/source.js';
import { caseTestText } from '../analysis/switch-cases.js';
import { isReferenceLoop } from './collections.js';
import { helperOf } from './helper-calls.js';

/**
 * Refuses a condition method whose call sits under a condition or loop on a reference its resource is not
 * under: called directly, or by a helper (same file or imported, through the helpers it calls) the handle is
 * passed to (`if (spec.strict) addProbe(web)` with `addProbe = (d) => d.withReadyWhen(...)`), whose call stands
 * for the method's.
 */
export function checkConditionalAspects(fn: FunctionNode, scope: Scope): void {
  for (const call of factoryCallsIn(fn)) {
    const method = handleMethodCall(call);
    if (method && CONDITION_METHODS.has(method.name)) {
      checkAt(fn, scope, call, { method: method.name, handle: method.receiver, origin: originOf(fn, method) });
      continue;
    }
    for (const { name, position } of helperConditionMethods(call, scope, [])) {
      const argument = call.arguments[position];
      if (!argument || argument.type === 'SpreadElement' || argument.type === 'ArgumentPlaceholder') continue;
      checkAt(fn, scope, call, { method: name, handle: argument, origin: handleOrigin(fn, argument), helper: call.callee as Node });
    }
  }
}

/** A condition method applied to a handle at `call`: directly, or by the helper `helper` it is passed to. */
interface Applied {
  readonly method: string;
  readonly handle: Node;
  /** Where the resource is made (see originOf); none for a parameter or an outer name. */
  readonly origin: Node | undefined;
  readonly helper?: Node;
}

function checkAt(fn: FunctionNode, scope: Scope, call: CallNode, applied: Applied): void {
  const choice = referenceChoice(fn, scope, applied.handle, 0);
  if (choice) throw chosenHandle(call, applied, choice);
  if (!applied.origin) return;
  const made = guardsOf(fn, applied.origin);
  const here = guardsOf(fn, call);
  const condition = here.conditions.find((candidate) => !made.conditions.some((same) => sameCondition(same, candidate)) && mentionsReferences(candidate.test, scope));
  const loop = here.loops.find((candidate) => !made.loops.some((same) => same.source === candidate.source) && isReferenceLoop(candidate, scope));
  if (condition || loop) throw conditionalAspect(call, applied, condition, loop);
}

/**
 * The ternary or `&&`/`||`/`??` on a reference that chooses the handle a condition method is called on:
 * `(spec.on ? cm : undefined)?.withIncludeWhen(...)`, also through the `const` names bound to it. JavaScript
 * made that choice once, on a placeholder, so the method applied to the handle it chose for every instance.
 */
function referenceChoice(fn: FunctionNode, scope: Scope, handle: Node, depth: number): ConditionalExpression | LogicalExpression | undefined {
  const node = handleOrigin(fn, handle);
  if (!node || depth > 8) return undefined;
  if (node.type === 'VariableDeclarator') return node.init ? referenceChoice(fn, scope, node.init, depth + 1) : undefined;
  if (node.type === 'ConditionalExpression') {
    return mentionsReferences(node.test, scope) ? node : (referenceChoice(fn, scope, node.consequent, depth + 1) ?? referenceChoice(fn, scope, node.alternate, depth + 1));
  }
  if (node.type === 'LogicalExpression') return mentionsReferences(node.left, scope) ? node : referenceChoice(fn, scope, node.right, depth + 1);
  return undefined;
}

/**
 * The condition methods a call of a helper applies to the handles it is given: `{ name, position }` for each
 * `withIncludeWhen`/`withReadyWhen` its body (or a helper it passes the parameter on to) calls on its
 * parameter at `position`. Empty for a call of anything else.
 */
function helperConditionMethods(call: CallNode, scope: Scope, seen: readonly FunctionLike[]): { name: string; position: number }[] {
  const helper = helperOf(call, scope);
  if (!helper || seen.includes(helper.fn)) return [];
  const position = (node: Node): number => {
    const base = handleBase(node);
    return base.type === 'Identifier' ? helper.fn.params.findIndex((param) => param.type === 'Identifier' && param.name === base.name) : -1;
  };
  const found: { name: string; position: number }[] = [];
  for (const inner of factoryCallsIn(helper.fn)) {
    const method = handleMethodCall(inner);
    if (method) {
      if (CONDITION_METHODS.has(method.name) && position(method.receiver) >= 0) found.push({ name: method.name, position: position(method.receiver) });
      continue;
    }
    for (const passed of helperConditionMethods(inner, helper.scope, [...seen, helper.fn])) {
      const argument = inner.arguments[passed.position];
      const at = argument && argument.type !== 'SpreadElement' && argument.type !== 'ArgumentPlaceholder' ? position(argument) : -1;
      if (at >= 0) found.push({ name: passed.name, position: at });
    }
  }
  return found;
}

function sameCondition(a: EnclosingCondition, b: EnclosingCondition): boolean {
  return a.test === b.test && a.negated === b.negated;
}

/** The way out of {@link referenceChoice}: the choice written into the condition, on the handle itself. */
function chosenHandle(call: Node, applied: Applied, choice: ConditionalExpression | LogicalExpression): Error {
  const { method } = applied;
  const test = snippetOf(choice.type === 'ConditionalExpression' ? choice.test : choice.left);
  // Each handle the choice can give, and the condition under which it is not chosen (its method did not apply).
  const options: [Node, string][] =
    choice.type === 'ConditionalExpression'
      ? [[choice.consequent, `!(${test})`], [choice.alternate, `(${test})`]]
      : [[choice.right, choice.operator === '&&' ? `!(${test})` : `(${test})`]];
  const [handle, unchosen] = options.find(([node]) => !isNothing(node)) ?? [undefined, `!(${test})`];
  // A factory call chosen inline has no name yet: the way out binds it to one.
  const name = handle && unwrap(handle).type === 'Identifier' ? snippetOf(handle) : '<its const>';
  const rewrite = method === 'withIncludeWhen' ? `\`${name}.withIncludeWhen(${unchosen} || <your condition>)\`` : `\`${name}.withReadyWhen((self) => ${unchosen} || <your check on self>)\``;
  const by = applied.helper ? ` by \`${snippetOf(applied.helper)}\`` : '';
  return syntaxError(
    call,
    `\`${method}\` is called${by} on \`${snippetOf(applied.handle)}\`, a handle chosen by \`${test}\`, which reads a reference: JavaScript chose it once, at definition time, on a placeholder, so the ${method === 'withIncludeWhen' ? 'includeWhen' : 'readyWhen'} would apply to the same resource for every instance or for none`,
    `call it on the resource's own name (the const its factory call is bound to), with the choice written into the condition: ${rewrite}`,
  );
}

/** `undefined` or `null`: what a choice gives when it gives no handle. */
function isNothing(node: Node): boolean {
  const bare = unwrap(node);
  return bare.type === 'NullLiteral' || (bare.type === 'Identifier' && bare.name === 'undefined');
}

function conditionalAspect(call: Node, applied: Applied, condition: EnclosingCondition | undefined, loop: EnclosingLoop | undefined): Error {
  const { method } = applied;
  const handle = snippetOf(applied.handle);
  const by = applied.helper ? ` by \`${snippetOf(applied.helper)}\`` : '';
  const where = condition ? `under \`${snippetOf(condition.test)}\`, which reads a reference,` : `in the loop over \`${snippetOf(loop!.source)}\``;
  const test = condition ? `${condition.negated ? '' : '!'}(${caseTestText(condition.test) ?? snippetOf(condition.test)})` : undefined;
  const rewrite = method === 'withIncludeWhen' ? `\`${handle}.withIncludeWhen(${test ?? '<condition>'} || <your condition>)\`` : `\`${handle}.withReadyWhen((self) => ${test ?? '<condition>'} || <your check on self>)\``;
  return syntaxError(
    call,
    `\`${method}\` is called on \`${handle}\`${by} ${where} while the resource is created outside it: JavaScript decided it once, at definition time, on a placeholder, so the ${method === 'withIncludeWhen' ? 'includeWhen' : 'readyWhen'} would apply to every instance or to none`,
    condition
      ? `put the condition into the argument: ${rewrite}, or create the resource inside the branch`
      : 'call it where the resource is created, with a condition that reads the item, or create the resource inside the loop',
  );
}
