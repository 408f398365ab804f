/**
 * A nested composition's defaults inside what the parent passes whole: list items, map values and objects.
 * JavaScript (and the API server, for the child as an instance of its own) fills every defaulted field that
 * is missing, at every depth: `ports: [{ name: 'http' }]` reaches the child's function as
 * `[{ name: 'http', port: 80 }]` when the item type says `port: 'number.integer = 80'`. The child's compiled
 * CEL reads `p.port` without a guard (its schema says the field is always there), so the value the parent
 * passes is rebuilt with the defaults where the parent's own type does not guarantee the field:
 * `schema.spec.ports.map(x, {"name": x.name, "port": x.?port.orValue(80)})`. A literal is filled in at
 * definition time. What CEL cannot rebuild exactly (a value whose keys are not known, a map's values, many
 * fields that may be absent without a default) is refused, naming the way out.
 */
import { E, type Expr } from '../ir/expr.js';
import type { SchemaNode } from '../ir/schema.js';
import type { CelType, FieldType } from '../ir/types.js';
import { isExprValue, type Value } from '../ir/value.js';
import { defaultsOf, hasImpliedDefault } from '../model/schema/index.js';
import { TypeKroError } from '../util/errors.js';
import { kindChecked, typedAtRunTime, type KindSite } from './nest-kinds.js';

/** The static type of a passed expression, when known. */
export type TypeOf = (expr: Expr) => CelType | undefined;

/**
 * Fields that may be absent without a default, each doubling the rebuilt object (CEL has no map entry that
 * is left out by a condition in both engines): past this many the rebuild is refused.
 */
const MAX_OPTIONAL_KEYS = 3;

/** The macro variable of a rebuilt list's items; the body reads nothing else, so shadowing is harmless. */
const ITEM = 'item';

/** Where a refusal is located and what the child reads: `file:line:col: nested composition "db"`, `spec.ports`. */
export type FillSite = KindSite;

/**
 * True when a value of `type` (undefined: not known) may lack a field the child's schema `node` defaults,
 * holds an integer where the child's field is a double, or has a kind known only when it runs.
 */
export function needsFill(type: CelType | undefined, node: SchemaNode | undefined): boolean {
  if (!node) return false;
  if (type?.kind === 'dyn') return node.kind !== 'object';
  switch (node.kind) {
    case 'struct':
      return Object.entries(node.fields).some(([key, field]) => {
        const declared = fieldType(type, key);
        return (hasDefault(field) && (!declared || declared.optional)) || needsFill(declared?.type, field);
      });
    case 'array':
      return needsFill(type?.kind === 'list' ? type.item : undefined, node.items);
    case 'map':
      return needsFill(type?.kind === 'map' ? type.value : undefined, node.values);
    case 'float':
      return type?.kind === 'int';
    default:
      return false;
  }
}

/** `expr` (of the parent's `type`) with the child's defaults filled in wherever the type may lack them. */
export function filledExpr(expr: Expr, type: CelType | undefined, node: SchemaNode | undefined, site: FillSite): Expr {
  // The child's `'number'` field is a double to its compiled CEL (`a / b`, `x + 0.5`), as a literal passed there
  // is (schemaLiteral): an integer or a value of unknown kind is converted, or `3 / 4` would divide as integers.
  // A value whose kind is known only when it runs is checked against the child's declaration (nest-kinds.ts).
  if (node && typedAtRunTime(expr, type)) {
    if (needsFill(undefined, node)) throw refusal(site, 'a value whose fields are not known to the compiler');
    return kindChecked(expr, node, site);
  }
  if (node?.kind === 'float') return type?.kind === 'double' ? expr : E.call('double', [expr]);
  if (!node || !needsFill(type, node)) return expr;
  if (node.kind === 'array' && type?.kind === 'list') {
    return E.macro('map', expr, ITEM, filledExpr(E.ident(ITEM), type.item, node.items, { ...site, path: [...site.path, '[]'] }));
  }
  if (node.kind === 'struct' && type?.kind === 'object' && !type.open) return filledObject(expr, type, node, site);
  if (node.kind === 'map' && type?.kind === 'map' && type.value.kind === 'dyn' && !needsFill(undefined, node.values)) return kindChecked(expr, node, site);
  if (node.kind === 'map' && type?.kind === 'map' && node.values.kind === 'float') {
    const path = `spec.${site.path.join('.')}`.replace(/\.\[\]/g, '[]');
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${site.owner} reads spec field ${path} as a map of 'number' (floating-point) values, and the parent passes a map of integers: CEL cannot convert a map's values, and the child's arithmetic on them would be integer arithmetic (3 / 4 is 0); declare the parent's field a map of 'number', or pass a literal map`,
    );
  }
  throw refusal(site, node.kind === 'map' && type?.kind === 'map' ? 'a map whose values lack defaulted fields' : 'a value whose fields are not known to the compiler');
}

/** A literal the parent passes (its leaves may be expressions), the child's defaults filled in as JavaScript does. */
export function filledLiteral(value: Value, node: SchemaNode | undefined, typeOf: TypeOf | undefined, site: FillSite): Expr {
  if (isExprValue(value)) return filledExpr(value.expr, typeOf?.(value.expr), node, site);
  if (Array.isArray(value)) {
    const items = node?.kind === 'array' ? node.items : undefined;
    return E.list(value.map((item: Value) => filledLiteral(item, items, typeOf, { ...site, path: [...site.path, '[]'] })));
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Readonly<Record<string, Value | undefined>>;
    const fields = node?.kind === 'struct' ? node.fields : {};
    const entries: { key: Expr; value: Expr }[] = [];
    for (const key of new Set([...Object.keys(record), ...Object.keys(fields)])) {
      const field = node?.kind === 'struct' ? fields[key] : node?.kind === 'map' ? node.values : undefined;
      const item = record[key];
      // A key set to `undefined` is missing, as for the API server (JSON has no `undefined`) and arktype's defaults.
      if (item === undefined) {
        const fill = field && defaultsOf(field);
        if (fill !== undefined) entries.push({ key: E.str(key), value: schemaLiteral(fill, field) });
        continue;
      }
      entries.push({ key: E.str(key), value: filledLiteral(item, field, typeOf, { ...site, path: [...site.path, key] }) });
    }
    return E.map(entries);
  }
  return schemaLiteral(value, node);
}

/** A plain value as CEL, typed by the child's schema: a `'number'` field's whole number is a double. */
export function schemaLiteral(value: unknown, node: SchemaNode | undefined): Expr {
  if (value === null) return E.null();
  if (typeof value === 'string') return E.str(value);
  if (typeof value === 'boolean') return E.bool(value);
  if (typeof value === 'number') return node?.kind === 'float' || !Number.isInteger(value) ? E.double(value) : E.int(value);
  if (Array.isArray(value)) return E.list(value.map((item: unknown) => schemaLiteral(item, node?.kind === 'array' ? node.items : undefined)));
  if (typeof value === 'object') {
    return E.map(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => ({
        key: E.str(key),
        value: schemaLiteral(item, node?.kind === 'struct' ? node.fields[key] : node?.kind === 'map' ? node.values : undefined),
      })),
    );
  }
  throw new TypeKroError('DEFINITION_INVALID', `cannot pass ${typeof value} into a nested composition`);
}

/**
 * The object rebuilt key by key: the parent's fields (filled below), the child's defaults where the parent's
 * field may be absent or does not exist. A field that may be absent without a default is kept absent by a
 * choice between two objects, with and without it.
 */
function filledObject(expr: Expr, type: Extract<CelType, { kind: 'object' }>, node: Extract<SchemaNode, { kind: 'struct' }>, site: FillSite): Expr {
  const always: { key: Expr; value: Expr }[] = [];
  const maybe: { key: string; value: Expr }[] = [];
  for (const key of new Set([...Object.keys(type.fields), ...Object.keys(node.fields)])) {
    const declared = type.fields[key];
    const field = node.fields[key];
    const fill = field && defaultsOf(field);
    const at: FillSite = { ...site, path: [...site.path, key] };
    if (!declared) {
      if (fill !== undefined) always.push({ key: E.str(key), value: schemaLiteral(fill, field) });
      continue;
    }
    const read = E.select(expr, key);
    const given = filledExpr(read, declared.type, field, at);
    if (!declared.optional) always.push({ key: E.str(key), value: given });
    else if (fill === undefined) maybe.push({ key, value: given });
    else if (given === read) always.push({ key: E.str(key), value: E.call('orValue', [schemaLiteral(fill, field)], E.select(expr, key, true)) });
    else always.push({ key: E.str(key), value: E.cond(E.call('has', [read]), given, schemaLiteral(fill, field)) });
  }
  if (maybe.length > MAX_OPTIONAL_KEYS) {
    throw refusal(site, `an object with ${maybe.length} fields that may be absent without a default (${maybe.map((m) => m.key).join(', ')})`);
  }
  const variants = (i: number, entries: readonly { key: Expr; value: Expr }[]): Expr => {
    const next = maybe[i];
    if (!next) return E.map(entries);
    const kept = variants(i + 1, [...entries, { key: E.str(next.key), value: next.value }]);
    return E.cond(E.call('has', [E.select(expr, next.key)]), kept, variants(i + 1, entries));
  };
  return variants(0, always);
}

function fieldType(type: CelType | undefined, key: string): FieldType | undefined {
  return type?.kind === 'object' ? type.fields[key] : undefined;
}

function hasDefault(node: SchemaNode): boolean {
  return node.markers.default !== undefined || hasImpliedDefault(node);
}

function refusal(site: FillSite, what: string): TypeKroError {
  const path = `spec.${site.path.join('.')}`.replace(/\.\[\]/g, '[]');
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${site.owner} has defaults inside spec field ${path}, and the parent passes ${what}: JavaScript fills the defaults in where a field is missing, which CEL cannot rebuild here; give the parent's spec type the same defaults (then every value has them), pass a literal, or pass every defaulted field`,
  );
}
