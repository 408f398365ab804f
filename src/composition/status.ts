/**
 * The status a composition returns. JavaScript already evaluated it once on placeholders; each field
 * whose value came from references is rebuilt from the source of the returned object literal.
 */
import type { Node, ObjectExpression } from '@babel/types';
import { returnedStatus } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { locationOf } from '../analysis/source.js';
import { isExprValue, type Value } from '../ir/value.js';
import { lastCoercions, refOf } from '../model/refs.js';
import { resolveSourceValue } from './source-values.js';
import type { CompositionRun } from './run.js';
import { toValue, type ValueContext } from './values.js';
import { checkStatusReads } from './excluded-reads.js';
import { TypeKroError } from '../util/errors.js';

export function buildStatus(returned: unknown, run: CompositionRun, context: ValueContext): Value {
  if (returned === undefined || returned === null) return {};
  if (typeof returned !== 'object' || Array.isArray(returned) || refOf(returned)) {
    throw new TypeKroError('DEFINITION_INVALID', 'a composition function must return its status as an object literal, e.g. return { ready: ... }');
  }
  const node = run.source ? returnedStatus(run.source.fn) : undefined;
  if (!node && lastCoercions.some((coercion) => coercion.hint !== 'string')) {
    throw new TypeKroError('DEFINITION_INVALID', 
      'the status uses operators on references, but TypeKro could not read the composition source to compile them; define the composition in a source file, or use Cel.expr(...)',
    );
  }
  return statusObject(returned as Record<string, unknown>, node, run, context);
}

function statusObject(value: Record<string, unknown>, node: ObjectExpression | undefined, run: CompositionRun, context: ValueContext): Value {
  const result: Record<string, Value> = {};
  for (const [key, entry] of Object.entries(value)) {
    const field = statusField(entry, node ? propertyNode(node, key) : undefined, run, context);
    if (field !== undefined) result[key] = field;
  }
  return result;
}

function statusField(value: unknown, node: Node | undefined, run: CompositionRun, context: ValueContext): Value | undefined {
  if (isExprValue(value) && !node) return value;
  if (node?.type === 'ObjectExpression' && typeof value === 'object' && value !== null && !Array.isArray(value) && !refOf(value)) {
    return statusObject(value as Record<string, unknown>, node, run, context);
  }
  if (!node) return toValue(value, context);
  const at = locationOf(node);
  const field = toValue(resolveSourceValue(node, value, run.scope, (compiled) => compiled && run.recordType(compiled.expr, compiled.type)), at ? { ...context, at } : context);
  if (field !== undefined) checkStatusReads(field, node, run.records);
  return field;
}

function propertyNode(node: ObjectExpression, key: string): Node | undefined {
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      throw syntaxError(property, 'spread in the returned status is not supported', 'list the status fields one by one');
    }
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
    if (name === key) return property.value;
  }
  return undefined;
}
