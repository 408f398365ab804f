/**
 * Checks a custom resource's literal values against its kind's structural schema when the factory is called,
 * as the API server's validation would at apply time: type, enum, required fields of present objects, unknown
 * fields, int-or-string, and the value validations of crd-rules.ts (pattern, format, bounds, lengths, counts,
 * allOf/anyOf/oneOf/not). References and expressions are left to the cluster: their values are not known yet.
 */
import type { OpenApiSchema } from '../ir/openapi.js';
import type { SourceLocation } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';
import { clip } from '../util/redact.js';
import { fieldHint, member } from '../util/suggest.js';
import { isDeferred, ruleProblems, shown } from './crd-rules.js';
import { hasMarkers } from './refs.js';

/** Fields the factory or KRO fills in, not the user's literal values. */
const ROOT_MANAGED = new Set(['apiVersion', 'kind', 'metadata', 'id']);
/** More problems than this in one call are summarised: the first ones say what is wrong. */
const MAX_PROBLEMS = 10;

/**
 * Throws a `DEFINITION_INVALID` TypeKroError listing every literal value of `body` (a custom resource's
 * top-level fields) that `schema` rejects, naming the kind, the object, each field path, the rule and the
 * value, after the factory call's `file:line:column` when `where` knows it.
 *
 * @example
 * ```ts
 * import { checkCrdValues } from './crd-values.js';
 * const schema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } };
 * checkCrdValues('Cache', 'c', schema, { spec: { size: 2 } }); // passes
 * checkCrdValues('Cache', 'c', schema, { spec: { size: 'big' } }); // throws: Cache "c": spec.size must be an integer (was "big")
 * ```
 */
export function checkCrdValues(kind: string, name: unknown, schema: OpenApiSchema, body: Readonly<Record<string, unknown>>, where?: () => SourceLocation | undefined): void {
  const problems = crdValueProblems(schema, body);
  if (problems.length === 0) return;
  const subject = typeof name === 'string' && !hasMarkers(name) ? `${kind} "${clip(name, 80)}"` : kind;
  const listed = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : '';
  // Looked up only on failure: reading the stack costs more than the check.
  const at = where?.();
  const location = at ? `${at.file}:${at.line}:${at.column}: ` : '';
  throw new TypeKroError('DEFINITION_INVALID', `${location}${subject}: ${listed.join('; ')}${more}`);
}

/**
 * What the schema rejects in a custom resource's top-level fields, one line per field path.
 *
 * @example
 * ```ts
 * import { crdValueProblems } from './crd-values.js';
 * crdValueProblems({ type: 'object', properties: { spec: { type: 'object', required: ['size'] } } }, { spec: {} }); // => ['spec.size is required']
 * ```
 */
export function crdValueProblems(schema: OpenApiSchema, body: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const key of schema.required ?? []) {
    if (!ROOT_MANAGED.has(key) && body[key] === undefined) problems.push(`${key} is required`);
  }
  for (const [key, value] of Object.entries(body)) {
    if (ROOT_MANAGED.has(key) || value === undefined) continue;
    const property = schema.properties?.[key];
    if (property) problems.push(...valueProblems(property, value, key));
    else if (schema.properties && schema['x-kubernetes-preserve-unknown-fields'] !== true) problems.push(`${clip(key, 80)} is not a top-level field${fieldHint(key, Object.keys(schema.properties).filter((k) => k !== 'status' && !ROOT_MANAGED.has(k)), '')}`);
  }
  return [...problems, ...rootRuleProblems(schema, body)];
}

/**
 * The root's own rules: a CRD may constrain its top-level fields together (`oneOf: [{ required: [spec] },
 * { required: [template] }]`, `minProperties`). The fields TypeKro or KRO fill in are not asked of the body.
 */
function rootRuleProblems(schema: OpenApiSchema, body: Readonly<Record<string, unknown>>): string[] {
  const root = Object.fromEntries(Object.entries(body).filter(([key, value]) => value !== undefined && !ROOT_MANAGED.has(key)));
  const unmanaged = (branch: OpenApiSchema): OpenApiSchema => (branch.required ? { ...branch, required: branch.required.filter((key) => !ROOT_MANAGED.has(key)) } : branch);
  const combinators = ['allOf', 'anyOf', 'oneOf'].filter((keyword) => Array.isArray(schema[keyword]));
  const rules: OpenApiSchema = { ...schema, ...Object.fromEntries(combinators.map((keyword) => [keyword, (schema[keyword] as OpenApiSchema[]).map(unmanaged)])) };
  return ruleProblems(rules, root, 'object', (branch, item, at) => valueProblems(branch, item, at, false));
}

/**
 * `fields`: whether keys the schema does not declare are problems. Not in the branches of `anyOf`/`oneOf`/...:
 * they only validate (a structural schema declares the fields once, outside them).
 */
function valueProblems(schema: OpenApiSchema, value: unknown, path: string, fields = true): string[] {
  // null removes a field in an apply; the API server then applies its own defaults or requirements.
  if (value === null || value === undefined || isDeferred(value)) return [];
  const rules = (): string[] => ruleProblems(schema, value, path, (branch, item, at) => valueProblems(branch, item, at, false));
  if (schema['x-kubernetes-int-or-string'] === true) {
    return Number.isInteger(value) || typeof value === 'string' ? [...enumProblems(schema, value, path), ...rules()] : [`${path} must be an integer or a string (was ${shown(value)})`];
  }
  const expected = schema.type;
  if (expected !== undefined && !hasType(expected, value)) return [`${path} must be ${TYPE_NAMES[expected] ?? expected} (was ${shown(value)})`];
  if (Array.isArray(value)) return [...(schema.items ? value.flatMap((item, i) => valueProblems(schema.items!, item, `${path}[${i}]`, fields)) : []), ...rules()];
  if (typeof value === 'object') return [...objectProblems(schema, value as Record<string, unknown>, path, fields), ...rules()];
  return [...enumProblems(schema, value, path), ...rules()];
}

function objectProblems(schema: OpenApiSchema, value: Record<string, unknown>, path: string, fields: boolean): string[] {
  const problems = (schema.required ?? []).filter((key) => value[key] === undefined).map((key) => `${path}${member(key)} is required`);
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const [key, item] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property) problems.push(...valueProblems(property, item, `${path}${member(key)}`, fields));
    else if (typeof schema.additionalProperties === 'object') problems.push(...valueProblems(schema.additionalProperties, item, `${path}${member(key)}`, fields));
    // Without declared properties the schema says nothing about the keys (or only that they are pruned): not guessed.
    else if (fields && schema.properties && !open && schema.additionalProperties !== true && !(embedded && ROOT_MANAGED.has(key))) {
      problems.push(`${path}${member(clip(key, 80))} is not a field of ${path}${fieldHint(key, Object.keys(schema.properties), path)}`);
    }
  }
  return problems;
}

function enumProblems(schema: OpenApiSchema, value: unknown, path: string): string[] {
  if (!schema.enum || schema.enum.some((allowed) => allowed === value)) return [];
  const listed = schema.enum.slice(0, 20).map((allowed) => (typeof allowed === 'string' ? allowed : JSON.stringify(allowed)));
  return [`${path} must be one of ${listed.join(', ')}${schema.enum.length > 20 ? ', …' : ''} (was ${shown(value)})`];
}

const TYPE_NAMES: Readonly<Record<string, string>> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array' };

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    default:
      return true;
  }
}
