/**
 * The definition object of a composition: its name, its custom API (group, version, kind) and the
 * arktype schemas of spec and status.
 */
import { arktypeToSchema, type CompositionSchema } from '../model/schema/index.js';
import type { GraphHeader } from './build-graph.js';
import { TypeKroError } from '../util/errors.js';

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
 *   spec: type({ replicas: 'number' }), status: type({ ready: 'boolean' }),
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
  readonly spec: TSpec;
  readonly status: TStatus;
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
  return {
    name: definition.name,
    version,
    group: definition.group ?? groupFromVersion ?? 'kro.run',
    kind: definition.kind,
    scope: definition.scope ?? 'Namespaced',
    spec: arktypeToSchema(definition.spec, { name: 'spec' }),
    statusSchema: arktypeToSchema(definition.status, { name: 'status' }),
    ...(options.allowBreakingChanges ? { annotations: { 'kro.run/allow-breaking-changes': 'true' } } : {}),
  };
}
