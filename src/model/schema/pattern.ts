/**
 * JavaScript regexes become OpenAPI `pattern`s, which the API server and KRO compile with Go's RE2.
 * RE2 has no lookaround or backreferences, and spells some escapes differently; reject those here,
 * with the field path, instead of letting the RGD fail inside the cluster.
 */
import type { Pattern } from './ark-json.js';

const UNSUPPORTED: readonly { readonly re: RegExp; readonly what: string }[] = [
  { re: /\(\?<?[=!]/, what: 'lookahead/lookbehind assertions' },
  { re: /\\[1-9]|\\k</, what: 'backreferences' },
  { re: /\\u[0-9a-fA-F{]/, what: '\\u escapes (RE2 writes \\x{hhhh})' },
  { re: /\\c[A-Za-z]/, what: '\\c control escapes' },
];

/** JS flags RE2 can express inline; `u` changes nothing RE2 does not already do. */
const INLINE_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '' };

/**
 * One RE2 pattern text for a JS regex, or a reason it has none.
 *
 * @example
 * ```ts
 * toRe2({ source: '^a+$', flags: 'i' }); // { ok: true, pattern: '(?i)^a+$' }
 * ```
 */
export function toRe2(pattern: Pattern): { ok: true; pattern: string } | { ok: false; reason: string } {
  const unsupported = UNSUPPORTED.find((u) => u.re.test(stripClasses(pattern.source)));
  if (unsupported) return { ok: false, reason: `uses ${unsupported.what}, which Go's RE2 does not support` };
  let inline = '';
  for (const flag of pattern.flags) {
    const mapped = INLINE_FLAGS[flag];
    if (mapped === undefined) return { ok: false, reason: `uses the regex flag "${flag}", which RE2 cannot express` };
    inline += mapped;
  }
  return { ok: true, pattern: inline ? `(?${inline})${pattern.source}` : pattern.source };
}

/** Drops escaped characters so `\\(?=` in a literal does not look like a lookahead. */
function stripClasses(source: string): string {
  return source.replace(/\\\\/g, '');
}
