/**
 * The CEL engine: @marcbachmann/cel-js configured like KRO's environment (optional types on, mixed
 * aggregate literals allowed, the cel-go ext, Kubernetes and kro libraries registered), every program
 * rewritten onto our cel-go compatible functions (`rewrite.ts`), results classified as KRO does. How close
 * this is to cel-go is measured by test/cel/parity.test.ts (README.md).
 */
import { Environment } from '@marcbachmann/cel-js';
import { errorSummary, isPendingError } from './classify.js';
import { dynAwareCallCheck, type CheckFn } from './dyn-calls.js';
import { registerComprehensions } from './library/comprehensions.js';
import { registerEncoders } from './library/encoders.js';
import { registerKro } from './library/kro.js';
import { registerLists } from './library/lists.js';
import { registerMaps } from './library/maps.js';
import { registerNumbers } from './library/numbers.js';
import { registerNetwork } from './library/network.js';
import { registerQuantity } from './library/quantity.js';
import { registerRegex } from './library/regex.js';
import { RULES } from './library/rules.js';
import { registerSemver } from './library/semver.js';
import { registerStrings } from './library/strings.js';
import { registerTime } from './library/time.js';
import { registerUrl } from './library/url.js';
import { withIntegerMode, type IntegerMode } from './library/int-range.js';
import { publicName, rewriteAst, RewriteError, type AstNode, type AstOps } from './rewrite.js';
import { CelCompileError, type CelDeclarations, type CelEngine, type CelProgram, type CompileOptions, type EvalResult } from './types.js';
import { TypeKroError } from '../../util/errors.js';

type Evaluate = ((variables: Record<string, unknown>) => unknown) & { ast: AstNode; check(): { valid: boolean; error?: unknown; type?: unknown } };

interface Compiled extends CelProgram {
  readonly run: Evaluate;
}

/**
 * KRO's environment: cel-go `OptionalTypes`; `HomogeneousAggregateLiterals` is *not* enabled in KRO, so
 * `[1, "a"]` is a valid `list(dyn)`.
 */
function baseEnvironment(dynVariables: boolean): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, unlistedVariablesAreDyn: dynVariables });
  registerNumbers(env);
  registerTime(env);
  registerStrings(env);
  registerRegex(env);
  registerLists(env);
  registerEncoders(env);
  registerMaps(env);
  registerKro(env);
  registerQuantity(env);
  registerNetwork(env);
  registerSemver(env);
  registerUrl(env);
  registerComprehensions(env);
  return env;
}

/** Node descriptors for the AST rewrites, taken from parsed samples of a call and a literal. */
function astOps(env: Environment): AstOps {
  const descriptor = (source: string, name: string) => {
    const { meta } = (env.parse(source) as unknown as Evaluate).ast;
    return { name, check: meta.check, evaluate: meta.evaluate };
  };
  const call = descriptor('f(x)', 'call');
  // Operators rewritten into calls (`-x` → `kroNeg(x)`) are typed over dyn operands as cel-go types them.
  return { call: { ...call, check: dynAwareCallCheck(call.check as CheckFn) }, value: descriptor('"x"', 'value') };
}

/** How an engine computes ints. */
export interface CelEngineOptions {
  /**
   * `'javascript'` (the default, what TypeKro deploys with): an int operation whose exact result leaves
   * JavaScript's safe integer range is an error (library/int-range.ts). `'int64'`: exact, as cel-go and KRO.
   */
  readonly integers?: IntegerMode;
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
export function createCelEngine(options: CelEngineOptions = {}): CelEngine {
  const integers = options.integers ?? 'javascript';
  const open = baseEnvironment(true);
  const closedBase = baseEnvironment(false);
  const ops = astOps(open);
  const closed = new Map<string, Environment>();
  // The same list again (a caller's list per owner) skips the key: sorting and joining every resource id per
  // program was most of the compile garbage of a large graph.
  const byList = new WeakMap<readonly string[], Environment>();
  const environmentFor = (source: string, variables: readonly string[] | undefined): Environment => {
    if (!variables) return open;
    const known = byList.get(variables);
    if (known) return known;
    // `runtime` is kro's own variable (status conditions); KRO reserves it as a resource id.
    if (variables.includes('runtime')) throw new CelCompileError(source, "'runtime' is reserved by KRO and cannot name a variable");
    const key = [...new Set(variables)].sort().join(',');
    let env = closed.get(key);
    if (!env) {
      env = closedBase.clone();
      for (const name of key.split(',').filter(Boolean)) env.registerVariable(name, 'dyn');
      closed.set(key, env);
    }
    byList.set(variables, env);
    return env;
  };
  // One typed environment per declarations object and variable list (a graph's, for its whole life).
  const typed = new WeakMap<CelDeclarations, WeakMap<readonly string[], Environment>>();
  const typedFor = (declarations: CelDeclarations, variables: readonly string[]): Environment => {
    const byVariables = typed.get(declarations) ?? new WeakMap<readonly string[], Environment>();
    typed.set(declarations, byVariables);
    let env = byVariables.get(variables);
    if (!env) {
      env = closedBase.clone();
      for (const [name, fields] of Object.entries(declarations.structs)) env.registerType(name, { fields: { ...fields } });
      for (const name of new Set(variables)) env.registerVariable(name, declarations.variables[name] ?? 'dyn');
      byVariables.set(variables, env);
    }
    return env;
  };
  return {
    compile: (source: string, options: CompileOptions = {}): CelProgram => compileWith(environmentFor(source, options.variables), ops, source),
    evaluate: (program: CelProgram, variables: Readonly<Record<string, unknown>>): EvalResult => withIntegerMode(integers, () => evaluateProgram(program, variables)),
    resultType(source: string, declarations: CelDeclarations, variables: readonly string[]): string | undefined {
      let env: Environment;
      try {
        env = typedFor(declarations, variables);
      } catch {
        // A schema cel-js cannot declare (a field name it refuses): no static type, as with `dyn`.
        return undefined;
      }
      return checkedType(env, ops, source);
    },
  };
}

/** The type cel-js's checker gives `source` (rewritten as for evaluation), or undefined when it does not check. */
function checkedType(env: Environment, ops: AstOps, source: string): string | undefined {
  try {
    const run = env.parse(source) as unknown as Evaluate;
    rewriteAst(run.ast, RULES, ops);
    const checked = run.check();
    return checked.valid && checked.type !== undefined ? String(checked.type) : undefined;
  } catch {
    return undefined;
  }
}

function compileWith(env: Environment, ops: AstOps, source: string): Compiled {
  let run: Evaluate;
  try {
    run = env.parse(source) as unknown as Evaluate;
    rewriteAst(run.ast, RULES, ops);
  } catch (error) {
    throw new CelCompileError(source, message(error));
  }
  const checked = run.check();
  if (!checked.valid) throw new CelCompileError(source, message(checked.error));
  return { source, run };
}

/** An engine error's short text, with our internal function names turned back into CEL's. */
function message(error: unknown): string {
  return publicName(error instanceof RewriteError ? error.message : errorSummary(error), RULES);
}

function evaluateProgram(program: CelProgram, variables: Readonly<Record<string, unknown>>): EvalResult {
  const compiled = program as Compiled;
  if (typeof compiled.run !== 'function') throw new TypeKroError('INTERNAL', 'evaluate() needs a program from this engine');
  try {
    const value = compiled.run({ ...variables });
    if (value instanceof Promise) return { kind: 'error', message: 'asynchronous CEL functions are not supported' };
    return { kind: 'value', value };
  } catch (error) {
    const text = message(error);
    return isPendingError(error) ? { kind: 'pending', reason: text } : { kind: 'error', message: text };
  }
}
