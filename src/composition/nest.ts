/**
 * Nested compositions: a child graph inlined into its parent. The child ran once when it was defined;
 * here its resources get prefixed ids and every `schema.spec...` read is replaced by what the parent
 * passed (literals, references, expressions), so KRO and the direct runtime see one flat graph.
 */
import { E, type Expr } from '../ir/expr.js';
import type { CompositionGraph, ResourceNode, SourceLocation } from '../ir/graph.js';
import { formatLocation } from '../model/call-site.js';
import { foldConstants } from '../ir/fold.js';
import { rewriteExpr, rewriteValue, selectPath } from '../ir/rewrite.js';
import { schemaAt, type SchemaNode } from '../ir/schema.js';
import { hasImpliedDefault } from '../model/schema/index.js';
import { isExprValue, type Value } from '../ir/value.js';
import { TypeKroError } from '../util/errors.js';

export interface InlinedChild {
  readonly resources: ResourceNode[];
  readonly status: Value;
}

type Resolved = { kind: 'literal'; value: unknown } | { kind: 'expr'; expr: Expr } | { kind: 'absent' };

/** `at` is the parent's call, where a refusal of what the parent passes is located. */
export function inlineChild(child: CompositionGraph, spec: Value, prefix: string, at?: SourceLocation): InlinedChild {
  const where = at ? `${formatLocation(at)}: ` : '';
  const ids = new Map(child.resources.map((resource) => [resource.id, prefixed(prefix, resource.id)]));
  const substitute = (expr: Expr): Expr => rewriteExpr(expr, (node) => renameIds(node, ids), (node) => substituteSpec(node, child, spec, substitute, where));
  const rewrite = (expr: Expr): Expr => foldConstants(substitute(expr));
  const rewriteLeaves = (value: Value): Value => unwrapLiterals(rewriteValue(value, rewrite));
  const resources: ResourceNode[] = [];
  for (const resource of child.resources) {
    const includeWhen = resource.includeWhen.map(rewrite);
    // A condition that is false for what the parent passes (an optional field it omits) drops the resource:
    // its template may read exactly the field that is absent.
    if (includeWhen.some((condition) => condition.kind === 'literal' && condition.literal.kind === 'bool' && !condition.literal.value)) continue;
    resources.push({
      ...resource,
      id: ids.get(resource.id)!,
      ...(resource.template !== undefined ? { template: rewriteLeaves(resource.template) } : {}),
      readyWhen: resource.readyWhen.map(rewrite),
      includeWhen: includeWhen.filter((condition) => !(condition.kind === 'literal' && condition.literal.kind === 'bool')),
      forEach: resource.forEach.map((dimension) => ({ ...dimension, source: rewrite(dimension.source) })),
      dependsOn: resource.dependsOn.map((id) => ids.get(id) ?? id),
    });
  }
  return { resources, status: rewriteLeaves(child.status) };
}

/** Expression leaves that folded to a literal become plain values again (`replicas: 2`, not `${2}`). */
function unwrapLiterals(value: Value): Value {
  if (isExprValue(value)) {
    const { expr } = value;
    if (expr.kind !== 'literal') return value;
    const { literal } = expr;
    if (literal.kind === 'null') return null;
    return literal.kind === 'int' ? Number(literal.value) : literal.value;
  }
  if (Array.isArray(value)) return value.map((item: Value) => unwrapLiterals(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unwrapLiterals(item as Value)]));
  }
  return value;
}

export function prefixed(prefix: string, id: string): string {
  return `${prefix}${id.charAt(0).toUpperCase()}${id.slice(1)}`;
}

function renameIds(node: Expr, ids: ReadonlyMap<string, string>): Expr {
  const renamed = node.kind === 'ident' ? ids.get(node.name) : undefined;
  return renamed ? E.ident(renamed) : node;
}

/** True when `node` is `has(schema.spec...)` of a field the parent does not pass (and no default fills). */
function absentHas(node: Expr, child: CompositionGraph, spec: Value): boolean {
  if (node.kind !== 'call' || node.fn !== 'has' || node.target || node.args.length !== 1) return false;
  const chain = specChain(node.args[0]!);
  return chain !== undefined && resolve(chain.path, child, spec).kind === 'absent';
}

/**
 * Decides the guards the compiler wraps around optional fields when the field is absent, before their
 * guarded reads are visited: `has(x) && ...` is false, `!has(x) || ...` is true, `has(x) ? a : b` is b.
 */
function foldAbsentGuards(node: Expr, child: CompositionGraph, spec: Value): Expr | undefined {
  if (node.kind === 'binary' && node.op === '&&' && absentHas(node.left, child, spec)) return E.bool(false);
  if (node.kind === 'binary' && node.op === '||' && node.left.kind === 'unary' && node.left.op === '!' && absentHas(node.left.operand, child, spec)) {
    return E.bool(true);
  }
  return undefined;
}

/** Replaces the outermost `schema.spec...` chain (and `has()` of one); undefined to keep descending. */
function substituteSpec(node: Expr, child: CompositionGraph, spec: Value, recurse: (expr: Expr) => Expr, where: string): Expr | undefined {
  const folded = foldAbsentGuards(node, child, spec);
  if (folded) return folded;
  if (node.kind === 'conditional') {
    // A test decided by what the parent passes picks its branch before the other one is visited (it may
    // read the very field that is absent).
    const test = foldConstants(recurse(node.test));
    if (test.kind === 'literal' && test.literal.kind === 'bool') return recurse(test.literal.value ? node.then : node.otherwise);
  }
  if (node.kind === 'call' && node.fn === 'has' && !node.target && node.args.length === 1) {
    const chain = specChain(node.args[0]!);
    if (!chain) return undefined;
    const resolved = resolve(chain.path, child, spec);
    if (resolved.kind === 'absent') return E.bool(false);
    if (resolved.kind === 'literal') return E.bool(true);
    return resolved.expr.kind === 'select' ? E.call('has', [resolved.expr]) : E.bool(true);
  }
  const chain = specChain(node);
  if (!chain || node.kind !== 'select') return undefined;
  const resolved = resolve(chain.path, child, spec);
  const optional = chain.optional.some(Boolean);
  if (resolved.kind === 'absent') {
    if (optional) return E.call('optional.none', []);
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${where}nested composition "${child.name}" reads spec.${chain.path.join('.')} without a guard, and the parent does not pass it (no default either): pass it, give it a default, or guard the read (spec.${chain.path.join('.')} ?? ..., if (spec.${chain.path[0]}) ...)`,
    );
  }
  const expr = resolved.kind === 'literal' ? literalExpr(resolved.value) : resolved.expr;
  if (!optional) return expr;
  // What the parent passes may itself be absent (its own optional spec field): `.?` keeps that absence.
  return expr.kind === 'select' ? E.select(expr.target, expr.field, true) : E.call('optional.of', [expr]);
}

/** `schema.spec.a.b` as a path under spec, also when already partly substituted (then undefined). */
function specChain(node: Expr): { path: string[]; optional: boolean[] } | undefined {
  const chain = selectPath(node, 'schema');
  if (!chain || chain.path[0] !== 'spec') return undefined;
  return { path: chain.path.slice(1), optional: chain.optional.slice(1) };
}

function resolve(path: readonly string[], child: CompositionGraph, spec: Value): Resolved {
  let current: Value | undefined = spec;
  for (let i = 0; i < path.length; i++) {
    if (current !== undefined && isExprValue(current)) {
      return { kind: 'expr', expr: path.slice(i).reduce<Expr>((target, field) => E.select(target, field), current.expr) };
    }
    const segment = path[i]!;
    const next: Value | undefined =
      typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, Value>)[segment] : undefined;
    current = next ?? schemaDefault(schemaAt(child.spec, path.slice(0, i + 1)));
    if (current === undefined) return { kind: 'absent' };
  }
  if (current !== undefined && isExprValue(current)) return { kind: 'expr', expr: current.expr };
  return { kind: 'literal', value: current };
}

/**
 * What the API server fills in for an unset field: its default, or `{}` for a struct KRO defaults (then its
 * own defaulted fields are filled in below it), as the child sees it when it runs alone.
 */
function schemaDefault(node: SchemaNode | undefined): Value | undefined {
  if (!node) return undefined;
  if (node.markers.default !== undefined) return node.markers.default as Value;
  return hasImpliedDefault(node) ? {} : undefined;
}

export function literalExpr(value: unknown): Expr {
  if (value === null) return E.null();
  if (typeof value === 'string') return E.str(value);
  if (typeof value === 'boolean') return E.bool(value);
  if (typeof value === 'number') return Number.isInteger(value) ? E.int(value) : E.double(value);
  if (Array.isArray(value)) return E.list(value.map(literalExpr));
  if (isExprValue(value)) return value.expr;
  if (typeof value === 'object') {
    return E.map(Object.entries(value).map(([key, item]) => ({ key: E.str(key), value: literalExpr(item) })));
  }
  throw new TypeKroError('DEFINITION_INVALID', `cannot pass ${typeof value} into a nested composition`);
}
