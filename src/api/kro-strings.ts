/**
 * Spec strings KRO cannot carry into a resource unchanged. KRO applies each resource with server-side apply,
 * its body JSON from Go's encoder, which writes U+007F-U+009F, U+FFFE and U+FFFF as they are; the API server
 * reads an apply body as YAML 1.1 (go-yaml), where U+0085 is a line break, folded into a space with the blanks
 * around it, and the others are refused ("control characters are not allowed"). Seen on the local control
 * plane (test/input/wire.cluster.test.ts): the instance kept "nel\u0085b", its ConfigMap got "nel b" and the
 * status echoed it. TypeKro's own bodies escape them (runtime/kube/wire.ts); KRO's cannot be, so a kro-mode
 * spec holding one is refused before anything is applied. Direct mode carries them unchanged.
 */
import { fieldPath } from '../model/schema/index.js';

/** What go-yaml reads as a line break (U+0085) or refuses, and Go's JSON encoder leaves unescaped. */
// eslint-disable-next-line no-control-regex
const KRO_UNSAFE = /[\u007f-\u009f\ufffe\uffff]/;

/**
 * One problem per spec string (or key) holding such a character, naming the field, the character and the way out.
 *
 * @example
 * ```ts
 * kroStringProblems({ note: 'a\u0085b' }); // => ['spec.note holds U+0085 at index 1: ...']
 * ```
 */
export function kroStringProblems(spec: unknown): string[] {
  const problems: string[] = [];
  visit(spec, [], problems);
  return problems;
}

function visit(value: unknown, path: readonly (string | number)[], problems: string[]): void {
  if (typeof value === 'string') {
    const index = value.search(KRO_UNSAFE);
    if (index >= 0) problems.push(problem(fieldPath('spec', path), value.charCodeAt(index), index));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, [...path, i], problems));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const index = key.search(KRO_UNSAFE);
      if (index >= 0) problems.push(problem(`${fieldPath('spec', [...path, key])} (the key)`, key.charCodeAt(index), index));
      visit(item, [...path, key], problems);
    }
  }
}

function problem(where: string, code: number, index: number): string {
  const char = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const effect = code === 0x85 ? 'reads it as a line break and stores a space instead' : 'refuses it as a control character';
  return `${where} holds ${char} at index ${index}: KRO applies resources as YAML 1.1, which ${effect}; deploy in direct mode, or leave the character out`;
}
