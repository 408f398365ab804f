/**
 * Member reads (`a.b`, `a?.b`, `l[0]`, `m[k]`, `s.length`) with JavaScript's meaning: an optional field read
 * as `undefined` when absent, an optional chain staying optional, and refusals for names CEL cannot select.
 */
import { isCelIdentifier } from '../util/cel-names.js';
import type { MemberExpression, Node, OptionalMemberExpression } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, fieldOf, wireName, type CelType } from '../ir/types.js';
import { namedBinding, type Scope } from './scope.js';
import { staticProperty } from './literal-reads.js';
import { HINT, syntaxError, unknownShape } from './errors.js';
import { guarded } from './compile-calls.js';
import { compileLookup, isInheritedName, refuseInheritedRead } from './compile-lookup.js';
import { anyJson, declaredObject, isPropertyName, mapOrEmpty, optionalMapOrEmpty } from '../ir/untyped-target.js';
import { andPresent, asJavaScriptText, describe, fieldRead, fieldReadThrough, plain, toOptional, valueOf, wrappedValue, type Compiler, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { bothUsesRefusal, templateUseAt } from './read-context.js';
import { fixedItems } from './unrolled-lists.js';
import { bound } from './compile-names.js';
import { computedIndex, listIndex } from './compile-index.js';
import { enumerationLength, filteredLength, mapEnumeration } from './map-enumerations.js';
import { utf16Length } from './utf16.js';
import { highestChar } from './text-alphabet.js';

/** The literal key of a member access: `a.b`, `a['b']`, `a[0]`, or undefined for computed keys. */
export function literalKey(node: MemberExpression | OptionalMemberExpression): string | number | undefined {
  const property = node.property;
  if (!node.computed) return property.type === 'Identifier' ? property.name : undefined;
  if (property.type === 'StringLiteral') return property.value;
  if (property.type === 'NumericLiteral') return property.value;
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * A member read as JavaScript uses it (a bytes field is its base64 text, analysis/typed.ts). A bytes read
 * held in a local or parameter used both as text and as a `Cel.template` argument compiles to a different
 * value at each use, which no one JavaScript value is: refused here, as the concrete run refuses it.
 */
export function javascriptText(node: MemberExpression | OptionalMemberExpression, read: Typed): Typed {
  if (read.type.kind !== 'bytes') return read;
  const key = node.property;
  const name = key.type === 'Identifier' && !node.computed ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
  const file = node.loc?.filename;
  const at = key.loc?.start;
  if (name !== undefined && file && at && templateUseAt(file, at.line, at.column + 1, name) === 'both') {
    const { why, hint } = bothUsesRefusal(name);
    throw syntaxError(node, why, hint);
  }
  return asJavaScriptText(read);
}

export function member(node: MemberExpression | OptionalMemberExpression, scope: Scope, compiler: Compiler): Typed {
  // `H.size` of `import * as H from './helpers.js'`: the export itself, like a named import.
  const exported = namedBinding(node, scope);
  if (exported && node.type === 'MemberExpression') return bound(exported.name, exported.binding, node, scope, compiler);
  // `options.image` where `options` is a local object literal: the property's own expression.
  const property = staticProperty(node, scope);
  if (property) return compiler.value(property.node, property.scope);
  const lookup = compileLookup(node, scope, compiler);
  if (lookup) return lookup;
  const enumerated = literalKey(node) === 'length' ? mapEnumeration(node.object, scope, compiler) : undefined;
  if (enumerated) return enumerationLength(enumerated);
  const filtered = literalKey(node) === 'length' ? filteredLength(node.object, scope, compiler) : undefined;
  if (filtered) return filtered;
  const object = compiler.value(node.object, scope);
  if (object.nullish) throw syntaxError(node, 'reading a property of `undefined`/`null`', 'read from the spec or a resource');
  // Inside an optional chain (`a?.b.c`) every further step stays optional.
  const chain = object.absent?.wrapped || (node.optional === true && object.absent !== undefined);
  const key = literalKey(node);
  if (key === undefined) return computedIndex(node, object, scope, compiler, chain);
  if (object.type.kind === 'dyn' && (key === 'length' || typeof key === 'number')) throw unknownShape(node, key === 'length' ? '`.length`' : `\`[${key}]\``, object.type);
  const fixed = object.type.kind === 'list' ? fixedItems(object) : undefined;
  if (fixed && object.type.kind === 'list') {
    // A list of handles known item by item (unrolled-lists.ts): its length, and the handle at a position.
    if (key === 'length') return plain(E.int(fixed.length), T.int);
    if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0 && key < fixed.length) return plain(fixed[key]!, object.type.item);
  }
  if (key === 'length' && (object.type.kind === 'string' || object.type.kind === 'list')) {
    // A string's length is JavaScript's, in UTF-16 code units (utf16.ts); a list's is its size.
    const size = plain(object.type.kind === 'string' ? utf16Length(valueOf(object), highestChar(object.type)) : E.call('size', [valueOf(object)]), T.int);
    if (object.absent && node.type === 'OptionalMemberExpression') return guarded(object.absent, size);
    if (object.absent?.wrapped) throw syntaxError(node, '`.length` of a value that may be undefined', 'use `?.length`, or give it a default first: `(x ?? []).length`');
    return size;
  }
  if (object.type.kind === 'list') {
    if (typeof key !== 'number') throw syntaxError(node.property, `a list has no property \`${key}\``, HINT.expr);
    // JavaScript reads `l[1.5]` as the property "1.5", which a list never has: always undefined (trial 7 V26).
    if (!Number.isSafeInteger(key)) throw syntaxError(node.property, `a list index must be an integer: \`[${key}]\` is always undefined in JavaScript`, `index with an integer (\`[${Number.isFinite(key) ? Math.trunc(key) : 0}]\`)`);
    return listIndex(valueOf(object), E.int(key), object.type, chain ? toOptional(object) : undefined, object);
  }
  // A key CEL cannot select (`x['my-key']`) is indexed, which KRO's object types (a declared object) take only after dyn().
  if (anyJson(object.type) || (declaredObject(object.type) && !isCelIdentifier(String(key)))) return untypedField(node, object, String(key), chain);
  const field = fieldOf(object.type, String(key));
  if (!field) throw unknownField(node, object.type, String(key));
  // Typed code may use client-node's model names (`_from`); CEL reads the wire name (`from`).
  const name = wireName(object.type, String(key));
  if (isInheritedName(name) && !(object.type.kind === 'object' && Object.hasOwn(object.type.fields, name))) refuseInheritedRead(node, name);
  if (object.type.kind === 'object' && Object.hasOwn(object.type.fields, name) && !isCelIdentifier(name)) {
    // An object the composition builds (a literal, a fold over a constant table) is a CEL map literal, which
    // `["b-c"]` indexes; only KRO's typed objects (the spec's, a resource's) cannot be.
    const built = valueOf(object);
    if (built.kind === 'map' && !chain && !object.absent && !field.optional) return plain(E.index(built, E.str(name)), field.type);
    throw syntaxError(
      node,
      `the field \`${name}\` cannot be read in KRO's CEL: ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `\`${name}\` is a CEL keyword` : 'its name is not a CEL identifier'}, and KRO's typed objects cannot be indexed with ["${name}"]`,
      'rename the field (e.g. `inside` for `in`, `my_key` for `my-key`), or keep such keys in a map field (`Record<string, ...>`), which can be indexed',
    );
  }
  if (chain) return wrappedValue(E.select(toOptional(object), name, true), field.type);
  if (object.absent) return fieldReadThrough(object, name, field.type, field.optional);
  const select = E.select(valueOf(object), name);
  return field.optional ? fieldRead(select, field.type) : plain(select, field.type);
}

/**
 * `x.b` on a value typed only when read: JavaScript's `undefined` unless `x` is an object holding `b`, so the
 * read selects from `x` only where it is a map (ir/untyped-target.ts). A key that names an item or a
 * character (`x['0']`) reads a list or text in JavaScript: refused, as a numeric index is.
 */
function untypedField(node: MemberExpression | OptionalMemberExpression, object: Typed, key: string, chain: boolean): Typed {
  if (anyJson(object.type) && !isPropertyName(key)) throw unknownShape(node, `\`['${key}']\``, object.type);
  if (isInheritedName(key)) refuseInheritedRead(node, key);
  if (chain) return wrappedValue(E.select(optionalMapOrEmpty(toOptional(object)), key, true), T.dyn);
  const select = E.select(mapOrEmpty(valueOf(object)), key);
  if (!object.absent) return fieldRead(select, T.dyn);
  const present = andPresent(object, E.call('has', [select]));
  const optional = E.select(optionalMapOrEmpty(toOptional(object)), key, true);
  return { expr: select, type: T.dyn, absent: { present, value: select, wrapped: false, optional } };
}


function unknownField(node: Node, type: CelType, key: string): Error {
  if (type.kind === 'string' && /^\d+$/.test(key)) {
    return syntaxError(node, `\`[${key}]\` indexes a string: CEL has no string index`, `use .charAt(${key}) (the character; "" past the end, where \`[${key}]\` is undefined)`);
  }
  const known = type.kind === 'object' ? Object.keys(type.fields).sort().join(', ') : '';
  const hint = known ? `known fields: ${known}` : `${withArticle(describe(type))} value has no fields; ${HINT.expr}`;
  return syntaxError(node, `unknown field \`${key}\``, hint);
}
