/**
 * List and object literals: every item and property must hold a value (CEL lists and maps hold no missing
 * value), and numbers keep JavaScript's one number type.
 */
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, type CelType, type FieldType } from '../ir/types.js';
import type { Scope } from './scope.js';
import { HINT, syntaxError, type CompositionSyntaxError } from './errors.js';
import { holds } from './absent-spec.js';
import { toDouble, plain, valueOf, type Compiler, type Typed } from './typed.js';
import { snippetOf } from './source.js';
import { spreadList } from './list-spread.js';
import { spreadObject } from './object-spread.js';
import { joinField } from './kro-branch-types.js';
import { joinedText } from './text-alphabet.js';

export function arrayLiteral(node: Extract<Node, { type: 'ArrayExpression' }>, scope: Scope, compiler: Compiler, expect?: CelType): Typed {
  if (node.elements.some((element) => !element || element.type === 'SpreadElement')) return spreadList(node, scope, compiler, (elements) => listLiteral(elements, scope, compiler, expect), expect);
  return listLiteral(node.elements as Node[], scope, compiler, expect);
}

/** A list of plain items (no hole, no spread). */
function listLiteral(elements: readonly Node[], scope: Scope, compiler: Compiler, expect?: CelType): Typed {
  const itemExpect = expect?.kind === 'list' ? expect.item : undefined;
  const items = elements.map((element) => {
    const t = compiler.value(element, scope, itemExpect);
    // Under a test that it is there (`spec.cmd ? ['sh', '-c', spec.cmd] : []`) a read is its value, as in JavaScript.
    if (t.absent && !t.nullish && holds(scope.guards ?? [], t.absent.present)) return plain(valueOf(t), t.type);
    if (t.nullish || t.absent) throw syntaxError(element, 'a list item that may be undefined', 'give it a default with `??`');
    return t;
  });
  const kinds = new Set(items.map((t) => t.type.kind));
  if (kinds.has('double') && kinds.size > 1) {
    // JavaScript has one number type: `[spec.count, spec.ratio]` is a list of numbers. Mixed with text or
    // booleans a double would later be printed by CEL's rules (`1e+06`), which only the item type can stop.
    if (![...kinds].every((kind) => kind === 'int' || kind === 'double')) {
      const double = elements[items.findIndex((t) => t.type.kind === 'double')] as Node;
      throw syntaxError(double, 'a floating-point number in a list of other kinds of values: CEL would print it differently from JavaScript (1e+06 for 1000000) wherever the list becomes text', 'convert it to an integer with Math.trunc(...), or keep numbers and text in separate lists');
    }
    const doubles = items.map(toDouble);
    return plain(E.list(doubles.map((t) => t.expr)), T.list(T.double));
  }
  return plain(E.list(items.map((t) => t.expr)), T.list(itemType(items.map((t) => t.type))));
}

/**
 * One type for every item; strings are enumerated only by the values of all of them (`['a', 'b']`: 'a' | 'b'),
 * else text of the alphabet of all (`['anon', spec.nick]`),
 * and the items' objects and lists are joined field by field: `[{ n: spec.slug }, { n: spec.s }]`'s `n` may
 * hold any character, as `spec.s` may (the first item's alphabet let `toUpperCase()` compile for both).
 */
function itemType(types: readonly CelType[]): CelType {
  const [first] = types;
  if (!first || new Set(types.map((type) => type.kind)).size !== 1) return T.dyn;
  if (first.kind !== 'string') return types.slice(1).reduce(joinField, first);
  const enumerated = types.every((type) => type.kind === 'string' && type.values !== undefined);
  return enumerated ? { kind: 'string', values: [...new Set(types.flatMap((type) => (type.kind === 'string' && type.values) || []))] } : joinedText(...types);
}

export function objectLiteral(node: Extract<Node, { type: 'ObjectExpression' }>, scope: Scope, compiler: Compiler): Typed {
  if (node.properties.some((property) => property.type === 'SpreadElement')) return spreadObject(node, scope, compiler, (source, key) => propertyValue(source.node, source.scope, compiler, key));
  const fields: Record<string, FieldType> = {};
  const entries = node.properties.map((property) => {
    if (property.type !== 'ObjectProperty' || property.computed) throw syntaxError(property, 'only plain `key: value` properties and spreads of local object literals are supported in object literals', HINT.expr);
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? String(property.key.value) : undefined;
    if (key === undefined) throw syntaxError(property.key, 'object keys must be names, strings or numbers', HINT.expr);
    const t = propertyValue(property.value, scope, compiler, key);
    fields[key] = { type: t.type, optional: false };
    return { key: E.str(key), value: t.expr };
  });
  return plain(E.map(entries), T.object(fields));
}

/** The value of property `key`: a CEL map holds neither `undefined` nor a missing value. */
function propertyValue(node: Node, scope: Scope, compiler: Compiler, key: string): Typed {
  const t = compiler.value(node, scope);
  if (t.nullish) throw syntaxError(node, 'an `undefined` property value', 'leave the property out');
  if (t.absent && !holds(scope.guards ?? [], t.absent.present)) throw absentProperty(node, key);
  return t;
}

/**
 * A property read from a field that may be missing (an optional field of a spec list item, an observed
 * field): JavaScript keeps the key with the value `undefined` (JSON.stringify then drops it), but a CEL map
 * literal cannot hold a missing value: its evaluation fails, and KRO waits for the field forever.
 */
function absentProperty(node: Node, key: string): CompositionSyntaxError {
  const read = snippetOf(node);
  return syntaxError(
    node,
    `\`${key}\` is set from \`${read}\`, which may be \`undefined\` (an optional field without a default): JavaScript keeps \`${key}\` with the value \`undefined\` (JSON then leaves it out), but a CEL map cannot hold a missing value, so KRO waits for the field forever`,
    `give it a default (\`${key}: ${read} ?? <default>\`; a spec field can also get one in the spec type)`,
  );
}
