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
import { literalExpr, readPassed, type PassedPresence } from './nest-reads.js';
import { isExprValue, type Value } from '../ir/value.js';
import { TypeKroError } from '../util/errors.js';

export interface InlinedChild {
  readonly resources: ResourceNode[];
  readonly status: Value;
}

/** `at` is the parent's call, where a refusal of what the parent passes is located. */
export function inlineChild(child: CompositionGraph, spec: Value, prefix: string, at?: SourceLocation, presence?: PassedPresence): InlinedChild {
  const where = at ? `${formatLocation(at)}: ` : '';
  const passed: Passed = { child, spec, ...(presence && { presence }) };
  const ids = new Map(child.resources.map((resource) => [resource.id, prefixed(prefix, resource.id)]));
  const substitute = (expr: Expr): Expr => rewriteExpr(expr, (node) => renameIds(node, ids), (node) => substituteSpec(node, passed, substitute, where));
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

/**
 * The prefix of a nested composition's resource ids: the variable its result is assigned to, when that is an
 * id (`web` of `const web = child(...)`), else the child's kind (`web_` or `$web` are JavaScript names but not
 * ids, as a factory's variable is passed over then).
 */
export function nestPrefixBase(declaredAs: string | undefined, kind: string): string {
  return declaredAs !== undefined && /^[a-z][a-zA-Z0-9]*$/.test(declaredAs) ? declaredAs : kind.charAt(0).toLowerCase() + kind.slice(1);
}

export function prefixed(prefix: string, id: string): string {
  return `${prefix}${id.charAt(0).toUpperCase()}${id.slice(1)}`;
}

function renameIds(node: Expr, ids: ReadonlyMap<string, string>): Expr {
  const renamed = node.kind === 'ident' ? ids.get(node.name) : undefined;
  return renamed ? E.ident(renamed) : node;
}

/** What the child reads from: the spec the parent passed, and which of its values may be absent. */
interface Passed {
  readonly child: CompositionGraph;
  readonly spec: Value;
  readonly presence?: PassedPresence;
}

/** Replaces the outermost `schema.spec...` chain (and `has()` of one); undefined to keep descending. */
function substituteSpec(node: Expr, passed: Passed, recurse: (expr: Expr) => Expr, where: string): Expr | undefined {
  if (node.kind === 'binary' && (node.op === '&&' || node.op === '||')) {
    // A left side decided by what the parent passes decides the right side's fate before it is visited, as a
    // test does: the guards the compiler wraps around optional fields (`has(x) && ...` is false when the
    // parent does not pass `x`, `!has(x) || ...` true) and the truthiness of a value that may be absent
    // (`(T ? true : has(x)) && (T ? false : x)`).
    const left = foldConstants(recurse(node.left));
    if (left.kind === 'literal' && left.literal.kind === 'bool') {
      return left.literal.value === (node.op === '||') ? E.bool(left.literal.value) : recurse(node.right);
    }
  }
  if (node.kind === 'conditional') {
    // A test decided by what the parent passes picks its branch before the other one is visited (it may
    // read the very field that is absent).
    const test = foldConstants(recurse(node.test));
    if (test.kind === 'literal' && test.literal.kind === 'bool') return recurse(test.literal.value ? node.then : node.otherwise);
  }
  const { child, spec, presence } = passed;
  if (node.kind === 'call' && node.fn === 'has' && !node.target && node.args.length === 1) {
    const chain = specChain(node.args[0]!);
    return chain && readPassed(chain.path, 'has', child.spec, spec, presence);
  }
  const chain = specChain(node);
  if (!chain || node.kind !== 'select') return undefined;
  // A `.?` anywhere in the chain makes the whole read a CEL optional; `.?` keeps the absence of what the parent passes.
  const read = readPassed(chain.path, chain.optional.some(Boolean) ? 'optional' : 'value', child.spec, spec, presence, `${where}nested composition "${child.name}"`);
  if (read) return read;
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `${where}nested composition "${child.name}" reads spec.${chain.path.join('.')} without a guard, and the parent does not pass it (no default either): pass it, give it a default, or guard the read (spec.${chain.path.join('.')} ?? ..., if (spec.${chain.path[0]}) ...)`,
  );
}

/** `schema.spec.a.b` as a path under spec, also when already partly substituted (then undefined). */
function specChain(node: Expr): { path: string[]; optional: boolean[] } | undefined {
  const chain = selectPath(node, 'schema');
  if (!chain || chain.path[0] !== 'spec') return undefined;
  return { path: chain.path.slice(1), optional: chain.optional.slice(1) };
}

export { literalExpr };
