/**
 * Characters go-yaml (kubectl, the API server, KRO: YAML 1.1) reads otherwise than JSON and YAML 1.2 do:
 * as a line break (U+0085, U+2028, U+2029: inside a string they are folded into a space with the blanks
 * around them), refuses ("control characters are not allowed": U+007F-U+009F, U+FFFE, U+FFFF), or may take
 * for a byte order mark (U+FEFF). Whatever TypeKro writes for go-yaml to read escapes them: the JSON bodies
 * sent to the API server (runtime/kube/wire.ts) and the YAML `toYaml` renders (compile/rgd/yaml.ts).
 *
 * @example
 * ```ts
 * YAML11_HAZARD.test('a\u0085b'); // => true
 * ```
 */
// eslint-disable-next-line no-control-regex
export const YAML11_HAZARD = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Every such character of a text (a global copy of {@link YAML11_HAZARD}, for `replace`). */
export const YAML11_HAZARD_ALL = new RegExp(YAML11_HAZARD.source, 'g');
