/**
 * Refuses optional spec fields that KRO never leaves absent. KRO's SimpleSchema gives a struct `default: {}`
 * when none of its fields is required and one has a default (`hasImpliedDefault`), so the API server (and
 * direct mode, `defaults.ts`) always fills it in. Its arktype key is optional (`'cache?'`), so its
 * TypeScript type says `undefined` is possible and arktype leaves it out: `spec.cache?.size ?? 5`,
 * `if (spec.cache)` or `spec.cache === undefined` would mean one thing in the code and another in the
 * cluster. No reading of such a field can be trusted, so the shape is refused where it is declared.
 */
import type { SchemaNode } from '../../ir/schema.js';
import { hasImpliedDefault } from './cel-type.js';
import { defaultsOf } from './defaults.js';
import { TypeKroError } from '../../util/errors.js';
import { SchemaError } from './errors.js';

type Struct = Extract<SchemaNode, { kind: 'struct' }>;

/**
 * An optional spec field that KRO always creates. `key` is the key as written in arktype (`cache?`), so the
 * definition can point at it in the source.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * try {
 *   arktypeToSchema(type({ 'cache?': { size: 'number.integer = 1' } }), { name: 'spec' });
 * } catch (error) {
 *   if (!(error instanceof AlwaysPresentFieldError)) throw error;
 *   error.key; // => 'cache?'
 * }
 * ```
 */
export class AlwaysPresentFieldError extends SchemaError {
  override name = 'AlwaysPresentFieldError';
  constructor(
    path: string,
    problem: string,
    /** The key as written in the arktype definition (`cache?`). */
    override readonly key: string,
    where?: string,
  ) {
    super(path, problem, where, key);
  }

  /** The same error, located (`file:line:col`). */
  override at(where: string): AlwaysPresentFieldError {
    return new AlwaysPresentFieldError(this.path, this.problem, this.key, where);
  }

  override under(): AlwaysPresentFieldError {
    return this;
  }
}

/**
 * Throws for the first optional field under `node` (fields, array items and map values included) that KRO
 * defaults to an object.
 *
 * @throws AlwaysPresentFieldError naming the field, why, and the three ways out.
 */
export function refuseAlwaysPresent(node: SchemaNode, path: string): void {
  switch (node.kind) {
    case 'array':
      return refuseAlwaysPresent(node.items, `${path}[]`);
    case 'map':
      return refuseAlwaysPresent(node.values, `${path}[*]`);
    case 'struct':
      for (const name of Object.keys(node.fields).sort()) {
        const field = node.fields[name] as SchemaNode;
        const fieldPath = `${path}.${name}`;
        if (isOptional(node, name) && hasImpliedDefault(field)) throw alwaysPresent(field as Struct, fieldPath, name);
        refuseAlwaysPresent(field, fieldPath);
      }
      return;
    default:
      return;
  }
}

function isOptional(struct: Struct, name: string): boolean {
  return !struct.required.includes(name) && struct.fields[name]?.markers.default === undefined;
}

function alwaysPresent(field: Struct, path: string, name: string): AlwaysPresentFieldError {
  const leaf = defaultedLeaf(field);
  const read = `${path}?.${leaf.path.join('?.')}`;
  const problem =
    `is optional ('${name}?'), but KRO always creates it: KRO requires none of its fields and ${leaf.path.join('.')} has a default, ` +
    `so KRO's SimpleSchema gives it default {} and the API server fills in ${JSON.stringify(defaultsOf(field))} when it is omitted ` +
    `(direct mode does the same). Your TypeScript type says ${path} may be undefined, so if (${path}), ${read} ?? x and ` +
    `${path} === undefined would not mean in the cluster what they say. Write one of: an explicit default, so it is always there ` +
    `and typed so (${keyOf(name)}: [{ ... }, '=', () => (${minimalDefault(field)})]); make one of its fields required, so it is ` +
    `absent unless given; or drop the defaults of its fields and write them where you read them (${read} ?? ${JSON.stringify(leaf.value)}).`;
  return new AlwaysPresentFieldError(path, problem, `${name}?`);
}

/** The first field (in key order) with a default of its own, below the structs KRO defaults to `{}`. */
function defaultedLeaf(node: Struct): { path: string[]; value: unknown } {
  for (const name of Object.keys(node.fields).sort()) {
    const field = node.fields[name] as SchemaNode;
    if (field.markers.default !== undefined) return { path: [name], value: field.markers.default };
    if (field.kind === 'struct' && hasImpliedDefault(field)) {
      const inner = defaultedLeaf(field);
      return { path: [name, ...inner.path], value: inner.value };
    }
  }
  throw new TypeKroError('INTERNAL', 'defaultedLeaf: a struct KRO defaults to {} has a field with a default');
}

/** A key as written in an object literal. */
function keyOf(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

/** The smallest value arktype accepts as the struct's default: its required fields (always defaulted structs here) as `{}`. */
function minimalDefault(node: SchemaNode): string {
  if (node.kind !== 'struct' || node.required.length === 0) return '{}';
  const entries = [...node.required].sort().map((name) => `${keyOf(name)}: ${minimalDefault(node.fields[name] as SchemaNode)}`);
  return `{ ${entries.join(', ')} }`;
}
