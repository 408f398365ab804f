/**
 * TypeKro's integer rule, on top of cel-go's int64: JavaScript computes every number in float64, which holds
 * integers exactly only within ±(2^53 − 1). As long as every int an operation produces stays in that range,
 * float64 and int64 arithmetic agree exactly (for `/` also the operands: float64 rounds the quotient of
 * larger operands before JavaScript truncates it), so the compiled CEL means what the JavaScript means.
 * Beyond it they part (`4503599627370497 * 2 + 1` is 9007199254740995 in int64, 9007199254740996 in
 * JavaScript), so an int operation whose exact result leaves the range is an evaluation error.
 *
 * The rule is the engine's default (`createCelEngine()`); `createCelEngine({ integers: 'int64' })` computes
 * exactly as cel-go and KRO do (the parity tests, and kro mode's account of what KRO would write). The mode
 * is set for the length of one synchronous evaluation ({@link withIntegerMode}), since the operator
 * overloads are registered once per environment and cannot see the engine that runs them.
 */
import { celError } from './register.js';

/** How an engine computes ints: exactly (cel-go, KRO), or refusing what JavaScript would not compute. */
export type IntegerMode = 'int64' | 'javascript';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The text every refusal starts with, so a caller can tell this failure from others. */
export const UNSAFE_INTEGER = 'integer beyond JavaScript\'s safe range';

// The mode of the evaluation in progress, set by withIntegerMode and restored when it returns (as model/run.ts:active).
let current: IntegerMode = 'javascript';

/** Runs `evaluate` with `mode` in force (evaluation is synchronous: nothing else runs in between). */
export function withIntegerMode<T>(mode: IntegerMode, evaluate: () => T): T {
  const before = current;
  current = mode;
  try {
    return evaluate();
  } finally {
    current = before;
  }
}

function unsafe(value: bigint): boolean {
  return value > MAX_SAFE || value < -MAX_SAFE;
}

/**
 * `result`, the exact value of `text` (the operation with its operands, `4503599627370497 * 2`), or the
 * refusal when JavaScript's float64 would not hold it exactly. Non-ints pass through.
 */
export function safeInt<T>(result: T, text: () => string, operands: readonly unknown[] = []): T {
  if (current !== 'javascript' || typeof result !== 'bigint') return result;
  const beyond = operands.find((operand): operand is bigint => typeof operand === 'bigint' && unsafe(operand));
  if (beyond !== undefined) {
    throw celError(`${UNSAFE_INTEGER}: \`${text()}\` divides ${beyond}, beyond ±${MAX_SAFE}, where JavaScript rounds the quotient in float64 before truncating it; TypeKro refuses rather than compute a value JavaScript might not`);
  }
  if (!unsafe(result)) return result;
  const javascript = BigInt(Number(result));
  const why = javascript === result
    ? `JavaScript gets the same here, but its float64 arithmetic rounds beyond ±${MAX_SAFE} where 64-bit integers do not, so TypeKro refuses it rather than risk a value JavaScript would not compute`
    : `JavaScript computes in float64 and gets ${javascript}, so TypeKro refuses it rather than write a value JavaScript would not compute`;
  throw celError(`${UNSAFE_INTEGER}: \`${text()}\` is ${result} in 64-bit integers; ${why}`);
}

/** An operand as CEL prints it, for {@link safeInt}'s text. */
export function intText(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}
