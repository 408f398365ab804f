/**
 * What a reference is: a root (the instance spec, a resource, a forEach item) and a path read from it. The
 * proxies the user holds (ref-proxy.ts) carry one; this module reads it back and names it for messages.
 */
import type { CelType } from '../ir/types.js';
import type { Expr } from '../ir/expr.js';

/** Where a reference path starts. Resource ids and iterator names are assigned after the composition ran. */
export type RefRoot =
  | { readonly kind: 'schema' }
  | { readonly kind: 'resource'; readonly resource: { readonly id: () => string; readonly modelName?: string } }
  | { readonly kind: 'iterator'; readonly iterator: IteratorRoot };

/** A forEach item: the list it walks and the name it gets once the composition source is analysed. */
export interface IteratorRoot {
  readonly source: RefData;
  /** The iterator's CEL name: the loop variable's, unless CEL or KRO cannot have it (util/cel-names). */
  name?: string;
  /** The loop variable as the source spells it, for messages (`schema` whose CEL name is `schemaItem`). */
  variable?: string;
  /**
   * The list compiled from source, when JavaScript could not give it as a reference: a method call on one
   * (`for (const t of spec.tags.filter((x) => x !== ''))`) is a placeholder whose meaning only the source has.
   */
  compiled?: { readonly expr: Expr; readonly itemType: CelType };
}

export interface RefData {
  readonly root: RefRoot;
  readonly path: readonly (string | number)[];
  /** Set on the result of calling a method on a reference: only source analysis can give it meaning. */
  readonly call?: string;
  /** Set on a read through such a result (`s.split('.').reverse`): a computed value, not a field of the reference. */
  readonly afterCall?: true;
}

/** A primitive coercion of a reference (`${spec.x}`, `+spec.n`): source analysis supplies the operator. */
export interface Coercion {
  readonly ref: RefData;
  readonly hint: string;
}

/** The property a reference proxy answers with its {@link RefData}. */
export const REF = Symbol.for('typekro.ref');

/** The reference behind a proxy, or `undefined` for any other value. */
export function refOf(value: unknown): RefData | undefined {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null) {
    return (value as { [REF]?: RefData })[REF];
  }
  return undefined;
}

export function isRef(value: unknown): boolean {
  return refOf(value) !== undefined;
}

/** The pseudo root of a nested composition handle's reads: `nested$<prefix>`, never shown to the user. */
export const NESTED_ROOT_PREFIX = 'nested$';

function resourceName(id: string): string {
  return id.startsWith(NESTED_ROOT_PREFIX) ? id.slice(NESTED_ROOT_PREFIX.length) : id || 'resource';
}

/**
 * A readable path for messages, as the user wrote it: `spec.labels` (the spec parameter of a composition,
 * `schema.spec` in CEL), `web.status.ready`, `item.name`.
 */
export function describeRef(data: RefData): string {
  if (data.root.kind === 'schema' && data.path[0] === 'spec') return data.path.map(String).join('.');
  // The composition's second parameter, as the README names it.
  if (data.root.kind === 'schema' && data.path[0] === 'metadata') return ['instance', ...data.path.map(String)].join('.');
  const root = data.root.kind === 'schema' ? 'schema' : data.root.kind === 'resource' ? resourceName(data.root.resource.id()) : (data.root.iterator.variable ?? data.root.iterator.name ?? 'item');
  return [root, ...data.path.map(String)].join('.');
}
