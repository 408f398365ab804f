/**
 * Where the fields KRO's SimpleSchema cannot write are declared. The markers (an enum value with a comma, a
 * string default with a quote) are refused only where an RGD is rendered, long after the definition, when
 * the user's file is no longer on the stack; the definition finds the place and leaves it here, so the
 * refusal carries file:line:col as the definition's own schema refusals do.
 */
import { SchemaError } from './errors.js';
import type { SchemaNode } from '../../ir/schema.js';
import { schemaToSimpleSchema, type SimpleSchema } from './simple-schema.js';

// Weakly keyed by the schema trees of defined compositions: an entry dies with its graph.
const sites = new WeakMap<SchemaNode, SchemaError>();

/** At definition: the located refusal of `root`'s SimpleSchema, if it has one (`locate` places it). */
export function noteSimpleSchemaSite(root: SchemaNode, locate: (error: SchemaError) => SchemaError): void {
  try {
    schemaToSimpleSchema(root);
  } catch (error) {
    if (error instanceof SchemaError && error.where === undefined) sites.set(root, locate(error));
  }
}

/** {@link schemaToSimpleSchema}, its refusal placed where the definition found the field. */
export function locatedSimpleSchema(root: SchemaNode): SimpleSchema {
  try {
    return schemaToSimpleSchema(root);
  } catch (error) {
    const located = sites.get(root);
    if (error instanceof SchemaError && located && located.path === error.path && located.problem === error.problem) throw located;
    throw error;
  }
}
