/**
 * Problems found before an RGD is emitted. KRO accepts an invalid RGD at the API server and only reports
 * it later in a condition message, so we check what we can locally and say what to change. One class per
 * problem, so callers and tests can tell them apart; all extend `CompositionError`.
 */
import type { ResourceNode } from '../../ir/graph.js';
import { TypeKroError } from '../../util/errors.js';

/** `resource "web" (app.ts:12:5)`: how messages name a resource (where its factory was called). */
export function describeResource(resource: ResourceNode): string {
  const at = resource.source ? ` (${resource.source.file}:${resource.source.line}:${resource.source.column})` : '';
  return `resource "${resource.id}"${at}`;
}

/**
 * Base class of every graph validation error. `resourceId` names the resource at fault, when there is one.
 *
 * @example
 * import { CompositionError } from 'typekro';
 * const error = new CompositionError('resource "web": metadata.name is missing', 'web');
 * [error.code, error.resourceId]; // => ['DEFINITION_INVALID', 'web']
 */
export class CompositionError extends TypeKroError {
  override name = 'CompositionError';
  /** Stable classification, the same in every copy of TypeKro. */
  constructor(
    message: string,
    readonly resourceId?: string,
  ) {
    super('DEFINITION_INVALID', message);
  }
}

/** A resource id that is not lowerCamelCase (`^[a-z][a-zA-Z0-9]*$`). */
export class InvalidResourceIdError extends CompositionError {
  override name = 'InvalidResourceIdError';
}

/** A resource id or forEach iterator that KRO or CEL reserves (`status`, `item`, `namespace`, `if`...). */
export class ReservedResourceIdError extends CompositionError {
  override name = 'ReservedResourceIdError';
}

/** Two resources with the same id. */
export class DuplicateResourceIdError extends CompositionError {
  override name = 'DuplicateResourceIdError';
}

/** A template or external reference without `metadata.name` (or with neither template nor externalRef). */
export class MissingNameError extends CompositionError {
  override name = 'MissingNameError';
}

/** A literal `metadata.name` that is not a valid DNS-1123 name. */
export class InvalidResourceNameError extends CompositionError {
  override name = 'InvalidResourceNameError';
}

/** A malformed resource: both or neither of template and externalRef, non-string apiVersion/kind, ... */
export class InvalidResourceError extends CompositionError {
  override name = 'InvalidResourceError';
}

/** An expression naming something that is not `schema`, a resource id or an iterator in scope. */
export class UnknownReferenceError extends CompositionError {
  override name = 'UnknownReferenceError';
}

/** A readyWhen condition that reads another resource (KRO: only the resource itself, or `each`). */
export class ReadyWhenReferenceError extends CompositionError {
  override name = 'ReadyWhenReferenceError';
}

/** A forEach problem: bad iterator name, iterator not used in the identity, iterators referencing each other. */
export class ForEachError extends CompositionError {
  override name = 'ForEachError';
}

/** Resources that depend on each other in a cycle; `cycle` lists the ids, first repeated at the end. */
export class DependencyCycleError extends CompositionError {
  override name = 'DependencyCycleError';
  constructor(
    message: string,
    readonly cycle: readonly string[],
  ) {
    super(message, cycle[0]);
  }
}

/** A resource of a kind whose CustomResourceDefinition the same RGD creates: KRO needs the CRD to exist first. */
export class CrdInSameGraphError extends CompositionError {
  override name = 'CrdInSameGraphError';
}

/** An RGD-level field (kind, version, group, RGD name) with an invalid value. */
export class InvalidDefinitionError extends CompositionError {
  override name = 'InvalidDefinitionError';
}

/** A status field KRO cannot compute (e.g. an expression with no reference). */
export class InvalidStatusError extends CompositionError {
  override name = 'InvalidStatusError';
}

/** Hand-written CEL (`Cel.expr`, a readyWhen or includeWhen string) that is not a CEL expression. */
export class InvalidCelError extends CompositionError {
  override name = 'InvalidCelError';
}
