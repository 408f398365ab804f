/**
 * A `let` given its value by an `if`/`else` chain or a `switch` right after it (issue 10):
 *
 * `let image; switch (spec.tier) { case 'dev': image = 'a'; break; default: image = 'b'; }`
 *
 * is the choice `spec.tier === 'dev' ? 'a' : 'b'`: each branch (or case) that assigns the name gives its value
 * under the branch's condition, one that does not keeps the value before (the initialiser, or `undefined`). That
 * holds when every read of the name comes after the statement (no read sees a value before the choice), each
 * write is a statement of its branch itself (not under a further condition), no jump leaves a branch early (a
 * switch's cases end with their `break`), and no value reads the name. Anything else stays a local changed
 * after its declaration (local-scope.ts), refused where it depends on a reference.
 */
import type { IfStatement, Node, SwitchStatement } from '@babel/types';
import { isFunctionNode, unwrap, walk } from './ast.js';
import { caseCondition, jumpInsideCase } from './switch-cases.js';
import { synthesize } from './synthesized.js';
import type { Write } from './writes.js';

/** One branch's write: the condition it runs under (none: always) and the value it assigns. */
interface Choice {
  readonly test: Node | undefined;
  readonly value: Node;
}

/**
 * The conditional expression the value of `name` is after the statement that assigns it in branches, or
 * undefined when the writes do not have that shape. `block`: the block `name` is declared in; `root`: the
 * function body its reads are in.
 */
export function branchAssigned(name: string, init: Node | undefined, writes: readonly Write[], block: Node, root: Node): Node | undefined {
  const statements = blockStatements(block);
  if (!statements || writes.length === 0) return undefined;
  const assignments = writes.map((write) => (write.how === 'assign' && write.node.type === 'AssignmentExpression' && write.node.operator === '=' && write.node.left.type === 'Identifier' ? write.node : undefined));
  if (assignments.some((node) => node === undefined || mentionsName(node.right, name))) return undefined;
  const at = statements.findIndex((statement) => contains(statement, assignments[0]!));
  const statement = statements[at];
  const declaredBefore = statements.slice(0, Math.max(at, 0)).some((s) => s.type === 'VariableDeclaration' && s.kind === 'let' && s.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name));
  if (!statement || !declaredBefore || !assignments.every((node) => contains(statement, node!))) return undefined;
  // A write in a test, a case label or the discriminant runs before (or instead of) any branch's: not a choice.
  const branchWrites = new Set(branchLists(statement).flatMap((list) => list.flatMap((s) => (s.type === 'ExpressionStatement' ? [unwrap(s.expression)] : []))));
  if (!assignments.every((node) => branchWrites.has(node!))) return undefined;
  if (!readsAfter(root, name, statement, assignments as Node[])) return undefined;
  const before = init ?? synthesize(statement, { type: 'Identifier', name: 'undefined' });
  if (statement.type === 'IfStatement') return hasJump(statement) ? undefined : (ifValue(statement, assignments as Node[], before) ?? undefined);
  if (statement.type !== 'SwitchStatement') return undefined;
  const found = switchChoices(statement, assignments as Node[]);
  if (!found) return undefined;
  const choose = (otherwise: Node, choice: Choice): Node => (choice.test ? synthesize(statement, { type: 'ConditionalExpression', test: choice.test, consequent: choice.value, alternate: otherwise }) : choice.value);
  // The last write that runs is the value: with a case that runs into the next, a later case is asked first.
  if (found.fallsThrough) return found.choices.reduce(choose, before);
  // Otherwise the cases exclude each other and are asked in the source's order; with a `default` and a write in
  // every case, one of them always runs, so the last needs no test (the value before is never the value).
  const choices = found.exhaustive ? [...found.choices.slice(0, -1), { value: found.choices[found.choices.length - 1]!.value, test: undefined }] : found.choices;
  return choices.reduceRight(choose, before);
}

function blockStatements(block: Node): readonly Node[] | undefined {
  if (block.type === 'BlockStatement' || block.type === 'Program') return block.body;
  return undefined;
}

/** `if (a) x = 1; else if (b) { f(); x = 2; } else x = 3;` as `a ? 1 : b ? 2 : 3`; a branch without a write keeps `before`. */
function ifValue(branch: Node, assignments: readonly Node[], before: Node): Node | null {
  if (branch.type !== 'IfStatement') return ownWrite(statementsOf(branch), assignments) ?? before;
  const then = ownWrite(statementsOf(branch.consequent), assignments);
  const otherwise = branch.alternate ? ifValue(branch.alternate, assignments, before) : before;
  if (then === null || otherwise === null) return null;
  return synthesize(branch, { type: 'ConditionalExpression', test: branch.test, consequent: then ?? before, alternate: otherwise });
}

/**
 * Each case's write, under the condition its statements run (switch-cases.ts); the cases end with their `break`.
 * `fallsThrough`: a case with statements runs into the next; `exhaustive`: a `default`, and every case writes.
 */
function switchChoices(sw: SwitchStatement, assignments: readonly Node[]): { choices: Choice[]; fallsThrough: boolean; exhaustive: boolean } | undefined {
  if (jumpInsideCase(sw)) return undefined;
  const choices: Choice[] = [];
  let fallsThrough = false;
  let exhaustive = sw.cases.some((clause) => clause.test == null) && (sw.cases[sw.cases.length - 1]?.consequent.length ?? 0) > 0;
  for (const [i, clause] of sw.cases.entries()) {
    const statements = clause.consequent.length === 1 && clause.consequent[0]!.type === 'BlockStatement' ? clause.consequent[0].body : clause.consequent;
    const tail = statements[statements.length - 1];
    // Only `break` ends a case here: a `return`/`continue`/`throw` would also skip the reads after the switch.
    if (tail && (tail.type === 'ReturnStatement' || tail.type === 'ContinueStatement' || tail.type === 'ThrowStatement' || (tail.type === 'BreakStatement' && tail.label))) return undefined;
    if (tail && tail.type !== 'BreakStatement' && i < sw.cases.length - 1) fallsThrough = true;
    const value = ownWrite(statements, assignments);
    if (value === null) return undefined;
    if (!value) {
      if (statements.length > 0) exhaustive = false;
      continue;
    }
    const condition = caseCondition(sw, clause);
    const test = condition && (condition.negated ? synthesize(condition.test, { type: 'UnaryExpression', operator: '!', prefix: true, argument: condition.test }) : condition.test);
    choices.push({ test, value });
  }
  return choices.length === 0 ? undefined : { choices, fallsThrough, exhaustive };
}

/**
 * The value the statements of a branch assign by one of them (`x = v;`), undefined when it assigns nothing, null
 * when a write sits elsewhere in it (under a further condition, in a loop, twice).
 */
function ownWrite(statements: readonly Node[], assignments: readonly Node[]): Node | undefined | null {
  const own = statements.flatMap((s) => (s.type === 'ExpressionStatement' && assignments.includes(unwrap(s.expression)) ? [unwrap(s.expression)] : []));
  const inside = assignments.filter((node) => statements.some((s) => contains(s, node)));
  if (inside.length === 0) return undefined;
  if (own.length !== 1 || inside.length !== 1) return null;
  return (own[0] as Extract<Node, { type: 'AssignmentExpression' }>).right;
}

const statementsOf = (branch: Node): readonly Node[] => (branch.type === 'BlockStatement' ? branch.body : [branch]);

/** The statement lists of the branches of an `if`/`else` chain or the cases of a `switch`. */
function branchLists(statement: Node): (readonly Node[])[] {
  if (statement.type === 'SwitchStatement') return statement.cases.map((c) => c.consequent);
  if (statement.type !== 'IfStatement') return [];
  const rest = statement.alternate ? (statement.alternate.type === 'IfStatement' ? branchLists(statement.alternate) : [statementsOf(statement.alternate)]) : [];
  return [statementsOf(statement.consequent), ...rest];
}

/** Every read of `name` in `root` comes after `statement`, outside a function declaration (hoisted: callable before). */
function readsAfter(root: Node, name: string, statement: Node, assignments: readonly Node[]): boolean {
  let ok = true;
  const targets = new Set(assignments.map((node) => (node as Extract<Node, { type: 'AssignmentExpression' }>).left));
  const visit = (node: Node, parent: Node | undefined, hoisted: boolean): void => {
    if (!ok) return;
    if (node.type === 'Identifier' && node.name === name && !targets.has(node) && isRead(node, parent)) {
      if (hoisted || (node.start ?? 0) < (statement.end ?? 0)) ok = false;
      return;
    }
    const inner = hoisted || node.type === 'FunctionDeclaration';
    walkChildren(node, (child) => visit(child, node, inner));
  };
  visit(root, undefined, false);
  return ok;
}

/** A name read (not a declaration of it, a property name or an object key). */
function isRead(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod') && parent.key === node && !parent.computed) return parent.type === 'ObjectProperty' && parent.shorthand;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  return true;
}

function walkChildren(node: Node, each: (child: Node) => void): void {
  let first = true;
  walk(node, (child) => {
    if (first) {
      first = false;
      return undefined;
    }
    each(child);
    return false;
  });
}

function contains(outer: Node, inner: Node): boolean {
  return (outer.start ?? 0) <= (inner.start ?? -1) && (inner.end ?? 0) <= (outer.end ?? -1);
}

function mentionsName(node: Node, name: string): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === 'Identifier' && child.name === name) found = true;
    return !found;
  });
  return found;
}

/** A jump in `node` outside its nested functions: it may leave a branch before or after its write. */
function hasJump(node: Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (found || (child !== node && isFunctionNode(child))) return false;
    if (child.type === 'BreakStatement' || child.type === 'ContinueStatement' || child.type === 'ReturnStatement' || child.type === 'ThrowStatement') found = true;
    return !found;
  });
  return found;
}
