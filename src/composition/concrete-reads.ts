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
  return leaves(literal, [])
    .filter(({ value }) => {
      const feeding = feedingNodes(value, declarations);
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
  return argumentLeaves(argument)
    .filter(({ value }) => {
      const feeding = feedingNodes(value, declarations);
      return reads.some((frames) => frames.some((frame) => feeding.some((node) => within(node, frame))));
    })
    .map(({ path }) => path);
}

/**
 * The leaves of a factory's argument with their expressions: an object literal's fields (nested ones too),
 * else the whole argument (path `[]`).
 * @example argumentLeaves(call.arguments[0]).map(({ path }) => path.join('.')); // ['name', 'data.r']
 */
export function argumentLeaves(argument: Node): { path: Path; value: Node }[] {
  return argument.type === 'ObjectExpression' ? leaves(argument, []) : [{ path: [], value: argument }];
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
function leaves(literal: ObjectExpression, prefix: Path): { path: Path; value: Node }[] {
  return literal.properties.flatMap((property) => {
    if (property.type !== 'ObjectProperty' || property.computed) return [];
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? String(property.key.value) : undefined;
    if (key === undefined) return [];
    const value = property.value as Node;
    return value.type === 'ObjectExpression' ? leaves(value, [...prefix, key]) : [{ path: [...prefix, key], value }];
  });
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

/** `value` and the initialisers of the locals it uses, and of the locals those use. */
function feedingNodes(value: Node, declarations: ReadonlyMap<string, readonly Node[]>): Node[] {
  const out = [value];
  for (let i = 0; i < out.length; i++) {
    walk(out[i]!, (node, parent) => {
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
