/**
 * JavaScript expression AST -> Expr IR, keeping JavaScript's meaning: absent fields read as `undefined`,
 * truthiness, int vs double, string coercion. Whatever cannot be kept faithfully is rejected with a
 * `CompositionSyntaxError` naming the place and the escape hatch.
 */
import type { MemberExpression, Node, OptionalMemberExpression, TemplateLiteral } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, fieldOf, wireName, type CelType, type FieldType } from '../ir/types.js';
import { namedBinding, type Binding, type Scope } from './scope.js';
import { unwrap } from './ast.js';
import { ownProperties, staticProperty } from './literal-reads.js';
import { mentionsReferences } from './mentions.js';
import { constantValue } from './constant-value.js';
import { HINT, syntaxError, unknownShape, type CompositionSyntaxError } from './errors.js';
import { compileCall, guarded } from './compile-calls.js';
import { holds, refuseAbsentSpecData } from './absent-spec.js';
import { compileLookup, isInheritedName, refuseInheritedKeys, refuseInheritedRead } from './compile-lookup.js';
import { compileBinary, compileConditional, compileLogical, compileUnary, conditionOf } from './compile-operators.js';
import {
  toDouble, andPresent, asJavaScriptText, describe, fieldRead, fieldReadThrough, nullValue, plain, stringify, toOptional, undefinedValue, valueOf, wrappedValue, type Absence, type Compiler, type Typed,
} from './typed.js';
import { withArticle } from '../util/article.js';
import { snippetOf } from './source.js';
import { bothUsesRefusal, templateUseAt } from './read-context.js';
import { spreadList } from './list-spread.js';
import { spreadObject } from './object-spread.js';
import { fixedItems } from './unrolled-lists.js';
import { builtinRefusal } from './builtin-calls.js';

/** Options for value contexts. */
export interface CompileOptions {
  /** The destination's type, when known: int literals become doubles, `Number(s)` picks `double(s)`. */
  readonly expect?: CelType;
}

/** A compiled value: its CEL expression, its type, and whether JavaScript could see `undefined` there. */
export interface CompiledExpression {
  readonly expr: Expr;
  readonly type: CelType;
  readonly optional?: boolean;
  /** The whole value is a CEL `optional(T)` (`c ? x : undefined`, `a?.b`): JavaScript may see `undefined`. */
  readonly wrapped?: boolean;
  /** When `optional`: the CEL test that the value is there. */
  readonly present?: Expr;
}

const compiler: Compiler = { value: compileValue, condition: (node, scope) => conditionOf(node, scope, compiler) };

/** Compiles `node` for a value context (a template field, a status field, an argument). */
export function compileExpression(node: Node, scope: Scope, options: CompileOptions = {}): CompiledExpression {
  const t = compileValue(node, scope, options.expect);
  if (t.nullish) throw syntaxError(node, '`undefined`/`null` alone is not a value KRO can hold', 'leave the field out, or use a ternary with a real value');
  return { expr: t.expr, type: t.type, ...(t.absent && { optional: true }), ...(t.absent?.wrapped && { wrapped: true }), ...(t.absent && { present: t.absent.present }) };
}

/** Compiles `node` as a condition with JavaScript truthiness (includeWhen, readyWhen, ternary tests). */
export function compileCondition(node: Node, scope: Scope): Expr {
  return compiler.condition(node, scope);
}

/** Compiles `node` as one part of a string (template literal part): non-strings wrapped in `string(...)`. */
export function compileStringPart(node: Node, scope: Scope): Expr {
  const t = compileValue(node, scope);
  refuseAbsentSpecData(t, node, scope, 'text');
  return stringify(t, node);
}

function compileValue(raw: Node, scope: Scope, expect?: CelType): Typed {
  const node = unwrap(raw);
  switch (node.type) {
    case 'StringLiteral':
      // Its one value: `spec.size ?? 'small'` stays a key of a lookup table over 'small' | 'large'.
      return plain(E.str(node.value), { kind: 'string', values: [node.value] });
    case 'NumericLiteral':
      return numberLiteral(node.value, expect);
    case 'BigIntLiteral':
      return plain(E.int(BigInt(node.value)), T.int);
    case 'BooleanLiteral':
      return plain(E.bool(node.value), T.bool);
    case 'NullLiteral':
      return nullValue;
    case 'Identifier':
      return identifier(node.name, node, scope, expect);
    case 'TemplateLiteral':
      return plain(template(node, scope), T.string);
    case 'TaggedTemplateExpression':
      // The `cel` tag builds the string its untagged template literal builds.
      if (node.tag.type === 'Identifier' && scope.lookup(node.tag.name)?.kind === 'cel') return plain(template(node.quasi, scope), T.string);
      throw unsupported(node);
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return folded(node, scope, expect) ?? javascriptText(node, resourceRead(node, scope) ?? member(node, scope));
    case 'CallExpression':
    case 'OptionalCallExpression':
      return folded(node, scope, expect) ?? resourceRead(node, scope) ?? compileCall(node, scope, compiler, expect);
    case 'BinaryExpression':
      return compileBinary(node, scope, compiler);
    case 'LogicalExpression':
      return compileLogical(node, scope, compiler, expect);
    case 'UnaryExpression':
      return compileUnary(node, scope, compiler);
    case 'ConditionalExpression':
      return compileConditional(node, scope, compiler, expect);
    case 'ArrayExpression':
      return arrayLiteral(node, scope, expect);
    case 'ObjectExpression':
      return objectLiteral(node, scope);
    default:
      throw unsupported(node);
  }
}

const WHY: Partial<Record<Node['type'], string>> = {
  NewExpression: '`new` builds a JavaScript object once, at definition time; it has no CEL equivalent',
  AssignmentExpression: 'assignments cannot run inside the cluster',
  UpdateExpression: 'assignments cannot run inside the cluster',
  RegExpLiteral: 'JavaScript regular expressions differ from CEL\'s RE2 dialect',
  ArrowFunctionExpression: 'a function is not a value CEL can hold',
  FunctionExpression: 'a function is not a value CEL can hold',
  SequenceExpression: 'the comma operator has no CEL equivalent',
  AwaitExpression: '`await` cannot run inside the cluster',
  TaggedTemplateExpression: 'tagged templates run JavaScript code',
  SpreadElement: 'spread is not supported here',
  ThisExpression: '`this` is the object a function is called on, which TypeKro does not know when it inlines the function into CEL',
};

/** The way out for a form with a better one than raw CEL. */
const HOW: Partial<Record<Node['type'], string>> = {
  ThisExpression: 'pass the value the function reads from `this` as a parameter (`(name, suffix) => name + suffix`), or use Cel.expr(...)',
};

function unsupported(node: Node): Error {
  // What the user wrote, not the parser's name for it (`ThisExpression`).
  return syntaxError(node, WHY[node.type] ?? `\`${snippetOf(node)}\` has no CEL form TypeKro can compile`, HOW[node.type] ?? HINT.expr);
}

/**
 * JavaScript's own value of a read or call that involves no reference (`'Straße'.toUpperCase()`, `'x😀'.length`,
 * `Math.floor(2.5)`, also through module constants): compiled, CEL's rules would answer instead (`STRAßE`,
 * 2 code points, no Math.floor), yet JavaScript decided the value when the composition was defined (trial 7
 * H12). Only scalars: lists and objects keep their compiled shape.
 */
function folded(node: Node, scope: Scope, expect?: CelType): Typed | undefined {
  if (mentionsReferences(node, scope)) return undefined;
  const known = constantValue(node, scope);
  if (!known) return undefined;
  const { value } = known;
  if (typeof value === 'string') return plain(E.str(value), { kind: 'string', values: [value] });
  if (typeof value === 'boolean') return plain(E.bool(value), T.bool);
  if (typeof value === 'number' && Number.isFinite(value)) return numberLiteral(value, expect);
  return undefined;
}

/** JavaScript integers are CEL ints unless a double is expected; other numbers are doubles. */
function numberLiteral(value: number, expect?: CelType): Typed {
  const isInt = Number.isSafeInteger(value) && expect?.kind !== 'double';
  return isInt ? plain(E.int(value), T.int) : plain(E.double(value), T.double);
}

function identifier(name: string, node: Node, scope: Scope, expect?: CelType): Typed {
  if (name === 'undefined') return undefinedValue;
  return bound(name, scope.lookup(name, node), node, scope, expect);
}

/** The value of a name (`x`, or `H.x` of a namespace import) through its binding. */
function bound(name: string, binding: Binding | undefined, node: Node, scope: Scope, expect?: CelType): Typed {
  if (!binding) {
    if (name in globalThis) throw builtinRefusal(name, node);
    throw syntaxError(node, `\`${name}\` is not known to the compiler (only the spec, resources and loop variables are)`, 'pass the value through the spec, use a literal, or write Cel.expr(...)');
  }
  switch (binding.kind) {
    case 'value':
      return plain(binding.expr, binding.type);
    case 'alias':
      return compileValue(binding.node, binding.scope, expect);
    case 'resources': {
      const resource = binding.resource(binding.value);
      if (resource) return plain(resource.expr, resource.type);
      throw syntaxError(node, `\`${name}\` holds several resources; read one of them`, 'e.g. `.resource(kind, name)` of a YAML file, or a field of one resource');
    }
    case 'function':
      throw syntaxError(node, `\`${name}\` is a function; a function is not a value CEL can hold`, 'call it, or compute the value in the expression');
    case 'opaque':
      throw syntaxError(
        node,
        mentionsReferences(node, scope) ? `${binding.why}, and its value depends on a reference` : `${binding.why}; its value is not known to the compiler`,
        binding.hint ?? 'compute the value in one expression (a ternary) and bind it with const',
      );
    case 'unsupported':
      throw syntaxError(node, binding.why, binding.hint);
    case 'cel':
      throw syntaxError(node, '`Cel` is the namespace of the CEL escape hatches, not a value', 'call one of them: Cel.expr(...), Cel.cond(...), Cel.template(...), Cel.has(...)');
    case 'module':
      if (binding.value) throw syntaxError(node, `\`${name}\` is a TypeScript enum, an object CEL cannot hold`, `read one of its members (\`${name}.${Object.keys(binding.value).find((key) => !/^\d/.test(key)) ?? 'member'}\`)`);
      throw syntaxError(node, `\`${name}\` is the namespace of ${binding.file}; a module is not a value CEL can hold`, `read or call one of its exports (\`${name}.name\`)`);
    case 'constant':
      break;
  }
  const value = binding.value;
  if (value === null) return nullValue;
  if (typeof value === 'string') return plain(E.str(value), T.string);
  if (typeof value === 'boolean') return plain(E.bool(value), T.bool);
  return numberLiteral(value);
}

/**
 * A read from what a factory returned (`base.resource('ConfigMap', 'settings')`, `manifests.resources[0]`):
 * property reads and calls with literal arguments are exact, so they are made on the value itself, as far
 * as they lead to a resource; the compiler takes over from there.
 */
function resourceRead(node: Node, scope: Scope): Typed | undefined {
  const found = evaluateRead(node, scope);
  const resource = found && found.binding.resource(found.value);
  return resource && plain(resource.expr, resource.type);
}

type ResourcesBinding = Extract<Binding, { kind: 'resources' }>;

function evaluateRead(raw: Node, scope: Scope): { value: unknown; binding: ResourcesBinding } | undefined {
  const node = unwrap(raw);
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name, node);
    return binding?.kind === 'resources' ? { value: binding.value, binding } : undefined;
  }
  if (node.type === 'MemberExpression') {
    const key = literalKey(node);
    const object = key === undefined ? undefined : evaluateRead(node.object, scope);
    return object && readProperty(object, (value) => (value as Record<string | number, unknown>)[key as string | number]);
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const key = literalKey(node.callee);
    const args = node.arguments.map((arg) => unwrap(arg as Node));
    if (key === undefined || !args.every((arg) => arg.type === 'StringLiteral' || arg.type === 'NumericLiteral' || arg.type === 'BooleanLiteral')) return undefined;
    const object = evaluateRead(node.callee.object, scope);
    const values = args.map((arg) => (arg as { value: unknown }).value);
    return object && readProperty(object, (value) => {
      const method = (value as Record<string | number, unknown>)[key];
      return typeof method === 'function' ? (method as (...a: unknown[]) => unknown).apply(value, values) : undefined;
    });
  }
  return undefined;
}

function readProperty(from: { value: unknown; binding: ResourcesBinding }, read: (value: unknown) => unknown): { value: unknown; binding: ResourcesBinding } | undefined {
  if (typeof from.value !== 'object' && typeof from.value !== 'function') return undefined;
  if (from.value === null) return undefined;
  return { value: read(from.value), binding: from.binding };
}

function template(node: TemplateLiteral, scope: Scope): Expr {
  const parts: (string | Expr)[] = [];
  node.quasis.forEach((quasi, i) => {
    if (quasi.value.cooked == null) throw syntaxError(node, 'an invalid escape sequence in a template literal', 'fix the escape');
    parts.push(quasi.value.cooked);
    const expression = node.expressions[i];
    if (!expression) return;
    const part = compileStringPart(expression, scope);
    // Constant parts (`${1}`, a captured string) fold into the text.
    parts.push(part.kind === 'literal' && part.literal.kind === 'string' ? part.literal.value : part);
  });
  return E.template(parts);
}

/** The literal key of a member access: `a.b`, `a['b']`, `a[0]`, or undefined for computed keys. */
function literalKey(node: MemberExpression | OptionalMemberExpression): string | number | undefined {
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
function javascriptText(node: MemberExpression | OptionalMemberExpression, read: Typed): Typed {
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

function member(node: MemberExpression | OptionalMemberExpression, scope: Scope): Typed {
  // `H.size` of `import * as H from './helpers.js'`: the export itself, like a named import.
  const exported = namedBinding(node, scope);
  if (exported && node.type === 'MemberExpression') return bound(exported.name, exported.binding, node, scope);
  // `options.image` where `options` is a local object literal: the property's own expression.
  const property = staticProperty(node, scope);
  if (property) return compileValue(property.node, property.scope);
  const lookup = compileLookup(node, scope, compiler);
  if (lookup) return lookup;
  const object = compileValue(node.object, scope);
  if (object.nullish) throw syntaxError(node, 'reading a property of `undefined`/`null`', 'read from the spec or a resource');
  // Inside an optional chain (`a?.b.c`) every further step stays optional.
  const chain = object.absent?.wrapped || (node.optional === true && object.absent !== undefined);
  const key = literalKey(node);
  if (key === undefined) return computedIndex(node, object, scope, chain);
  if (object.type.kind === 'dyn' && (key === 'length' || typeof key === 'number')) throw unknownShape(node, key === 'length' ? '`.length`' : `\`[${key}]\``, object.type);
  const fixed = object.type.kind === 'list' ? fixedItems(object) : undefined;
  if (fixed && object.type.kind === 'list') {
    // A list of handles known item by item (unrolled-lists.ts): its length, and the handle at a position.
    if (key === 'length') return plain(E.int(fixed.length), T.int);
    if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0 && key < fixed.length) return plain(fixed[key]!, object.type.item);
  }
  if (key === 'length' && (object.type.kind === 'string' || object.type.kind === 'list')) {
    const size = plain(E.call('size', [valueOf(object)]), T.int);
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
  const field = fieldOf(object.type, String(key));
  if (!field) throw unknownField(node, object.type, String(key));
  // Typed code may use client-node's model names (`_from`); CEL reads the wire name (`from`).
  const name = wireName(object.type, String(key));
  if (isInheritedName(name) && !(object.type.kind === 'object' && Object.hasOwn(object.type.fields, name))) refuseInheritedRead(node, name);
  if (object.type.kind === 'object' && Object.hasOwn(object.type.fields, name) && !selectable(name)) {
    throw syntaxError(
      node,
      `the field \`${name}\` cannot be read in KRO's CEL: ${KEYWORDS.has(name) ? `\`${name}\` is a CEL keyword` : 'its name is not a CEL identifier'}, and KRO's typed objects cannot be indexed with ["${name}"]`,
      'rename the field (e.g. `inside` for `in`, `my_key` for `my-key`), or keep such keys in a map field (`Record<string, ...>`), which can be indexed',
    );
  }
  if (chain) return wrappedValue(E.select(toOptional(object), name, true), field.type);
  if (object.absent) return fieldReadThrough(object, name, field.type, field.optional);
  const select = E.select(valueOf(object), name);
  return field.optional ? fieldRead(select, field.type) : plain(select, field.type);
}

/**
 * `l[i]`: out of range is `undefined` in JavaScript, so the read is guarded by `size(l) > i`, unless the
 * schema's minimum length (`string[] >= 2`) puts a constant index in range. A list that may itself be absent
 * (`lb.ingress[0]` before the Service has an ingress) keeps its absence, as a field read through it does
 * (fieldReadThrough): `lb.ingress[0].ip ?? d` is `lb.?ingress[?0].?ip.orValue(d)`.
 */
function listIndex(list: Expr, index: Expr, type: Extract<CelType, { kind: 'list' }>, optionalList: Expr | undefined, of?: Typed): Typed {
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

function computedIndex(node: MemberExpression | OptionalMemberExpression, object: Typed, scope: Scope, chain: boolean): Typed {
  const index = compileValue(node.property, scope);
  const base = chain ? toOptional(object) : valueOf(object);
  if (object.type.kind === 'list' && index.type.kind === 'int') {
    // `l[undefined]` is undefined in JavaScript: the read is there only where the index is.
    const read = listIndex(base, valueOf(index), object.type, chain ? base : undefined);
    return index.absent ? absentIndex(index.absent, read) : read;
  }
  if (object.type.kind === 'dyn' && index.type.kind !== 'string') throw unknownShape(node, 'an index that may be a number', object.type);
  if ((object.type.kind === 'map' || object.type.kind === 'dyn') && index.type.kind !== 'double') {
    if (index.type.kind === 'string' && index.type.values) refuseInheritedKeys(node, index.type.values, `\`${snippetOf(node)}\``, 'leave the name out of the enumeration');
    const type = object.type.kind === 'map' ? object.type.value : T.dyn;
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

/** Names CEL's lexer reads as keywords: `a.in` does not parse, and a typed object has no `a["in"]`. */
const KEYWORDS = new Set(['true', 'false', 'null', 'in']);

/** Whether `a.name` parses in CEL (cel-go's backtick form is not supported by every engine TypeKro targets). */
function selectable(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}

function unknownField(node: Node, type: CelType, key: string): Error {
  if (type.kind === 'string' && /^\d+$/.test(key)) {
    return syntaxError(node, `\`[${key}]\` indexes a string: CEL has no string index`, `use .charAt(${key}) (the character; "" past the end, where \`[${key}]\` is undefined)`);
  }
  const known = type.kind === 'object' ? Object.keys(type.fields).sort().join(', ') : '';
  const hint = known ? `known fields: ${known}` : `${withArticle(describe(type))} value has no fields; ${HINT.expr}`;
  return syntaxError(node, `unknown field \`${key}\``, hint);
}

function arrayLiteral(node: Extract<Node, { type: 'ArrayExpression' }>, scope: Scope, expect?: CelType): Typed {
  if (node.elements.some((element) => !element || element.type === 'SpreadElement')) return spreadList(node, scope, compiler, (elements) => listLiteral(elements, scope, expect), expect);
  return listLiteral(node.elements as Node[], scope, expect);
}

/** A list of plain items (no hole, no spread). */
function listLiteral(elements: readonly Node[], scope: Scope, expect?: CelType): Typed {
  const itemExpect = expect?.kind === 'list' ? expect.item : undefined;
  const items = elements.map((element) => {
    const t = compileValue(element, scope, itemExpect);
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

/** One type for every item; strings are enumerated only by the values of all of them (`['a', 'b']`: 'a' | 'b'). */
function itemType(types: readonly CelType[]): CelType {
  const [first] = types;
  if (!first || new Set(types.map((type) => type.kind)).size !== 1) return T.dyn;
  if (first.kind !== 'string') return first;
  const enumerated = types.every((type) => type.kind === 'string' && type.values !== undefined);
  return enumerated ? { kind: 'string', values: [...new Set(types.flatMap((type) => (type.kind === 'string' && type.values) || []))] } : T.string;
}

function objectLiteral(node: Extract<Node, { type: 'ObjectExpression' }>, scope: Scope): Typed {
  if (node.properties.some((property) => property.type === 'SpreadElement')) return spreadObject(node, scope, compiler, (source, key) => propertyValue(source.node, source.scope, key));
  const fields: Record<string, FieldType> = {};
  const entries = node.properties.map((property) => {
    if (property.type !== 'ObjectProperty' || property.computed) throw syntaxError(property, 'only plain `key: value` properties and spreads of local object literals are supported in object literals', HINT.expr);
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? String(property.key.value) : undefined;
    if (key === undefined) throw syntaxError(property.key, 'object keys must be names, strings or numbers', HINT.expr);
    const t = propertyValue(property.value, scope, key);
    fields[key] = { type: t.type, optional: false };
    return { key: E.str(key), value: t.expr };
  });
  return plain(E.map(entries), T.object(fields));
}

/** The value of property `key`: a CEL map holds neither `undefined` nor a missing value. */
function propertyValue(node: Node, scope: Scope, key: string): Typed {
  const t = compileValue(node, scope);
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

export type { Typed };
