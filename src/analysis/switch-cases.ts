/**
 * What a `switch` around a statement means, as the `if`/`else if` chain JavaScript's switch is: the body of a
 * `case` runs when execution enters the switch at it, or at an earlier case that runs into it (no jump ends
 * that case's statements). Execution enters at the first case whose label is `===` the discriminant, at
 * `default` when none is. So the condition of a case is written from `===` tests, which the compiler gives
 * JavaScript's meaning (or refuses), as it does for the `if` chain:
 *
 * `switch (spec.tier) { case 'dev': A(); break; case 'qa': case 'test': B(); break; default: C(); }`
 * runs `A` under `spec.tier === 'dev'`, `B` under `spec.tier === 'qa' || spec.tier === 'test'`, `C` under
 * `!(spec.tier === 'dev' || spec.tier === 'qa' || spec.tier === 'test')`.
 *
 * Exact for a "plain" switch: each jump that leaves a case's statements (a `break`, also a `continue`,
 * `return` or `throw`) is its last statement. A jump elsewhere in a case (under an `if`) decides whether the
 * next case runs too, which the condition does not say: {@link jumpInsideCase} finds it, for the callers to
 * refuse where the switch reads a reference (where JavaScript decided it, the condition is not compiled).
 */
import type { Node, SwitchCase, SwitchStatement } from '@babel/types';
import { isFunctionNode } from './ast.js';
import { operandOf, SourceIndexKey, sourceIndex } from './source.js';
import { isSynthesized, synthesize } from './synthesized.js';

/** The condition of a case: `test`, or where `negated`, its negation. */
export interface CaseCondition {
  readonly test: Node;
  readonly negated: boolean;
}

/**
 * Per case, the condition: derived from the immutable AST alone and weakly keyed by its nodes, so the same
 * case always gives the same node (callers compare conditions by identity: aspect-conditions.ts).
 */
const conditions = new WeakMap<SwitchCase, CaseCondition | null>();

/**
 * The condition under which the statements of `clause` (a case of `sw`) run; undefined when they always run
 * (a `default` in a switch without labels).
 *
 * @example
 * ```ts
 * // switch (spec.tier) { case 'dev': ...; break; default: ... }
 * caseCondition(sw, sw.cases[1]); // { test: spec.tier === 'dev', negated: true }
 * ```
 */
export function caseCondition(sw: SwitchStatement, clause: SwitchCase): CaseCondition | undefined {
  let known = conditions.get(clause);
  if (known === undefined) {
    known = conditionOf(sw, clause) ?? null;
    conditions.set(clause, known);
  }
  return known ?? undefined;
}

/**
 * The condition's test as JavaScript (`spec.tier === 'qa' || spec.tier === 'test'`), for a way out that writes
 * it into code; undefined for a test that is no case condition. (Messages name the test by its place, the
 * switch's head: `switch (spec.tier)`.)
 *
 * @example
 * ```ts
 * caseTestText(caseCondition(sw, sw.cases[1])!.test); // "spec.tier === 'dev'"
 * ```
 */
export function caseTestText(test: Node): string | undefined {
  return made.has(test) ? textOf(test) : undefined;
}

// The tests this module synthesized: weakly keyed by those nodes, which live as long as the parsed file they were made for.
const made = new WeakSet<Node>();

function textOf(node: Node): string {
  if (!isSynthesized(node)) return operandOf(node);
  switch (node.type) {
    case 'BinaryExpression':
      return `${textOf(node.left as Node)} ${node.operator} ${textOf(node.right)}`;
    case 'LogicalExpression': {
      const side = (child: Node): string => (node.operator === '&&' && child.type === 'LogicalExpression' && child.operator === '||' ? `(${textOf(child)})` : textOf(child));
      return `${side(node.left)} ${node.operator} ${side(node.right)}`;
    }
    case 'UnaryExpression':
      return `!(${textOf(node.argument)})`;
    default:
      return 'false';
  }
}

function conditionOf(sw: SwitchStatement, clause: SwitchCase): CaseCondition | undefined {
  const condition = caseConditionOf(sw, clause);
  if (condition) made.add(condition.test);
  return condition;
}

function caseConditionOf(sw: SwitchStatement, clause: SwitchCase): CaseCondition | undefined {
  const at = headOf(sw);
  const k = sw.cases.indexOf(clause);
  // The cases execution may enter at and run from into `clause`: back from it while the one before runs on.
  let first = k;
  while (first > 0 && !endsWithJump(sw.cases[first - 1]!.consequent)) first -= 1;
  const entered = sw.cases.slice(first, k + 1);
  const labelled = entered.filter((c) => c.test != null);
  const entries = labelled.map((c) => entryOf(sw, c, at)).filter((entry): entry is Node => entry !== undefined);
  if (!entered.some((c) => c.test == null)) return { test: anyOf(entries, at), negated: false };
  const every = sw.cases.filter((c) => c.test != null).map((c) => equals(sw, c.test!, at));
  if (every.length === 0) return undefined;
  // `default` is entered when no label matches (also those written after it).
  if (entries.length === 0) return { test: anyOf(every, at), negated: true };
  return { test: anyOf([...entries, synthesize(at, { type: 'UnaryExpression', operator: '!', prefix: true, argument: anyOf(every, at) })], at), negated: false };
}

/**
 * When execution enters at `clause`: its label matches and no earlier label does. Two different literals are
 * never both `===` the same value, so only earlier labels that may equal this one are tested; a label written
 * again after the same literal never matches (undefined).
 */
function entryOf(sw: SwitchStatement, clause: SwitchCase, at: Node): Node | undefined {
  const label = clause.test!;
  const own = literalOf(label);
  const earlier: Node[] = [];
  for (const other of sw.cases) {
    if (other === clause) break;
    if (other.test == null) continue;
    const theirs = literalOf(other.test);
    if (own && theirs) {
      if (own.value === theirs.value) return undefined;
      continue;
    }
    earlier.push(other.test);
  }
  const match = equals(sw, label, at);
  if (earlier.length === 0) return match;
  const none = synthesize(at, { type: 'UnaryExpression', operator: '!', prefix: true, argument: anyOf(earlier.map((test) => equals(sw, test, at)), at) });
  return synthesize(at, { type: 'LogicalExpression', operator: '&&', left: match, right: none });
}

function equals(sw: SwitchStatement, label: Node, at: Node): Node {
  return synthesize(at, { type: 'BinaryExpression', operator: '===', left: sw.discriminant, right: label });
}

/** `a || b || ...`; `false` for none (a case no label can enter). */
function anyOf(tests: readonly Node[], at: Node): Node {
  if (tests.length === 0) return synthesize(at, { type: 'BooleanLiteral', value: false });
  return tests.slice(1).reduce((left, right) => synthesize(at, { type: 'LogicalExpression', operator: '||', left, right }), tests[0]!);
}

/** The value of a literal label (a string, a number, `-1`, a boolean, `null`, a template without parts). */
function literalOf(node: Node): { readonly value: unknown } | undefined {
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return { value: node.value };
    case 'NullLiteral':
      return { value: null };
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? { value: node.quasis[0]?.value.cooked } : undefined;
    case 'UnaryExpression':
      return node.operator === '-' && node.argument.type === 'NumericLiteral' ? { value: -node.argument.value } : undefined;
    default:
      return undefined;
  }
}

/** Statements whose last one is a jump, also as the last statement of a block: execution does not run on past them. */
function endsWithJump(statements: readonly Node[]): boolean {
  const last = statements[statements.length - 1];
  if (!last) return false;
  if (last.type === 'BlockStatement') return endsWithJump(last.body);
  return JUMPS.has(last.type);
}

const JUMPS: ReadonlySet<string> = new Set(['BreakStatement', 'ContinueStatement', 'ReturnStatement', 'ThrowStatement']);

/**
 * A jump in a case of `sw` that is not the last statement of its case (`case 'a': if (x) break; ...`): it
 * decides whether the rest of the case, and the cases after it, run. Jumps inside nested functions, and
 * `break`/`continue` that stay inside a nested loop or switch, are not the switch's.
 */
export function jumpInsideCase(sw: SwitchStatement): Node | undefined {
  for (const clause of sw.cases) {
    const tail = tailOf(clause.consequent);
    for (const statement of clause.consequent) {
      const jump = firstJump(statement, tail, { loop: false, breakable: false, labels: [] });
      if (jump) return jump;
    }
  }
  return undefined;
}

/** The last statement of a case (through a trailing block): the jump allowed there. */
function tailOf(statements: readonly Node[]): Node | undefined {
  const last = statements[statements.length - 1];
  return last?.type === 'BlockStatement' ? tailOf(last.body) : last;
}

interface Inside {
  readonly loop: boolean;
  readonly breakable: boolean;
  readonly labels: readonly string[];
}

const LOOPS: ReadonlySet<string> = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

function firstJump(node: Node, tail: Node | undefined, inside: Inside): Node | undefined {
  if (isFunctionNode(node) || (node === tail && JUMPS.has(node.type))) return undefined;
  if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
    const label = node.label?.name;
    const stays = label !== undefined ? inside.labels.includes(label) : node.type === 'BreakStatement' ? inside.breakable : inside.loop;
    return stays ? undefined : node;
  }
  if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') return node;
  const isLoop = LOOPS.has(node.type);
  const next: Inside = {
    loop: inside.loop || isLoop,
    breakable: inside.breakable || isLoop || node.type === 'SwitchStatement',
    labels: node.type === 'LabeledStatement' ? [...inside.labels, node.label.name] : inside.labels,
  };
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'extra' || key === 'leadingComments' || key === 'trailingComments') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
        const jump = firstJump(child as Node, tail, next);
        if (jump) return jump;
      }
    }
  }
  return undefined;
}

const CODE = new SourceIndexKey<string>('source text');

/**
 * Where the conditions are placed: `switch (spec.tier)`, the head of the switch, so that messages quoting a
 * condition (`a throw under \`switch (spec.tier)\``) name the switch, and locations point at it.
 */
function headOf(sw: SwitchStatement): Node {
  const file = sw.loc?.filename;
  const code = file ? sourceIndex(file, CODE, (_, text) => text) : undefined;
  const close = code !== undefined && sw.discriminant.end != null ? code.indexOf(')', sw.discriminant.end) : -1;
  const end = close >= 0 ? close + 1 : (sw.discriminant.end ?? sw.end);
  return { type: 'Identifier', name: 'switch', loc: sw.loc, start: sw.start, end } as Node;
}
