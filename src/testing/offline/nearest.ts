/** "Did you mean" for a mistyped resource id: the closest id by edit distance, or one the typo starts. */
import { distance } from 'fastest-levenshtein';

/** ` (did you mean "web"?)`, or '' when no id is close. */
export function didYouMean(id: string, ids: readonly string[]): string {
  const close = (candidate: string): boolean => distance(id, candidate) <= Math.max(2, Math.floor(id.length / 3)) || candidate.startsWith(id) || id.startsWith(candidate);
  const best = ids.filter(close).sort((a, b) => distance(id, a) - distance(id, b))[0];
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
