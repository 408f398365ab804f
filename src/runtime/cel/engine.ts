/**
 * The CEL engine: @marcbachmann/cel-js configured like KRO's environment (optional types on, mixed
 * aggregate literals allowed, KRO/Kubernetes libraries registered), with KRO's pending classification.
 */
import { Environment } from '@marcbachmann/cel-js';
import { errorSummary, isPendingError } from './classify.js';
import { registerEncoders } from './library/encoders.js';
import { registerLists } from './library/lists.js';
import { registerStrings, STRING_RENAMES } from './library/strings.js';
import { CelCompileError, type CelEngine, type CelProgram, type CompileOptions, type EvalResult } from './types.js';

type Evaluate = ((variables: Record<string, unknown>) => unknown) & { ast: unknown; check(): { valid: boolean; error?: unknown } };

interface Compiled extends CelProgram {
  readonly run: Evaluate;
}

/**
 * KRO's environment: cel-go `OptionalTypes`; `HomogeneousAggregateLiterals` is *not* enabled in KRO, so
 * `[1, "a"]` is a valid `list(dyn)`.
 */
function baseEnvironment(dynVariables: boolean): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, unlistedVariablesAreDyn: dynVariables });
  registerStrings(env);
  registerLists(env);
  registerEncoders(env);
  return env;
}

/**
 * Creates an engine. Environments are cached per declared variable set, since cloning is cheap but not free.
 *
 * @example
 * ```ts
 * const cel = createCelEngine();
 * const program = cel.compile('schema.spec.replicas > 1', { variables: ['schema'] });
 * cel.evaluate(program, { schema: { spec: { replicas: 3n } } }); // { kind: 'value', value: true }
 * ```
 */
export function createCelEngine(): CelEngine {
  const open = baseEnvironment(true);
  const closedBase = baseEnvironment(false);
  const closed = new Map<string, Environment>();
  const environmentFor = (variables: readonly string[] | undefined): Environment => {
    if (!variables) return open;
    const key = [...new Set(variables)].sort().join(',');
    let env = closed.get(key);
    if (!env) {
      env = closedBase.clone();
      for (const name of key.split(',').filter(Boolean)) env.registerVariable(name, 'dyn');
      closed.set(key, env);
    }
    return env;
  };
  return {
    compile: (source: string, options: CompileOptions = {}): CelProgram => compileWith(environmentFor(options.variables), source),
    evaluate: (program: CelProgram, variables: Readonly<Record<string, unknown>>): EvalResult => evaluateProgram(program, variables),
  };
}

function compileWith(env: Environment, source: string): Compiled {
  let run: Evaluate;
  try {
    run = env.parse(source) as unknown as Evaluate;
  } catch (error) {
    throw new CelCompileError(source, errorSummary(error));
  }
  renameCalls(run.ast, STRING_RENAMES);
  const checked = run.check();
  if (!checked.valid) throw new CelCompileError(source, errorSummary(checked.error));
  return { source, run };
}

function evaluateProgram(program: CelProgram, variables: Readonly<Record<string, unknown>>): EvalResult {
  const compiled = program as Compiled;
  if (typeof compiled.run !== 'function') throw new TypeError('evaluate() needs a program from this engine');
  try {
    const value = compiled.run({ ...variables });
    if (value instanceof Promise) return { kind: 'error', message: 'asynchronous CEL functions are not supported' };
    return { kind: 'value', value };
  } catch (error) {
    const message = errorSummary(error);
    return isPendingError(error) ? { kind: 'pending', reason: message } : { kind: 'error', message };
  }
}

/**
 * Points receiver calls of built-ins cel-js implements differently (e.g. `lowerAscii`) at our cel-go
 * compatible versions. Done on the parsed AST before the first check, which is when cel-js resolves
 * overloads; the AST's argument arrays are plain mutable arrays.
 */
function renameCalls(node: unknown, renames: Readonly<Record<string, string>>): void {
  if (Array.isArray(node)) {
    for (const item of node) renameCalls(item, renames);
    return;
  }
  if (typeof node !== 'object' || node === null || !('op' in node) || !('args' in node)) return;
  const { op, args } = node as { op: string; args: unknown };
  if (op === 'rcall' && Array.isArray(args) && typeof args[0] === 'string') {
    const renamed = renames[args[0]];
    if (renamed) args[0] = renamed;
  }
  if (Array.isArray(args)) renameCalls(args, renames);
  else if (typeof args === 'object') renameCalls(args, renames);
}
