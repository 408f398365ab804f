/**
 * Where a concrete run learns that code built a value from an absent field (a placeholder became text or a
 * number, was called or iterated): the run in progress notes the place; a callback run after the function
 * (`withReadyWhen`) is judged pending instead.
 */
import { currentRun } from '../model/run.js';

/**
 * Tells the run in progress that the code built a value from an absent field here (a placeholder became
 * text or a number, was called or iterated): the status fields and factory arguments computed at this place
 * are pending (concrete-reads.ts), as the CEL is. True when a place in the composition function's own code
 * was noted (not a factory's code, not a callback run after the function).
 */
export function noteAbsentUse(): boolean {
  const run = currentRun() as { noteAbsentUse?: () => boolean } | undefined;
  if (!run && judged) judged.uses++;
  return run?.noteAbsentUse?.() ?? false;
}

/** The uses counted while {@link judgedCallback} runs a callback after the function (no run is active then). */
let judged: { uses: number } | undefined;

/**
 * Runs a callback after the composition's function (a `withReadyWhen` callback on the observed object):
 * its answer, or `undefined` when it built a value from an absent field (text, a number, a call, an
 * iteration): the compiled CEL fails on that read, so the answer is pending, whatever JavaScript went on
 * to compute (`` `${self.status.x}`.length < 3 `` is true in JavaScript).
 * @example judgedCallback(() => String(self.status.readyReplicas).length < 3); // undefined when readyReplicas is absent
 */
export function judgedCallback(callback: () => unknown): unknown {
  const outer = judged;
  judged = { uses: 0 };
  try {
    const value = callback();
    return judged.uses > 0 ? undefined : value;
  } finally {
    judged = outer;
  }
}

/** Tells the run a value was built here from a field of a resource not observed; true when pending by its place (concrete-run.ts `notePendingUse`). */
export function notePendingUse(): boolean {
  return (currentRun() as { notePendingUse?: () => boolean } | undefined)?.notePendingUse?.() ?? false;
}
