/**
 * The rules every instance input passes before anything is applied, the same in both modes and for the
 * CLI (which only calls the factories): the instance name, the namespace name, the spec's size, and spec
 * fields the schema does not declare. Messages quote at most a few hundred characters of a value.
 */
import type { SchemaNode } from '../ir/schema.js';
import { TypeKroError } from '../util/errors.js';
import { clip } from '../util/redact.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../util/object-names.js';
import { fieldHint, member } from '../util/suggest.js';

/**
 * The largest instance spec, as JSON: the API server stores an object whole (etcd's default limit is 1.5 MiB
 * per request, metadata and status included), and a Secret or ConfigMap a spec value may fill holds 1 MiB.
 */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** An instance name is a label value too (KRO labels every child with it): at most 63 characters. */
export const MAX_NAME_LENGTH = 63;


/** A name as a message quotes it: in quotes, cut when long, with its length. */
function quoted(name: string): string {
  return `"${clip(name, 80)}"`;
}

/** A lowercase DNS name close to `name`, to suggest: `My_Shop!` → `my-shop`. */
function dnsLike(name: string, separators: RegExp): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(separators, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[^a-z0-9]+$/, '');
}

/**
 * Throws a `USAGE` TypeKroError unless `name` can name an instance in both modes: a DNS-1123 subdomain
 * (lowercase letters, digits, `-`, `.`) of at most 63 characters.
 *
 * @example
 * ```ts
 * import { checkInstanceName } from './validate-input.js';
 * checkInstanceName('shop'); // passes
 * checkInstanceName('MyShop'); // throws: instance name "MyShop" is not a Kubernetes name ... (e.g. "myshop")
 * checkInstanceName('My_Shop', 'spec.name'); // throws: instance name "My_Shop" (from spec.name) is not ...
 * ```
 */
export function checkInstanceName(name: string, origin?: string): void {
  // Where the name came from, when the caller did not give it: what to change is then not obvious.
  const subject = `instance name ${quoted(name)}${origin ? ` (from ${origin})` : ''}`;
  const fix = origin ? `; change ${origin}, or give the name (a name option, or --name)` : '';
  if (name === '') throw new TypeKroError('USAGE', 'the instance name is empty; give one (the spec\'s name field, a name option, or --name)');
  if (name.length > MAX_NAME_LENGTH) {
    throw new TypeKroError('USAGE', `${subject} has ${name.length} characters; at most ${MAX_NAME_LENGTH} (KRO copies it into a label of every resource, and direct mode keeps the same rule)${fix}`);
  }
  if (!DNS1123_SUBDOMAIN.test(name)) {
    const suggestion = dnsLike(name, /[^a-z0-9.-]+/g);
    throw new TypeKroError(
      'USAGE',
      `${subject} is not a Kubernetes name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit${suggestion ? ` (e.g. "${suggestion}")` : ''}${fix}`,
    );
  }
}

/**
 * Throws a `USAGE` TypeKroError unless `namespace` is a valid namespace name (a DNS-1123 label: lowercase
 * letters, digits and `-`, at most 63 characters).
 *
 * @example
 * ```ts
 * import { checkNamespaceName } from './validate-input.js';
 * checkNamespaceName('dev'); // passes
 * checkNamespaceName('Bad_NS!'); // throws: namespace "Bad_NS!" is not a valid namespace name ... (e.g. "bad-ns")
 * ```
 */
export function checkNamespaceName(namespace: string): void {
  if (namespace.length <= MAX_NAME_LENGTH && DNS1123_LABEL.test(namespace)) return;
  const suggestion = dnsLike(namespace, /[^a-z0-9-]+/g);
  const rule = namespace.length > MAX_NAME_LENGTH ? `has ${namespace.length} characters; at most ${MAX_NAME_LENGTH}` : 'is not a valid namespace name: use lowercase letters, digits and "-", starting and ending with a letter or digit';
  throw new TypeKroError('USAGE', `namespace ${quoted(namespace)} ${rule}${suggestion && suggestion !== namespace ? ` (e.g. "${suggestion}")` : ''}`);
}

/** The problem with the spec's size, if it is too large to store; one short line. */
export function specSizeProblem(spec: unknown): string | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(spec ?? {}) ?? '', 'utf8');
  if (bytes <= MAX_SPEC_BYTES) return undefined;
  return `spec is ${(bytes / 1024 / 1024).toFixed(1)} MiB as JSON; an instance spec may be at most 1 MiB (the API server stores each object whole): put large data in a ConfigMap or a file the composition reads`;
}

/**
 * Spec fields the schema does not declare, each with the closest declared field: `spec.replicaz is not a
 * field of the spec; did you mean spec.replicas?`. Schemaless objects (`Record<string, unknown>`) take any key.
 *
 * @example
 * ```ts
 * import { unknownFieldProblems } from './validate-input.js';
 * unknownFieldProblems(app.graph.spec, { replicaz: 3 }); // => ['spec.replicaz is not a field of the spec; did you mean spec.replicas?']
 * ```
 */
export function unknownFieldProblems(schema: SchemaNode, value: unknown, path = 'spec'): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (schema.kind === 'array' && Array.isArray(value)) return value.flatMap((item, i) => unknownFieldProblems(schema.items, item, `${path}[${i}]`));
  if (schema.kind === 'map' && !Array.isArray(value)) return Object.entries(value).flatMap(([key, item]) => unknownFieldProblems(schema.values, item, `${path}${member(key)}`));
  if (schema.kind !== 'struct' || Array.isArray(value)) return [];
  const known = Object.keys(schema.fields);
  return Object.entries(value).flatMap(([key, item]) => {
    const field = schema.fields[key];
    if (field) return unknownFieldProblems(field, item, `${path}${member(key)}`);
    return [`${path}${member(clip(key, 80))} is not a field of the ${path === 'spec' ? 'spec' : `field ${path}`}${fieldHint(key, known, path)}`];
  });
}

/**
 * Numbers JSON cannot hold, by their field: `JSON.stringify` writes `Infinity` as `null`, so an instance
 * object (kro mode) or a stored spec would hold another value than the one given; the API server then refuses
 * `null` for a number field, after the graph was applied (trial 18 F8). arktype's `number` refuses NaN only.
 *
 * @example
 * ```ts
 * import { nonFiniteProblems } from './validate-input.js';
 * nonFiniteProblems({ limits: { cpu: Infinity } }); // => ['spec.limits.cpu is Infinity: ...']
 * ```
 */
export function nonFiniteProblems(value: unknown, path = 'spec'): string[] {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? [] : [`${path} is ${value}: JSON, and so Kubernetes, cannot hold it (it would be written as null); give a finite number`];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nonFiniteProblems(item, `${path}[${index}]`));
  return Object.entries(value).flatMap(([key, item]) => nonFiniteProblems(item, `${path}${member(key)}`));
}

/**
 * Integers of integer-typed fields (`number.integer`) that JavaScript does not hold exactly: beyond
 * ±(2^53 - 1) a number is a rounded double, which a text shows as `1e+21` while a number field is written
 * `1000000000000000000000`, and a value such as 2^63 fits no int64 (trial 20 F8). Nested fields, map values and
 * list items too; other numbers (a `number` field, an untyped one) keep JavaScript's meaning.
 *
 * @example
 * ```ts
 * import { unsafeIntegerProblems } from './validate-input.js';
 * unsafeIntegerProblems(app.graph.spec, { replicas: 1e21 }); // => ['spec.replicas is 1e+21: beyond ±9007199254740991 ...']
 * ```
 */
export function unsafeIntegerProblems(schema: SchemaNode, value: unknown, path = 'spec'): string[] {
  if (schema.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isFinite(value) || Number.isSafeInteger(value) || !Number.isInteger(value)) return [];
    const exact = BigInt(value).toString();
    return [`${path} is ${value}: beyond ±${Number.MAX_SAFE_INTEGER} an integer is not exact in JavaScript (this one is written ${value} in a text and ${exact} in a number field); keep it within ±${Number.MAX_SAFE_INTEGER}, or declare the field as text (a string)`];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (schema.kind === 'array' && Array.isArray(value)) return value.flatMap((item, i) => unsafeIntegerProblems(schema.items, item, `${path}[${i}]`));
  if (schema.kind === 'map' && !Array.isArray(value)) return Object.entries(value).flatMap(([key, item]) => unsafeIntegerProblems(schema.values, item, `${path}${member(key)}`));
  if (schema.kind !== 'struct' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const field = schema.fields[key];
    return field ? unsafeIntegerProblems(field, item, `${path}${member(key)}`) : [];
  });
}

/**
 * The value as the instance stores it: JSON has one zero, so a `-0` the caller wrote is `0` in the cluster (KRO
 * reads 0, `1 / spec.x` is Infinity there). Every mode and the concrete evaluation compute with the stored spec.
 * Objects without a `-0` come back as they are.
 *
 * @example
 * ```ts
 * import { asStoredNumbers } from './validate-input.js';
 * Object.is(asStoredNumbers({ x: -0 }).x, 0); // => true
 * ```
 */
export function asStoredNumbers<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(asStoredNumbers);
    return (items.some((item, i) => !Object.is(item, value[i])) ? items : value) as T;
  }
  const entries = Object.entries(value).map(([key, item]) => [key, asStoredNumbers(item)] as const);
  return (entries.some(([key, item]) => !Object.is(item, (value as Record<string, unknown>)[key])) ? Object.fromEntries(entries) : value) as T;
}

/**
 * Values of untyped fields (`'unknown'`, `'unknown[]'` items) that are no object: KRO's instance schema holds
 * such a field as `object` (x-kubernetes-preserve-unknown-fields), which admits only a map of fields, so the API
 * server refuses `5` or `[1]` there in kro mode while arktype took them (trial 21 F3b). Refused in every mode,
 * naming the field and the way out.
 *
 * @example
 * ```ts
 * import { untypedShapeProblems } from './validate-input.js';
 * untypedShapeProblems({ kind: 'struct', required: ['v'], markers: {}, fields: { v: { kind: 'object', markers: {} } } }, { v: 5 }); // => ['spec.v is a number: ...']
 * ```
 */
export function untypedShapeProblems(schema: SchemaNode, value: unknown, path = 'spec'): string[] {
  if (value === undefined || value === null) return [];
  if (schema.kind === 'object') {
    if (typeof value === 'object' && !Array.isArray(value)) return [];
    const what = Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'text' : `a ${typeof value}`;
    return [`${path} is ${what}: the field is untyped ('unknown' in its schema), which KRO's instance schema holds only as an object (a map of fields), so the API server refuses anything else; pass an object, or declare the field's type ('number', 'string', 'string[]', ...)`];
  }
  if (typeof value !== 'object') return [];
  if (schema.kind === 'array' && Array.isArray(value)) return value.flatMap((item, i) => untypedShapeProblems(schema.items, item, `${path}[${i}]`));
  if (schema.kind === 'map' && !Array.isArray(value)) return Object.entries(value).flatMap(([key, item]) => untypedShapeProblems(schema.values, item, `${path}${member(key)}`));
  if (schema.kind !== 'struct' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => (schema.fields[key] ? untypedShapeProblems(schema.fields[key], item, `${path}${member(key)}`) : []));
}
