/**
 * The functions and methods around a composition function, outermost first, and the names declared more than
 * once in them: the scopes local-scope.ts builds a composition's names from.
 */
import type { ClassMethod, ClassPrivateMethod, Node, ObjectMethod } from '@babel/types';
import { isFunctionNode, patternNames, walk } from './ast.js';
import { declarationsOf } from './declarations.js';
import type { FunctionLike } from './scope.js';

/**
 * The names declared more than once in `roots` (a parameter, a declaration in any block, a `catch` clause's):
 * the value the running function holds under such a name may be another declaration's than the one read.
 */
export function repeatedNames(roots: readonly Node[]): Set<string> {
  const count = new Map<string, number>();
  const add = (name: string, times = 1): void => void count.set(name, (count.get(name) ?? 0) + times);
  for (const root of roots) {
    if (root.type !== 'Program') for (const param of (root as Enclosing).params) for (const name of patternNames(param)) add(name);
    const declarations = declarationsOf(root.type === 'Program' ? root : (root as Enclosing).body);
    for (const [name, all] of declarations.names) add(name, all.length);
    for (const name of declarations.catches.keys()) add(name, 2);
  }
  return new Set([...count].filter(([, times]) => times > 1).map(([name]) => name));
}

/** A function or method a composition is written in: a generator may be a method (`class Services { make(image) {...} }`). */
export type Enclosing = FunctionLike | ObjectMethod | ClassMethod | ClassPrivateMethod;

/** The functions and methods of `program` around `fn`, outermost first: their names are the composition's too. */
export function enclosingBodies(program: Node, fn: Node): Enclosing[] {
  return chainAround(program, fn, (node): node is Enclosing => isFunctionNode(node) || node.type === 'ClassPrivateMethod');
}

/** The functions of `program` that contain `node`, outermost first (`node` itself excluded). */
export function enclosingFunctions(program: Node, fn: Node): FunctionLike[] {
  return chainAround(program, fn, (node): node is FunctionLike => node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration');
}

/** The nodes of `program` that `keep` picks among those whose span holds `fn`'s, outermost first (`fn` excluded). */
function chainAround<T extends Node>(program: Node, fn: Node, keep: (node: Node) => node is T): T[] {
  const chain: T[] = [];
  walk(program, (node) => {
    if (node === fn) return false;
    if ((node.start ?? 0) > (fn.start ?? 0) || (node.end ?? 0) < (fn.end ?? 0)) return false;
    if (keep(node)) chain.push(node);
    return true;
  });
  return chain;
}
