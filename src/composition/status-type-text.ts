/**
 * The words of status-types.ts's refusal: a declared schema in arktype's terms (`'number.integer'`), a
 * computed CEL type in plain words ("an integer"), and the way out that fits the pair.
 */
import type { Node } from '@babel/types';
import { snippetOf } from '../analysis/source.js';
import type { SchemaNode } from '../ir/schema.js';
import type { CelType } from '../ir/types.js';

/** `'string'`, `'a' | 'b'`, `'number.integer'`, `'string[]'`, an object. */
export function declaredText(node: SchemaNode): string {
  return node.kind === 'struct' ? 'as an object with fields ' + Object.keys(node.fields).map((name) => `\`${name}\``).join(', ') : `as ${arktypeOf(node)}`;
}

function arktypeOf(node: SchemaNode): string {
  const enumerated = node.markers.enum;
  if (enumerated && (node.kind === 'string' || node.kind === 'integer')) return enumerated.map((value) => (typeof value === 'string' ? `'${value}'` : String(value))).join(' | ');
  switch (node.kind) {
    case 'string':
      return "'string'";
    case 'integer':
      return "'number.integer'";
    case 'float':
      return "'number'";
    case 'boolean':
      return "'boolean'";
    case 'object':
      return "'object'";
    case 'array':
      return `an array of ${arktypeOf(node.items)}`;
    case 'map':
      return `a map of ${arktypeOf(node.values)}`;
    case 'struct':
      return 'an object';
  }
}

/** "an integer", "a string (any string)", "a list of integers". */
export function typeText(type: CelType): string {
  switch (type.kind) {
    case 'int':
      return 'an integer';
    case 'double':
      return 'a floating-point number';
    case 'bool':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'string':
      if (type.values?.length === 1) return `the string '${type.values[0]}'`;
      return type.values ? `one of ${type.values.map((value) => `'${value}'`).join(', ')}` : 'any string';
    case 'bytes':
      return 'bytes (their base64 text)';
    case 'timestamp':
      return 'a timestamp';
    case 'duration':
      return 'a duration';
    case 'dyn':
      return type.intOrString ? 'an integer or a string' : 'of unknown type';
    case 'list':
      return `a list (of ${plural(type.item)})`;
    case 'map':
    case 'object':
      return 'an object';
  }
}

function plural(type: CelType): string {
  const one = typeText(type);
  return one.replace(/^an? /, '') + (/^an? /.test(one) ? 's' : '');
}

/** The schema text that declares what was computed, when there is one. */
/** `x as any` → `x`: the hint wraps the value, not the assertion that hid its type. */
function withoutAssertion(node: Node): Node {
  let inner = node;
  while (inner.type === 'TSAsExpression' || inner.type === 'TSSatisfiesExpression' || inner.type === 'TSNonNullExpression' || inner.type === 'TSTypeAssertion' || inner.type === 'ParenthesizedExpression') inner = inner.expression;
  return inner;
}

function schemaFor(type: CelType): string | undefined {
  switch (type.kind) {
    case 'int':
      return "'number.integer'";
    case 'double':
      return "'number'";
    case 'bool':
      return "'boolean'";
    case 'string':
      return "'string'";
    default:
      return undefined;
  }
}

/** The way out for a declared / computed pair; `at` is the field's source, written into the hint. */
export function mismatchHint(declared: SchemaNode, computed: CelType, at: Node | undefined): string {
  const written = at ? snippetOf(withoutAssertion(at)) : '...';
  const schema = schemaFor(computed);
  const orDeclare = schema ? `, or declare the field ${schema} in the status schema` : ', or change the field in the status schema to what the value is';
  if (declared.kind === 'string' && declared.markers.enum && computed.kind === 'string') {
    const [first, second = first] = declared.markers.enum.map((value) => `'${value}'`);
    return `return only declared values, written as literals TypeKro can see (e.g. \`cond ? ${first} : ${second}\`), or declare the field 'string' in the status schema`;
  }
  const scalar = computed.kind === 'int' || computed.kind === 'double' || computed.kind === 'bool' || (computed.kind === 'dyn' && computed.intOrString);
  if (declared.kind === 'string' && scalar) return `convert it to text with String(${written}) (or a template literal)${orDeclare}`;
  if (declared.kind === 'integer' && computed.kind === 'double') return `convert it explicitly with Math.trunc(${written})${orDeclare}`;
  if (declared.kind === 'integer' && declared.markers.enum && computed.kind === 'int') {
    return `write the declared values as literals (e.g. \`cond ? ${declared.markers.enum[0]} : ${declared.markers.enum.at(-1)}\`), or declare the field 'number.integer' in the status schema`;
  }
  if (declared.kind === 'boolean' && (computed.kind === 'int' || computed.kind === 'double' || computed.kind === 'string')) {
    return `compute a boolean (e.g. \`${written} ${computed.kind === 'string' ? "!== ''" : '> 0'}\`)${orDeclare}`;
  }
  if (computed.kind === 'list' || computed.kind === 'map' || computed.kind === 'object') {
    return `return ${arktypeOf(declared) === 'an object' ? 'an object' : `a value of type ${arktypeOf(declared)}`} there, or declare the field as what the value is in the status schema (e.g. \`{ ... }\` or \`'string[]'\`)`;
  }
  if ((declared.kind === 'integer' || declared.kind === 'float') && computed.kind === 'string') return `keep the value a number where it is computed${orDeclare}`;
  return `compute a value of type ${arktypeOf(declared)}${orDeclare}`;
}
