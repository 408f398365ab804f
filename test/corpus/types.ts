/** A corpus case: one composition, the spec to deploy it with, and the status it must reach. */
import type { Composition } from '../../src/index.js';

export interface CorpusCase {
  /** What the case exercises, for reports. */
  readonly covers: readonly string[];
  readonly composition: Composition<never, unknown>;
  readonly spec: Record<string, unknown>;
  /** Status fields the instance must reach (a subset of its status). */
  readonly expectedStatus: Record<string, unknown>;
  /** Objects that must exist before the instance is deployed (external references). */
  readonly prerequisites?: readonly Record<string, unknown>[];
}

export function corpusCase<TSpec, TStatus>(
  composition: Composition<TSpec, TStatus>,
  instance: { covers: readonly string[]; spec: NoInfer<TSpec>; expectedStatus: Partial<NoInfer<TStatus>>; prerequisites?: readonly Record<string, unknown>[] },
): CorpusCase {
  return {
    covers: instance.covers,
    composition: composition as unknown as Composition<never, unknown>,
    spec: instance.spec as Record<string, unknown>,
    expectedStatus: instance.expectedStatus as Record<string, unknown>,
    ...(instance.prerequisites ? { prerequisites: instance.prerequisites } : {}),
  };
}
