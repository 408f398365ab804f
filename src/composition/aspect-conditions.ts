/**
 * `withIncludeWhen` / `withReadyWhen` called on a handle under a condition (or in a loop) on a reference that
 * does not also enclose the resource: `const dbg = ConfigMap(...); if (spec.env === 'prod') dbg.withIncludeWhen(spec.debug)`.
 * JavaScript decides that condition once, at definition time, on a placeholder, so the call is made for every
 * instance or for none; the graph has no statement order in which to decide it per instance.
 */
import type { Node } from '@babel/types';
import { factoryCallsIn, guardsOf, parentIn, type EnclosingCondition, type EnclosingLoop, type FunctionNode } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Scope } from '../analysis/scope.js';
import { snippetOf, type CallNode } from '../analysis/source.js';
import { isReferenceLoop } from './collections.js';

const CONDITION_METHODS = new Set(['withIncludeWhen', 'withReadyWhen']);

/** Refuses a condition method whose call sits under a condition or loop on a reference its resource is not under. */
export function checkConditionalAspects(fn: FunctionNode, scope: Scope): void {
  for (const call of factoryCallsIn(fn)) {
    const method = conditionMethod(call);
    if (!method) continue;
    const origin = originOf(fn, method.receiver);
    if (!origin) continue;
    const made = guardsOf(fn, origin);
    const here = guardsOf(fn, call);
    const condition = here.conditions.find((candidate) => !made.conditions.some((same) => sameCondition(same, candidate)) && mentionsReferences(candidate.test, scope));
    const loop = here.loops.find((candidate) => !made.loops.some((same) => same.source === candidate.source) && isReferenceLoop(candidate, scope));
    if (condition || loop) throw conditionalAspect(call, method.name, method.receiver, condition, loop);
  }
}

function conditionMethod(call: CallNode): { name: string; receiver: Node } | undefined {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return undefined;
  const callee = call.callee;
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return CONDITION_METHODS.has(callee.property.name) ? { name: callee.property.name, receiver: callee.object } : undefined;
}

/**
 * Where the handle a condition method is called on comes from: the start of a chain of such calls (a factory
 * or helper call, whose guards are the resource's), or the declaration of the variable holding it.
 */
function originOf(fn: FunctionNode, receiver: Node): Node | undefined {
  let node = receiver;
  for (let method = node.type === 'CallExpression' ? conditionMethod(node) : undefined; method; method = node.type === 'CallExpression' ? conditionMethod(node) : undefined) node = method.receiver;
  while (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression') node = node.expression;
  if (node.type !== 'Identifier') return node;
  return declarationOf(fn, node);
}

/** The nearest `const`/`let` declaring `name` before its use, in a block around the use (parameters and outer names: none). */
function declarationOf(fn: FunctionNode, use: Node & { name: string }): Node | undefined {
  for (let child: Node = use, parent = parentIn(fn, use); parent; child = parent, parent = parentIn(fn, parent)) {
    const statements = parent.type === 'BlockStatement' || parent.type === 'Program' ? parent.body : undefined;
    if (!statements) continue;
    const before = statements.slice(0, statements.indexOf(child as never));
    for (const statement of before.reverse()) {
      if (statement.type !== 'VariableDeclaration') continue;
      const declarator = statement.declarations.find((each) => each.id.type === 'Identifier' && each.id.name === use.name);
      if (declarator) return declarator;
    }
  }
  return undefined;
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
