/**
 * The conditions a node runs under inside its function: what decides whether (and how often) JavaScript
 * evaluates it. JavaScript runs a composition once, on placeholders, so a write to a local under a condition
 * that reads a reference was decided once for every instance; local-scope.ts records these guards with each
 * write and the compiler refuses such a local where it is used.
 *
 * Fail-closed: a child runs unguarded only under a parent known to evaluate it once, unconditionally
 * (`UNGUARDED`); any other parent guards it by itself. Jumps are conditions too: a statement after a guarded
 * `break`, `continue`, `return` or `throw` that leaves an earlier statement of its list runs only when the jump
 * was not taken, and so does a loop's whole body when a jump leaves the loop (later iterations).
 */
import type { Node } from '@babel/types';
import { eachChild, isFunctionNode } from './ast.js';
import { textMayMatch } from './source.js';

/** A jump out of a statement, with the conditions it sits under inside that statement (outermost first). */
export interface LeavingJump {
  readonly node: Node;
  readonly kind: 'break' | 'continue' | 'return' | 'throw';
  readonly label?: string;
  readonly guards: readonly Node[];
}

/** Parents that evaluate each child exactly once, whenever they are evaluated themselves. */
const UNGUARDED: ReadonlySet<string> = new Set([
  'Program', 'BlockStatement', 'StaticBlock', 'ExpressionStatement', 'VariableDeclaration', 'VariableDeclarator', 'ReturnStatement',
  'ThrowStatement', 'LabeledStatement', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'CallExpression', 'NewExpression',
  'MemberExpression', 'BinaryExpression', 'UnaryExpression', 'UpdateExpression', 'SequenceExpression', 'ArrayExpression',
  'ObjectExpression', 'ObjectProperty', 'SpreadElement', 'TemplateLiteral', 'TaggedTemplateExpression', 'ParenthesizedExpression',
  'AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression',
  'ArrayPattern', 'ObjectPattern', 'RestElement', 'ClassDeclaration', 'ClassExpression', 'ClassBody', 'ImportExpression', 'Decorator',
]);

// Shared by every answer without guards: asked for every node of a composition, most of which have none.
const NO_GUARDS: readonly Node[] = Object.freeze([]);

const LOOPS: ReadonlySet<string> = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

/**
 * The conditions `parent` puts on its child `child`: the tests of the branch it is in, the loop's list or
 * test, the case labels of a switch, and the conditions of the jumps before it that may skip it.
 */
export function controlGuardsOf(parent: Node, child: Node): readonly Node[] {
  const own = structuralGuards(parent, child);
  const jumps = jumpGuards(parent, child);
  return jumps.length === 0 ? own : [...own, ...jumps];
}

function structuralGuards(parent: Node, child: Node): readonly Node[] {
  switch (parent.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return child === parent.test ? NO_GUARDS : [parent.test];
    case 'LogicalExpression':
      return child === parent.right ? [parent.left] : NO_GUARDS;
    case 'AssignmentExpression':
      // `a ||= v` evaluates `v` only when `a` is falsy.
      return child === parent.right && ['&&=', '||=', '??='].includes(parent.operator) ? [parent.left] : NO_GUARDS;
    case 'ForOfStatement':
    case 'ForInStatement':
      // The body runs once per item of the list (the head's write to an outer name is local-scope.ts's).
      return child === parent.body ? [parent.right] : NO_GUARDS;
    case 'ForStatement':
      return child === parent.init ? NO_GUARDS : [parent.test ?? parent];
    case 'WhileStatement':
    case 'DoWhileStatement':
      return [parent.test];
    case 'SwitchStatement':
      // A case runs when its label or an earlier one matches (fallthrough), `default` when none does: every label decides.
      return child === parent.discriminant ? NO_GUARDS : [parent.discriminant, ...parent.cases.flatMap((c) => (c.test ? [c.test] : []))];
    case 'SwitchCase':
      return NO_GUARDS;
    case 'OptionalMemberExpression':
      return child === parent.object ? NO_GUARDS : [parent.object];
    case 'OptionalCallExpression':
      return child === parent.callee ? NO_GUARDS : [parent.callee];
    case 'TryStatement':
      // The handler runs only when the block throws.
      return child === parent.handler ? [parent.block] : NO_GUARDS;
    case 'CatchClause':
      return NO_GUARDS;
    default:
      return UNGUARDED.has(parent.type) || parent.type.endsWith('Literal') ? NO_GUARDS : [parent];
  }
}

function jumpGuards(parent: Node, child: Node): readonly Node[] {
  if (statementList(parent)) return before(parent, child).guards;
  // A jump that leaves the loop (not a `continue` of the loop itself) decides whether later iterations run.
  if (LOOPS.has(parent.type) && 'body' in parent && child === parent.body) {
    return leavingJumps(child).flatMap((jump) => (jump.kind === 'continue' && jump.label === undefined ? NO_GUARDS : jump.guards));
  }
  return NO_GUARDS;
}

/**
 * The jumps that leave the statements before `child` in `parent`'s statement list (none when `child` is not one
 * of them), in source order.
 */
export function jumpsBeforeIn(parent: Node, child: Node): readonly LeavingJump[] {
  return before(parent, child).jumps;
}

/** What the statements before each one of a list leave by: their jumps and those jumps' guards. */
interface Prefix {
  readonly jumps: readonly LeavingJump[];
  readonly guards: readonly Node[];
}

const NONE: Prefix = { jumps: [], guards: [] };

/**
 * Prefixes by statement list: derived from the immutable AST alone and weakly keyed by its nodes, as
 * `leavingCache`. Every statement of a list asks about the ones before it; computed once per list, that is
 * linear in its length (asked per statement, it was quadratic: 1,000 resources in one block).
 */
const prefixCache = new WeakMap<Node, ReadonlyMap<Node, Prefix>>();

function before(parent: Node, child: Node): Prefix {
  let prefixes = prefixCache.get(parent);
  if (!prefixes) {
    const built = new Map<Node, Prefix>();
    let acc = NONE;
    for (const statement of statementList(parent) ?? []) {
      built.set(statement, acc);
      const jumps = leavingJumps(statement);
      // Shared while no statement adds a jump: most lists have none.
      if (jumps.length > 0) acc = { jumps: [...acc.jumps, ...jumps], guards: [...acc.guards, ...jumps.flatMap((jump) => jump.guards)] };
    }
    prefixes = built;
    prefixCache.set(parent, prefixes);
  }
  return prefixes.get(child) ?? NONE;
}

/** The statements of `node` that run one after another: a block's, a switch's cases, a case's. */
export function statementList(node: Node): readonly Node[] | undefined {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return node.body;
    case 'SwitchCase':
      return node.consequent;
    case 'SwitchStatement':
      return node.cases;
    default:
      return undefined;
  }
}

/**
 * Leaving jumps by statement: derived from the immutable AST alone and weakly keyed by its nodes (as
 * declarations.ts's declarations), so each statement is walked once however many later siblings ask.
 */
const leavingCache = new WeakMap<Node, readonly LeavingJump[]>();

/** The jumps inside `statement` (not in nested functions) whose target is outside it, with their conditions in it. */
export function leavingJumps(statement: Node): readonly LeavingJump[] {
  const cached = leavingCache.get(statement);
  if (cached) return cached;
  // A statement whose text has no jump keyword has no jump: most statements (a factory call) are not walked.
  if (!textMayMatch(statement, JUMP_WORDS)) return NO_JUMPS;
  const walk: Collecting = { found: [], path: [statement] };
  collect(statement, { loop: false, breakable: false, tried: false, labels: [] }, walk);
  leavingCache.set(statement, walk.found);
  return walk.found;
}

const JUMP_WORDS = /\b(?:break|continue|return|throw)\b/;
const NO_JUMPS: readonly LeavingJump[] = Object.freeze([]);

/** What encloses a node inside the statement walked: the targets a jump there may stay within. */
interface Inside {
  readonly loop: boolean;
  readonly breakable: boolean;
  /** Inside a `try` block that has a `catch`: a `throw` stays. */
  readonly tried: boolean;
  readonly labels: readonly string[];
}

/** The walk of one statement: the jumps found, and the nodes from the statement down to the one visited. */
interface Collecting {
  readonly found: LeavingJump[];
  readonly path: Node[];
}

function collect(node: Node, inside: Inside, walk: Collecting): void {
  if (isFunctionNode(node)) return;
  const jump = jumpOf(node, inside);
  if (jump) {
    if (jump.leaves) walk.found.push({ node, kind: jump.kind, ...(jump.label !== undefined && { label: jump.label }), guards: guardsAlong(walk.path) });
    if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') return;
  }
  const isLoop = LOOPS.has(node.type);
  // A new `Inside` only where it changes: most nodes are neither loops, switches nor labels.
  const next: Inside =
    isLoop || node.type === 'SwitchStatement' || node.type === 'LabeledStatement'
      ? {
          loop: inside.loop || isLoop,
          breakable: inside.breakable || isLoop || node.type === 'SwitchStatement',
          tried: inside.tried,
          labels: node.type === 'LabeledStatement' ? [...inside.labels, node.label.name] : inside.labels,
        }
      : inside;
  eachChild(node, next, walk, collectChild);
}

function collectChild(child: Node, parent: Node, inside: Inside, walk: Collecting): void {
  const tried = parent.type === 'TryStatement' && child === parent.block && parent.handler != null;
  walk.path.push(child);
  collect(child, tried ? { ...inside, tried: true } : inside, walk);
  walk.path.pop();
}

/**
 * The conditions a node sits under inside the statement walked (outermost first), from each parent and child
 * on `path` (statement first, the node last). Read only where a jump is: most nodes are none.
 */
function guardsAlong(path: readonly Node[]): readonly Node[] {
  const guards: Node[] = [];
  for (let i = 1; i < path.length; i++) guards.push(...structuralGuards(path[i - 1]!, path[i]!), ...jumpGuards(path[i - 1]!, path[i]!));
  return guards;
}

function jumpOf(node: Node, inside: Inside): { kind: LeavingJump['kind']; label?: string; leaves: boolean } | undefined {
  switch (node.type) {
    case 'BreakStatement':
    case 'ContinueStatement': {
      const kind = node.type === 'BreakStatement' ? 'break' : 'continue';
      const label = node.label?.name;
      const stays = label !== undefined ? inside.labels.includes(label) : kind === 'break' ? inside.breakable : inside.loop;
      return { kind, ...(label !== undefined && { label }), leaves: !stays };
    }
    case 'ReturnStatement':
      return { kind: 'return', leaves: true };
    case 'ThrowStatement':
      return { kind: 'throw', leaves: !inside.tried };
    default:
      return undefined;
  }
}

/** `for (var x of list)`: the head's `var` is the loop's item, bound by the run, not a write under the loop. */
export function isLoopHead(parent: Node | undefined): boolean {
  return parent?.type === 'ForOfStatement' || parent?.type === 'ForInStatement';
}
