/**
 * Locating the composition function and the call being made inside it, from the call stack.
 */
import type { ObservedValues } from '../analysis/observed-scope.js';
import type { Node } from '@babel/types';
import { enclosingContext, refuseEarlyExitCall, type EnclosingContext, type FunctionNode } from '../analysis/composition.js';
import { unwrap } from '../analysis/ast.js';
import { resolveNamedFunction, UnreadableFunctionError } from '../analysis/named-function.js';
import { findCallAt, parseSourceFile, type CallNode } from '../analysis/source.js';
import { CompositionError } from '../compile/rgd/errors.js';
import type { SourceLocation } from '../ir/graph.js';
import type { Scope } from '../analysis/scope.js';
import { firstFile, isInternalFile, lazyUserFrames, ownPath } from '../model/call-site.js';

export interface CompositionSource {
  readonly file: string;
  readonly fn: FunctionNode;
  /** The values its module-level names held when it ran (module-values.ts), for the constants the source cannot recompute. */
  readonly observed?: ObservedValues;
}

/** A call made while the composition function ran, located in its source. */
export interface CallSite {
  readonly call: CallNode;
  readonly location: SourceLocation;
  readonly context: EnclosingContext;
  /** True when the located call is the call TypeKro received (not a helper that made it). */
  readonly direct: boolean;
  /**
   * When not direct: the frames between the call TypeKro received and `call`, innermost first (the factory
   * call inside a helper, then the helper's caller if that is a helper too, ...).
   */
  readonly inner: readonly SourceLocation[];
  /** Set on a factory call inside a helper that TypeKro makes because JavaScript skipped the helper call: the call and its scope. */
  readonly made?: { readonly call: CallNode; readonly scope: Scope };
}

/** Finds the composition function passed to the `kubernetesComposition(...)` call on the stack. */
export function locateComposition(argumentIndex: number): CompositionSource | undefined {
  return locateFunctions([argumentIndex])[0];
}

/**
 * The function arguments of the TypeKro call on the stack (`toResourceGraph(def, build, status)`): written
 * inline, or passed by name (declared in the same file or imported from a local source file). TypeKro
 * compiles the function's JavaScript from its source, so a function whose source cannot be read (REPL,
 * `eval`, `new Function`, a package in node_modules, a deleted file) fails the definition: running it on
 * placeholders alone would turn conditions into constants.
 */
export function locateFunctions(argumentIndexes: readonly number[]): (CompositionSource | undefined)[] {
  // TypeKro's own compositions (the runtime bootstrap) are written for placeholders and tested as such.
  const caller = firstFile((file) => !isDefinitionMachinery(file));
  if (caller && isInternalFile(caller)) return argumentIndexes.map(() => undefined);
  const frame = firstUserFrame();
  if (!frame) throw unreadable('the call site is not in a source file (REPL, eval or new Function?)');
  let call: CallNode | undefined;
  try {
    parseSourceFile(frame.file, { fresh: true });
    call = findCallAt(frame.file, frame.line, frame.column);
  } catch (error) {
    throw unreadable(`${frame.file} cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!call) throw unreadable(`no call found at ${frame.file}:${frame.line}:${frame.column}`);
  return argumentIndexes.map((index) => functionArgument(frame.file, call, index));
}

function functionArgument(file: string, call: CallNode, index: number): CompositionSource {
  const argument = call.arguments[index];
  const node = argument ? unwrap(argument) : undefined;
  if (node && isFunction(node)) return { file, fn: node };
  const named = node && namedArgument(node);
  if (named) {
    try {
      const found = resolveNamedFunction(file, named.name, named.member);
      if (found) return found;
    } catch (error) {
      if (error instanceof UnreadableFunctionError) throw unreadable(error.message, file, call);
      throw error;
    }
    throw unreadable(`"${named.name}" is not a function declared in ${file} or imported from a local file`, file, call);
  }
  throw unreadable(`argument ${index + 1} is ${node ? `an expression (${node.type})` : 'missing'}, not a function`, file, call);
}

/** `build`, or `H.build` of a namespace import. */
function namedArgument(node: Node): { name: string; member?: string } | undefined {
  if (node.type === 'Identifier') return { name: node.name };
  if (node.type !== 'MemberExpression' || node.computed || node.object.type !== 'Identifier' || node.property.type !== 'Identifier') return undefined;
  return { name: node.object.name, member: node.property.name };
}

function unreadable(why: string, file?: string, call?: CallNode): CompositionError {
  const where = file && call?.loc ? `${file}:${call.loc.start.line}:${call.loc.start.column + 1}: ` : '';
  return new CompositionError(
    `${where}TypeKro cannot read the source of the composition function: ${why}. ` +
      'It compiles the function from its source, so write it inline, as a function declared in the same file, ' +
      'or import it by name from a local source file.',
  );
}

/** Frames of the code that defines a composition (between the user's call and this lookup). */
function isDefinitionMachinery(file: string): boolean {
  const path = ownPath(file);
  return path !== undefined && /^(composition|model|analysis|util)\/|^api\/composition\.[jt]s$/.test(path);
}

function isFunction(node: Node): node is FunctionNode {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}

/** Whether `location` (a stack frame, 1-based column) lies inside `node`. */
export function within(node: Node, location: SourceLocation): boolean {
  const loc = node.loc;
  if (!loc) return false;
  const at = [location.line, location.column - 1] as const;
  const afterStart = at[0] > loc.start.line || (at[0] === loc.start.line && at[1] >= loc.start.column);
  const beforeEnd = at[0] < loc.end.line || (at[0] === loc.end.line && at[1] <= loc.end.column);
  return afterStart && beforeEnd;
}

function firstUserFrame(): SourceLocation | undefined {
  const first = lazyUserFrames()[Symbol.iterator]().next();
  return first.done ? undefined : first.value;
}

/**
 * The factory call node that made the current resource, when it is written in the composition's source: the
 * site's own call, or the call inside a local function of the composition that the site's call ran.
 */
export function factoryCallOf(site: CallSite, source: CompositionSource): CallNode | undefined {
  if (site.direct) return site.call;
  const inner = site.inner[0];
  return inner && inner.file === source.file && within(source.fn, inner) ? findCallAt(inner.file, inner.line, inner.column) : undefined;
}

/** The call inside the composition function that led to the current TypeKro call. */
export function currentCallSite(source: CompositionSource): CallSite | undefined {
  return callSiteIn(lazyUserFrames(), source);
}

function callSiteIn(frames: Iterable<SourceLocation>, source: CompositionSource): CallSite | undefined {
  const before: SourceLocation[] = [];
  for (const frame of frames) {
    const call = frame.file === source.file && within(source.fn, frame) ? findCallAt(frame.file, frame.line, frame.column) : undefined;
    const context = call && enclosingContext(source.fn, call);
    if (call && context && !context.insideHelper) {
      if (before.length > 0) refuseEarlyExitCall(call);
      return { call, location: frame, context, direct: before.length === 0, inner: before };
    }
    before.push(frame);
  }
  return undefined;
}
