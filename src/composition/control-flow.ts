/**
 * Control flow JavaScript decided on placeholders (issue 10). The composition runs once, at definition time:
 * a `break`, `continue` or early `return` in a loop over a reference ran (or not) for one placeholder item,
 * while KRO's forEach creates the resource for every item; a jump or `throw` under a condition on a
 * reference was decided for every instance at once. Such statements change which resources exist, and no
 * includeWhen or forEach says the same, so the definition fails where they are written.
 */
import type { Node, SwitchStatement } from '@babel/types';
import { guardsOf, parentIn, type EnclosingLoop, type FunctionNode } from '../analysis/composition.js';
import { jumpsBeforeIn, type LeavingJump } from '../analysis/control-flow-guards.js';
import { syntaxError } from '../analysis/errors.js';
import { jumpsOf, throwsIn, type LoopJump } from '../analysis/jumps.js';
import { jumpInsideCase } from '../analysis/switch-cases.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { scopeOf, type Scope } from '../analysis/scope.js';
import { E } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { snippetOf } from '../analysis/source.js';
import { isReferenceLoop } from './collections.js';

/**
 * Refuses the jumps in the loops around a resource that JavaScript decided on placeholders: any in a loop
 * over a reference (except a last `continue`/`return`, which skips nothing), and in a loop over constants
 * those under a condition that reads a reference.
 */
export function checkLoopJumps(loops: readonly EnclosingLoop[], scope: Scope): void {
  for (const loop of loops) {
    const overReference = isReferenceLoop(loop, scope);
    for (const jump of jumpsOf(loop)) {
      if (jump.final) continue;
      if (overReference) throw jumpInReferenceLoop(jump, loop);
      const condition = jump.conditions.find(({ test }) => mentionsReferences(test, scope));
      if (condition) throw jumpOnReference(jump, condition.test);
    }
  }
}

function jumpInReferenceLoop(jump: LoopJump, loop: EnclosingLoop): Error {
  const list = snippetOf(loop.source);
  if (jump.kind === 'break') {
    return syntaxError(
      jump.node,
      `\`break\` ends the loop over \`${list}\` early, but KRO's forEach creates the loop's resources for every item of the list (JavaScript ran the loop once, at definition time, on a placeholder item)`,
      `choose the items before the loop (\`for (const x of ${list}.filter((x) => ...))\`), or give the spec a list holding exactly the items to create`,
    );
  }
  return syntaxError(
    jump.node,
    `\`${jump.kind === 'return' ? 'return' : 'continue'}\` skips items of the loop over \`${list}\`, but KRO's forEach creates the loop's resources for every item of the list (JavaScript ran the loop once, at definition time, on a placeholder item)`,
    `put the condition around the factory call instead (\`if (x !== 'skip') ConfigMap(...)\`: TypeKro filters the list by it), or loop over \`${list}.filter((x) => ...)\``,
  );
}

function jumpOnReference(jump: LoopJump, test: Node): Error {
  return syntaxError(
    jump.node,
    `\`${jump.kind}\` under \`${snippetOf(test)}\`, which reads a reference: JavaScript decided it once, at definition time, on a placeholder, so every instance would take the same path through the loop`,
    `drop the \`${jump.kind}\` and give each resource of the loop the condition under which it should exist: \`ConfigMap(...).withIncludeWhen(<condition on the item and the spec>)\` (an includeWhen, decided per instance)`,
  );
}

/**
 * Refuses a `break label` out of a labeled block (`setup: { if (spec.external) break setup; ConfigMap(...) }`)
 * before `call`, under a condition that reads a reference: JavaScript decided once whether the statements
 * after it run, and no includeWhen says so. Jumps out of loops are {@link checkLoopJumps}'; returns and
 * throws, the composition's and {@link checkHelperFlow}'s.
 */
export function checkBlockBreaks(fn: FunctionNode, call: Node, scope: Scope): void {
  const { ancestors, jumps } = jumpsBefore(fn, call);
  for (const jump of jumps) {
    if (jump.kind !== 'break' || jump.label === undefined || !labelsBlock(ancestors, jump.label)) continue;
    const test = jump.guards.find((guard) => mentionsReferences(guard, scope));
    if (test) throw blockBreakOnReference(jump.node, jump.label, test, fn);
  }
}

/**
 * The jumps in the statements before `node` (in each statement list around it, inside `fn`) that leave them:
 * each may skip `node` (control-flow-guards.ts). With the nodes around `node`, innermost first.
 */
export function jumpsBefore(fn: FunctionNode, node: Node): { ancestors: readonly Node[]; jumps: readonly LeavingJump[] } {
  const ancestors: Node[] = [];
  for (let parent = parentIn(fn, node); parent && parent !== fn; parent = parentIn(fn, parent)) ancestors.push(parent);
  const jumps: LeavingJump[] = [];
  let child = node;
  for (const parent of ancestors) {
    jumps.push(...jumpsBeforeIn(parent, child));
    child = parent;
  }
  return { ancestors, jumps };
}

/**
 * Refuses a jump inside a `case` (not its last statement) of a switch on a reference around `call`: the
 * includeWhen of each case (analysis/switch-cases.ts) holds where execution enters the switch at that case
 * or runs into it from the one before, which such a jump would decide, and JavaScript decided it once, on a
 * placeholder. A switch on constants was decided exactly by JavaScript and is left alone.
 */
export function checkSwitchJumps(fn: FunctionNode, call: Node, scope: Scope): void {
  for (let child = call, parent = parentIn(fn, call); parent && parent !== fn; child = parent, parent = parentIn(fn, parent)) {
    if (parent.type !== 'SwitchStatement' || child === parent.discriminant) continue;
    const onReference = [parent.discriminant, ...parent.cases.flatMap((c) => (c.test ? [c.test] : []))].some((node) => mentionsReferences(node, scope));
    const jump = onReference ? jumpInsideCase(parent) : undefined;
    if (jump) throw jumpInsideSwitch(jump, parent);
  }
}

function jumpInsideSwitch(jump: Node, sw: SwitchStatement): Error {
  const kind = jump.type === 'BreakStatement' ? 'break' : jump.type === 'ContinueStatement' ? 'continue' : jump.type === 'ReturnStatement' ? 'return' : 'throw';
  return syntaxError(
    jump,
    `\`${kind}\` before the end of its \`case\` in the switch on \`${snippetOf(sw.discriminant)}\`: it decides whether the rest of the case, and the cases after it, run, which JavaScript decided once, at definition time, on a placeholder (each case of a switch on a reference becomes an includeWhen only when it ends with its \`break\`)`,
    'end each case with its `break` and choose inside a case with if / else (each branch becomes an includeWhen), or write the switch as if / else if / else',
  );
}

/** Whether the statement labeled `label` around the call is not a loop (a loop's breaks are checkLoopJumps'). */
function labelsBlock(ancestors: readonly Node[], label: string): boolean {
  const labeled = ancestors.find((node) => node.type === 'LabeledStatement' && node.label.name === label);
  return labeled?.type === 'LabeledStatement' && !LOOP_TYPES.has(labeled.body.type);
}

const LOOP_TYPES: ReadonlySet<string> = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

function blockBreakOnReference(jump: Node, label: string, test: Node, fn: FunctionNode): Error {
  // A guard is the test of an `if` (either branch: its polarity is not the guard's), or the discriminant or a
  // label of a switch, which is no condition by itself: the switch is named instead.
  const sw = parentIn(fn, test);
  const onSwitch = sw?.type === 'SwitchStatement' ? sw : sw?.type === 'SwitchCase' ? parentIn(fn, sw) : undefined;
  const where = onSwitch?.type === 'SwitchStatement' ? `in a \`case\` of the switch on \`${snippetOf(onSwitch.discriminant)}\`` : `under \`${snippetOf(test)}\``;
  const branch = onSwitch?.type === 'SwitchStatement' ? 'in the cases that do not break' : `in the branch of an if/else on \`${snippetOf(test)}\` that does not break`;
  return syntaxError(
    jump,
    `\`break ${label}\` ${where}, which reads a reference: JavaScript decided it once, at definition time, on a placeholder, so the resources after it in \`${label}:\` would be created (or not) the same way for every instance`,
    `create the resources ${branch} instead (each branch becomes an includeWhen), or create them unconditionally with \`.withIncludeWhen(<condition>)\`; choose values with a ternary`,
  );
}

/**
 * Refuses a `throw` under a condition on a reference, or in a loop over one: JavaScript decided it on
 * placeholders, and a graph cannot refuse an instance.
 */
export function checkThrows(fn: FunctionNode, scope: Scope): void {
  for (const node of throwsIn(fn)) {
    const { conditions, loops } = guardsOf(fn, node);
    // Checked once the function has run, when the loops' items are no longer bound: an item of a loop over a reference is one.
    let inLoops = scope;
    for (const loop of loops) {
      if (isReferenceLoop(loop, inLoops)) inLoops = scopeOf({ [loop.variable]: { kind: 'value', expr: E.ident(loop.variable), type: T.dyn, item: true } }, inLoops);
    }
    const condition = conditions.find(({ test }) => mentionsReferences(test, inLoops));
    const loop = loops.find((candidate) => isReferenceLoop(candidate, scope));
    if (!condition && !loop) continue;
    const where = condition ? `under \`${snippetOf(condition.test)}\`, which reads a reference` : `in the loop over \`${snippetOf(loop!.source)}\``;
    throw syntaxError(
      node,
      `\`throw\` ${where}: JavaScript decided it once, at definition time, on placeholders, and the graph cannot refuse an instance, so the check would never run`,
      "validate the spec in its type instead (arktype constraints, e.g. n: 'number.integer >= 0', or a narrowed string 'string > 0'): instances that break it are refused before anything is created",
    );
  }
}

/**
 * A resource created inside `try`/`catch` (`inTry` from the call's context): what fails for an instance fails
 * in the cluster, not in the composition, so the `catch` would never run there.
 */
export function resourceInTry(node: Node): Error {
  return syntaxError(
    node,
    'a resource is created inside `try`/`catch`: JavaScript runs the composition once, at definition time, on placeholders, so what fails for an instance cannot be caught there',
    "remove the try/catch: choose values with `??` or a ternary (`spec.name ?? 'none'`), and validate the spec in its type (arktype constraints such as 'number.integer >= 0')",
  );
}

/**
 * In a helper that creates a resource: a `return` before the call, or a jump in a loop over constants, under a
 * condition on a reference (`if (!s.enabled) return;`), and its `throw`s, as for the composition function.
 */
export function checkHelperFlow(fn: FunctionNode, call: Node, loops: readonly EnclosingLoop[], scope: Scope): void {
  for (const jump of jumpsOf({ body: fn })) {
    if (jump.final || (jump.node.start ?? 0) > (call.start ?? 0)) continue;
    const condition = jump.conditions.find(({ test }) => mentionsReferences(test, scope));
    if (condition) {
      throw syntaxError(
        jump.node,
        `\`return\` under \`${snippetOf(condition.test)}\` in a helper, which reads a reference: JavaScript decided it once, at definition time, on a placeholder, so the helper would create its resources the same way for every instance`,
        'move the condition into the composition function around the call of the helper (`if (spec.enabled) helper(spec)` becomes an includeWhen)',
      );
    }
  }
  checkLoopJumps(loops, scope);
  checkBlockBreaks(fn, call, scope);
  checkThrows(fn, scope);
}
