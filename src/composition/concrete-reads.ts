/**
 * Which status fields a concrete run computed from a resource that is not observed. KRO and direct mode
 * evaluate a status expression with the resources that exist: a read of a missing one has no value, and the
 * field is pending unless CEL's `||`/`&&` decide it from the other side. JavaScript cannot tell which (its
 * `||` does not absorb a missing value), so the rule the concrete run follows (docs/guide/testing.md) is:
 * a resource not observed does not exist yet, whatever is computed from it is pending, and its JavaScript
 * value is kept aside (`unobservedValues`) as the only value the cluster may show before the resource exists. A value built from such a field carries its placeholder
 * (composition/concrete-view.ts), but JavaScript's operators turn it into plain values that carry nothing:
 * `c.data.env !== 'dev'` is `true`, `x.length > 0` is `false`, and `filter(...).length` or `every(...)` over
 * them are numbers and booleans. So the run notes where each such field is read (the frames of the
 * composition function on the stack), and a status field is pending when a read happened in its own
 * expression (callbacks and helpers called there included) or in the initialiser of a local it uses.
 * Reads in a factory's arguments feed that resource's manifest: its handle's fields come from the
 * cluster, so they do not make a field that uses the handle pending.
 */
import type { Node, ObjectExpression } from '@babel/types';
import { isFunctionNode, walk } from '../analysis/ast.js';
import { returnedStatus } from '../analysis/composition.js';
import { findCallAt } from '../analysis/source.js';
import type { SourceLocation } from '../ir/graph.js';
import { within, type CompositionSource } from './source-site.js';

/**
 * The frames of one read of a field of an unobserved resource inside the composition function, innermost first.
 * @example const read: UnobservedRead = [{ file: '/app/web.ts', line: 9, column: 40 }];
 */
export type UnobservedRead = readonly SourceLocation[];

/** The path of a status field (`['a', 'b']` for `a.b`). */
export type Path = readonly string[];

/**
 * The status paths (object-literal keys from the top, as `a.b`) computed from the reads, given the call
 * sites of the factories and nested compositions in the function (`factorySites`).
 * @example pendingStatusPaths(source, [[{ file, line: 9, column: 40 }]], []); // ['ready']
 */
export function pendingStatusPaths(source: CompositionSource, reads: readonly UnobservedRead[], factorySites: readonly SourceLocation[]): string[] {
  const calls = factorySites.flatMap((site) => (site.file === source.file ? (findCallAt(site.file, site.line, site.column) ?? []) : []));
  const relevant = reads.filter((frames) => frames.length > 0 && !calls.some((call) => within(call, frames[0]!)));
  if (relevant.length === 0) return [];
  const literal = statusLiteralOf(source);
  if (!literal) return [];
  const declarations = declarationsIn(source.fn);
  return leaves(literal, [], declarations)
    .filter(({ value }) => {
      // A handle's fields come from the cluster: what its call's argument is computed from (an options
      // object built before the call included) feeds the manifest, not a status field that reads the handle.
      const feeding = feedingNodes(value, declarations, calls);
      return relevant.some((frames) => frames.some((frame) => feeding.some((node) => within(node, frame))));
    })
    .map(({ path }) => path.join('.'));
}

/**
 * The paths (object-literal keys from the argument's top; `[]` for the whole argument when it is not an
 * object literal) of a factory's (or nested composition's) argument `argument` computed from the reads: its
 * leaves whose expression, or the initialiser of a local it uses, holds one of the reads' frames. A manifest
 * field the factory builds from such a leaf is pending, as the compiled CEL (a failed read) is.
 * `declarations` are {@link declarationsIn} the composition function.
 * @example pendingArgumentPaths(call.arguments[0], [[{ file, line: 9, column: 40 }]], declarationsIn(source.fn)); // [['data', 'len']]
 */
export function pendingArgumentPaths(argument: Node, reads: readonly UnobservedRead[], declarations: ReadonlyMap<string, readonly Node[]>): Path[] {
  if (reads.length === 0) return [];
  return argumentLeaves(argument, declarations)
    .filter(({ value }) => {
      const feeding = feedingNodes(value, declarations);
      return reads.some((frames) => frames.some((frame) => feeding.some((node) => within(node, frame))));
    })
    .map(({ path }) => path);
}

/**
 * The leaves of a factory's argument with their expressions: an object literal's fields (nested ones too),
 * else the whole argument (path `[]`). With `declarations`, a local bound once to an object literal (an
 * options object built before the call: `const opts = { ... }; ConfigMap(opts)`) gives that literal's fields,
 * as if written in the call; a spread gives its literal's fields, or stands for the whole object it is in.
 * @example argumentLeaves(call.arguments[0]).map(({ path }) => path.join('.')); // ['name', 'data.r']
 */
export function argumentLeaves(argument: Node, declarations?: ReadonlyMap<string, readonly Node[]>): { path: Path; value: Node }[] {
  return fieldLeaves(argument, [], declarations, new Set());
}

/** The object literal the function returns, written there or held in a `const` of the function. */
function statusLiteralOf(source: CompositionSource): ObjectExpression | undefined {
  const returned = returnedStatus(source.fn);
  if (returned?.type === 'ObjectExpression') return returned;
  if (returned?.type !== 'Identifier') return undefined;
  const init = declarationsIn(source.fn).get(returned.name)?.[0];
  return init?.type === 'ObjectExpression' ? init : undefined;
}

/** Every field of the literal with its value expression; a nested object literal gives its own fields. */
function leaves(literal: ObjectExpression, prefix: Path, declarations?: ReadonlyMap<string, readonly Node[]>): { path: Path; value: Node }[] {
  return fieldLeaves(literal, prefix, declarations, new Set());
}

/**
 * The leaves of `value` at `prefix`: an object literal's fields, each by its own expression, else `value`
 * itself. What cannot be told field by field (a spread of anything but such a literal, a computed key, a
 * method) stands for the whole object at `prefix`: a read in it makes all of that object pending, never none
 * of it (a spread was skipped: its fields kept the JavaScript value, such as the text "undefined", where the
 * compiled CEL waits).
 */
function fieldLeaves(value: Node, prefix: Path, declarations: ReadonlyMap<string, readonly Node[]> | undefined, seen: Set<string>): { path: Path; value: Node }[] {
  const literal = objectLiteralOf(value, declarations, seen);
  if (!literal) return [{ path: prefix, value }];
  return literal.properties.flatMap((property) => {
    if (property.type === 'SpreadElement') return fieldLeaves(property.argument, prefix, declarations, seen);
    const key = property.type === 'ObjectProperty' && !property.computed ? keyName(property.key) : undefined;
    if (property.type !== 'ObjectProperty' || key === undefined) return [{ path: prefix, value: property }];
    return fieldLeaves(property.value as Node, [...prefix, key], declarations, seen);
  });
}

function keyName(key: Node): string | undefined {
  return key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : key.type === 'NumericLiteral' ? String(key.value) : undefined;
}

/**
 * The object literal `value` is: written there (inside `as`/`satisfies`/`!`/parentheses), or the one a local
 * is bound to when that is its only binding (a local also assigned elsewhere, or bound by a pattern or a
 * loop, is not followed: its value is not that literal alone).
 */
function objectLiteralOf(value: Node, declarations: ReadonlyMap<string, readonly Node[]> | undefined, seen: Set<string>): ObjectExpression | undefined {
  switch (value.type) {
    case 'ObjectExpression':
      return value;
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return objectLiteralOf(value.expression, declarations, seen);
    case 'Identifier': {
      const bound = declarations?.get(value.name);
      if (bound?.length !== 1 || seen.has(value.name)) return undefined;
      seen.add(value.name);
      return objectLiteralOf(bound[0]!, declarations, seen);
    }
    default:
      return undefined;
  }
}

/**
 * What each local of the function (and each local function declaration) is computed from, by name: the
 * initialiser, and for a name a pattern binds also the defaults and computed keys on its way through the
 * pattern (`const { a: b = r.data.v } = spec.labels` binds `b` from `spec.labels` and `r.data.v`). The same
 * for a `for...of`/`for...in` item (from the iterated expression), a parameter (from its defaults: a helper's
 * `(x = r.data.v) => ...`) and an assignment (`({ a = r.data.v } = o)`). A read in a default is a read of the
 * name's value, so what uses the name is computed from it.
 * @example declarationsIn(source.fn).get('tag'); // [the initialiser of `const tag = ...`]
 */
export function declarationsIn(fn: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const add = (name: string, node: Node): void => void out.set(name, [...(out.get(name) ?? []), node]);
  const bind = (pattern: Node, from: readonly Node[]): void => patternSources(pattern, from, add);
  walk(fn, (node) => {
    if (node.type === 'VariableDeclarator' && node.init) bind(node.id, [node.init]);
    if ((node.type === 'ForOfStatement' || node.type === 'ForInStatement') && node.left.type === 'VariableDeclaration') {
      for (const declarator of node.left.declarations) bind(declarator.id, [node.right]);
    }
    if (node.type === 'AssignmentExpression') bind(node.left, [node.right]);
    if (isFunctionNode(node) && node !== fn) for (const param of node.params) bind(param, []);
    if (node.type === 'FunctionDeclaration' && node.id) add(node.id.name, node);
  });
  return out;
}

/**
 * Calls `add` for each name `pattern` binds with each node its value is computed from: `from`, then the
 * defaults (`= d`) and computed keys (`[k]:`) on the way from the pattern's top to the name.
 * @example patternSources(param, [], add); // add('n', the default of `n = x.length`)
 */
export function patternSources(pattern: Node, from: readonly Node[], add: (name: string, node: Node) => void): void {
  switch (pattern.type) {
    case 'Identifier':
      for (const node of from) add(pattern.name, node);
      return;
    case 'AssignmentPattern':
      return patternSources(pattern.left, [...from, pattern.right], add);
    case 'RestElement':
      return patternSources(pattern.argument, from, add);
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        if (property.type === 'RestElement') patternSources(property.argument, from, add);
        else patternSources(property.value as Node, property.computed ? [...from, property.key] : from, add);
      }
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) patternSources(element, from, add);
      return;
    case 'TSParameterProperty':
      return patternSources(pattern.parameter, from, add);
    default:
      // A member target (`o.x = ...`) or a TypeScript wrapper binds no local name.
      return;
  }
}

/**
 * `value` and the initialisers of the locals it uses, and of the locals those use; the locals used inside
 * one of `opaque` (factory calls) are not followed.
 */
function feedingNodes(value: Node, declarations: ReadonlyMap<string, readonly Node[]>, opaque: readonly Node[] = []): Node[] {
  const out = [value];
  for (let i = 0; i < out.length; i++) {
    walk(out[i]!, (node, parent) => {
      if (opaque.includes(node)) return false;
      if (node.type !== 'Identifier' || (parent && !readsBinding(node, parent))) return;
      for (const declared of declarations.get(node.name) ?? []) if (!out.includes(declared)) out.push(declared);
    });
  }
  return out;
}

/**
 * An identifier that reads a binding, not a property name or an object key.
 * @example readsBinding(member.property, member); // false for `a.b`'s `b`
 */
export function readsBinding(node: Node, parent: Node): boolean {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node) return parent.computed;
  return !(parent.type === 'ObjectProperty' && parent.key === node && !parent.computed && parent.value !== node);
}
