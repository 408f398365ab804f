/**
 * The type a status field computes against the type its schema declares. KRO gives the instance's CRD the
 * type CEL infers for each status expression and direct mode returns the value itself, while the user's
 * TypeScript reads the declared type: an integer under a `'string'` declaration is read as a number where the
 * type says string (trial 10 S01). TypeScript misses it wherever a reference is typed loosely (an `any` from
 * JSON or an untyped helper, a resource without a schema, `Cel.expr<T>` with a wrong `T`) and always for
 * integers, since `'number'` and `'number.integer'` are both `number` there. So every status leaf must fit
 * its declaration, or the definition fails at the field with both types and the way out.
 *
 * What fits (the sound choice: a value fits when every value the expression can yield has the declared type):
 * - `'string'`: a string (bytes become their base64 text, a Kubernetes time its RFC 3339 text);
 *   `'a' | 'b'`: a string whose values are known and all declared (literals, ternaries and `??` of literals,
 *   a spec field with the same or a smaller enumeration); any other string is refused, since the TypeScript
 *   type promises one of the literals;
 * - `'number'`: an integer or a double (integers are numbers; the CRD KRO infers says `integer`, a subset);
 * - `'number.integer'`: an integer; a double is refused (1.5 would be read where the type promises an integer);
 *   an integer enumeration (`1 | 2`): literals only;
 * - `'boolean'`: a boolean;
 * - arrays, maps and objects: item by item, field by field (fields of a whole object copied from a reference
 *   are checked when both sides name them; their presence is not);
 * - a schemaless `'object'` declaration accepts anything; a `dyn` expression (hand-written `Cel.expr` text, a
 *   field of a schemaless object) is accepted: nothing is known of it, and the `T` of `Cel.expr<T>` is the
 *   user's own declaration. An int-or-string field (a Service's `targetPort`) fits only where both would.
 * Bounds, patterns and lengths (`'number >= 0'`, `'string > 0'`) are not checked: TypeScript's type does
 * not carry them, and no mode enforces them on status.
 */
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import type { Expr } from '../ir/expr.js';
import type { SchemaNode } from '../ir/schema.js';
import { fieldOf, type CelType } from '../ir/types.js';
import { isExprValue } from '../ir/value.js';
import { hasMarkers, refOf, refToExpr } from '../model/refs.js';
import { TypeKroError } from '../util/errors.js';
import { declaredText, mismatchHint, typeText } from './status-type-text.js';

/** What the check needs of the run: the static types of references and of compiled expressions. */
export interface StatusTypes {
  readonly composition: string;
  typeOf(value: object): { expr: Expr; type: CelType | undefined } | undefined;
}

/** A leaf whose computed type does not fit its declaration. */
export interface StatusMismatch {
  readonly path: readonly string[];
  readonly declared: SchemaNode;
  readonly computed: CelType;
}

/**
 * Fails when the value a status field holds (after compilation from source: references, expression values,
 * plain data) does not fit `declared`; `at` is the field's source, for the message's location.
 *
 * @example
 * ```ts
 * // `p: spec.port as any`, spec.port an integer, under `p: 'string'`:
 * checkStatusType(portRef, { kind: 'string', markers: {} }, types, ['p'], node); // throws CompositionSyntaxError
 * ```
 */
export function checkStatusType(value: unknown, declared: SchemaNode | undefined, types: StatusTypes, path: readonly string[], at: Node | undefined): void {
  const mismatch = declared && mismatchIn(value, declared, types, path);
  if (!mismatch) return;
  const field = `\`${fieldPath(mismatch.path)}\``;
  const why =
    `composition "${types.composition}": the status field ${field} is declared ${declaredText(mismatch.declared)}, but its value is ${typeText(mismatch.computed)}: ` +
    'KRO and direct mode would both report that value (KRO types the instance\'s CRD field by it), while the TypeScript type of the status promises the declared one';
  // The hint writes the field's source into its way out only when the mismatch is the field itself, not a part of it.
  const hint = mismatchHint(mismatch.declared, mismatch.computed, mismatch.path.length === path.length ? at : undefined);
  if (at) throw syntaxError(at, why, hint);
  throw new TypeKroError('DEFINITION_INVALID', `${why}\n  hint: ${hint}`);
}

/** `db.hosts[1]`. */
function fieldPath(path: readonly string[]): string {
  return path.reduce((text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}

function mismatchIn(value: unknown, declared: SchemaNode, types: StatusTypes, path: readonly string[]): StatusMismatch | undefined {
  if (declared.kind === 'object' || value === undefined) return undefined;
  // A reference is a function proxy (status.ts never passes other functions: toValue refuses them).
  const typed = (typeof value === 'object' && value !== null) || typeof value === 'function' ? types.typeOf(value) : undefined;
  if (typed) return typed.type && typeMismatch(typed.type, declared, path);
  if (typeof value === 'string') return typeMismatch(hasMarkers(value) ? { kind: 'string' } : { kind: 'string', values: [value] }, declared, path);
  if (typeof value === 'number') return numberMismatch(value, declared, path);
  if (typeof value === 'boolean') return typeMismatch({ kind: 'bool' }, declared, path);
  if (value === null) return typeMismatch({ kind: 'null' }, declared, path);
  if (Array.isArray(value)) {
    if (declared.kind !== 'array') return { path, declared, computed: { kind: 'list', item: { kind: 'dyn' } } };
    for (const [i, item] of value.entries()) {
      const found = mismatchIn(item, declared.items, types, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object') return undefined;
  if (declared.kind !== 'struct' && declared.kind !== 'map') return { path, declared, computed: { kind: 'map', value: { kind: 'dyn' } } };
  for (const [key, entry] of Object.entries(value)) {
    const field = declared.kind === 'map' ? declared.values : declared.fields[key];
    // An undeclared key is status-fields.ts's refusal.
    const found = field && mismatchIn(entry, field, types, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** A number JavaScript computed without references: its value decides. */
function numberMismatch(value: number, declared: SchemaNode, path: readonly string[]): StatusMismatch | undefined {
  const computed: CelType = Number.isInteger(value) ? { kind: 'int' } : { kind: 'double' };
  const enumerated = declared.kind === 'integer' ? declared.markers.enum : undefined;
  if (enumerated && Number.isInteger(value) && !enumerated.includes(value)) return { path, declared, computed };
  return typeMismatch(computed, declared, path, true);
}

/**
 * Whether a value of static type `type` fits `declared`. `literal`: the value is one known number (an integer
 * enumeration can only be checked then).
 */
export function typeMismatch(type: CelType, declared: SchemaNode, path: readonly string[], literal = false): StatusMismatch | undefined {
  const mismatch = { path, declared, computed: type };
  if (declared.kind === 'object' || (type.kind === 'dyn' && !type.intOrString)) return undefined;
  if (type.kind === 'dyn') {
    // int-or-string: both must fit.
    return typeMismatch({ kind: 'int' }, declared, path) || typeMismatch({ kind: 'string' }, declared, path) ? mismatch : undefined;
  }
  switch (declared.kind) {
    case 'string':
      return stringFits(type, declared.markers.enum) ? undefined : mismatch;
    case 'integer':
      return type.kind === 'int' && (literal || !declared.markers.enum) ? undefined : mismatch;
    case 'float':
      return type.kind === 'int' || type.kind === 'double' ? undefined : mismatch;
    case 'boolean':
      return type.kind === 'bool' ? undefined : mismatch;
    case 'array':
      return type.kind === 'list' ? typeMismatch(type.item, declared.items, [...path, '0']) && mismatch : mismatch;
    case 'map':
    case 'struct':
      return objectMismatch(type, declared, path) && mismatch;
  }
}

function stringFits(type: CelType, enumerated: readonly (string | number)[] | undefined): boolean {
  if (type.kind === 'bytes' || (type.kind === 'timestamp' && type.kubernetesTime)) return !enumerated;
  if (type.kind !== 'string') return false;
  return !enumerated || (type.values !== undefined && type.values.every((value) => enumerated.includes(value)));
}

/** An object or map type against a declared struct or map: each field (or value) both sides know must fit. */
function objectMismatch(type: CelType, declared: Extract<SchemaNode, { kind: 'map' | 'struct' }>, path: readonly string[]): StatusMismatch | undefined {
  if (type.kind === 'map') {
    const fields = declared.kind === 'map' ? [declared.values] : Object.values(declared.fields);
    return fields.map((field) => typeMismatch(type.value, field, path)).find(Boolean);
  }
  if (type.kind !== 'object') return { path, declared, computed: type };
  if (declared.kind === 'map') return Object.values(type.fields).map((field) => typeMismatch(field.type, declared.values, path)).find(Boolean);
  for (const [name, field] of Object.entries(declared.fields)) {
    const computed = fieldOf(type, name);
    const found = computed && typeMismatch(computed.type, field, [...path, name]);
    if (found) return found;
  }
  return undefined;
}

/** The static type of a reference or an expression value, by the run's records. */
export function staticTypeOf(value: object, refType: (ref: NonNullable<ReturnType<typeof refOf>>) => CelType, exprType: (expr: Expr) => CelType | undefined): { expr: Expr; type: CelType | undefined } | undefined {
  const ref = refOf(value);
  if (ref) return { expr: refToExpr(ref), type: refType(ref) };
  if (isExprValue(value)) return { expr: value.expr, type: exprType(value.expr) ?? literalType(value.expr) };
  return undefined;
}

/** Expressions built without source analysis whose type their form says (`Cel.template`: a string). */
function literalType(expr: Expr): CelType | undefined {
  if (expr.kind === 'template') return { kind: 'string' };
  if (expr.kind === 'literal') return expr.literal.kind === 'string' ? { kind: 'string', values: [expr.literal.value] } : { kind: expr.literal.kind };
  return undefined;
}
