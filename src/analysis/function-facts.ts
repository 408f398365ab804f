/**
 * What the questions about one function's AST need: its calls and its `throw`s (from the file's call index, or
 * one walk over its body), and the parent of a node when asked (parent-links.ts). Kept apart from composition.ts so that modules it
 * uses (handle-methods.ts) can ask too.
 */
import type { ArrowFunctionExpression, File, FunctionDeclaration, FunctionExpression, Node } from '@babel/types';
import { walk } from './ast.js';
import { LazyParentLinks, type ParentLinks } from './parent-links.js';
import { indexedWithin, sourceIndex, SourceIndexKey, type CallNode } from './source.js';

export type { ParentLinks } from './parent-links.js';

/** The function forms a composition can be written as. */
export type FunctionNode = ArrowFunctionExpression | FunctionExpression | FunctionDeclaration;

/** What the questions below need about one function (cached per function node). */
interface FunctionFacts {
  /** Parent links of the nodes under the function (and of its parameters), found when asked. */
  readonly parents: ParentLinks;
  /** The calls and `new`s of its body, in walk order. */
  readonly calls: readonly CallNode[];
  /** The `throw` statements of its body and of the functions nested in it, in walk order. */
  readonly throws: readonly Node[];
}

/**
 * Facts by function node: derived from the immutable AST alone and weakly keyed by nodes of the parsed-file
 * cache (source.ts), so it grows with the functions of the files parsed, not with the compositions defined.
 */
const factsCache = new WeakMap<Node, FunctionFacts>();

function factsOf(fn: FunctionNode): FunctionFacts {
  const cached = factsCache.get(fn);
  if (cached) return cached;
  const facts = indexedFacts(fn) ?? walkedFacts(fn);
  factsCache.set(fn, facts);
  return facts;
}

/**
 * The facts without a walk of the body (thousands of nodes for a composition): its calls and `throw`s, and
 * the parents of their ancestors, from the file's call index (source.ts `indexedWithin`: the same nodes in the
 * same order, the walk of the file linked them). Undefined where the index may not describe this very tree:
 * nothing in it to check by, or a first call or `throw` whose ancestors do not lead to `fn.body` (a tree
 * parsed again from the same text has its own nodes).
 */
function indexedFacts(fn: FunctionNode): FunctionFacts | undefined {
  const indexed = indexedWithin(fn.body);
  const first = indexed?.calls[0] ?? indexed?.throws[0];
  if (!indexed || !first || !leadsTo(first, fn.body, indexed.links)) return undefined;
  indexed.links.set(fn.body, fn);
  return { parents: new LazyParentLinks(fn, indexed.links), calls: indexed.calls, throws: indexed.throws };
}

function leadsTo(node: Node, ancestor: Node, links: ReadonlyMap<Node, Node>): boolean {
  for (let at: Node | undefined = node; at; at = links.get(at)) if (at === ancestor) return true;
  return false;
}

function walkedFacts(fn: FunctionNode): FunctionFacts {
  const calls: CallNode[] = [];
  const throws: Node[] = [];
  const links = new Map<Node, Node>([[fn.body, fn]]);
  // The nodes from the body down to the one visited: the ancestors of each call and `throw` are linked from it.
  const path: Node[] = [];
  walk(fn.body, (node, parent) => {
    if (parent) while (path[path.length - 1] !== parent) path.pop();
    path.push(node);
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression') {
      calls.push(node);
      linkAncestors(path, links);
    } else if (node.type === 'ThrowStatement') {
      throws.push(node);
      linkAncestors(path, links);
    }
  });
  return { parents: new LazyParentLinks(fn, links), calls, throws };
}

/** Links each node of `path` (from the root down) to the one before it, up to the first already linked. */
function linkAncestors(path: readonly Node[], links: Map<Node, Node>): void {
  for (let i = path.length - 1; i > 0 && !links.has(path[i]!); i--) links.set(path[i]!, path[i - 1]!);
}

/** Parent links of the nodes under `fn` (and of its parameters). */
export function parentsOf(fn: FunctionNode): ParentLinks {
  return factsOf(fn).parents;
}

/** Every call and `new` in the function body, in source order (including calls that never ran). */
export function factoryCallsIn(fn: FunctionNode): CallNode[] {
  return [...factsOf(fn).calls];
}

/**
 * The `throw` statements of `fn` and of the functions nested in it, in source order: from the walk that
 * lists its calls (a definition asks both of the same function, whose body may hold thousands of nodes).
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
