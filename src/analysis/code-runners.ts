/**
 * Global names that run code built from strings (`eval`, `Function`, and the global objects they hang
 * from). What such code computes from a reference cannot be read from the source, so JavaScript would run
 * it on placeholders and keep a constant (`eval('spec.prod ? "a" : "b"')` is always "a"). Bound as
 * `unsupported`, any value computed through them is refused where it is compiled.
 */
import type { Binding } from './scope.js';

const HINT = 'write the expression itself in the composition (TypeKro compiles it), or use Cel.expr(...) for raw CEL';

const RUNNERS: Readonly<Record<string, Binding>> = {
  eval: { kind: 'unsupported', why: '`eval` runs code TypeKro cannot read, so its result cannot be compiled to CEL', hint: HINT },
  Function: { kind: 'unsupported', why: '`Function` builds a function from a string TypeKro cannot read, so its result cannot be compiled to CEL', hint: HINT },
  globalThis: { kind: 'unsupported', why: '`globalThis` reaches `eval` and `Function`, whose code TypeKro cannot read', hint: `${HINT}; read other globals into a module constant` },
  global: { kind: 'unsupported', why: '`global` reaches `eval` and `Function`, whose code TypeKro cannot read', hint: `${HINT}; read other globals into a module constant` },
};

/**
 * The binding of a global name that runs code from strings, or undefined for every other name.
 *
 * @example
 * ```ts
 * codeRunner('eval')?.kind; // 'unsupported'
 * codeRunner('Math');       // undefined
 * ```
 */
export function codeRunner(name: string): Binding | undefined {
  return Object.hasOwn(RUNNERS, name) ? RUNNERS[name] : undefined;
}
