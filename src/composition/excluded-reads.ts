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
import { addReferencedRoots, exprChildren, referencedRoots, type Expr } from '../ir/expr.js';
import type { ResourceNode, SourceLocation } from '../ir/graph.js';
import { exprsOf, type Value } from '../ir/value.js';

/** What the check needs of a resource: its id, its conditions and where it was created. */
export interface Conditional {
  readonly id: string;
  readonly includeWhen: readonly Expr[];
  readonly source?: SourceLocation;
}

/**
 * Fails when a resource reads a resource whose conditions it does not share.
 *
 * @example
 * ```ts
 * checkResourceReads(graph.resources); // throws for `ConfigMap({ data: { n: `${db.status.readyReplicas ?? 0}` } })` beside `db` under `if (spec.db)`
 * ```
 */
export function checkResourceReads(resources: readonly ResourceNode[]): void {
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  for (const reader of resources) {
    const own = new Set(reader.includeWhen.flatMap(terms).map(printCel));
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
      if (!read || read === reader) continue;
      const missing = read.includeWhen.flatMap(terms).filter((term) => !own.has(printCel(term)));
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
      const missing = unguarded(expr, resource);
      if (missing.length > 0) {
        throw syntaxError(
          node,
          `this status field reads resource "${resource.id}", which exists only when ${missing.map(printAsJavaScript).join(' && ')}: when it does not, KRO leaves the field unset, while JavaScript computes it with "${resource.id}" read as undefined`,
          `read it under the same condition (\`cond ? <read> : <fallback>\`), or do not read "${resource.id}" here`,
        );
      }
    }
  }
}

function hasConditional(resources: readonly Conditional[]): boolean {
  for (let i = 0; i < resources.length; i++) if (resources[i]!.includeWhen.length > 0) return true;
  return false;
}

/** The conditions of `resource` that do not guard its reads in `expr` (empty when it is not read). */
function unguarded(expr: Expr, resource: Conditional): Expr[] {
  // A plain read is pending while the resource is absent, as `undefined` is in JavaScript: both leave it unset.
  if (!referencedRoots(expr).includes(resource.id) || isPlainRead(expr, resource.id)) return [];
  const needed = resource.includeWhen.flatMap(terms);
  if (expr.kind === 'conditional' && !referencedRoots(expr.test).includes(resource.id)) {
    const tested = new Set(terms(expr.test).map(printCel));
    const thenMissing = needed.filter((term) => !tested.has(printCel(term)));
    const elseMissing = unguarded(expr.otherwise, resource);
    return thenMissing.length > 0 && referencedRoots(expr.then).includes(resource.id) ? thenMissing : elseMissing;
  }
  return needed;
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

function terms(condition: Expr): Expr[] {
  return condition.kind === 'binary' && condition.op === '&&' ? [...terms(condition.left), ...terms(condition.right)] : [condition];
}

function resourceError(reader: ResourceNode, read: ResourceNode, missing: readonly Expr[]): CompositionSyntaxError {
  const where = reader.source ? `${reader.source.file}:${reader.source.line}:${reader.source.column}: ` : '';
  const condition = missing.map(printAsJavaScript).join(' && ');
  const hint = `create "${reader.id}" under the same condition (inside the same \`if\`, or .withIncludeWhen(...)), or do not read "${read.id}" from it`;
  return new CompositionSyntaxError(
    `${where}resource "${reader.id}" reads resource "${read.id}", which exists only when ${condition}: KRO skips every resource that reads a skipped one, while JavaScript still creates "${reader.id}" (reading "${read.id}" as undefined)\n  hint: ${hint}`,
    reader.source,
    `${reader.kind} "${reader.id}"`,
    hint,
  );
}
