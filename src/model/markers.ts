/**
 * Reference markers: a reference coerced to a string (a template literal over it) becomes a marker text that
 * names it among the definition's markers; the model later splits such strings back into literal text and
 * references (a CEL template). Also how values holding references are shown in messages.
 */
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { isExprValue } from '../ir/value.js';
import { TypeKroError } from '../util/errors.js';
import { callerLocation } from '../util/stack.js';
import { formatLocation, isInternalFile } from './call-site.js';
import { markerAt, recordMarker, withDefinitionScope } from './definition-scope.js';
import { describeRef, refOf, type RefData } from './ref-data.js';

const MARKER_PREFIX = '\u0001tkref:';
const MARKER_SUFFIX = '\u0002';
const MARKER_PATTERN = /\u0001tkref:(\d+|-)\u0002/g;

/**
 * The marker text standing for `data` in a string. Outside a definition nothing keeps it (nothing compiles
 * there, and nothing may accumulate between definitions): such a marker reads as an unknown reference.
 */
export function markerFor(data: RefData): string {
  const index = recordMarker(data);
  return `${MARKER_PREFIX}${index === undefined ? '-' : index}${MARKER_SUFFIX}`;
}

/** The reference behind marker number `index` (`-`: made outside a definition) of the definition in progress. */
function markerRef(index: string): RefData | undefined {
  return markerAt(Number(index));
}

/** True when a string carries a reference marker (it came from a template literal over references). */
export function hasMarkers(text: string): boolean {
  return text.includes(MARKER_PREFIX);
}

/**
 * Splits a string with markers into literal text and references. Asked of most values of every factory call:
 * a scan with `indexOf`, not `matchAll` (which copies its regex per call); the same markers as MARKER_PATTERN.
 */
export function splitMarkers(text: string): (string | RefData)[] {
  const parts: (string | RefData)[] = [];
  let last = 0;
  for (let at = text.indexOf(MARKER_PREFIX); at !== -1; at = text.indexOf(MARKER_PREFIX, at + 1)) {
    const start = at + MARKER_PREFIX.length;
    const end = markerEnd(text, start);
    if (end === -1) continue;
    if (at > last) parts.push(text.slice(last, at));
    const ref = markerRef(text.slice(start, end));
    if (!ref) throw new TypeKroError('INTERNAL', 'internal: unknown reference marker');
    parts.push(ref);
    last = end + MARKER_SUFFIX.length;
    at = last - 1;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Where the suffix of a marker whose index starts at `start` is (`-` or ASCII digits, then the suffix), or -1. */
function markerEnd(text: string, start: number): number {
  let end = start;
  if (text[end] === '-') end++;
  else while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return end > start && text.startsWith(MARKER_SUFFIX, end) ? end : -1;
}

/** Text with every reference marker replaced by `${path}` as the user wrote it. */
export function readableMarkers(text: string): string {
  return text.replace(MARKER_PATTERN, (_match, index: string) => {
    const ref = markerRef(index);
    return ref ? `\${${describeRef(ref)}}` : '${?}';
  });
}

/**
 * A value as it should appear in an error message: a reference as the user wrote it (`spec.name`), a
 * template literal over references as `"${spec.name}-web"`, an expression as `${cel}`; never the
 * internal marker characters references turn into when coerced to strings.
 *
 * @example describeValue(spec.name) // 'spec.name'
 */
export function describeValue(value: unknown): string {
  const ref = refOf(value);
  if (ref) return describeRef(ref);
  if (isExprValue(value)) return printAsJavaScript(value.expr);
  if (typeof value === 'string') return JSON.stringify(readableMarkers(value));
  if (typeof value === 'function') return 'a function';
  // References inside objects reach the replacer already turned into marker strings (their toJSON).
  return JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'string' ? readableMarkers(entry) : isExprValue(entry) ? printAsJavaScript(entry.expr) : entry)) ?? String(value);
}

/**
 * Runs one definition with its own scope (markers, coercions, refusals): markers made while it runs are
 * resolved before it returns (the graph holds expressions, never markers), and nothing outlives it.
 */
export function withReferenceMarkers<T>(body: () => T): T {
  return withDefinitionScope(body, nativeErrorOnReference);
}

/**
 * A built-in (Node or JavaScript) that met a reference fails with its own message, which shows the marker
 * the reference became: show the reference as the user wrote it, where, and the way out.
 */
function nativeErrorOnReference(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof TypeKroError || !hasMarkers(error.message)) return error;
  // Node describes a function argument by its `name` (`Received function <marker of spec.s.name>`); a
  // reference is a function proxy, so that read is the reference itself.
  const message = error.message.replace(/(function )?\u0001tkref:(\d+|-)\u0002/g, (_match, fn: string | undefined, index: string) => {
    const ref = markerRef(index);
    if (!ref) return 'a reference';
    if (fn && ref.path.at(-1) === 'name') return `the reference ${describeRef({ ...ref, path: ref.path.slice(0, -1) })}`;
    return `${fn ?? ''}${describeRef(ref)}`;
  });
  const where = error.stack ? callerLocation(error.stack, isInternalFile) : undefined;
  // `Buffer.from(spec.text)`: a reference is a function proxy, which Buffer.from does not take; as text it does.
  const buffer = (error as { code?: string }).code === 'ERR_INVALID_ARG_TYPE' && message.startsWith('The first argument must be of type string or an instance of Buffer');
  const received = /Received the reference (\S+)$/.exec(message)?.[1] ?? 'x';
  const hint = buffer
    ? `hand Buffer.from the reference as text, \`Buffer.from(String(${received})).toString('base64')\` (or a template literal), which TypeKro compiles to KRO's base64.encode of the UTF-8 bytes`
    : 'use a method the README\'s table "The JavaScript that compiles to CEL" lists, or Cel.expr(...)';
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${formatLocation(where)}: ${error.name}: ${message}\n  JavaScript ran on a reference there (its value exists only in the cluster), and such code cannot be compiled to CEL; ${hint}`,
    { cause: error },
  );
}
