/**
 * One producer per value. A factory argument, a nested composition's spec or a status field arrives twice:
 * as the value JavaScript computed on placeholders, and as the source that computed it. JavaScript is exact
 * only where no reference took part, or where a reference was merely carried (a read, a template). Every
 * other part is compiled from its source; where the source cannot say how a value came about, the
 * definition fails rather than keep a value JavaScript computed on a placeholder.
 */
import type { Node, ObjectExpression } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { constantKey, literalOf, staticProperty } from '../analysis/literal-reads.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Scope } from '../analysis/scope.js';
import { exprValue, isExprValue } from '../ir/value.js';
import { isFactoryName } from '../model/factory.js';
import { consumeSpreads, hasMarkers, refOf, splitMarkers, type RefData } from '../model/refs.js';
import { E, type Expr } from '../ir/expr.js';
import { snippetOf } from '../analysis/source.js';
import { awaitedSpecData, indexOf, withGuards } from '../analysis/absent-spec.js';
import { indexedList } from '../analysis/synthesized.js';
import { compileValueNode } from './compile-node.js';

/**
 * Records the static type of each compiled expression (the run keeps them for later type checks), and where
 * each value from a reference came from: `node` is the source of a compiled expression (`compiled` set) or
 * of a reference JavaScript carried exactly (`compiled` undefined, `value` the reference), for messages
 * about the field it lands in.
 */
export type OnCompiled = (compiled: ReturnType<typeof compileValueNode> | undefined, node: Node, value: unknown) => void;

/** Where a factory argument lands: its option path, and the conditions known to hold there. */
export interface ManifestField {
  readonly path: readonly string[];
  /**
   * The `&&` terms of the conditions around the call (`if (spec.host) ...`): presence tests they imply
   * (`has(read)`, `size(list) > i`) need no default. Computed on first use.
   */
  readonly guards: () => readonly Expr[];
  /**
   * True when the destination at `path` may itself be left out (an optional spec field of a nested
   * composition): an absent value then passes through as absent, as JavaScript passes `undefined`.
   */
  readonly mayBeAbsent?: (path: readonly string[]) => boolean;
  /**
   * Told where a value passed to such a field may be absent, with the test that it is there: the nested
   * composition fills in its default otherwise. The value passed is then the plain read (a CEL optional's
   * `.value()`), valid where the test holds.
   */
  readonly passedAbsent?: (path: readonly string[], present: Expr) => void;
  /**
   * A status field: a plain read of absent data is pending, as its JavaScript `undefined` is; only a value
   * computed from it (text, arithmetic) is refused.
   */
  readonly pendingIsUndefined?: boolean;
}

/**
 * The value of `node` with every part that depends on a reference taken from the source: `value` is what
 * JavaScript computed, kept where it is exact.
 */
export function resolveSourceValue(node: Node, value: unknown, scope: Scope, onCompiled: OnCompiled, field?: ManifestField): unknown {
  const source = unwrap(node);
  // Literals are taken apart first: each part is checked once, not once per enclosing literal.
  const literal = literalOf(source, scope);
  // An object whose keys a spread decides (`...(c ? { k: 'v' } : {})`, `...spec.labels`) is compiled whole:
  // the keys JavaScript saw on placeholders are one branch's (object-spread.ts).
  if (literal?.node.type === 'ObjectExpression' && isPlainObject(value)) {
    if (!hasComputedSpread(literal.node, literal.scope)) return resolveObject(literal.node, value, literal.scope, onCompiled, field);
    if (field && field.path.length === 0) throw optionsBySpread(literal.node, literal.scope);
    // Compiled from source whatever JavaScript did: the spreads of references in it got no keys there.
    consumeSpreadsIn(literal.node);
  }
  if (literal?.node.type === 'ArrayExpression' && Array.isArray(value)) {
    const elements = literal.node.elements;
    // A list changed after it was built (or with spreads) is not described item by item by its literal.
    if (elements.length === value.length && elements.every((e) => e && e.type !== 'SpreadElement')) {
      return value.map((item, i) => resolveSourceValue(elements[i] as Node, item, literal.scope, onCompiled, field && { ...field, path: [...field.path, String(i)] }));
    }
    // With a spread the length is the spread lists' (`[...a, ...(c ? [x] : [])]`): compiled below, with CEL's list `+`.
    const spread = elements.some((e) => e?.type === 'SpreadElement');
    if (!spread && elements.length !== value.length && mentionsReferences(literal.node, literal.scope)) {
      throw syntaxError(literal.node, 'this list was changed after it was built, and it depends on a reference', 'build the list in one literal, or with .map over a spec list');
    }
  }
  if (!mentionsReferences(source, scope)) return value;
  if (isExprValue(value) ? isBuiltExact(source, scope) : isExactRead(source, scope)) {
    // A read of spec data is exact, unless the field may be absent (JavaScript: undefined; KRO: waits).
    if (field && readsSpecData(value)) checkSpecParts(source, scope, field);
    onCompiled(undefined, source, value);
    return value;
  }
  // The top-level parts first: their message names the field they land in. Nested ones are the compiler's.
  if (field) checkComputedParts(source, scope, field);
  const compiled = compileValueNode(source, field ? guardedScope(scope, field) : scope);
  const passed = field && !field.pendingIsUndefined && checkPresent(source, compiled, field, scope);
  const expr = passed && compiled.wrapped ? E.call('value', [], compiled.expr) : compiled.expr;
  const constant = literalValue(expr);
  if (constant !== undefined) return constant;
  const result = exprValue(expr);
  onCompiled({ ...compiled, expr }, source, result);
  return result;
}

/**
 * A manifest field JavaScript may leave `undefined` depending on the spec or the cluster: KRO cannot leave a
 * field out by a condition (it writes null, "" in a map), and it waits forever for spec data the instance
 * left out. Both are refused here, where the source is known.
 */
function checkPresent(node: Node, compiled: { optional?: boolean; wrapped?: boolean; present?: Expr }, field: ManifestField, scope: Scope, inComputed = false): boolean {
  const name = field.path.length > 0 ? `\`${field.path.join('.')}\`` : 'this value';
  // A nested composition's optional or defaulted spec field is left unset as JavaScript passes `undefined`: the child handles it.
  if (!inComputed && field.mayBeAbsent?.(field.path) && (!compiled.wrapped || field.passedAbsent)) {
    if (compiled.present && (compiled.wrapped || awaitedSpecData(compiled.present, scope, field.guards()))) field.passedAbsent?.(field.path, compiled.present);
    return true;
  }
  if (compiled.wrapped) {
    throw syntaxError(
      node,
      `${name} may be \`undefined\` here, depending on the spec or the cluster: JavaScript then leaves the field out, but KRO cannot leave a field out by a condition (it writes null, or "" in a map)`,
      `give it a default (\`?? ''\`, \`?? 0\`), or choose between whole values (\`cond ? { key: 'v' } : {}\`) or resources (\`if (cond) ...\`)`,
    );
  }
  const awaited = compiled.optional && compiled.present ? awaitedSpecData(compiled.present, scope, field.guards()) : undefined;
  if (awaited === 'item') {
    const list = indexedList(node, scope) ?? snippetOf(node).replace(/\[[^\]]*\]$/, '');
    throw syntaxError(
      node,
      `${name} is set from a spec list item that may be missing (the list may be shorter): JavaScript reads \`undefined\` there${inComputed ? ' (and computes with it: "undefined", NaN)' : ' (the field is left out or takes the factory\'s default)'}, but KRO waits for it forever`,
      `give it a default (\`${snippetOf(node)} ?? <default>\`), create the resource only when the list is long enough (\`if (${list}.length > ${indexOf(compiled.present!)}) ...\`), or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(${indexOf(compiled.present!) + 1})\`)`,
    );
  }
  if (awaited === 'field') {
    throw syntaxError(
      node,
      `${name} is set from an optional spec field without a default: when the instance leaves it out, JavaScript passes \`undefined\` ${inComputed ? '(and computes with it: "undefined", NaN)' : "(the field is left out or takes the factory's default)"}, but KRO waits for it forever`,
      `give it a default where it is used (\`${snippetOf(node)} ?? <default>\`) or in the spec type (e.g. \`'name?': 'string = "x"'\`), make it required, or create the resource only when it is set (\`if (${snippetOf(node)}) ...\`)`,
    );
  }  return false;
}

/** True when `value` is, or is a template of, a reference to the instance's spec (or an item of a spec list). */
function readsSpecData(value: unknown): boolean {
  const ref = refOf(value);
  if (ref) return isSpecRoot(ref);
  return typeof value === 'string' && hasMarkers(value) && splitMarkers(value).some((part) => typeof part !== 'string' && isSpecRoot(part));
}

function isSpecRoot(ref: RefData): boolean {
  const { root } = ref;
  if (root.kind === 'schema') return true;
  return root.kind === 'iterator' && isSpecRoot(root.iterator.source);
}

/** A read of spec data (a template of reads too) checked part by part: the parts are what may be absent. */
function checkSpecParts(node: Node, scope: Scope, field: ManifestField, inComputed = false): void {
  const source = unwrap(node);
  if (source.type === 'TemplateLiteral' || isArithmetic(source)) {
    checkComputedParts(source, scope, field);
    return;
  }
  // The declaration this read sees (a name declared in two blocks is two names); without the place, every one of them.
  const binding = source.type === 'Identifier' ? scope.lookup(source.name, source) : undefined;
  if (field.pendingIsUndefined && !inComputed) {
    // A pending status field is JavaScript's `undefined` only for a plain read: a local holding text or
    // arithmetic (`const s = \`b${spec.flag}\``) is "bundefined" there, so its parts are checked as if written here.
    if (binding?.kind === 'alias') checkSpecParts(binding.node, binding.scope, field);
    if (binding?.kind === 'opaque' && binding.declarations) for (const init of binding.declarations) checkSpecParts(init, binding.scope, field);
    return;
  }
  if (binding?.kind === 'opaque' && binding.declarations) {
    // Declared twice in one scope (`var` in two loop bodies; each exact, see isExactRead): each may be the one JavaScript used.
    for (const init of binding.declarations) checkSpecParts(init, binding.scope, field, inComputed);
    return;
  }
  if (mentionsReferences(source, scope)) checkPresent(source, compileValueNode(source, guardedScope(scope, field)), field, scope, inComputed);
}

/** `scope` with the conditions around the call known to hold. */
function guardedScope(scope: Scope, field: ManifestField): Scope {
  return withGuards(scope, field.guards());
}

/**
 * The parts of text or arithmetic built from spec data (`${spec.o}`, `spec.l[1] + '-x'`): JavaScript goes
 * on with `undefined` there ("undefined", NaN), KRO waits forever for the spec data the instance left out.
 */
function checkComputedParts(node: Node, scope: Scope, field: ManifestField): void {
  const source = unwrap(node);
  const parts = source.type === 'TemplateLiteral' ? source.expressions : isArithmetic(source) ? [source.left, source.right] : [];
  for (const part of parts) checkSpecParts(part as Node, scope, field, true);
}

function isArithmetic(node: Node): node is Node & { type: 'BinaryExpression'; left: Node; right: Node } {
  return node.type === 'BinaryExpression' && ['+', '-', '*', '/', '%'].includes(node.operator);
}

/** Each key of the object JavaScript built, from the property (or spread literal) that produced it. */
function resolveObject(node: ObjectExpression, value: Record<string, unknown>, scope: Scope, onCompiled: OnCompiled, field?: ManifestField): Record<string, unknown> {
  const producers = new Map<string, Producer>();
  const opaque = collectProducers(node, scope, producers);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const producer = producers.get(key);
    if (producer) result[key] = resolveSourceValue(producer.node, item, producer.scope, onCompiled, field && { ...field, path: [...field.path, key] });
    else if (opaque || !mentionsReferences(node, scope)) result[key] = item;
    else {
      throw syntaxError(node, `field \`${key}\` was added to this object after it was built, and the object depends on a reference`, 'build the object in one literal (spreads of local literals are fine)');
    }
  }
  return result;
}

function consumeSpreadsIn(node: Node): void {
  const { loc } = node;
  if (loc?.filename) consumeSpreads(loc.filename, { line: loc.start.line, column: loc.start.column + 1 }, { line: loc.end.line, column: loc.end.column + 1 });
}

/** A call's whole options object with keys a reference decides: the factory needs its options when it runs. */
function optionsBySpread(object: ObjectExpression, scope: Scope): Error {
  const spread = object.properties.find((property) => property.type === 'SpreadElement' && mentionsReferences(property, scope)) ?? object;
  return syntaxError(
    spread,
    'the options of this call are set by a spread that depends on a reference: which options a factory (or a nested composition) gets must be known when the composition is defined',
    "choose each option's value (`{ image: spec.prod ? 'a' : 'b' }`), or spread a local object literal",
  );
}

/** True when a spread (also in a spread local literal) sets keys decided by a reference. */
export function hasComputedSpread(object: ObjectExpression, scope: Scope): boolean {
  return object.properties.some((property) => {
    if (property.type !== 'SpreadElement') return false;
    const spread = literalOf(property.argument, scope);
    if (spread?.node.type === 'ObjectExpression') return hasComputedSpread(spread.node, spread.scope);
    return mentionsReferences(property.argument, scope);
  });
}

interface Producer {
  readonly node: Node;
  readonly scope: Scope;
}

/**
 * Adds the property producing each key of `object` (through spreads of local literals) to `producers`;
 * returns a property whose keys the source does not show, if there is one.
 */
function collectProducers(object: ObjectExpression, objectScope: Scope, producers: Map<string, Producer>): Node | undefined {
  let opaque: Node | undefined;
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') {
      const spread = literalOf(property.argument, objectScope);
      if (spread?.node.type === 'ObjectExpression') opaque = collectProducers(spread.node, spread.scope, producers) ?? opaque;
      else opaque = property;
      continue;
    }
    if (property.type !== 'ObjectProperty') {
      if (mentionsReferences(property, objectScope)) throw syntaxError(property, 'methods and accessors cannot hold values from references', 'use plain `key: value` properties');
      opaque = property;
      continue;
    }
    const key = property.computed ? constantKey(property.key, objectScope) : property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? property.key.value : undefined;
    if (key === undefined) {
      if (mentionsReferences(property.key, objectScope)) {
        throw syntaxError(property.key, 'a key computed from a reference: the keys of a KRO template are fixed in the graph, they cannot be decided by the instance', 'use a fixed key and carry the instance\'s data in the value (e.g. `{ team: spec.team }` rather than `{ [`team-${spec.team}`]: \'true\' }`), or build the whole object with Cel.expr(...)');
      }
      if (mentionsReferences(property, objectScope)) throw syntaxError(property.key, 'a computed key TypeKro cannot read at definition time, on a value from a reference', 'use a literal key, or a constant holding a string');
      opaque = property;
      continue;
    }
    producers.set(String(key), { node: property.value, scope: objectScope });
    continue;
  }
  return opaque;
}

/**
 * Reads of references, and templates of them, are exact in JavaScript (references and their markers): the
 * placeholders are carried, never tested. `.length` is JavaScript's own and needs the compiler (size()).
 */
function isExactRead(node: Node, scope: Scope): boolean {
  const source = unwrap(node);
  switch (source.type) {
    case 'Identifier': {
      const binding = scope.lookup(source.name, source);
      if (binding?.kind === 'value') return binding.fromSource !== true;
      if (binding?.kind === 'resources' || (binding?.kind === 'opaque' && binding.holdsReferences)) return true;
      // Declared twice in one scope (`var` in two loop bodies): JavaScript's value came from one of them, exact if each would be.
      if (binding?.kind === 'opaque' && binding.declarations) return binding.declarations.every((init) => isExactRead(init, binding.scope));
      if (binding?.kind === 'alias') return isExactRead(binding.node, binding.scope);
      return !mentionsReferences(source, scope);
    }
    case 'MemberExpression': {
      const property = staticProperty(source, scope);
      if (property) return isExactRead(property.node, property.scope);
      // `.length` and `['length']` are JavaScript's own (size()); an inherited name is the compiler's to refuse.
      const name = !source.computed && source.property.type === 'Identifier' ? source.property.name : source.property.type === 'StringLiteral' ? source.property.value : undefined;
      if (name !== undefined && (name === 'length' || name in Object.prototype)) return false;
      // An index is the source's to judge: of a string it is refused (CEL has no string index), of a list it
      // may be out of bounds (JavaScript: undefined).
      if (source.computed && source.property.type !== 'StringLiteral') return false;
      return isExactRead(source.object, scope);
    }
    case 'TemplateLiteral':
      return source.expressions.every((part) => isExactRead(part, scope));
    case 'CallExpression':
      // A factory or nested composition call gives a handle (its argument was resolved when it ran).
      return isHandleCall(source, scope);
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return true;
    default:
      return false;
  }
}

// `Cel.cond` is not here: its test has JavaScript truthiness (an optional string is tested with has() and != ""), which only the source gives.
const RAW_CEL = new Set(['expr', 'join', 'template', 'has']);

/**
 * True when an expression value JavaScript built is the expression's meaning: a `Cel` call whose arguments
 * are exact reads or free of references, not one over operators JavaScript ran on placeholders
 * (`Cel.cond(spec.n > 2, ...)`), which the source decides.
 */
export function isBuiltExact(raw: Node, scope: Scope): boolean {
  const node = unwrap(raw);
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.object.type !== 'Identifier') return false;
  if (scope.lookup(node.callee.object.name)?.kind !== 'cel') return false;
  // The functions with a JavaScript meaning (Cel.max, Cel.default, ...) are always compiled from source.
  if (node.callee.property.type !== 'Identifier' || !RAW_CEL.has(node.callee.property.name)) return false;
  // `Cel.template` with a literal format is compiled: a double argument is refused there (the concrete run prints
  // it as JavaScript does, CEL as Go), which needs the argument's type. A format built at run time is JavaScript's.
  if (node.callee.property.name === 'template' && unwrap(node.arguments[0] as Node)?.type === 'StringLiteral') return false;
  return node.arguments.every((arg) => isExactRead(arg as Node, scope) || !mentionsReferences(arg as Node, scope));
}

function isHandleCall(call: Node & { type: 'CallExpression' }, scope: Scope): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (name !== undefined && isFactoryName(name)) return true;
  if (callee.type !== 'Identifier') return false;
  const binding = scope.lookup(callee.name, callee);
  return binding?.kind === 'opaque' && binding.holdsReferences === true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !refOf(value) && !isExprValue(value);
}

/**
 * The plain value of an expression that folded to a literal (a loop's constant item, `'dev' === e ? 1 : 2`):
 * written as is, not as `${"dev"}`.
 */
export function literalValue(expr: Expr): string | number | boolean | undefined {
  if (expr.kind !== 'literal') return undefined;
  const { literal } = expr;
  if (literal.kind === 'int') return Number.isSafeInteger(Number(literal.value)) ? Number(literal.value) : undefined;
  return literal.kind === 'null' ? undefined : literal.value;
}
