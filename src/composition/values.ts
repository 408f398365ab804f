/**
 * Turning what a composition function produced (plain data with reference proxies, template-literal
 * markers and expression values) into IR `Value`s, typed so expressions fit the fields they land in.
 */
import { base64Text, E, type Expr } from '../ir/expr.js';
import { fieldOf, T, type CelType } from '../ir/types.js';
import { exprValue, isExprValue, type Value } from '../ir/value.js';
import { javaScriptText } from '../ir/javascript-text.js';
import { describeRef, hasMarkers, refOf, refToExpr, splitMarkers, type RefData } from '../model/refs.js';
import { recordOf } from '../model/resource.js';
import { TypeKroError } from '../util/errors.js';
import { withArticle } from '../util/article.js';
import type { Node } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import { fieldLocation } from './field-site.js';
import { doubleInIntegerField, fractionInIntegerField, type DoubleSource } from './integer-fields.js';
import { kindConflictError } from './field-kinds.js';
import { kindConflict } from '../ir/kind-fit.js';

export interface ValueContext {
  /** The static type of a reference (spec field, resource field, forEach item). */
  refType(ref: RefData): CelType;
  /** The static type of an expression produced by source analysis, when known. */
  exprType(expr: Expr): CelType | undefined;
  /** Where the value is, for error messages (`resource "web"`, `status`). */
  readonly owner: string;
  /** The source a compiled expression (by its `Expr`) or a carried reference (by its proxy) came from. */
  siteOf?(value: object): Node | undefined;
  /** Where the value's call is (the factory call), when the value's own source is unknown. */
  readonly at?: SourceLocation;
}

/**
 * Converts raw data to a `Value`. `expected` is the static type of the destination (from the
 * Kubernetes model): a double expression in an integer field fails the definition (see integer-fields.ts).
 * `path` (for messages) is extended and restored in place as the conversion descends: one array for the
 * whole walk instead of a copy per value.
 */
export function toValue(raw: unknown, context: ValueContext, expected?: CelType, path: string[] = []): Value | undefined {
  const ref = refOf(raw);
  if (ref) {
    const expr = refToExpr(ref);
    return exprValue(fitTo(expr, context.refType(ref), expected, () => ({ ref, expr, node: context.siteOf?.(raw as object) }), context, path));
  }
  if (isExprValue(raw)) {
    // Passed inline, not named: under tsx a named closure is renamed (`__name`) each time it is made.
    return exprValue(fitTo(raw.expr, context.exprType(raw.expr), expected, (): DoubleSource => ({ expr: raw.expr, node: context.siteOf?.(raw.expr) ?? context.siteOf?.(raw) }), context, path));
  }
  if (typeof raw === 'string') return hasMarkers(raw) ? markersToValue(raw, context, path) : fitLiteral(raw, T.string, expected, context, path);
  if (raw === null) return raw;
  if (typeof raw === 'boolean') return fitLiteral(raw, T.bool, expected, context, path);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new TypeKroError('DEFINITION_INVALID', `${where(context)}${context.owner}: ${path.join('.')} is ${raw}, which is not valid in a manifest (JSON has no ${raw}); compute a finite number`);
    if (expected?.kind === 'int' && !Number.isInteger(raw)) throw fractionInIntegerField(context.owner, path, raw, context.at);
    return fitLiteral(raw, Number.isInteger(raw) ? T.int : T.double, expected, context, path);
  }
  if (raw === undefined) return undefined;
  if (recordOf(raw)) {
    throw new TypeKroError('DEFINITION_INVALID', `${where(context)}${context.owner}: ${path.join('.') || 'a value'} holds a whole resource; reference one of its fields instead (e.g. service.metadata.name)`);
  }
  if (Array.isArray(raw)) {
    const item = expected?.kind === 'list' ? expected.item : undefined;
    return raw.map((entry, i) => {
      path.push(String(i));
      const value = toValue(entry, context, item, path) ?? null;
      path.pop();
      return value;
    });
  }
  if (typeof raw === 'object' && Object.getPrototypeOf(raw) === Object.prototype) {
    const result: Record<string, Value> = {};
    for (const [key, entry] of Object.entries(raw)) {
      const field = expected ? fieldOf(expected, key)?.type : undefined;
      path.push(key);
      const value = toValue(entry, context, field, path);
      path.pop();
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
  throw new TypeKroError('DEFINITION_INVALID', `${where(context)}${context.owner}: ${path.join('.')} holds ${withArticle(describe(raw))}, which cannot be serialised; use plain data`);
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'function';
  return (value as object).constructor?.name ?? typeof value;
}

/** Strings built from references become CEL strings: one reference converted with string(), or a template. */
function markersToValue(text: string, context: ValueContext, path: readonly string[]): Value {
  const site = siteOfRef(context, [...path]);
  const parts = splitMarkers(text);
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') {
    // A string that is one reference (`${spec.seats}`) is still a string in JavaScript.
    return exprValue(asString(refToExpr(only), context.refType(only), site(only)));
  }
  return exprValue(E.template(parts.map((part) => (typeof part === 'string' ? part : asString(refToExpr(part), context.refType(part), site(part))))));
}

// Every reference in a template string gets a site, and almost none is ever printed: the text and the place are made on demand.
function siteOfRef(context: ValueContext, path: readonly string[]): (ref: RefData) => StringSite {
  const call = context.at;
  // The field written in the call's options literal, else the call (trial 17).
  const at = call ? (): SourceLocation => fieldLocation(call, path) ?? call : undefined;
  // `what` a method: tsx renames each arrow property when made (`__name`), and this runs for every reference in text.
  return (ref) => ({
    ...(at && { at }),
    what() {
      return `${context.owner}: \`${describeRef(ref)}\``;
    },
  });
}

/** Where a value is interpolated into a string, for messages: the call's place and the reference. */
export interface StringSite {
  readonly at?: SourceLocation | (() => SourceLocation);
  readonly what?: string | (() => string);
}

/** CEL string interpolation needs string operands: convert the others like JavaScript would. */
export function asString(expr: Expr, type: CelType | undefined, about: StringSite = {}): Expr {
  if (type?.kind === 'string') return expr;
  if (type?.kind === 'bytes') return base64Text(expr);
  if (type?.kind === 'list' || type?.kind === 'map' || type?.kind === 'object') {
    // JavaScript joins a list with ',' (and prints "[object Object]"); CEL's string() has no overload for either.
    throw new TypeKroError('DEFINITION_INVALID', `${where(about)}a ${type.kind === 'list' ? 'list' : 'object'} is interpolated into a string; CEL cannot turn it into text the way JavaScript does. Write \`\${list.join(',')}\` for a list of strings, or interpolate its fields`);
  }
  return type ? javaScriptText(expr, type) : E.call('string', [expr]);
}

function where(about: StringSite): string {
  const what = typeof about.what === 'function' ? about.what() : about.what;
  const at = typeof about.at === 'function' ? about.at() : about.at;
  return `${at ? `${at.file}:${at.line}:${at.column}: ` : ''}${what ? `${what}: ` : ''}`;
}

/**
 * Fits an expression to its destination type. A double never goes into an integer field: JavaScript would
 * send the fraction (refused by the API server) where `int(...)` would truncate it, so the definition fails.
 */
function fitTo(expr: Expr, type: CelType | undefined, expected: CelType | undefined, source: () => DoubleSource, context: ValueContext, path: readonly string[]): Expr {
  if (expected?.kind === 'int' && type?.kind === 'double') throw doubleInIntegerField(context.owner, path, source(), context.at);
  const conflict = expected && type && kindConflict(type, expected);
  if (conflict) throw kindConflictError(context.owner, path, source(), expected!, conflict, context.at);
  // A field set to a Secret's `data` entry holds its base64 text in JavaScript (and the API decodes it again).
  if (type?.kind === 'bytes') return base64Text(expr);
  return expr;
}

/** A literal of `type` where `expected` is declared: kept, or refused when no value of its kind fits there. */
function fitLiteral<V extends string | number | boolean>(raw: V, type: CelType, expected: CelType | undefined, context: ValueContext, path: readonly string[]): V {
  const conflict = expected && kindConflict(type, expected);
  if (conflict) throw kindConflictError(context.owner, path, { literal: raw }, expected!, conflict, context.at);
  return raw;
}

export { T };
