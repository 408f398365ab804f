/**
 * Regular expressions with RE2's meaning (cel-go `matches`, Kubernetes `find`/`findAll`) on JavaScript's
 * engine: the pattern is translated from RE2 syntax to an equivalent `u`-mode RegExp, and what RE2 rejects
 * (lookaround, backreferences) is rejected here too. RE2 features a translation cannot express (inline
 * flags after the start, `(?U)`, negated POSIX classes) are errors: a composition never silently gets a
 * different match. Matching is backtracking, not linear-time; patterns come from compositions, not users
 * of the cluster.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { compileRe2, Re2SyntaxError } from '../../../util/re2.js';
import { celError, registrar } from './register.js';

export function registerRegex(env: Environment): void {
  const fn = registrar(env);
  fn('string.kroMatches(string): bool', (s: string, re: string) => compile(re).test(s));
  fn('kroMatches(string, string): bool', (s: string, re: string) => compile(re).test(s));
  fn('string.find(string): string', (s: string, re: string) => findAll(s, re, 1)[0] ?? '');
  fn('string.findAll(string): list<string>', (s: string, re: string) => findAll(s, re, -1));
  fn('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => findAll(s, re, Number(n)));
}

/** Go `FindAllString(s, n)`: successive non-overlapping matches; an empty match right after a match is skipped. */
function findAll(s: string, pattern: string, limit: number): string[] {
  if (limit === 0) return [];
  const compiled = compile(pattern);
  const re = new RegExp(compiled.source, `${compiled.flags}g`);
  const out: string[] = [];
  let previousEnd = -1;
  for (let m = re.exec(s); m && (limit < 0 || out.length < limit); m = re.exec(s)) {
    const end = m.index + m[0].length;
    if (m[0] === '') {
      re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
      if (m.index === previousEnd) continue;
    }
    out.push(m[0]);
    previousEnd = end;
    if (m.index >= s.length) break;
  }
  return out;
}

/** The pattern compiled with RE2's meaning; RE2 syntax errors are CEL evaluation errors, as in cel-go. */
function compile(pattern: string): RegExp {
  try {
    return compileRe2(pattern);
  } catch (error) {
    if (error instanceof Re2SyntaxError) throw celError(error.message);
    throw error;
  }
}
