/**
 * Statements that leave a loop iteration early (`break`, `continue`, a `return` in a loop callback) and the
 * `throw`s of a function. JavaScript runs a composition once, on placeholders: a jump decided there is
 * decided for every instance, so the callers refuse the ones that change which resources exist.
 * Answers are syntactic; whether a condition reads a reference is the caller's question.
 */
import type { Node } from '@babel/types';
import { isFunctionNode, walk } from './ast.js';
import { conditionOf, type EnclosingCondition, type EnclosingLoop, type FunctionNode } from './composition.js';

/** A statement that ends an iteration (or the whole loop) before the body's end. */
export interface LoopJump {
  readonly node: Node;
  readonly kind: 'break' | 'continue' | 'return';
  /** The `if`s between the jump and the loop body, outermost first. */
  readonly conditions: readonly EnclosingCondition[];
  /**
   * The body's last statement, under no condition, that only ends the iteration (`continue;`, `return x;` in
   * a callback): it skips nothing, so it changes nothing.
   */
  readonly final: boolean;
}

const LOOP_STATEMENTS: ReadonlySet<string> = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

/**
 * The jumps in `loop`'s body that leave the current iteration of `loop` itself (or an outer loop, through a
 * label declared outside the body): not those of inner loops, switches or nested functions. A function as
 * `body` (a callback, or a helper) gives its own `return`s.
 */
export function jumpsOf(loop: Pick<EnclosingLoop, 'body'>): readonly LoopJump[] {
  const callback = isFunctionNode(loop.body) ? loop.body : undefined;
  const body = callback ? callback.body : loop.body;
  const parents = new Map<Node, Node>();
  const found: Node[] = [];
  collect(body, { loop: false, breakable: false, labels: new Set() }, callback !== undefined, parents, found);
  const last = body.type === 'BlockStatement' ? body.body[body.body.length - 1] : undefined;
  const jumps = found.map((node): LoopJump => {
    const conditions: EnclosingCondition[] = [];
    for (let child = node, parent = parents.get(node); parent; child = parent, parent = parents.get(parent)) {
      const condition = conditionOf(parent, child);
      if (condition) conditions.unshift(condition);
    }
    const kind = node.type === 'BreakStatement' ? 'break' : node.type === 'ContinueStatement' ? 'continue' : 'return';
    return { node, kind, conditions, final: node === last && kind !== 'break' };
  });
  return jumps;
}

interface Inside {
  /** Inside an inner loop: an unlabelled `continue` (and `break`) targets it. */
  readonly loop: boolean;
  /** Inside an inner loop or `switch`: an unlabelled `break` targets it. */
  readonly breakable: boolean;
  /** Labels declared inside the body: a jump to one of them stays inside. */
  readonly labels: ReadonlySet<string>;
}

function collect(node: Node, inside: Inside, returnsLeave: boolean, parents: Map<Node, Node>, found: Node[]): void {
  if (isFunctionNode(node)) return;
  if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
    const label = node.label?.name;
    const inner = label !== undefined ? inside.labels.has(label) : node.type === 'BreakStatement' ? inside.breakable : inside.loop;
    if (!inner) found.push(node);
    return;
  }
  if (node.type === 'ReturnStatement' && returnsLeave) found.push(node);
  const isLoop = LOOP_STATEMENTS.has(node.type);
  const next: Inside = {
    loop: inside.loop || isLoop,
    breakable: inside.breakable || isLoop || node.type === 'SwitchStatement',
    labels: node.type === 'LabeledStatement' ? new Set([...inside.labels, node.label.name]) : inside.labels,
  };
  walkChildren(node, (child) => {
    parents.set(child, node);
    collect(child, next, returnsLeave, parents, found);
  });
}

function walkChildren(node: Node, visit: (child: Node) => void): void {
  walk(node, (child) => {
    if (child === node) return true;
    visit(child);
    return false;
  });
}

export { throwsIn } from './composition.js';
