/**
 * Locating the composition function and the call being made inside it, from the call stack.
 */
import type { Node } from '@babel/types';
import { enclosingContext, type EnclosingContext, type FunctionNode } from '../analysis/composition.js';
import { findCallAt, parseSourceFile, type CallNode } from '../analysis/source.js';
import type { SourceLocation } from '../ir/graph.js';
import { userFrames } from '../model/call-site.js';

export interface CompositionSource {
  readonly file: string;
  readonly fn: FunctionNode;
}

/** A call made while the composition function ran, located in its source. */
export interface CallSite {
  readonly call: CallNode;
  readonly location: SourceLocation;
  readonly context: EnclosingContext;
  /** True when the located call is the call TypeKro received (not a helper that made it). */
  readonly direct: boolean;
}

/** Finds the composition function passed to the `kubernetesComposition(...)` call on the stack. */
export function locateComposition(argumentIndex: number): CompositionSource | undefined {
  return locateFunctions([argumentIndex])[0];
}

/**
 * The function arguments of the TypeKro call on the stack (`toResourceGraph(def, build, status)`). Without
 * readable source (REPL, eval, a deleted file) they are undefined and only run-time values are used.
 */
export function locateFunctions(argumentIndexes: readonly number[]): (CompositionSource | undefined)[] {
  const [frame] = userFrames();
  let call: CallNode | undefined;
  try {
    if (frame) {
      parseSourceFile(frame.file);
      call = findCallAt(frame.file, frame.line, frame.column);
    }
  } catch {
    call = undefined;
  }
  return argumentIndexes.map((index) => {
    const fn = call?.arguments[index];
    return frame && fn && isFunction(fn) ? { file: frame.file, fn } : undefined;
  });
}

function isFunction(node: Node): node is FunctionNode {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

function within(node: Node, location: SourceLocation): boolean {
  const loc = node.loc;
  if (!loc) return false;
  const at = [location.line, location.column - 1] as const;
  const afterStart = at[0] > loc.start.line || (at[0] === loc.start.line && at[1] >= loc.start.column);
  const beforeEnd = at[0] < loc.end.line || (at[0] === loc.end.line && at[1] <= loc.end.column);
  return afterStart && beforeEnd;
}

/** The call inside the composition function that led to the current TypeKro call. */
export function currentCallSite(source: CompositionSource): CallSite | undefined {
  const frames = userFrames();
  const inside = frames.filter((frame) => frame.file === source.file && within(source.fn, frame));
  for (const frame of inside) {
    const call = findCallAt(frame.file, frame.line, frame.column);
    if (!call) continue;
    const context = enclosingContext(source.fn, call);
    if (context.insideHelper) continue;
    return { call, location: frame, context, direct: frame === frames[0] };
  }
  return undefined;
}
