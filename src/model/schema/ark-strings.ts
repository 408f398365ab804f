/**
 * arktype's string types → schema IR: a string's pattern (as RE2) with the highest character it admits, its
 * length bounds, and a union of regexes and literals (`string.uuid`, `string.ip`) as one pattern. Split from
 * arktype.ts, which maps every other node and calls these for strings.
 */
import type { SchemaMarkers, SchemaNode } from '../../ir/schema.js';
import { isPlainObject } from '../../util/json.js';
import { highestOf } from '../../util/highest-char.js';
import { type ArkObject, type Pattern, boundOf, domainOf, expand, patternsOf, unknownKeys } from './ark-json.js';
import { SchemaError } from './errors.js';
import { patternAlphabet, toRe2 } from './pattern.js';

/** A constraint arktype may add that SimpleSchema cannot hold: refused, never dropped (every mapper's first check). */
export function rejectUnknown(node: ArkObject, path: string, known: readonly string[]): void {
  const extra = unknownKeys(node, known);
  if (extra.length > 0) {
    throw new SchemaError(path, `the arktype constraint ${extra.map((k) => `"${k}"`).join(', ')} has no SimpleSchema equivalent; remove it or express it as a bound, regex or enum`);
  }
}

/**
 * A regex the API server cannot run. arktype's keywords (`string.date.iso`, `string.integer`) carry their
 * description: name it, since the user never wrote that regex.
 */
function regexProblem(pattern: Pattern, reason: string): string {
  if (pattern.description === undefined) return `the regex /${pattern.source}/${pattern.flags} ${reason}; rewrite it without that feature`;
  return (
    `is "${pattern.description}" (an arktype keyword), whose regex ${reason} (the API server's regex engine); ` +
    "declare it 'string' with a regex of your own (/^...$/ without that feature), or 'string' and check it in the composition"
  );
}

/** A string node: at most one regex, which the API server must be able to run, and length bounds. */
export function mapString(node: ArkObject, path: string, base: SchemaMarkers): SchemaNode {
  rejectUnknown(node, path, ['domain', 'meta', 'minLength', 'maxLength', 'exactLength', 'pattern']);
  const patterns = patternsOf(node['pattern']);
  if (patterns.length > 1) throw new SchemaError(path, 'has several regex constraints; SimpleSchema takes one pattern, combine them into one regex');
  const markers: { -readonly [K in keyof SchemaMarkers]: SchemaMarkers[K] } = { ...base, ...lengths(node, path, 'Length') };
  const [first] = patterns;
  if (first) {
    const re2 = toRe2(first);
    if (!re2.ok) throw new SchemaError(path, regexProblem(first, re2.reason));
    markers.pattern = re2.pattern;
    const highest = patternAlphabet(first);
    if (highest < 0x10ffff) markers.highestChar = highest;
  }
  return { kind: 'string', markers };
}

/** `minLength`/`maxLength`/`exactLength` (arktype uses *Length for strings and arrays alike). */
export function lengths(node: ArkObject, path: string, suffix: 'Length' | 'Items'): SchemaMarkers {
  const min = boundOf(node['minLength']) ?? boundOf(node['exactLength']);
  const max = boundOf(node['maxLength']) ?? boundOf(node['exactLength']);
  // arktype writes `> n` on lengths as minLength n+1 already; exclusive never appears here, but be safe.
  if (min?.exclusive || max?.exclusive) throw new SchemaError(path, 'exclusive length bounds are not supported; use >= and <=');
  return {
    ...(min ? { [`min${suffix}`]: min.value } : {}),
    ...(max ? { [`max${suffix}`]: max.value } : {}),
  };
}

/**
 * A union of strings each matching a regex or equal to a literal: arktype's `string.uuid` (a regex plus the
 * nil and max UUIDs) and `string.ip` (an IPv4 or an IPv6 regex) are such unions. One regex says the same:
 * the alternation of the branches' regexes and of the anchored, escaped literals. Undefined when a branch is
 * anything else (a length bound, a number), so the caller refuses the union.
 */
export function stringAlternatives(branches: readonly unknown[], path: string, markers: SchemaMarkers): SchemaNode | undefined {
  const alternatives: string[] = [];
  let regexes = 0;
  // The highest character any branch admits (a literal's own, a regex's from patternAlphabet).
  let highest = 0;
  for (const raw of branches) {
    const branch = expand(raw);
    if (!isPlainObject(branch)) return undefined;
    if ('unit' in branch) {
      if (typeof branch['unit'] !== 'string') return undefined;
      alternatives.push(`^${escapeRegex(branch['unit'])}$`);
      highest = Math.max(highest, highestOf(branch['unit']));
      continue;
    }
    if (domainOf(branch) !== 'string' || unknownKeys(branch, ['domain', 'meta', 'pattern']).length > 0) return undefined;
    const patterns = patternsOf(branch['pattern']);
    if (patterns.length !== 1) return undefined;
    const re2 = toRe2(patterns[0]!);
    if (!re2.ok) throw new SchemaError(path, regexProblem(patterns[0]!, re2.reason));
    alternatives.push(re2.pattern);
    highest = Math.max(highest, patternAlphabet(patterns[0]!));
    regexes++;
  }
  if (regexes === 0) return undefined; // literals only: an enum
  const pattern = alternatives.map((a) => `(?:${a})`).join('|');
  return { kind: 'string', markers: { ...markers, pattern, ...(highest < 0x10ffff && { highestChar: highest }) } };
}

/** A literal as a regex (RE2 and JavaScript escape the same punctuation with a backslash). */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

