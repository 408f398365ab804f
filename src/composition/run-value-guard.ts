/**
 * The backstop of analysis/run-values.ts while the composition function runs: reading the source finds
 * `Math.random()` written in the function and in the helpers it can follow, but not in code it cannot follow
 * (an inherited method, `this.rand()`, a getter, a class expression, a package's function; review 39), and
 * such a value would be frozen into every instance's resources. So for the run only, the clock and random
 * functions JavaScript offers refuse a call made from outside TypeKro, naming where it was made. `new Date()`
 * is left to the source check: replacing the `Date` class would break `instanceof Date` for the run.
 */
import { fileURLToPath } from 'node:url';
import { RANDOM_HINT, TIME_HINT } from '../analysis/run-values.js';
import { TypeKroError } from '../util/errors.js';

/** TypeKro's own sources (src/ or dist/): their calls (timeouts, clocks of their own) are not the user's. */
const OWN_ROOT = fileURLToPath(new URL('../', import.meta.url));

type Guarded = readonly [owner: object | undefined, key: string, shown: string, hint: string];

function guardedFunctions(): readonly Guarded[] {
  const { performance, crypto } = globalThis as { performance?: object; crypto?: object };
  return [
    [Math, 'random', 'Math.random()', RANDOM_HINT],
    [Date, 'now', 'Date.now()', TIME_HINT],
    [performance, 'now', 'performance.now()', TIME_HINT],
    [crypto, 'randomUUID', 'crypto.randomUUID()', RANDOM_HINT],
    [crypto, 'getRandomValues', 'crypto.getRandomValues()', RANDOM_HINT],
    [process, 'hrtime', 'process.hrtime()', TIME_HINT],
    [process, 'uptime', 'process.uptime()', TIME_HINT],
  ];
}

/**
 * Runs `body` (the composition function) with those functions refusing calls from outside TypeKro; each is
 * put back afterwards, however `body` ends.
 *
 * @example
 * ```ts
 * refusingRunValues(() => compose(spec, instance)); // throws if the user's code calls Math.random() on the way
 * ```
 */
export function refusingRunValues<T>(body: () => T): T {
  const saved: [Record<string, unknown>, string, unknown][] = [];
  for (const [owner, key, shown, hint] of guardedFunctions()) {
    const target = owner as Record<string, unknown> | undefined;
    const original = target?.[key];
    if (!target || typeof original !== 'function') continue;
    saved.push([target, key, original]);
    target[key] = guard(original as (...args: unknown[]) => unknown, shown, hint);
  }
  try {
    return body();
  } finally {
    for (const [target, key, original] of saved) target[key] = original;
  }
}

function guard(original: (...args: unknown[]) => unknown, shown: string, hint: string): (...args: unknown[]) => unknown {
  const guarded = function (this: unknown, ...args: unknown[]): unknown {
    const caller = callerOutsideTypeKro(guarded);
    if (caller === undefined) return original.apply(this, args);
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${caller}: \`${shown}\` was called while the composition function ran: it gives another value each time it runs, and TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either\n  hint: ${hint}`,
    );
  };
  // `process.hrtime.bigint()`: the function's own properties stay reachable.
  return Object.assign(guarded, original);
}

/** Where the call of `fn` came from (file:line:col), unless from TypeKro itself or Node's internals. */
function callerOutsideTypeKro(fn: (...args: unknown[]) => unknown): string | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    const place = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!place) continue;
    const file = place[1]!.startsWith('file://') ? fileURLToPath(place[1]!) : place[1]!;
    if (file.startsWith('node:')) continue;
    return file.startsWith(OWN_ROOT) ? undefined : `${file}:${place[2]}:${place[3]}`;
  }
  return undefined;
}
