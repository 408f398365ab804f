/**
 * Spec and status schemas as TypeKro sees them: through Standard Schema (`~standard`, which arktype
 * implements) for types and validation, plus arktype's serialised `json` for the SimpleSchema. Nothing here
 * names an arktype class, so the user's arktype (a peer dependency, any version in its range) is accepted
 * as is, and type-checking compares two small properties instead of arktype's whole `Type` interface.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { TypeKroError } from '../../util/errors.js';

/**
 * A spec or status schema: any arktype `Type`. `~standard` gives the TypeScript types and validation;
 * `json` (arktype's serialised node format) is what the SimpleSchema is built from.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import type { CompositionSchema } from 'typekro';
 * const spec: CompositionSchema<{ replicas: number }> = type({ replicas: 'number' });
 * ```
 */
export interface CompositionSchema<Input = unknown, Output = Input> extends StandardSchemaV1<Input, Output> {
  readonly json: unknown;
}

/**
 * What a schema accepts (arktype's `inferIn`: fields with defaults are optional).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import type { SchemaInput } from 'typekro';
 * const spec = type({ replicas: 'number = 1' });
 * type In = SchemaInput<typeof spec>; // { replicas?: number }
 * const input: In = {}; // the default fills it in
 * ```
 */
export type SchemaInput<TSchema extends StandardSchemaV1> = StandardSchemaV1.InferInput<TSchema>;

/**
 * What a schema produces (arktype's `infer`: defaults filled in).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import type { SchemaOutput } from 'typekro';
 * const spec = type({ replicas: 'number = 1' });
 * type Out = SchemaOutput<typeof spec>; // { replicas: number }
 * const output: Out = { replicas: 1 }; // replicas is always there
 * ```
 */
export type SchemaOutput<TSchema extends StandardSchemaV1> = StandardSchemaV1.InferOutput<TSchema>;

/**
 * The outcome of {@link validateWithSchema}: the value, or one message per problem, each naming its field.
 *
 * @example
 * ```ts
 * const check: SchemaCheck = { ok: false, problems: ['spec.replicas must be a number (was a string)'] };
 * ```
 */
export type SchemaCheck = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Validates `value` with the schema's `~standard.validate`. Problems are prefixed with `root` and the
 * field path (`spec.replicas must be a number (was a string)`).
 *
 * @example
 * ```ts
 * validateWithSchema(type({ replicas: 'number' }), { replicas: 'three' }, 'spec');
 * // { ok: false, problems: ['spec.replicas must be a number (was a string)'] }
 * ```
 * @throws TypeError when the value is not a Standard Schema, or validates asynchronously.
 */
export function validateWithSchema(schema: StandardSchemaV1, value: unknown, root: string): SchemaCheck {
  const standard = (schema as Partial<StandardSchemaV1> | null)?.['~standard'];
  if (typeof standard?.validate !== 'function') {
    throw new TypeKroError('DEFINITION_INVALID', `the ${root} schema is not a Standard Schema (no ~standard.validate); define it with arktype's type({ ... })`);
  }
  const result = standard.validate(value);
  if (result instanceof Promise) {
    throw new TypeKroError('DEFINITION_INVALID', `the ${root} schema validates asynchronously; TypeKro needs a synchronous schema (no async morphs or narrows)`);
  }
  if (!result.issues) return { ok: true, value: result.value };
  // Array.from, not issues.map: arktype's issues and paths are Array subclasses (ArkErrors, ReadonlyPath)
  // whose species constructors differ between versions.
  return { ok: false, problems: Array.from(result.issues, (issue) => describeIssue(issue, root, value)) };
}

/** `spec.a.b[0] must be ...`: arktype's messages already start with the path, other libraries' may not. */
function describeIssue(issue: StandardSchemaV1.Issue, root: string, value: unknown): string {
  const path = pathText(issue.path ?? []);
  const message = wasArray(issue, value) ? issue.message.replace(/\(was an object\)$/, '(was an array)') : issue.message;
  if (path === '') return `${root} ${message}`;
  const joined = fieldPath(root, issue.path ?? []);
  return message.startsWith(`${path} `) ? `${joined}${message.slice(path.length)}` : `${joined}: ${message}`;
}

/**
 * A field's path as {@link validateWithSchema}'s problems start with it: `spec.a.b[0]["x.y"]`.
 *
 * @example
 * ```ts
 * fieldPath('spec', ['tags', 0, 'x.y']); // => 'spec.tags[0]["x.y"]'
 * ```
 */
export function fieldPath(root: string, path: ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment>): string {
  const text = pathText(path);
  if (text === '') return root;
  return text.startsWith('[') ? `${root}${text}` : `${root}.${text}`;
}

/** Whether the value the issue is about is an array: arktype names an array's domain "an object". */
function wasArray(issue: StandardSchemaV1.Issue, value: unknown): boolean {
  let at = value;
  for (const segment of Array.from(issue.path ?? [])) {
    if (typeof at !== 'object' || at === null) return false;
    at = (at as Record<PropertyKey, unknown>)[typeof segment === 'object' ? segment.key : segment];
  }
  return Array.isArray(at);
}

/** A path as arktype writes it: `a.b[0]["x.y"]`. */
function pathText(path: ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment>): string {
  return Array.from(path)
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const text = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(text)) return index === 0 ? text : `.${text}`;
      return `[${JSON.stringify(text)}]`;
    })
    .join('');
}
