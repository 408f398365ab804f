/**
 * What the questions about one function's AST need, from one walk over it: the parent of every node, its
 * calls and its `throw`s. Kept apart from composition.ts so that modules it uses (handle-methods.ts) can ask too.
 */
import type { ArrowFunctionExpression, File, FunctionDeclaration, FunctionExpression, Node } from '@babel/types';
import { eachChild, walk } from './ast.js';
import { sourceIndex, SourceIndexKey, type CallNode } from './source.js';

/** The function forms a composition can be written as. */
export type FunctionNode = ArrowFunctionExpression | FunctionExpression | FunctionDeclaration;

/** What the questions below need about one function, from one walk over it (cached per function node). */
interface FunctionFacts {
  /** Parent links of every node under the function. */
  readonly parents: Map<Node, Node>;
  /** The calls and `new`s of its body, in walk order. */
  readonly calls: CallNode[];
  /** The `throw` statements of its body and of the functions nested in it, in walk order. */
  readonly throws: Node[];
}

/**
 * Facts by function node: derived from the immutable AST alone and weakly keyed by nodes of the parsed-file
 * cache (source.ts), so it grows with the functions of the files parsed, not with the compositions defined.
 */
const factsCache = new WeakMap<Node, FunctionFacts>();

function factsOf(fn: FunctionNode): FunctionFacts {
  const cached = factsCache.get(fn);
  if (cached) return cached;
  const facts: FunctionFacts = { parents: new Map(), calls: [], throws: [] };
  // Parameters and annotations first (the body is linked to `fn` but not entered), then the body: its calls
  // and throws are collected, the parameters' (default values) are not.
  eachChild(fn, facts, fn.body, linkHead);
  collect(fn.body, facts);
  eachChild(fn.body, facts, undefined, linkBody);
  factsCache.set(fn, facts);
  return facts;
}

// Module functions with the walk's state as arguments, not a closure per walk (the body of a composition of
// 1,000 resources has ~45,000 nodes, all linked once per definition).
function linkHead(node: Node, parent: Node, facts: FunctionFacts, body: Node): void {
  facts.parents.set(node, parent);
  if (node !== body) eachChild(node, facts, body, linkHead);
}

function linkBody(node: Node, parent: Node, facts: FunctionFacts): void {
  facts.parents.set(node, parent);
  collect(node, facts);
  eachChild(node, facts, undefined, linkBody);
}

function collect(node: Node, facts: FunctionFacts): void {
  if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression') facts.calls.push(node);
  else if (node.type === 'ThrowStatement') facts.throws.push(node);
}

/** Parent links of every node under `fn` (and of its parameters). */
export function parentsOf(fn: FunctionNode): Map<Node, Node> {
  return factsOf(fn).parents;
}

/** Every call and `new` in the function body, in source order (including calls that never ran). */
export function factoryCallsIn(fn: FunctionNode): CallNode[] {
  return [...factsOf(fn).calls];
}

/**
 * The `throw` statements of `fn` and of the functions nested in it, in source order: from the walk that
 * links parents (a definition asks both of the same function, whose body may hold thousands of nodes).
 *
 * @example
 * ```ts
 * throwsIn(fn).map((node) => node.loc?.start.line); // lines of every `throw` in the composition
 * ```
 */
export function throwsIn(fn: FunctionNode): readonly Node[] {
  return factsOf(fn).throws;
}

/** The node `node` sits in, inside `fn` (undefined for `fn` itself). */
export function parentIn(fn: FunctionNode, node: Node): Node | undefined {
  return parentsOf(fn).get(node);
}

/** The innermost function around each call of a file (see {@link functionAround}). */
const FUNCTION_AROUND = new SourceIndexKey<ReadonlyMap<Node, FunctionNode>>('function around each call');

/**
 * The innermost function (arrow, function expression or declaration) around `call` in `file`, which holds it:
 * from one walk per file, kept with its parsed tree, so asking it for every frame of every resource made
 * through helpers costs a map lookup.
 *
 * @example
 * ```ts
 * functionAround(frame.file, findCallAt(frame.file, frame.line, frame.column)!); // the helper that made the call
 * ```
 */
export function functionAround(file: string, call: Node): FunctionNode | undefined {
  return sourceIndex(file, FUNCTION_AROUND, indexFunctionsAround).get(call);
}

function indexFunctionsAround(ast: File): Map<Node, FunctionNode> {
  const around = new Map<Node, FunctionNode>();
  indexCallsIn(ast, undefined, around);
  return around;
}

/** Maps the calls under `root` to `fn`, and those under each function nested in it to that function. */
function indexCallsIn(root: Node, fn: FunctionNode | undefined, around: Map<Node, FunctionNode>): void {
  walk(root, (node) => {
    if (node !== root && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration')) {
      indexCallsIn(node, node, around);
      return false;
    }
    if (fn && (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression')) around.set(node, fn);
    return true;
  });
}
