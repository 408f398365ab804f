/**
 * The text of an object as it is sent to the API server, meaning exactly the object.
 *
 * Server-side apply has no JSON content type: the body is `application/apply-patch+yaml`, and the API
 * server reads it with go-yaml's YAML 1.1 rules. JSON is YAML, but `JSON.stringify` writes most characters
 * as they are, and YAML 1.1 gives some of them another meaning: U+0085, U+2028 and U+2029 are line breaks,
 * so inside a quoted string they are folded into a space together with the blanks around them (seen on
 * the local control plane: "a\u0085b" was stored as "a b"), and U+007F, U+0080-U+009F, U+FFFE and U+FFFF
 * are refused ("control characters are not allowed"). Written as `\uXXXX` escapes they are plain content
 * for both JSON and YAML. A lone UTF-16 surrogate has no UTF-8 form: go-yaml refuses its escape and the
 * JSON path (create) silently stores U+FFFD, so it is refused here, with its field, before anything is sent.
 */
import { YAML11_HAZARD_ALL } from '../../util/yaml11.js';
import { describeRef, KubeApiError, type ObjectRef } from './errors.js';

/** What `JSON.stringify` writes for a lone surrogate (it writes every other surrogate as its pair). */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/;

/**
 * The JSON text of `object` with every character that YAML 1.1 reads differently written as a `\uXXXX`
 * escape: the same value for a JSON reader and for the API server's YAML reader.
 *
 * @example
 * ```ts
 * wireJson({ data: { v: 'a\u0085b' } }, ref); // '{"data":{"v":"a\\u0085b"}}'
 * ```
 */
export function wireJson(object: unknown, ref: ObjectRef, verb: string): string {
  const json = JSON.stringify(object);
  // The escape is a cheap first test; text that only spells one (`"\\ud83d"` in a string) is no surrogate.
  if (LONE_SURROGATE_ESCAPE.test(json)) {
    const found = loneSurrogate(object, '');
    if (found) refuseLoneSurrogate(found, ref, verb);
  }
  return json.replace(YAML11_HAZARD_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function refuseLoneSurrogate(found: { path: string; index: number; unit: string }, ref: ObjectRef, verb: string): never {
  const where = `${found.path || 'a key'} holds a lone UTF-16 surrogate (\\u${found.unit} at index ${found.index})`;
  throw new KubeApiError(
    `${verb} ${describeRef(ref)}: ${where}, which has no UTF-8 form: the API server would refuse it or store U+FFFD instead. ` +
      'Build the string from whole characters (Array.from(s), codePointAt, a regex with the u flag), not from UTF-16 units (slice, charAt, split(\'\'))',
    undefined,
    undefined,
    'REJECTED',
  );
}

/** The first string (or key) with a lone surrogate, by its field path. */
function loneSurrogate(value: unknown, path: string): { path: string; index: number; unit: string } | undefined {
  if (typeof value === 'string') {
    const index = value.search(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    return index < 0 ? undefined : { path, index, unit: value.charCodeAt(index).toString(16) };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = loneSurrogate(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const inner = path ? `${path}.${key}` : key;
    const found = loneSurrogate(key, `${inner} (the key)`) ?? loneSurrogate(item, inner);
    if (found) return found;
  }
  return undefined;
}
