/**
 * A nested composition's read of its spec, in terms of what the parent passed. JavaScript calls the child
 * with the parent's object, and the child's defaults fill every key that is missing or `undefined` there
 * (as the API server fills a JSON spec, where `undefined` keys do not exist). So where the parent passes
 * a value that may be absent (its own optional field, `spec.db?.size`), a read of a defaulted child field
 * becomes `passed ?? default` in CEL (`schema.spec.?replicas.orValue(2)`), at every level of the path.
 */
import { isDeepStrictEqual } from 'node:util';
import { E, type Expr } from '../ir/expr.js';
import { schemaAt, type SchemaNode } from '../ir/schema.js';
import { fieldOf, type CelType } from '../ir/types.js';
import { isExprValue, type Value } from '../ir/value.js';
import { NESTED_ROOT_PREFIX } from '../model/refs.js';
import { hasImpliedDefault } from '../model/schema/index.js';
import { TypeKroError } from '../util/errors.js';
import { filledExpr, filledLiteral, type FillSite } from './nest-fill.js';
import { kindCheckedPresence, kindCheckedThrough, typedAtRunTime } from './nest-kinds.js';

/** What the parent passed that may be absent: presence tests by child spec path (`a.b`). */
export interface PassedPresence {
  readonly present: ReadonlyMap<string, Expr>;
  /** The static type of a passed expression, when known (for the presence of the fields below it). */
  readonly typeOf: (expr: Expr) => CelType | undefined;
  /** The child's name, for the failures the compiled CEL carries (nest-kinds.ts; no file path in the RGD). */
  readonly child: string;
}

/** How the child reads: the value (its own rules guarantee it is there), `has(...)`, or a CEL optional (`.?`). */
export type ReadMode = 'value' | 'has' | 'optional';

/** A read of `schema.spec.<path>`; undefined when the value is absent (nothing passed, no default). */
export function readPassed(path: readonly string[], mode: ReadMode, child: SchemaNode, spec: Value, passed?: PassedPresence, owner = 'a nested composition'): Expr | undefined {
  let current: Value | undefined = spec;
  for (let i = 0; i <= path.length; i++) {
    if (current !== undefined && isExprValue(current)) {
      const at = path.slice(0, i);
      const type = passed?.typeOf(current.expr);
      const present = passed?.present.get(at.join('.')) ?? observedPresence(current.expr, type);
      const base: Read = { value: current.expr, ...(present && { present, optional: optionalForm(current.expr, present) }) };
      return below(base, type, schemaAt(child, at), fieldDefault(child, at), path.slice(i), mode, { owner, path: at, ...(passed && { child: passed.child }) });
    }
    if (i === path.length) break;
    const next: Value | undefined = isRecord(current) ? current[path[i]!] : undefined;
    current = next ?? fieldDefault(child, path.slice(0, i + 1));
    if (current === undefined) return mode === 'has' ? E.bool(false) : mode === 'optional' ? none() : undefined;
  }
  if (mode !== 'has' && isRecord(current)) {
    const whole = wholeRecord(current, path, child, spec, passed, owner);
    return mode === 'optional' ? E.call('optional.of', [whole]) : whole;
  }
  return literalRead(current, mode, schemaAt(child, path), passed, { owner, path, ...(passed && { child: passed.child }) });
}

/**
 * An object the parent built (`opt: { level: spec.level }`), read whole by the child: each key as the child
 * reads it alone, the child's defaults filled in. A key that may be absent without a default would need a
 * map entry KRO leaves out by a condition, which CEL cannot write.
 */
function wholeRecord(record: Readonly<Record<string, Value>>, path: readonly string[], child: SchemaNode, spec: Value, passed: PassedPresence | undefined, owner: string): Expr {
  const node = schemaAt(child, path);
  const keys = new Set([...Object.keys(record), ...(node?.kind === 'struct' ? Object.keys(node.fields) : [])]);
  const entries: { key: Expr; value: Expr }[] = [];
  for (const key of keys) {
    const at = [...path, key];
    const fill = fieldDefault(child, at);
    if (record[key] === undefined && fill === undefined) continue;
    if (fill === undefined && [...(passed?.present.keys() ?? [])].some((p) => p === at.join('.') || p.startsWith(`${at.join('.')}.`))) {
      throw new TypeKroError(
        'DEFINITION_INVALID',
        `${owner} reads spec.${path.join('.')} as a whole object, and the parent passes its field ${key} as a value that may be absent: KRO cannot leave a key of an object out by a condition; give it a default where it is passed (\`?? ...\`) or in the child's spec type`,
      );
    }
    entries.push({ key: E.str(key), value: readPassed(at, 'value', child, spec, passed, owner)! });
  }
  return E.map(entries);
}

/**
 * What the API server fills in for an unset field: its default, or `{}` for a struct KRO defaults (then its
 * own defaulted fields are filled in below it), as the child sees it when it runs alone.
 */
export function schemaDefault(node: SchemaNode | undefined): Value | undefined {
  if (!node) return undefined;
  if (node.markers.default !== undefined) return node.markers.default as Value;
  return hasImpliedDefault(node) ? {} : undefined;
}

/**
 * The presence test of a resource's field the parent passes as it is (`size: db.status.size`): an observed
 * object may lack it, and JavaScript then passes `undefined`, which the child's default replaces. A resource
 * not observed yet is pending, not undefined (KRO evaluates nothing that reads it, and the concrete run hands
 * out pending placeholders), so the test is needed only once it exists, where `has()` is exact. Only for a
 * scalar: an absent object, map or list passed on is pending (concrete-view.ts `absentRead`: JavaScript
 * reads through such values, so the view cannot hand out `undefined` for them).
 */
function observedPresence(value: Expr, type: CelType | undefined): Expr | undefined {
  if (value.kind !== 'select' || value.optional || !type || type.kind === 'object' || type.kind === 'map' || type.kind === 'list') return undefined;
  let root: Expr = value;
  while (root.kind === 'select' && !root.optional) root = root.target;
  if (root.kind !== 'ident' || root.name === 'schema' || root.name.startsWith(NESTED_ROOT_PREFIX)) return undefined;
  return E.call('has', [value]);
}

/** True when a struct field on `rest` below `node` has a default the API server fills in. */
function defaultedBelow(node: SchemaNode | undefined, rest: readonly string[]): boolean {
  let current = node;
  for (const field of rest) {
    if (current?.kind === 'struct' && schemaDefault(current.fields[field]) !== undefined) return true;
    current = current && schemaAt(current, [field]);
  }
  return false;
}

/** A passed value: `present` set when it may be absent, `optional` its CEL optional form then. */
interface Read {
  readonly value: Expr;
  readonly present?: Expr;
  readonly optional?: Expr;
}

/**
 * What the API server fills in for the field at `path` when it is unset: only a struct's field has a default
 * (a map's missing key, a list's missing item stays missing).
 */
function fieldDefault(child: SchemaNode, path: readonly string[]): Value | undefined {
  const parent = path.length > 0 ? schemaAt(child, path.slice(0, -1)) : undefined;
  return parent?.kind === 'struct' ? schemaDefault(parent.fields[path[path.length - 1]!]) : undefined;
}

/**
 * The read of `rest` below `read` (at the child's schema `node`, whose default as a struct field is
 * `whenAbsent`), the child's defaults applied where the parent's value may be absent.
 */
function below(read: Read, type: CelType | undefined, node: SchemaNode | undefined, whenAbsent: Value | undefined, rest: readonly string[], mode: ReadMode, site: FillSite): Expr | undefined {
  const fill = read.present ? whenAbsent : undefined;
  if (read.present && fill !== undefined) {
    const given = below({ value: read.value }, type, node, undefined, rest, mode, site);
    const fallback = readPassed(rest, mode, node!, fill, undefined, site.owner);
    if (given === undefined || fallback === undefined) return undefined;
    // The common case in the form the compiler writes for a spec field's default: `schema.spec.?n.orValue(2)`.
    if (mode === 'value' && given === read.value && fallback.kind === 'literal') return E.call('orValue', [fallback], read.optional!);
    if (mode === 'has' && isTrue(given) && isTrue(fallback)) return E.bool(true);
    return E.cond(read.present, given, fallback);
  }
  if (read.present && mode !== 'value' && defaultedBelow(node, rest)) {
    // Absent here (a map's missing key, an optional object without a default), the read is absent: the
    // defaults below apply only inside a value that is there (`spec.tiers.gold?.size` is undefined, not 3).
    const given = below({ value: read.value }, type, node, undefined, rest, mode, site);
    return given && E.cond(read.present, given, mode === 'has' ? E.bool(false) : none());
  }
  const [field, ...more] = rest;
  if (field !== undefined && node && node.kind !== 'object' && typedAtRunTime(read.value, type)) {
    // Read through, a value of a kind known only when it runs is checked to be an object first (nest-kinds.ts),
    // as JavaScript's run of the child checks what it reads; the fields below are checked where they are read.
    const value = kindCheckedThrough(read.value, node, site);
    read = { value, ...(read.present && { present: read.present, optional: optionalForm(value, read.present) }) };
  }
  if (field === undefined) {
    // Without a presence test the parent's value is there, or pending with its source (a resource's status).
    const present = read.present ?? (read.value.kind === 'select' ? E.call('has', [read.value]) : undefined);
    // JavaScript's run of the child fails on a value of another kind before its `!== undefined` is read.
    if (mode === 'has') return node && typedAtRunTime(read.value, type) ? kindCheckedPresence(present, read.value, node, site) : (present ?? E.bool(true));
    // Read whole, the value gets the child's defaults inside it (list items, nested objects) that its type may lack.
    const value = filledExpr(read.value, type, node, site);
    if (mode === 'value') return value;
    if (value !== read.value) return present ? E.cond(present, E.call('optional.of', [value]), none()) : E.call('optional.of', [value]);
    return read.optional ?? (read.value.kind === 'select' ? E.select(read.value.target, read.value.field, true) : E.call('optional.of', [read.value]));
  }
  const declared = type && fieldOf(type, field);
  const value = E.select(read.value, field);
  // A field the parent's type does not say is always there may be absent: tested with has() (true where it is).
  const absent = declared ? declared.optional : true;
  const present = absent ? (read.present ? E.binary('&&', read.present, E.call('has', [value])) : E.call('has', [value])) : read.present;
  const optional = read.optional ? E.select(read.optional, field, true) : absent ? E.select(read.value, field, true) : undefined;
  const next: Read = { value, ...(present && { present }), ...(optional && present && { optional }) };
  const fieldFill = node?.kind === 'struct' ? schemaDefault(node.fields[field]) : undefined;
  return below(next, declared?.type, node && schemaAt(node, [field]), fieldFill, more, mode, { ...site, path: [...site.path, field] });
}

/**
 * The CEL optional of a passed value with its presence test: `a.?f` for a field read (`has(a.f)`), the
 * optional itself for one the compiler unwrapped (`o.value()`, `o.hasValue()`), else a choice.
 */
function optionalForm(value: Expr, present: Expr): Expr {
  if (value.kind === 'call' && value.fn === 'value' && value.target && present.kind === 'call' && present.fn === 'hasValue') return value.target;
  if (value.kind === 'select' && present.kind === 'call' && present.fn === 'has' && isDeepStrictEqual(present.args[0], value)) return E.select(value.target, value.field, true);
  return E.cond(present, E.call('optional.of', [value]), none());
}

function literalRead(value: Value, mode: ReadMode, node: SchemaNode | undefined, passed: PassedPresence | undefined, site: FillSite): Expr {
  if (mode === 'has') return E.bool(true);
  // Typed and filled in by the child's schema: a `'number'` field's whole default (`= 2`) is a double in CEL,
  // as the child's reads of the field are typed, and list items get their defaulted fields.
  const expr = filledLiteral(value, node, passed?.typeOf, site);
  return mode === 'optional' ? E.call('optional.of', [expr]) : expr;
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

const none = (): Expr => E.call('optional.none', []);
const isTrue = (expr: Expr): boolean => expr.kind === 'literal' && expr.literal.kind === 'bool' && expr.literal.value;

function isRecord(value: Value | undefined): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isExprValue(value);
}
