/**
 * One producer per value. A factory argument, a nested composition's spec or a status field arrives twice:
 * as the value JavaScript computed on placeholders, and as the source that computed it. JavaScript is exact
 * only where no reference took part, or where a reference was merely carried (a read, a template). Every
 * other part is compiled from its source; where the source cannot say how a value came about, the
 * definition fails rather than keep a value JavaScript computed on a placeholder.
 */
import type { Node, ObjectExpression, SpreadElement } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { constantKey, literalOf } from '../analysis/literal-reads.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { locationOf, snippetOf } from '../analysis/source.js';
import type { Scope } from '../analysis/scope.js';
import { exprValue, isExprValue } from '../ir/value.js';
import { consumeSpreads, refOf } from '../model/refs.js';
import { E, type Expr } from '../ir/expr.js';
import { TypeKroError } from '../util/errors.js';
import { compileValueNode, compileValueOrNullish } from './compile-node.js';
import { isEnumerationRefusal } from '../analysis/map-enumerations.js';
import { absentOption, checkComputedParts, checkPresent, checkSpecParts, guardedScope, readsSpecData, type ManifestField } from './source-values-presence.js';
import { isBuiltExact, isExactRead } from './source-values-exact.js';

// Re-exported: the run, status and condition code take every source-value concern from this one module.
export { isBuiltExact, type ManifestField };

/**
 * Records the static type of each compiled expression (the run keeps them for later type checks), and where
 * each value from a reference came from: `node` is the source of a compiled expression (`compiled` set) or
 * of a reference JavaScript carried exactly (`compiled` undefined, `value` the reference), for messages
 * about the field it lands in.
 */
export type OnCompiled = (compiled: ReturnType<typeof compileValueNode> | undefined, node: Node, value: unknown) => void;

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
  // A read of spec data is exact, unless the field may be absent: then the factory is asked what it makes of
  // `undefined` (absent-options.ts), with the read compiled below as it would be in any other expression.
  const exact = isExprValue(value) ? isBuiltExact(source, scope) : isExactRead(source, scope);
  if (exact && !(field && readsSpecData(value) && checkSpecParts(source, scope, field) === 'absent')) {
    onCompiled(undefined, source, value);
    return value;
  }
  // The top-level parts first: their message names the field they land in. Nested ones are the compiler's.
  if (field) enumerationExplained(source, () => checkComputedParts(source, scope, field));
  const compiledOrNullish = enumerationExplained(source, () => compileValueOrNullish(source, field ? guardedScope(scope, field) : scope));
  // Always `undefined` whatever the instance, as the definition fixes it (a loop's item taking the `undefined`
  // branch of `n === 'a' ? spec.r : undefined`): exactly the constant JavaScript computed, taken as a literal
  // `undefined` is. A `null` stays refused: a nested composition's default replaces it, where JavaScript keeps it.
  if ('nullish' in compiledOrNullish) return undefinedConstant(source, scope, value, compiledOrNullish.nullish);
  const compiled = compiledOrNullish;
  // Compiled whole: what JavaScript made of an enumeration of a reference in it (`Object.keys(spec.m)`, no keys) is dropped.
  consumeSpreadsIn(source);
  const passed = field && !field.pendingIsUndefined && checkPresent(source, compiled, field, scope);
  const expr = passed && compiled.wrapped ? E.call('value', [], compiled.expr) : compiled.expr;
  const constant = literalValue(expr);
  if (constant !== undefined) return constant;
  const result = exprValue(expr);
  onCompiled({ ...compiled, expr }, source, result);
  // The factory is asked what it makes of `undefined` here once its manifest is built (absent-options.ts).
  if (passed === 'absent' && field?.acceptsAbsent) field.acceptsAbsent(absentOption(source, compiled, field, scope, result));
  return result;
}

/** `undefined` where the compiler found the constant `undefined` and JavaScript computed it; otherwise the compiler's refusal of a lone `undefined`/`null`. */
function undefinedConstant(source: Node, scope: Scope, value: unknown, nullish: 'undefined' | 'null'): undefined {
  if (nullish === 'undefined' && value === undefined) return undefined;
  compileValueNode(source, scope);
  throw new TypeKroError('INTERNAL', `internal: ${snippetOf(source)} compiled to \`${nullish}\` but was not refused; a TypeKro bug, please report it`);
}

/**
 * Runs `body`, which compiles (parts of) `source`. Where the compiler refuses an enumeration of a reference in
 * it (`Object.keys(spec.m).join()`), its reason (CEL's map order) is shown rather than the run's "cannot be
 * enumerated"; any other refusal leaves the run's message first, as before.
 */
function enumerationExplained<T>(source: Node, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (isEnumerationRefusal(error)) consumeSpreadsIn(source);
    throw error;
  }
}

/** Each key of the object JavaScript built, from the property (or spread literal) that produced it. */
function resolveObject(node: ObjectExpression, value: Record<string, unknown>, scope: Scope, onCompiled: OnCompiled, field?: ManifestField): Record<string, unknown> {
  const producers = new Map<string, Producer>();
  const opaque = collectProducers(node, scope, producers);
  const result: Record<string, unknown> = {};
  const siblings = [...producers.values()].map((producer) => producer.node);
  for (const [key, item] of Object.entries(value)) {
    const producer = producers.get(key);
    // No named closure per key: under tsx each one is renamed when made (`__name`), a cost per field of every call.
    if (producer) result[key] = siblingsCompiled(siblings, producer.node, () => resolveSourceValue(producer.node, item, producer.scope, onCompiled, field && { ...field, path: [...field.path, key] }));
    else if (opaque || !mentionsReferences(node, scope)) result[key] = item;
    else {
      throw syntaxError(node, `field \`${key}\` was added to this object after it was built, and the object depends on a reference`, 'build the object in one literal (spreads of local literals are fine)');
    }
  }
  return result;
}

/**
 * Resolves (`resolve`) the property `refused` of an object compiled from source, beside its `siblings`. When it
 * is refused, the spreads of references in the siblings (`labels: { ...spec.extra }` after a refused `port`)
 * are ones this object would have compiled: they did not cause the refusal, so they must not be shown in its
 * place (trial 13, finding 5). Spreads inside the refused property itself keep their run's message
 * (enumerationExplained).
 */
export function siblingsCompiled<T>(siblings: Iterable<Node>, refused: Node, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    for (const sibling of siblings) if (sibling !== refused) consumeSpreadsIn(sibling);
    throw error;
  }
}

function consumeSpreadsIn(node: Node): void {
  const { loc } = node;
  if (loc?.filename) consumeSpreads(loc.filename, { line: loc.start.line, column: loc.start.column + 1 }, { line: loc.end.line, column: loc.end.column + 1 });
}

/** A call's whole options object with keys a reference decides: the factory needs its options when it runs. */
function optionsBySpread(object: ObjectExpression, scope: Scope): Error {
  // The spread whose keys a reference decides, not the first that mentions one: `...opts` of a local literal
  // holding `name: spec.name` has fixed keys (trial 17, finding 6).
  const spread = object.properties.find((property) => property.type === 'SpreadElement' && decidesKeys(property.argument, scope)) ?? object;
  const mutated = spread.type === 'SpreadElement' ? mutationOf(spread.argument, scope) : undefined;
  if (mutated) return mutated;
  const choice = spread.type === 'SpreadElement' ? choiceHint(object, spread) : undefined;
  return syntaxError(
    spread,
    'the options of this call are set by a spread that depends on a reference: which options a factory (or a nested composition) gets must be known when the composition is defined',
    choice ?? "choose each option's value (`{ image: spec.prod ? 'a' : 'b' }`), or spread a local object literal",
  );
}

/** Whether the keys a spread of `argument` adds depend on a reference (see {@link hasComputedSpread}). */
function decidesKeys(argument: Node, scope: Scope): boolean {
  const spread = literalOf(argument, scope);
  if (spread?.node.type === 'ObjectExpression') return hasComputedSpread(spread.node, spread.scope);
  return mentionsReferences(argument, scope);
}

/**
 * For `...(c ? { args: ['--debug'] } : {})`: the same options written as choices of their values
 * (`args: c ? ['--debug'] : undefined`), each option present either way, absent where JavaScript's is.
 */
function choiceHint(object: ObjectExpression, spread: SpreadElement): string | undefined {
  const test = unwrap(spread.argument);
  if (test.type !== 'ConditionalExpression' && !(test.type === 'LogicalExpression' && test.operator === '&&')) return undefined;
  const [when, yes, no] = test.type === 'ConditionalExpression' ? [test.test, unwrap(test.consequent), unwrap(test.alternate)] : [test.left, unwrap(test.right), undefined];
  const empty = (node: Node | undefined): boolean => !node || (node.type === 'ObjectExpression' && node.properties.length === 0);
  const [given, negate] = yes.type === 'ObjectExpression' && empty(no) ? [yes, false] : no?.type === 'ObjectExpression' && empty(yes) ? [no, true] : [undefined, false];
  if (!given || given.properties.length === 0 || given.properties.some((p) => p.type !== 'ObjectProperty' || p.computed)) return undefined;
  const condition = negate ? `!(${snippetOf(when)})` : operandText(when);
  const options = given.properties.map((p) => `${snippetOf((p as { key: Node }).key)}: ${condition} ? ${snippetOf((p as { value: Node }).value)} : undefined`);
  const written = object.properties.map((p) => (p === spread ? options.join(', ') : snippetOf(p)));
  return `set each option to a choice of its value (an option set to \`undefined\` is left out, as the spread left it out): \`{ ${written.join(', ')} }\`, or give a default instead of \`undefined\` (\`[]\` for a list)`;
}

/** `node`'s text as the test of a `?:`: parenthesised when it is itself a choice or an assignment. */
function operandText(node: Node): string {
  const text = snippetOf(node);
  return node.type === 'ConditionalExpression' || node.type === 'AssignmentExpression' || node.type === 'SequenceExpression' ? `(${text})` : text;
}

/**
 * A spread of a local object changed after it was built (`o.replicas = 3` under `if (spec.c)`): the
 * statement that changed it is what TypeKro cannot follow, so the refusal points there (trial M5), not at
 * the spread, which is fine for an object built in one literal.
 */
function mutationOf(argument: Node, scope: Scope): Error | undefined {
  const source = unwrap(argument);
  if (source.type !== 'Identifier') return undefined;
  const binding = scope.lookup(source.name, source);
  if (binding?.kind !== 'opaque') return undefined;
  const changes = binding.writes.filter((write) => write.how !== 'init');
  const write = changes.find((w) => [w.node, ...w.guards].some((node) => mentionsReferences(node, binding.scope))) ?? changes[0];
  if (!write) return undefined;
  const at = locationOf(argument);
  const guard = write.guards.find((node) => mentionsReferences(node, binding.scope));
  const target = unwrap(write.target);
  const key = target.type === 'MemberExpression' && !target.computed && target.property.type === 'Identifier' ? target.property.name : '<key>';
  const value = write.value && write.how === 'assign' ? snippetOf(write.value) : '<value>';
  return syntaxError(
    write.node,
    `\`${source.name}\` is changed here${guard ? `, under \`${snippetOf(guard)}\`,` : ''} after it is built, and spread into the options of a call${at ? ` at ${at.file}:${at.line}:${at.column}` : ''}: CEL cannot follow the order of statements, so which options the factory gets, and their values, are not known when the composition is defined`,
    `build \`${source.name}\` in one literal, choosing each value there (\`{ ${key}: ${guard ? `${snippetOf(guard)} ? ${value} : <otherwise>` : value} }\`), or set the option in the call after the spread (\`{ ...${source.name}, ${key}: ... }\`)`,
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
