/**
 * A nested composition call inside a running composition: the child graph is inlined as records of the
 * parent run, and the call returns a handle whose `status` fields are references the graph builder later
 * replaces with the child's status expressions.
 */
import { E, type Expr } from '../ir/expr.js';
import type { CompositionGraph, ResourceNode, SourceLocation } from '../ir/graph.js';
import { foldConstants } from '../ir/fold.js';
import { rewriteExpr, rewriteValue, selectPath } from '../ir/rewrite.js';
import { fieldOf, T, type CelType } from '../ir/types.js';
import { exprValue, isExprValue, type Value } from '../ir/value.js';
import { createRef, NESTED_ROOT_PREFIX, trapRefusal, userLocation, type RefData } from '../model/refs.js';
import { withNestedIncludeWhen, withNestedRecords, type ResourceRecord } from '../model/resource.js';
import { loopHooks } from '../model/run.js';
import { schemaToCelType } from '../model/schema/index.js';
import { inlineChild, literalExpr } from './nest.js';
import { schemaDefault, type PassedPresence } from './nest-reads.js';
import { optionalAt } from './presence.js';
import type { ManifestField } from './source-values.js';
import type { SchemaNode } from '../ir/schema.js';
import { TypeKroError } from '../util/errors.js';
import { optionalStatus, statusPresence } from './nest-status-reads.js';

export { NESTED_ROOT_PREFIX };

/** How the parent's argument is checked against the child's spec, and what of it may be absent. */
export interface NestedArguments extends Pick<ManifestField, 'mayBeAbsent' | 'passedAbsent'> {
  readonly presence: PassedPresence;
}

/**
 * A field of the child's spec that is optional, or has a default, may be left unset: JavaScript passes
 * `undefined` and the child's own rules (its guards, its default) handle that. The presence tests of what
 * the parent passes are collected for the inlining; `typeOf` types the passed expressions.
 */
export function nestedArguments(child: CompositionGraph, childSpec: CelType, typeOf: (expr: Expr) => CelType | undefined): NestedArguments {
  const present = new Map<string, Expr>();
  return {
    mayBeAbsent: (path) => optionalAt(childSpec, path) || schemaDefault(structFieldAt(child.spec, path)) !== undefined,
    passedAbsent: (path, test) => present.set(path.join('.'), test),
    presence: { present, typeOf, child: child.name },
  };
}

/** The schema of a field reached through struct fields only (the inlining reads list items and map values whole). */
function structFieldAt(node: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let current: SchemaNode | undefined = node;
  for (const segment of path) current = current?.kind === 'struct' ? current.fields[segment] : undefined;
  return current;
}

/**
 * The static type of a `schema.spec...` read of the parent, from its spec type, or of a resource's field
 * (`db.status.size`), from the resource's observed type (`refType`).
 */
export function specChainType(expr: Expr, specType: CelType, refType?: (ref: RefData) => CelType): CelType | undefined {
  const chain = selectPath(expr, 'schema');
  if (!chain) return refType && resourceChainType(expr, refType);
  if (chain.path[0] !== 'spec') return undefined;
  let type: CelType | undefined = specType;
  for (const field of chain.path.slice(1)) type = type && fieldOf(type, field)?.type;
  return type;
}

function resourceChainType(expr: Expr, refType: (ref: RefData) => CelType): CelType | undefined {
  const path: string[] = [];
  let root = expr;
  for (; root.kind === 'select' && !root.optional; root = root.target) path.unshift(root.field);
  if (root.kind !== 'ident' || path.length === 0 || root.name === 'schema' || root.name.startsWith(NESTED_ROOT_PREFIX)) return undefined;
  const id = root.name;
  try {
    return refType({ root: { kind: 'resource', resource: { id: () => id } }, path });
  } catch {
    // A collection's field (refused where it is passed) has no one type.
    return undefined;
  }
}

/** Records for the child's resources, in the child's order; conditions around the call apply to each. */
export function nestedRecords(child: CompositionGraph, spec: Value, prefix: string, conditions: readonly Expr[], site?: SourceLocation, presence?: PassedPresence): { records: ResourceRecord[]; status: Value } {
  const inlined = inlineChild(child, spec, prefix, site, presence);
  const byId = new Map<string, ResourceRecord>();
  const records = inlined.resources.map((node) => {
    const record = recordFromNode(node, conditions);
    // The parent's call names it (recordFromNode drops the child's own calls: they are the child's business).
    if (site) record.nestedAt = { site, prefix };
    byId.set(node.id, record);
    return record;
  });
  inlined.resources.forEach((node, i) => records[i]!.dependsOn.push(...node.dependsOn.flatMap((id) => byId.get(id) ?? [])));
  return { records, status: inlined.status };
}

function recordFromNode(node: ResourceNode, conditions: readonly Expr[]): ResourceRecord {
  return {
    id: node.id,
    apiVersion: node.apiVersion,
    kind: node.kind,
    manifest: (node.template ?? {}) as Record<string, unknown>,
    ...(node.externalRef ? { external: node.externalRef } : {}),
    explicitId: true,
    readyWhen: [...node.readyWhen],
    includeWhen: [...conditions, ...node.includeWhen],
    forEach: [...node.forEach],
    iterators: [],
    dependsOn: [],
    ...(node.source ? { source: node.source } : {}),
  };
}

/** The handle a nested call returns: `status.x` reads are references under a pseudo root. */
export function nestedHandle(root: string, records: ResourceRecord[], child: CompositionGraph): object {
  const status = createRef({ root: { kind: 'resource', resource: { id: () => root } }, path: ['status'] }, loopHooks);
  const handle = { status };
  // The original TypeKro let a parent read a child's resources (`app.database.status...`); here the child's
  // status is its interface, so say so instead of failing on `undefined` (non-enumerable: never copied or walked).
  for (const { id } of child.resources) {
    if (id === 'status') continue;
    Object.defineProperty(handle, id, {
      enumerable: false,
      get() {
        throw trapRefusal(
          new TypeKroError(
            'DEFINITION_INVALID',
            `nested composition "${child.name}" exposes its status, not its resource "${id}": add the field you need to its status (e.g. ${id}Ready: ${id}.status...) and read it as .status.<field>`,
          ),
        );
      },
    });
  }
  // Used as text (`${db}`), JavaScript would write "[object Object]": the user meant a field of its status.
  Object.defineProperty(handle, Symbol.toPrimitive, {
    enumerable: false,
    value: () => {
      throw trapRefusal(
        new TypeKroError(
          'DEFINITION_INVALID',
          `${userLocation()}: the nested composition "${child.name}" is used as text (in a template literal, a \`+\` or String()), and a composition has no text form\n  hint: use a field of its status (\`.status.<field>\`)`,
        ),
      );
    },
  });
  return withNestedIncludeWhen(withNestedRecords(handle, records), records);
}

/**
 * The child's status as the parent reads it: typed by the child's status schema, as the parent's compiler
 * types its reads. A field declared `'number'` whose value is an integer expression (`readyReplicas ?? 0`)
 * becomes `double(...)`, so the parent's `k.status.n + 1` (compiled as `+ 1.0`) finds the overload; JavaScript
 * has one number type, and int to double is exact in the range JavaScript holds exactly.
 */
export function statusAsDeclared(status: Value, child: CompositionGraph): Value {
  return child.statusSchema ? asType(status, schemaToCelType(child.statusSchema, { filled: false })) : status;
}

function asType(value: Value, type: CelType | undefined): Value {
  if (type?.kind === 'double') {
    if (isExprValue(value)) return exprValue(E.call('double', [value.expr]));
    if (typeof value === 'number') return exprValue(E.double(value));
    return value;
  }
  if (value === null || typeof value !== 'object' || isExprValue(value) || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, Value>).map(([key, item]) => [key, asType(item, type ? fieldOf(type, key)?.type : undefined)]));
}

export function nestedBindingType(child: CompositionGraph): ReturnType<typeof T.object> {
  // A status holds what the child's expressions computed: its schema's defaults are not filled in.
  const status = child.statusSchema ? schemaToCelType(child.statusSchema, { filled: false }) : T.dyn;
  return T.object({ status: { type: status, optional: false } });
}

/** Replaces reads of nested status (`nested$db.status.ready`) with the child's status expressions. */
export function inlineNestedStatus(value: Value, nested: ReadonlyMap<string, Value>): Value {
  if (nested.size === 0) return value;
  return rewriteValue(value, (expr) => inlineNestedExpr(expr, nested));
}

export function inlineNestedExpr(expr: Expr, nested: ReadonlyMap<string, Value>): Expr {
  if (nested.size === 0) return expr;
  return foldConstants(rewriteExpr(expr, (node) => node, (node) => {
    // `has(c.status.x)` (`c.status.x !== undefined`): whether the child's value is there (nest-status-reads.ts).
    const tested = node.kind === 'call' && node.fn === 'has' && !node.target && node.args.length === 1 ? node.args[0]! : undefined;
    for (const [root, status] of nested) {
      const chain = selectPath(tested ?? node, root);
      if (!chain) continue;
      const [first, ...rest] = chain.path;
      if (first !== 'status') throw new TypeKroError('DEFINITION_INVALID', `a nested composition exposes only its status, not ${first}`);
      if (tested) return statusPresence(valueAtPath(status, rest, root));
      // A `.?` on the way (`c.status.?x.orValue(d)`) reads the child's value as an optional.
      return chain.optional.some(Boolean) ? optionalValueAtPath(status, rest, root) : valueAtPath(status, rest, root);
    }
    if (node.kind === 'ident' && node.name.startsWith(NESTED_ROOT_PREFIX)) {
      throw new TypeKroError('DEFINITION_INVALID', `a nested composition handle (${node.name.slice(NESTED_ROOT_PREFIX.length)}) can only be used through its status fields`);
    }
    return undefined;
  }));
}

function valueAtPath(status: Value, path: readonly string[], root: string): Expr {
  const { value, rest } = statusAt(status, path, root);
  return rest.reduce<Expr>((target, field) => E.select(target, field), value);
}

/** The child's value at `path` as a CEL optional, empty where it is absent. */
function optionalValueAtPath(status: Value, path: readonly string[], root: string): Expr {
  const { value, rest } = statusAt(status, path, root);
  return rest.reduce<Expr>((target, field) => E.select(target, field, true), optionalStatus(value));
}

/** The child's status value along `path`: the expression reached, and the part of the path below it. */
function statusAt(status: Value, path: readonly string[], root: string): { value: Expr; rest: readonly string[] } {
  let current: Value | undefined = status;
  for (const [i, segment] of path.entries()) {
    if (current !== undefined && isExprValue(current)) return { value: current.expr, rest: path.slice(i) };
    current = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, Value>)[segment] : undefined;
    if (current === undefined) {
      throw new TypeKroError('DEFINITION_INVALID', `nested composition ${root.slice(NESTED_ROOT_PREFIX.length)} has no status field ${path.join('.')}`);
    }
  }
  return { value: current !== undefined && isExprValue(current) ? current.expr : literalExpr(current), rest: [] };
}
