/**
 * Reads of a resource that exists only under a condition. KRO skips every resource that reads a skipped
 * one, and leaves a status field unset when a resource it reads is skipped; JavaScript still creates the
 * reader and computes the field (the skipped resource reads as `undefined`, `?? 0` gives 0). The two agree
 * only when the reader is under (at least) the same condition, so anything else fails the definition.
 */
import type { Node } from '@babel/types';
import { CompositionSyntaxError, syntaxError } from '../analysis/errors.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { printCel } from '../compile/cel/print.js';
import { addReferencedRoots, E, exprChildren, referencedRoots, type Expr } from '../ir/expr.js';
import type { ResourceNode, SourceLocation } from '../ir/graph.js';
import { exprsOf, type Value } from '../ir/value.js';
import { NESTED_ROOT_PREFIX } from './nest-run.js';

/** What the check needs of a resource: its id, its conditions and where it was created. */
export interface Conditional {
  readonly id: string;
  readonly includeWhen: readonly Expr[];
  readonly source?: SourceLocation;
  /** Its handle is `undefined` where it is absent (`spec.c ? F(...) : undefined`): even a plain read must be guarded. */
  readonly orNothing?: boolean;
  /**
   * A collection (forEach) is a list in JavaScript, never `undefined`: with its resources skipped, JavaScript
   * still computes from the list (`deps.length` is 0 when no item is made), so even a plain read must be guarded.
   */
  readonly forEach?: readonly unknown[];
  /** For a resource of a nested composition: the prefix its call gave (the local holding the composition's handle). */
  readonly nestedAt?: { readonly prefix: string };
}

/**
 * Fails when a resource reads a resource whose conditions it does not share.
 *
 * @example
 * ```ts
 * checkResourceReads(graph.resources); // throws for `ConfigMap({ data: { n: `${db.status.readyReplicas ?? 0}` } })` beside `db` under `if (spec.db)`
 * ```
 */
export function checkResourceReads(resources: readonly ResourceNode[], reads: readonly Conditional[] = resources): void {
  // Only a read of a conditional resource can lack its conditions: with none, no template needs walking.
  if (!hasConditional(reads)) return;
  const byId = new Map(reads.map((resource) => [resource.id, resource]));
  for (const reader of resources) {
    let own: Set<string> | undefined;
    const exprs = [
      ...(reader.template !== undefined ? exprsOf(reader.template) : []),
      ...reader.includeWhen,
      ...reader.forEach.map((dimension) => dimension.source),
      ...(reader.externalRef ? exprsOf({ name: reader.externalRef.name ?? null, namespace: reader.externalRef.namespace ?? null }) : []),
    ];
    const roots = new Set<string>();
    for (const expr of exprs) addReferencedRoots(expr, roots);
    for (const id of roots) {
      const read = byId.get(id);
      if (!read || read === reader || read.includeWhen.length === 0) continue;
      own ??= facts(reader.includeWhen);
      const missing = read.includeWhen.flatMap(terms).filter((term) => !own!.has(printCel(term)));
      if (missing.length > 0) throw resourceError(reader, read, missing);
    }
  }
}

/**
 * Fails when a status field computes a value from a conditional resource outside a ternary on the same
 * condition (`spec.db ? db.status.readyReplicas ?? 0 : -1` is exact: KRO evaluates only the branch taken; a
 * plain read `db.status.readyReplicas` is unset on both sides while `db` is absent).
 *
 * @example
 * ```ts
 * checkStatusReads(value, node, run.records); // throws for `{ dbReady: db.status.readyReplicas ?? 0 }` when `db` is conditional
 * ```
 */
export function checkStatusReads(value: Value, node: Node, resources: readonly Conditional[]): void {
  // Asked once per status field with every resource: a plain scan, no list of the conditional ones per field
  // (listing them once per definition is the caller's to do).
  if (!hasConditional(resources)) return;
  for (const expr of exprsOf(value)) {
    for (const resource of resources) {
      if (resource.includeWhen.length === 0) continue;
      const missing = unguarded(expr, resource, []);
      if (missing.length > 0) {
        const read = described(resource);
        const name = resource.nestedAt?.prefix ?? resource.id;
        const js = resource.orNothing
          ? `computes it with "${name}" undefined (the value its ternary chose)`
          : isCollection(resource) ? `computes it from the list "${name}" holds there` : `computes it with "${name}" read as undefined`;
        throw syntaxError(
          node,
          `this status field reads ${read}, which exists only when ${printAsJavaScript(hintCondition(missing))}: when it does not, KRO leaves the field unset, while JavaScript ${js}`,
          `read it under the condition it is created under (\`${printAsJavaScript(hintCondition(resource.includeWhen))} ? <read> : <fallback>\`), or do not read "${name}" here`,
        );
      }
    }
  }
}

function hasConditional(resources: readonly Conditional[]): boolean {
  for (let i = 0; i < resources.length; i++) if (resources[i]!.includeWhen.length > 0) return true;
  return false;
}

/**
 * The conditions of `resource` that do not guard its reads in `expr` (empty when it is not read), `known` the
 * terms (printed) that hold where `expr` is evaluated: a ternary's then-branch runs where its test is true,
 * its else-branch where the test's negation is (KRO evaluates only the branch taken); the right side of `&&`
 * where the left is true, of `||` where it is false.
 */
function unguarded(expr: Expr, resource: Conditional, known: readonly Expr[]): Expr[] {
  // A plain read is pending while the resource is absent, as `undefined` is in JavaScript: both leave it unset.
  if (!referencedRoots(expr).includes(resource.id) || (!resource.orNothing && !isCollection(resource) && isPlainRead(expr, resource.id))) return [];
  const holding = facts(known);
  const needed = resource.includeWhen.flatMap(terms).filter((term) => !holding.has(printCel(term)));
  if (needed.length === 0) return [];
  if (expr.kind === 'conditional' && !referencedRoots(expr.test).includes(resource.id)) {
    const thenMissing = unguarded(expr.then, resource, [...known, expr.test]);
    return thenMissing.length > 0 ? thenMissing : unguarded(expr.otherwise, resource, [...known, E.unary('!', expr.test)]);
  }
  // `a && b` evaluates `b` only where `a` is true, `a || b` where it is false, in JavaScript; CEL's `&&`/`||`
  // give `false`/`true` from that side whatever an absent resource makes of the other. A read on the left
  // is evaluated first by JavaScript, unguarded, and stays refused.
  if (expr.kind === 'binary' && (expr.op === '&&' || expr.op === '||') && !referencedRoots(expr.left).includes(resource.id)) {
    return unguarded(expr.right, resource, [...known, expr.op === '&&' ? expr.left : E.unary('!', expr.left)]);
  }
  return needed;
}

function isCollection(resource: Conditional): boolean {
  return (resource.forEach?.length ?? 0) > 0;
}

/**
 * True when every read of `id` in `expr` is plain (`db.status.x`, no `.?`, `[?i]` or `has()`): CEL then
 * errors while `id` is absent, and the field is unset, as a value JavaScript reads through `undefined` is pending.
 */
function isPlainRead(expr: Expr, id: string): boolean {
  let plain = true;
  const visit = (node: Expr, underHas: boolean): void => {
    if (!plain) return;
    if (node.kind === 'select' || node.kind === 'index') {
      let root: Expr = node;
      let optional = false;
      while (root.kind === 'select' || root.kind === 'index') {
        optional ||= root.optional;
        if (root.kind === 'index') visit(root.index, false);
        root = root.target;
      }
      if (root.kind === 'ident' && root.name === id && (optional || underHas)) plain = false;
      else if (root.kind !== 'ident') visit(root, false);
      return;
    }
    if (node.kind === 'ident') return;
    if (node.kind === 'call') {
      if (node.target) visit(node.target, false);
      for (const arg of node.args) visit(arg, node.fn === 'has');
      return;
    }
    for (const child of exprChildren(node)) visit(child, false);
  };
  visit(expr, false);
  return plain;
}

/**
 * The terms of a condition: it is true exactly when each of them is (so a guard true implies its terms, and
 * its terms imply a condition), each in one form, so that the ways JavaScript writes a test compare equal
 * (`spec.cache`, `spec.cache === true`, `!!spec.cache`, `!(!spec.cache)` on a boolean field). Each rewrite
 * holds in CEL for any operand type: `a && b` is true only when both are; `!!x` only when `x` is the boolean
 * true (`!` of anything else is an error), as is `x == true`; `!(a || b)` only when both are false. Nothing
 * else is equated: `x != false` is true for a string too, and `spec.name` (`name != ""`) is not `=== true`.
 */
function terms(condition: Expr): Expr[] {
  if (condition.kind === 'binary' && condition.op === '&&') return [...terms(condition.left), ...terms(condition.right)];
  if (condition.kind === 'binary' && condition.op === '==' && isTrue(condition.right)) return terms(condition.left);
  if (condition.kind === 'binary' && condition.op === '==' && isTrue(condition.left)) return terms(condition.right);
  if (condition.kind === 'unary' && condition.op === '!') {
    const inner = condition.operand;
    if (inner.kind === 'unary' && inner.op === '!') return terms(inner.operand);
    if (inner.kind === 'binary' && inner.op === '||') return [...terms(E.unary('!', inner.left)), ...terms(E.unary('!', inner.right))];
  }
  return [condition];
}

function isTrue(expr: Expr): boolean {
  return expr.kind === 'literal' && expr.literal.kind === 'bool' && expr.literal.value;
}

/**
 * What holds where all `conditions` are true, printed (two terms are the same condition when they print the
 * same): their terms, and the one disjunct left of a term `a || b` once the others are known false
 * (`spec.n !== undefined && spec.n !== 0` is `has(n) && (!has(n) || n != 0)`, so `n != 0` holds). In CEL
 * `a || b` is true with `a` false only when `b` is true.
 */
function facts(conditions: readonly Expr[]): Set<string> {
  const known = new Set<string>();
  const disjunctions: Expr[] = [];
  const add = (term: Expr): void => {
    const printed = printCel(term);
    if (known.has(printed)) return;
    known.add(printed);
    if (term.kind === 'binary' && term.op === '||') disjunctions.push(term);
  };
  conditions.flatMap(terms).forEach(add);
  for (let size = -1; size !== known.size; ) {
    size = known.size;
    for (const disjunction of disjunctions) {
      const open = disjuncts(disjunction).filter((option) => !(option.kind === 'unary' && option.op === '!' && known.has(printCel(option.operand))));
      if (open.length === 1) terms(open[0]!).forEach(add);
    }
  }
  return known;
}

function disjuncts(condition: Expr): Expr[] {
  return condition.kind === 'binary' && condition.op === '||' ? [...disjuncts(condition.left), ...disjuncts(condition.right)] : [condition];
}

/**
 * The conditions as one test, each term once, written as JavaScript tests them: `has(schema.spec.x)` goes
 * where `schema.spec.x` is a term too (JavaScript's `spec.x` is true only when it is set), so an optional
 * boolean reads `spec.x`, which compiles back to these very terms.
 */
function hintCondition(conditions: readonly Expr[]): Expr {
  const all = new Map(conditions.flatMap(terms).map((term) => [printCel(term), term]));
  const kept = [...all.values()].filter((term) => !(term.kind === 'call' && term.fn === 'has' && !term.target && term.args.length === 1 && isSpecPath(term.args[0]!) && all.has(printCel(term.args[0]!))));
  return kept.reduce((test, term) => E.binary('&&', test, term));
}

function isSpecPath(expr: Expr): boolean {
  let root = expr;
  while (root.kind === 'select' && !root.optional) root = root.target;
  return root.kind === 'ident' && root.name === 'schema';
}

/** `resource "db"`, or `nested composition "cache"` (`(its resource "cacheD")` when it is one of its resources that is read). */
function described(resource: Conditional): string {
  if (!resource.nestedAt) return isCollection(resource) ? `collection "${resource.id}"` : `resource "${resource.id}"`;
  const composition = `nested composition "${resource.nestedAt.prefix}"`;
  return resource.id.startsWith(NESTED_ROOT_PREFIX) ? composition : `${composition} (its resource "${resource.id}")`;
}

function resourceError(reader: ResourceNode, read: Conditional, missing: readonly Expr[]): CompositionSyntaxError {
  const where = reader.source ? `${reader.source.file}:${reader.source.line}:${reader.source.column}: ` : '';
  const condition = printAsJavaScript(hintCondition(missing));
  const name = read.nestedAt?.prefix ?? read.id;
  // A local that is `undefined` without the condition may be read under a guard (`db ? db.status.url : 'none'`):
  // JavaScript then creates the reader with the fallback, which a status field can compile and a resource cannot.
  const statusWay = read.orNothing ? `; a status field may read it under a guard (\`${name} ? <read> : <fallback>\`)` : '';
  const hint = `create "${reader.id}" under the same condition (inside the same \`if\`, or .withIncludeWhen(${printAsJavaScript(hintCondition(read.includeWhen))})), or do not read "${name}" from it${statusWay}`;
  const js = read.orNothing ? `when "${name}" is undefined` : `(reading "${name}" as undefined)`;
  return new CompositionSyntaxError(
    `${where}resource "${reader.id}" reads ${described(read)}, which exists only when ${condition}: KRO skips every resource that reads a skipped one, while JavaScript still creates "${reader.id}" ${js}\n  hint: ${hint}`,
    reader.source,
    `${reader.kind} "${reader.id}"`,
    hint,
  );
}
