/**
 * Calls of the user's own functions (helpers): the body is inlined where it is called, compiled in the
 * helper's scope with the parameters bound to the arguments. A helper that calls itself is refused.
 */
import type { Node } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import type { CelType } from '../ir/types.js';
import { functionAlias, withCallerMade, type Binding, type FunctionLike, type Scope } from './scope.js';
import { codeRunner } from './code-runners.js';
import { returnedExpression } from './literal-reads.js';
import { functionScope } from './local-scope.js';
import { bindParams } from './pattern-bindings.js';
import { resolveModuleName } from './modules.js';
import { unwrap } from './ast.js';
import { locationOf } from './source.js';
import { returnedChoice } from './statement-hints.js';
import { CompositionSyntaxError, HINT, syntaxError } from './errors.js';
import type { Compiler, Typed } from './typed.js';
import { atCall } from './absent-spec.js';
import type { Call } from './call-arguments.js';

/** A call of a name the scope binds: a helper is inlined; anything else cannot run in CEL. */
export function helperCall(node: Call, name: string, bound: Binding | undefined, args: readonly Node[], scope: Scope, c: Compiler, expect?: CelType): Typed {
  const binding = functionAlias(bound) ?? bound;
  if (binding?.kind === 'function') {
    // Inlining a helper already being inlined here would never end: CEL has no recursion.
    if (scope.lookup(inliningName(binding.fn))) throw recursionRefusal(node, name);
    const own = helperScope(binding.fn, binding.scope, scope);
    const parent = withCallerMade(own, scope, node);
    // The body is compiled where it is called: the guards there hold in it, and the items there are what they are.
    const body = atCall(functionScope(binding.fn, parent, () => false, bindParams(binding.fn, args, scope, own)), scope);
    try {
      return c.value(inlinedBody(node, name, binding.fn), body, expect);
    } catch (error) {
      throw withCallSite(error, node, name);
    }
  }
  // A local import TypeKro could not follow says why; `eval` and its like keep the general message.
  if (binding?.kind === 'unsupported' && !codeRunner(name)) throw syntaxError(node, `\`${name}(...)\` cannot be compiled: ${binding.why}`, binding.hint);
  // A function a generator was given (observed-scope.ts): its code is not read.
  if (binding?.kind === 'opaque' && binding.unreadableFunction) throw syntaxError(node, `\`${name}(...)\` cannot be compiled: ${binding.why}`, binding.hint ?? HINT.expr);
  throw syntaxError(node, `\`${name}(...)\` is a JavaScript function; it cannot run in CEL`, closureHint(bound) ?? HINT.expr);
}

/**
 * A refusal inside a helper's body names the body's line; a helper called from several places (or imported by
 * several compositions) leaves the user asking which call: each inlining call adds its own place, innermost first.
 */
export function withCallSite(error: unknown, node: Call, name: string): unknown {
  if (!(error instanceof CompositionSyntaxError)) return error;
  const call = locationOf(node);
  if (!call || !error.location || inside(error.location, node)) return error;
  const line = `\n  in \`${name}(...)\` called at ${call.file}:${call.line}:${call.column}`;
  return new CompositionSyntaxError(`${error.message}${line}`, error.location, error.construct, error.hint);
}

/** True when `at` lies in the source of `node` (a refusal of the call itself, or of its arguments). */
function inside(at: SourceLocation, node: Node): boolean {
  const { loc } = node;
  if (!loc || at.file !== loc.filename) return false;
  const after = (line: number, column: number): boolean => at.line > line || (at.line === line && at.column >= column);
  return after(loc.start.line, loc.start.column + 1) && !after(loc.end.line, loc.end.column + 1);
}

/**
 * `const lab = label('team'); lab(spec.name)`: TypeKro inlines a helper declared by name, not the function a
 * call returned (a closure): the way out is to call the helper directly with every value.
 */
function closureHint(bound: Binding | undefined): string | undefined {
  if (bound?.kind !== 'alias') return undefined;
  const init = unwrap(bound.node);
  if (init.type !== 'CallExpression') return undefined;
  const maker = init.callee.type === 'Identifier' ? `\`${init.callee.name}\`` : 'the helper';
  return `call a helper directly instead of the function ${maker} returns: a function or const arrow declared by name whose body is one expression, given every value in one call (e.g. \`${init.callee.type === 'Identifier' ? init.callee.name : 'helper'}(a, b)\` returning the value, not an arrow); or write the CEL yourself with Cel.expr(...)`;
}

/** How a helper's scope hands TypeKro's `Cel` on to the helpers it calls (not a JavaScript name). */
const CEL_HOST = '#Cel';

/**
 * The name under which the scope of a helper's body answers while that helper is being inlined (not a
 * JavaScript name): the helpers being inlined at a call are the chain of these names its scope answers, each
 * level handing the others on from its caller, as `#Cel` is. Carried by the scopes, so two compilations never share it.
 */
function inliningName(fn: FunctionLike): string {
  return `#inlining@${fn.loc?.filename ?? ''}:${fn.start ?? -1}:${fn.end ?? -1}`;
}

const BEING_INLINED: Binding = { kind: 'constant', value: true };

/**
 * The scope a helper's body sees: its module's names (`parent`), and from the caller the helpers being
 * inlined around it (this one added) and TypeKro's `Cel`: a name the helper's file imports from TypeKro as
 * `Cel` (or `cel`) is the CEL escape hatch the composition compiles (`Cel.cond(n > 3, ...)` in a helper is
 * compiled like in the composition, not run on placeholders). The binding comes from the caller, because
 * printing CEL belongs to a layer above this one.
 */
function helperScope(fn: FunctionLike, parent: Scope, caller: Scope): Scope {
  const host = caller.lookup(CEL_HOST) ?? caller.lookup('Cel');
  const own = inliningName(fn);
  const file = fn.loc?.filename;
  const cel = host?.kind === 'cel' ? host : undefined;
  return {
    lookup(name, at) {
      if (name === own) return BEING_INLINED;
      if (name.startsWith('#inlining@')) return caller.lookup(name, at);
      if (name === CEL_HOST) return cel;
      const found = parent.lookup(name, at);
      if (found !== undefined || !cel || !file) return found;
      const target = importTarget(file, name);
      return target?.kind === 'package' && target.typekro && (target.imported === 'Cel' || target.imported === 'cel') ? cel : undefined;
    },
  };
}

function importTarget(file: string, name: string): ReturnType<typeof resolveModuleName> {
  try {
    return resolveModuleName(file, name);
  } catch {
    // An import that cannot be followed is reported by the module scope, where the name is used.
    return undefined;
  }
}

/** The refusal of a helper that calls itself, at the call `node` of `name`: also for one JavaScript recursed into on a placeholder. */
export function recursionRefusal(node: Node, name: string): Error {
  return syntaxError(node, `\`${name}(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion`, 'compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)');
}

function inlinedBody(call: Call, name: string, fn: FunctionLike): Node {
  const body = returnedExpression(fn);
  if (body) return body;
  // The function and where it is written: the call alone leaves the user looking for it (trial 17).
  const at = locationOf(fn);
  const choice = returnedChoice(fn);
  throw syntaxError(
    call,
    `\`${name}\` (declared at ${at ? `${at.file}:${at.line}:${at.column}` : 'its source'}): this function computes its result with statements; TypeKro compiles functions that return one expression`,
    choice
      ? `make its body one return of the same choice: \`${choice}\` (or write it as \`(...) => expression\`), or use Cel.expr(...)`
      : 'write the function as `(...) => expression` (const declarations before one return are fine), or use Cel.expr(...)',
  );
}
