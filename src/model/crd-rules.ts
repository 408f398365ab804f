/**
 * The value validations of a structural schema beyond types and fields, as the API server applies them to a
 * custom resource (kube-openapi's `validate` package): `pattern`, `format`, `minLength`/`maxLength` (counted in
 * code points, as Go counts runes), `minimum`/`maximum` with OpenAPI v3.0's boolean `exclusive*`,
 * `minItems`/`maxItems`, `minProperties`/`maxProperties`, `x-kubernetes-list-type` set and map (no duplicate
 * items or keys), and `allOf`/`anyOf`/`oneOf`/`not`, whose branches
 * hold only such validations in a structural schema (which fields each branch requires, their patterns, ...).
 *
 * Left to the API server: `multipleOf` (go-openapi's float tolerance has no exact JavaScript form) and
 * `x-kubernetes-validations` (CEL rules with `self`/`oldSelf`, checked with the cluster's CEL environment).
 */
import type { OpenApiSchema } from '../ir/openapi.js';
import { isExprValue } from '../ir/value.js';
import { clip } from '../util/redact.js';
import { compileRe2 } from '../util/re2.js';
import { formatProblem } from './crd-formats.js';
import { describeValue, hasMarkers, isRef } from './refs.js';

/** Checks one value against a schema (the caller's full check, for the branches of `allOf`/`anyOf`/...). */
export type ValueCheck = (schema: OpenApiSchema, value: unknown, path: string) => string[];

/**
 * What the schema's value validations reject in `value` (already of the schema's type), one line each.
 *
 * @example
 * ```ts
 * import { ruleProblems } from './crd-rules.js';
 * ruleProblems({ minimum: 1 }, 0, 'spec.replicas', () => []); // => ['spec.replicas must be at least 1 (was 0)']
 * ```
 */
export function ruleProblems(schema: OpenApiSchema, value: unknown, path: string, check: ValueCheck): string[] {
  const problems: string[] = [];
  if (typeof value === 'string') problems.push(...stringProblems(schema, value, path));
  else if (typeof value === 'number') problems.push(...numberProblems(schema, value, path));
  else if (Array.isArray(value)) problems.push(...countProblems(value.length, schema.minItems, schema.maxItems, 'item', value, path), ...listTypeProblems(schema, value, path));
  else if (typeof value === 'object' && value !== null) problems.push(...countProblems(Object.keys(value).length, schema.minProperties, schema.maxProperties, 'field', value, path));
  problems.push(...combinatorProblems(schema, value, path, check));
  return problems;
}

/** A value only the cluster knows: a reference, a CEL expression, or a string with references in it. */
export function isDeferred(value: unknown): boolean {
  return isRef(value) || isExprValue(value) || (typeof value === 'string' && hasMarkers(value));
}

/** True when a value or anything inside it is only known on the cluster. */
function containsDeferred(value: unknown): boolean {
  if (isDeferred(value)) return true;
  if (Array.isArray(value)) return value.some(containsDeferred);
  return typeof value === 'object' && value !== null && Object.values(value).some(containsDeferred);
}

/** A value as a message quotes it: JSON (references as written, `spec.name`), cut when long. */
export function shown(value: unknown): string {
  return clip(describeValue(value), 80);
}

function stringProblems(schema: OpenApiSchema, value: string, path: string): string[] {
  const problems: string[] = [];
  // Go counts runes: code points, not UTF-16 units (counted only when the schema bounds the length).
  const length = typeof schema.minLength === 'number' || typeof schema.maxLength === 'number' ? [...value].length : 0;
  if (typeof schema.minLength === 'number' && length < schema.minLength) problems.push(`${path} must be at least ${characters(schema.minLength)} long (was ${shown(value)})`);
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) problems.push(`${path} must be at most ${characters(schema.maxLength)} long (was ${shown(value)})`);
  if (typeof schema.pattern === 'string') {
    const pattern = goPattern(schema.pattern);
    if (pattern && !pattern.test(value)) problems.push(`${path} must match the pattern ${clip(schema.pattern, 120)} (was ${shown(value)})`);
  }
  const format = typeof schema.format === 'string' && (schema.type === undefined || schema.type === 'string') ? formatProblem(schema.format, value) : undefined;
  if (format) problems.push(`${path} must be ${format} (format ${schema.format}) (was ${shown(value)})`);
  return problems;
}

/** The API server reads `pattern` as Go's RE2; one the translation cannot express is left to the API server. */
function goPattern(pattern: string): RegExp | undefined {
  try {
    return compileRe2(pattern);
  } catch {
    return undefined;
  }
}

function characters(count: number): string {
  return count === 1 ? '1 character' : `${count} characters`;
}

function numberProblems(schema: OpenApiSchema, value: number, path: string): string[] {
  const problems: string[] = [];
  if (typeof schema.minimum === 'number') {
    const exclusive = schema.exclusiveMinimum === true;
    if (exclusive ? value <= schema.minimum : value < schema.minimum) problems.push(`${path} must be ${exclusive ? 'greater than' : 'at least'} ${schema.minimum} (was ${shown(value)})`);
  }
  if (typeof schema.maximum === 'number') {
    const exclusive = schema.exclusiveMaximum === true;
    if (exclusive ? value >= schema.maximum : value > schema.maximum) problems.push(`${path} must be ${exclusive ? 'less than' : 'at most'} ${schema.maximum} (was ${shown(value)})`);
  }
  return problems;
}

function countProblems(count: number, min: unknown, max: unknown, noun: string, value: unknown, path: string): string[] {
  const many = (n: number): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (typeof min === 'number' && count < min) return [`${path} must have at least ${many(min)} (was ${shown(value)})`];
  if (typeof max === 'number' && count > max) return [`${path} must have at most ${many(max)} (was ${shown(value)})`];
  return [];
}

/**
 * `x-kubernetes-list-type: set` (no two equal items) and `map` (no two items with the same values of
 * `x-kubernetes-list-map-keys`, a missing key taking its default), as the API server's listtype validation.
 * Items with a value only the cluster knows are not compared: they may or may not equal another.
 */
function listTypeProblems(schema: OpenApiSchema, list: readonly unknown[], path: string): string[] {
  const type = schema['x-kubernetes-list-type'];
  const keys = schema['x-kubernetes-list-map-keys'];
  if (list.length < 2 || (type !== 'set' && !(type === 'map' && Array.isArray(keys)))) return [];
  const identity = (item: unknown): unknown => (type === 'set' ? item : mapKey(schema, keys as readonly string[], item));
  const seen = new Map<string, number>();
  const problems: string[] = [];
  list.forEach((item, index) => {
    const key = identity(item);
    if (key === undefined || containsDeferred(key)) return;
    const text = canonical(key);
    const first = seen.get(text);
    if (first === undefined) seen.set(text, index);
    else problems.push(`${path}[${index}] ${type === 'set' ? 'duplicates' : `has the ${(keys as string[]).join(', ')} of`} ${path}[${first}] (x-kubernetes-list-type ${type}) (was ${shown(item)})`);
  });
  return problems;
}

/** An item's key in a list-type map: its key fields' values (a missing one takes the schema's default). */
function mapKey(schema: OpenApiSchema, keys: readonly string[], item: unknown): unknown {
  if (item !== null && (typeof item !== 'object' || Array.isArray(item))) return undefined;
  const fields = (item ?? {}) as Record<string, unknown>;
  return keys.map((key) => fields[key] ?? schema.items?.properties?.[key]?.default ?? null);
}

/** JSON with object keys sorted (Go's json.Marshal order), so equal values have equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function combinatorProblems(schema: OpenApiSchema, value: unknown, path: string, check: ValueCheck): string[] {
  const problems: string[] = [];
  for (const branch of branches(schema.allOf)) problems.push(...check(branch, value, path));
  const anyOf = branches(schema.anyOf);
  if (anyOf.length > 0) {
    const failures = anyOf.map((branch) => check(branch, value, path));
    if (failures.every((failure) => failure.length > 0)) problems.push(`${path} must match at least one of the anyOf schemas (was ${shown(value)}): ${explained(failures)}`);
  }
  const oneOf = branches(schema.oneOf);
  if (oneOf.length > 0) {
    const failures = oneOf.map((branch) => check(branch, value, path));
    const matched = failures.flatMap((failure, index) => (failure.length === 0 ? [index + 1] : []));
    if (matched.length === 0) problems.push(`${path} must match exactly one of the oneOf schemas (was ${shown(value)}): it matches none: ${explained(failures)}`);
    // Checks skip what only the cluster knows, so a branch that passed may still fail there: only a definite match counts.
    if (matched.length > 1 && !containsDeferred(value)) problems.push(`${path} must match exactly one of the oneOf schemas (was ${shown(value)}): it matches schemas ${matched.join(' and ')}`);
  }
  if (schema.not && typeof schema.not === 'object' && !containsDeferred(value) && check(schema.not as OpenApiSchema, value, path).length === 0) {
    problems.push(`${path} must not match the schema under not (was ${shown(value)})`);
  }
  return problems;
}

function branches(list: unknown): readonly OpenApiSchema[] {
  return Array.isArray(list) ? (list as OpenApiSchema[]) : [];
}

/** Why each branch failed, numbered from 1 as the schema lists them. */
function explained(failures: readonly string[][]): string {
  return failures.map((failure, index) => `schema ${index + 1}: ${failure.join(', ')}`).join('; ');
}
