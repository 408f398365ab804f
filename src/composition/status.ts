/**
 * The status a composition returns. JavaScript already evaluated it once on placeholders; each field
 * whose value came from references is rebuilt from the source of the returned object literal.
 */
import type { Node, ObjectExpression } from '@babel/types';
import { literalOf, ownProperties, type OwnProperty } from '../analysis/literal-reads.js';
import type { Scope } from '../analysis/scope.js';
import { returnedStatus } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { locationOf } from '../analysis/source.js';
import { isExprValue, type Value } from '../ir/value.js';
import { definitionCoercions, refOf } from '../model/refs.js';
import { hasComputedSpread, resolveSourceValue, siblingsCompiled } from './source-values.js';
import { inlineNestedStatus } from './nest-run.js';
import type { CompositionRun } from './run.js';
import { toValue, type ValueContext } from './values.js';
import { checkStatusReads, type Conditional } from './excluded-reads.js';
import { TypeKroError } from '../util/errors.js';
import { checkStatusFields } from './status-fields.js';
import { schemaAt, type SchemaNode } from '../ir/schema.js';
import { checkStatusType, staticTypeOf, type StatusTypes } from './status-types.js';

/**
 * The status value of the graph; with `declared` (the composition's name and status schema), the returned
 * fields must be the declared ones.
 */
export function buildStatus(returned: unknown, run: CompositionRun, context: ValueContext, declared?: { name: string; schema?: SchemaNode }): Value {
  if (returned === undefined || returned === null) {
    if (declared) checkStatusFields(declared.name, {}, declared.schema, run.source ? (returnedStatus(run.source.fn) ?? run.source.fn) : undefined);
    return {};
  }
  const returnedNode = run.source ? returnedStatus(run.source.fn) : undefined;
  if (typeof returned !== 'object' || Array.isArray(returned) || refOf(returned)) {
    const why = 'a composition function must return its status as an object literal';
    if (returnedNode) throw syntaxError(returnedNode, why, 'return `{ field: expression, ... }` (return {} for no status)');
    throw new TypeKroError('DEFINITION_INVALID', `${why}, e.g. return { ready: ... }`);
  }
  const node = returnedNode && statusLiteral(returnedNode, run.scope);
  if (!node && definitionCoercions().some((coercion) => coercion.hint !== 'string')) {
    throw new TypeKroError('DEFINITION_INVALID', 
      'the status uses operators on references, but TypeKro could not read the composition source to compile them; define the composition in a source file, or use Cel.expr(...)',
    );
  }
  if (declared) checkStatusFields(declared.name, returned as Record<string, unknown>, declared.schema, returnedNode);
  const types = declared?.schema && { schema: declared.schema, composition: declared.name, typeOf: (value: object) => staticTypeOf(value, (ref) => context.refType(ref), (expr) => context.exprType(expr)) };
  // The conditional resources, listed once: each status field's reads are checked against them alone (the others cannot fail).
  const conditional = { nestedHandles: run.nestedHandles.filter(isConditional), records: run.records.filter(isConditional) };
  return statusObject(returned as Record<string, unknown>, node, run, { ...context, conditional, ...(types && { declared: types }) });
}

const isConditional = (resource: Conditional): boolean => resource.includeWhen.length > 0;

/**
 * The status's value context, with the declared status schema each field's type must fit (status-types.ts), and
 * the conditional nested compositions and resources of the run.
 */
interface StatusContext extends ValueContext {
  readonly declared?: StatusTypes & { readonly schema: SchemaNode };
  readonly conditional: { readonly nestedHandles: readonly Conditional[]; readonly records: readonly Conditional[] };
}

/** Fails when `value` (the field at `path`, compiled) does not fit its declared type; `at` is its source. */
function checkDeclared(value: unknown, context: StatusContext, path: readonly string[], at: Node | undefined): void {
  const declared = context.declared;
  if (declared) checkStatusType(value, schemaAt(declared.schema, path), declared, path, at);
}

/** The object literal the returned expression stands for (`return status` with `const status = { ... }`). */
function statusLiteral(returned: Node, scope: Scope): Literal {
  const literal = literalOf(returned, scope);
  if (literal?.node.type !== 'ObjectExpression') {
    throw syntaxError(returned, 'the composition must return an object literal (its status)', 'return `{ field: expression, ... }`, or a local const holding one');
  }
  return { node: literal.node, scope: literal.scope };
}

interface Literal {
  readonly node: ObjectExpression;
  readonly scope: Scope;
}

function statusObject(value: Record<string, unknown>, literal: Literal | undefined, run: CompositionRun, context: StatusContext, path: string[] = []): Value {
  const properties = literal && propertiesOf(literal);
  const result: Record<string, Value> = {};
  const siblings = properties ? [...properties.values()].map((p) => p.node) : [];
  for (const [key, entry] of Object.entries(value)) {
    const property = properties?.get(key);
    // A refused field is shown rather than a spread of a spec map in a sibling field (source-values.ts).
    const field = property ? siblingsCompiled(siblings, property.node, () => statusField(entry, property, run, context, [...path, key])) : statusField(entry, property, run, context, [...path, key]);
    if (field !== undefined) result[key] = field;
  }
  return result;
}

/** One field of the status; `path` (`['db', 'ready']`) names it in messages, its source node places them. */
function statusField(value: unknown, property: OwnProperty | undefined, run: CompositionRun, context: StatusContext, path: string[]): Value | undefined {
  if (!property) {
    // A value JavaScript cannot serialise is toValue's refusal, more precise than a type mismatch.
    const field = isExprValue(value) ? value : toValue(value, context, undefined, path);
    checkDeclared(value, context, path, undefined);
    return field;
  }
  const inner = literalOf(property.node, property.scope);
  // An object whose keys a spread of a reference decides is one map value, compiled whole (object-spread.ts).
  if (inner?.node.type === 'ObjectExpression' && !hasComputedSpread(inner.node, inner.scope) && typeof value === 'object' && value !== null && !Array.isArray(value) && !refOf(value)) {
    // Its fields are checked one by one; an object where the schema declares a scalar or a list is refused here.
    checkDeclared({}, context, path, property.node);
    return statusObject(value as Record<string, unknown>, { node: inner.node, scope: inner.scope }, run, context, path);
  }
  const { node, scope } = property;
  const at = locationOf(node);
  // Status has no guards around it: a plain absent read is pending (JavaScript's `undefined`); text or
  // arithmetic built from absent spec data is refused.
  const status = { path, guards: () => [], pendingIsUndefined: true };
  const resolved = resolveSourceValue(node, value, scope, (compiled) => compiled && run.recordType(compiled.expr, compiled.type), status);
  const field = toValue(resolved, at ? { ...context, at } : context, undefined, path);
  checkDeclared(resolved, context, path, node);
  // A nested composition's status is read through the child's resources, which carry the call's conditions.
  if (field !== undefined) {
    checkStatusReads(field, node, context.conditional.nestedHandles);
    checkStatusReads(inlineNestedStatus(field, run.nested), node, context.conditional.records);
  }
  return field;
}

/** Each status key's source, later keys and spreads of local literals winning as in JavaScript. */
function propertiesOf(literal: Literal): Map<string, OwnProperty> {
  const properties = ownProperties(literal.node, literal.scope);
  if (properties) return properties;
  const offender = literal.node.properties.find((property) => property.type !== 'ObjectProperty' || property.computed) ?? literal.node;
  throw syntaxError(offender, 'this part of the returned status does not show which fields it sets', 'list the status fields as `key: value`, or spread a local object literal');
}
