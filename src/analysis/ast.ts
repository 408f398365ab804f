/** Minimal Babel AST helpers: child enumeration and a pre-order walk (no @babel/traverse needed). */
import type { Node } from '@babel/types';

/** True for keys that hold positions or comments, never child nodes we care about. */
function isSkippedKey(key: string): boolean {
  switch (key) {
    case 'type': case 'loc': case 'start': case 'end': case 'extra': case 'range':
    case 'leadingComments': case 'trailingComments': case 'innerComments': case 'comments': case 'tokens':
      return true;
    default:
      return false;
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Nodes known to have no children, answered without listing their keys: half the nodes of a composition
 * are names and literals. Babel gives a name child nodes only as a TypeScript annotation or decorators.
 */
export function isLeaf(node: Node): boolean {
  switch (node.type) {
    case 'Identifier':
      return node.typeAnnotation == null && node.decorators == null;
    case 'StringLiteral': case 'NumericLiteral': case 'BooleanLiteral': case 'NullLiteral': case 'BigIntLiteral':
    case 'RegExpLiteral': case 'TemplateElement': case 'ThisExpression': case 'Super': case 'EmptyStatement':
      return true;
    default:
      return false;
  }
}

/**
 * Calls `visit(child, node, a, b)` for each direct child node of `node`, in source (key) order. The walks
 * visit every node of a file several times per definition: no array per node besides `Object.keys`, and
 * the walk's state in `a` and `b` instead of a closure per node.
 */
export function eachChild<A, B>(node: Node, a: A, b: B, visit: (child: Node, parent: Node, a: A, b: B) => void): void {
  if (isLeaf(node)) return;
  const record = node as unknown as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (isSkippedKey(key)) continue;
    const value = record[key];
    if (Array.isArray(value)) {
      for (let j = 0; j < value.length; j++) if (isNode(value[j])) visit(value[j], node, a, b);
    } else if (isNode(value)) visit(value, node, a, b);
  }
}

/**
 * Calls `visit` with each value of `node` that holds its children, in key order: a child node, or a list
 * (whose items may be holes or non-nodes). The same children {@link eachChild} visits, for a search that
 * picks among a list's items instead of visiting each (parent-links.ts).
 */
export function eachChildValue(node: Node, visit: (value: Node | readonly unknown[]) => void): void {
  if (isLeaf(node)) return;
  const record = node as unknown as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (isSkippedKey(key)) continue;
    const value = record[key];
    if (Array.isArray(value) || isNode(value)) visit(value);
  }
}

/** Visits `root` and its descendants depth-first; return `false` from `visit` to skip a subtree. */
export function walk(root: Node, visit: Visit): void {
  step(root, undefined, visit);
}

type Visit = (node: Node, parent: Node | undefined) => boolean | void;

// Module functions rather than closures per walk: walks are many and short (tsx names every closure made).
function step(node: Node, parent: Node | undefined, visit: Visit): void {
  if (visit(node, parent) === false) return;
  eachChild(node, visit, undefined, step);
}

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);

/** True for the function forms a composition or a callback can take. */
export function isFunctionNode(node: Node): node is Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' | 'FunctionDeclaration' | 'ObjectMethod' | 'ClassMethod' }> {
  return FUNCTION_TYPES.has(node.type);
}

const LOOP_METHODS: ReadonlySet<string> = new Set(['map', 'forEach', 'flatMap']);

/**
 * True when `fn` is the first argument of `owner`, a call `x.map(...)`, `x.forEach(...)` or `x.flatMap(...)`:
 * the body of a loop, which the compiler reads like a `for...of` body (its item becomes a forEach item, its
 * locals are the enclosing function's).
 */
export function isLoopCallbackOf(fn: Node, owner: Node | undefined): boolean {
  if (owner?.type !== 'CallExpression' || owner.arguments[0] !== fn) return false;
  const callee = owner.callee;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && LOOP_METHODS.has(callee.property.name);
}

/** Strips wrappers that do not change a value: TypeScript assertions and parentheses. */
export function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' || current.type === 'ParenthesizedExpression'
  ) current = current.expression;
  return current;
}

/**
 * The branch of `test ? value : undefined` (or `null`, `void 0`, either side) that is not nothing: the value a
 * local holds only under the test (`const cache = spec.cache ? Deployment({...}) : undefined`).
 */
export function soleBranch(node: Node): Node | undefined {
  // `test && F(...)`: the handle where `test` is truthy, and `test`'s own falsy value (no handle) elsewhere.
  if (node.type === 'LogicalExpression') return node.operator === '&&' ? node.right : undefined;
  if (node.type !== 'ConditionalExpression') return undefined;
  if (isNothing(unwrap(node.alternate)) && !isNothing(unwrap(node.consequent))) return node.consequent;
  if (isNothing(unwrap(node.consequent)) && !isNothing(unwrap(node.alternate))) return node.alternate;
  return undefined;
}

function isNothing(node: Node): boolean {
  return (node.type === 'Identifier' && node.name === 'undefined') || node.type === 'NullLiteral' || (node.type === 'UnaryExpression' && node.operator === 'void' && node.argument.type === 'NumericLiteral');
}

/** Statements that do nothing where they stand: a function declaration is hoisted, types are erased. */
const INERT_STATEMENTS: ReadonlySet<string> = new Set(['FunctionDeclaration', 'TSDeclareFunction', 'TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'EmptyStatement']);

/**
 * The last statement of a body that runs: `return status; function helper() { ... }` ends with the
 * `return` (JavaScript hoists the declaration, so it may follow the return that uses it).
 */
export function lastRunStatement(statements: readonly Node[]): Node | undefined {
  for (let i = statements.length - 1; i >= 0; i--) if (!INERT_STATEMENTS.has(statements[i]!.type)) return statements[i];
  return undefined;
}

/** The names a pattern declares, in source order (`{ a, b: [c = 1], ...d }` declares a, c, d). */
export function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => patternNames(property.type === 'RestElement' ? property : (property.value as Node)));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? patternNames(element) : []));
    default:
      return [];
  }
}
