/**
 * The definition object of a composition: its name, its custom API (group, version, kind) and the
 * arktype schemas of spec and status.
 */
import { InvalidDefinitionError } from '../compile/rgd/errors.js';
import { crdAliasesProblem } from '../compile/rgd/names.js';
import { arktypeToSchema, type CompositionSchema } from '../model/schema/index.js';
import type { PrinterColumn } from '../ir/graph.js';
import type { GraphHeader } from './build-graph.js';
import { TypeKroError } from '../util/errors.js';
import { checkPrinterColumns } from './printer-columns.js';
import { locatedSchemaError, locatingSchemaErrors } from './schema-site.js';
import { noteSimpleSchemaSite } from '../model/schema/kro-sites.js';

/**
 * A composition's name, custom API and schemas. `spec` and `status` are arktype types, accepted through
 * the structural {@link CompositionSchema} so any arktype copy in the peer range fits.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import type { CompositionDefinition } from 'typekro';
 * const definition: CompositionDefinition = {
 *   name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp',
 *   shortNames: ['wa'], categories: ['apps'],
 *   spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }),
 * };
 * ```
 */
export interface CompositionDefinition<TSpec extends CompositionSchema = CompositionSchema, TStatus extends CompositionSchema = CompositionSchema> {
  /** RGD name (DNS subdomain), e.g. `webapp`. */
  readonly name: string;
  /** `v1alpha1`, or `group/version` such as `example.com/v1` (then `group` is taken from it). */
  readonly apiVersion?: string;
  readonly kind: string;
  /** CRD group; defaults to the group in `apiVersion`, else `kro.run`. */
  readonly group?: string;
  readonly scope?: 'Namespaced' | 'Cluster';
  /**
   * Short aliases of the instance kind for kubectl (KRO v0.9.4 `schema.shortNames`), e.g. `['wa']` for
   * `kubectl get wa`. Lower-case DNS labels, at most 32, each once; checked when the composition is defined.
   */
  readonly shortNames?: readonly string[];
  /**
   * Categories the instances belong to (KRO v0.9.4 `schema.categories`), e.g. `['apps']` lists them in
   * `kubectl get apps`. Same rules as `shortNames`.
   */
  readonly categories?: readonly string[];
  readonly spec: TSpec;
  /** The status schema; omit it (or give `type({})`) for a composition without status fields (the function returns nothing or `{}`). */
  readonly status?: TStatus;
  /**
   * Columns `kubectl get` shows for instances (the RGD's `schema.additionalPrinterColumns`, copied into the
   * generated CRD). `jsonPath` must start with `.spec`, `.status` or `.metadata`.
   */
  readonly additionalPrinterColumns?: readonly PrinterColumn[];
}


/**
 * Options of a composition definition (the third argument of `kubernetesComposition`).
 *
 * @example
 * import type { CompositionOptions } from 'typekro';
 * const options: CompositionOptions = { allowBreakingChanges: true };
 * options.allowBreakingChanges; // => true
 */
export interface CompositionOptions {
  /** Adds `kro.run/allow-breaking-changes: "true"` to the RGD. */
  readonly allowBreakingChanges?: boolean;
}

export function graphHeader(definition: CompositionDefinition, options: CompositionOptions = {}): GraphHeader {
  const apiVersion = definition.apiVersion ?? 'v1alpha1';
  const slash = apiVersion.lastIndexOf('/');
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  const groupFromVersion = slash >= 0 ? apiVersion.slice(0, slash) : undefined;
  if (definition.group && groupFromVersion && definition.group !== groupFromVersion) {
    throw new TypeKroError('DEFINITION_INVALID', 
      `composition "${definition.name}": group "${definition.group}" disagrees with apiVersion "${apiVersion}"; give the group in one place`,
    );
  }
  const spec = locatingSchemaErrors(() => arktypeToSchema(definition.spec, { name: 'spec' }));
  noteSimpleSchemaSite(spec, locatedSchemaError);
  const declared = definition.status ? locatingSchemaErrors(() => arktypeToSchema(definition.status!, { name: 'status' })) : undefined;
  // `status: type({})` declares no status fields: the same composition as one that omits `status` (trial 18 F5).
  const status = declared?.kind === 'struct' && Object.keys(declared.fields).length === 0 ? undefined : declared;
  const aliases: { shortNames?: readonly string[]; categories?: readonly string[] } = {};
  for (const field of ['shortNames', 'categories'] as const) {
    const value: unknown = definition[field];
    if (value === undefined) continue;
    const problem = crdAliasesProblem(field, value);
    if (problem) throw new InvalidDefinitionError(`composition "${definition.name}": ${problem}`);
    aliases[field] = Object.freeze([...(value as readonly string[])]);
  }
  return {
    name: definition.name,
    version,
    group: definition.group ?? groupFromVersion ?? 'kro.run',
    kind: definition.kind,
    scope: definition.scope ?? 'Namespaced',
    spec,
    ...(status ? { statusSchema: status } : {}),
    ...aliases,
    ...(definition.additionalPrinterColumns ? { printerColumns: checkPrinterColumns(definition.name, definition.additionalPrinterColumns, spec, status) } : {}),
    ...(options.allowBreakingChanges ? { annotations: { 'kro.run/allow-breaking-changes': 'true' } } : {}),
  };
}
