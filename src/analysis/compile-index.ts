/**
 * Indexing lists and maps (`l[i]`, `m[k]`) as JavaScript reads them: out of range or a missing key is
 * `undefined`, so each read carries the CEL test that it is there.
 */
import type { MemberExpression, Node, OptionalMemberExpression } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { declaredObject, isPropertyName, mapOrEmpty, optionalMapOrEmpty } from '../ir/untyped-target.js';
import type { Scope } from './scope.js';
import { HINT, syntaxError, unknownShape } from './errors.js';
import { refuseInheritedKeys } from './compile-lookup.js';
import { andPresent, describe, plain, stringify, toOptional, valueOf, wrappedValue, type Absence, type Compiler, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { snippetOf } from './source.js';

/**
 * `l[i]`: out of range is `undefined` in JavaScript, so the read is guarded by `size(l) > i`, unless the
 * schema's minimum length (`string[] >= 2`) puts a constant index in range. A list that may itself be absent
 * (`lb.ingress[0]` before the Service has an ingress) keeps its absence, as a field read through it does
 * (fieldReadThrough): `lb.ingress[0].ip ?? d` is `lb.?ingress[?0].?ip.orValue(d)`.
 */
export function listIndex(list: Expr, index: Expr, type: Extract<CelType, { kind: 'list' }>, optionalList: Expr | undefined, of?: Typed): Typed {
  if (optionalList) return wrappedValue(E.index(optionalList, index, true), type.item);
  const read = E.index(list, index);
  // A negative index reads `undefined` in JavaScript (no counting from the end) and errors in CEL.
  const below = E.binary('>', E.call('size', [list]), index);
  const natural = index.kind === 'literal' && index.literal.kind === 'int' && Number(index.literal.value) >= 0;
  const inRange = natural ? below : E.binary('&&', E.binary('>=', index, E.int(0)), below);
  if (of?.absent) return { expr: read, type: type.item, absent: { present: andPresent(of, inRange), value: read, wrapped: false, optional: E.index(toOptional(of), index, true) } };
  if (type.minItems !== undefined && index.kind === 'literal' && index.literal.kind === 'int' && Number(index.literal.value) >= 0 && Number(index.literal.value) < type.minItems) {
    return plain(read, type.item);
  }
  return { expr: read, type: type.item, absent: { present: inRange, value: read, wrapped: false } };
}

export function computedIndex(node: MemberExpression | OptionalMemberExpression, object: Typed, scope: Scope, compiler: Compiler, chain: boolean): Typed {
  const index = compiler.value(node.property, scope);
  const base = chain ? toOptional(object) : valueOf(object);
  if (object.type.kind === 'list' && index.type.kind === 'int') {
    // `l[undefined]` is undefined in JavaScript: the read is there only where the index is.
    const read = listIndex(base, valueOf(index), object.type, chain ? base : undefined);
    return index.absent ? absentIndex(index.absent, read) : read;
  }
  if (object.type.kind === 'dyn' && index.type.kind !== 'string') throw unknownShape(node, 'an index that may be a number', object.type);
  // Text such as "0" or "length" reads an item, a character or the length of a list or text in JavaScript.
  if (object.type.kind === 'dyn' && !declaredObject(object.type) && (index.type.kind !== 'string' || !index.type.values?.every(isPropertyName))) throw unknownShape(node, 'a computed key', object.type);
  if ((object.type.kind === 'map' || object.type.kind === 'dyn') && index.type.kind !== 'double') {
    if (index.type.kind === 'string' && index.type.values) refuseInheritedKeys(node, index.type.values, `\`${snippetOf(node)}\``, 'leave the name out of the enumeration');
    const type = object.type.kind === 'map' ? object.type.value : T.dyn;
    // A value typed only when read is selected from only where it is a map, as JavaScript reads it (untyped-target.ts).
    const base = object.type.kind === 'dyn' ? (chain ? optionalMapOrEmpty(toOptional(object)) : mapOrEmpty(valueOf(object))) : chain ? toOptional(object) : valueOf(object);
    // JavaScript makes an `undefined` key the text "undefined": `m[undefined]` reads `m.undefined`.
    const key = mapKey(index, node);
    if (chain) return wrappedValue(E.index(base, key, true), type);
    const read = E.index(base, key);
    return { expr: read, type, absent: { present: E.binary('in', key, base), value: read, wrapped: false } };
  }
  throw syntaxError(node, `cannot index ${withArticle(describe(object.type))} with ${withArticle(describe(index.type))}`, HINT.expr);
}

/**
 * A map key as JavaScript makes it: property keys are text, so `zones[shard]` with an integer `shard` reads
 * `zones["1"]`; CEL has no int key on a `map(string, V)` and KRO's checker refused it (trial 7 V25). An
 * `undefined` key is the text "undefined": `m[undefined]` reads `m.undefined`.
 */
function mapKey(index: Typed, node: Node): Expr {
  const text = (value: Expr): Expr => (index.type.kind === 'int' || index.type.kind === 'bool' ? stringify(plain(value, index.type), node) : value);
  return index.absent ? E.cond(index.absent.present, text(index.absent.value), E.str('undefined')) : text(valueOf(index));
}

/** `read` (a list index) where the index itself may be absent: absent too then, and `none` as an optional. */
function absentIndex(index: Absence, read: Typed): Typed {
  const none = E.call('optional.none', []);
  if (read.absent?.wrapped) return wrappedValue(E.cond(index.present, read.expr, none), read.type);
  const present = read.absent ? E.binary('&&', index.present, read.absent.present) : index.present;
  const value = valueOf(read);
  return { expr: read.expr, type: read.type, absent: { present, value, wrapped: false, optional: E.cond(index.present, toOptional(read), none) } };
}
