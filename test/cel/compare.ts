/**
 * When do two answers agree? Same class (value / pending / error); for values also the same CEL type and
 * the same Go-native value, ints and doubles kept apart. Error messages are not compared: only KRO's
 * classification of them matters to a composition.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Answer, Divergence, TaggedJson, Vector, VectorFile } from './vectors.js';

export function answersAgree(ours: Answer, oracle: Answer): boolean {
  if (ours.class !== oracle.class) return false;
  if (oracle.class !== 'value') return true;
  if (ours.type !== oracle.type) return false;
  if (oracle.unstable) return isDeepStrictEqual(canonicalList(ours.value), canonicalList(oracle.value));
  return isDeepStrictEqual(ours.value, oracle.value);
}

/** A list whose order depends on Go map iteration is compared as a multiset. */
function canonicalList(value: TaggedJson | undefined): unknown {
  return Array.isArray(value) ? value.map((item) => JSON.stringify(item)).sort() : value;
}

export interface ParityReport {
  readonly total: number;
  /** Per suite: vectors and agreements. */
  readonly suites: ReadonlyMap<string, { total: number; agree: number }>;
  /** Disagreements not listed in known-divergences.json. */
  readonly unlisted: readonly { vector: Vector; ours: Answer; oracle: Answer }[];
  /** Listed ids that now agree (the list must shrink with them). */
  readonly nowAgree: readonly string[];
  /** Listed ids with no vector. */
  readonly unknownIds: readonly string[];
  /** Vectors without a recorded oracle answer (regenerate the answers). */
  readonly unanswered: readonly string[];
}

export function compareAll(
  files: readonly VectorFile[],
  oracle: ReadonlyMap<string, Answer>,
  divergences: readonly Divergence[],
  answer: (vector: Vector) => Answer,
): ParityReport {
  const listed = new Set(divergences.flatMap((d) => d.ids));
  const suites = new Map<string, { total: number; agree: number }>();
  const unlisted: { vector: Vector; ours: Answer; oracle: Answer }[] = [];
  const nowAgree: string[] = [];
  const unanswered: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const file of files) {
    const counts = { total: 0, agree: 0 };
    suites.set(file.suite, counts);
    for (const vector of file.vectors) {
      seen.add(vector.id);
      const expected = oracle.get(vector.id);
      if (!expected) {
        unanswered.push(vector.id);
        continue;
      }
      total++;
      counts.total++;
      const ours = answer(vector);
      const agree = answersAgree(ours, expected);
      if (agree) counts.agree++;
      if (agree && listed.has(vector.id)) nowAgree.push(vector.id);
      if (!agree && !listed.has(vector.id)) unlisted.push({ vector, ours, oracle: expected });
    }
  }
  const unknownIds = [...listed].filter((id) => !seen.has(id));
  return { total, suites, unlisted, nowAgree, unknownIds, unanswered };
}
