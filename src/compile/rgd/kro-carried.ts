/**
 * Strings KRO cannot carry into a resource unchanged. KRO applies each resource with server-side apply, its
 * body JSON from Go's encoder, which writes U+007F-U+009F, U+FFFE and U+FFFF as they are; the API server reads
 * an apply body as YAML 1.1 (go-yaml), where U+0085 is a line break, folded into a space with the blanks
 * around it, and the others are refused ("control characters are not allowed"). Seen on the local control
 * plane (test/input/wire.cluster.test.ts): the instance kept "nel\u0085b", its ConfigMap got "nel b".
 * TypeKro's own bodies escape them (runtime/kube/wire.ts); KRO's cannot be. U+2028, U+2029 and U+FEFF are
 * among go-yaml's hazards (util/yaml11.ts) but not KRO's: Go's encoder escapes U+2028 and U+2029, and U+FEFF
 * inside a quoted scalar is read as itself (a byte order mark only at the start of the stream, where KRO's
 * body has `{`), as test/cluster/kro-strings.cluster.test.ts shows. The spec and the instance's annotations are
 * checked by api/kro-strings.ts; the constants a composition writes into its resources, here, when the RGD is
 * compiled.
 */
import { exprChildren, type Expr } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { isExprValue, type Value } from '../../ir/value.js';
import { fieldPath } from '../../model/schema/index.js';
import { CompositionError, describeResource } from './errors.js';

/** What go-yaml reads as a line break (U+0085) or refuses, and Go's JSON encoder leaves unescaped. */
// eslint-disable-next-line no-control-regex
export const KRO_UNSAFE = /[\u007f-\u009f\ufffe\uffff]/;

/**
 * `where` holds a character KRO cannot carry (`code`, at `index`): what happens to it, and the way out.
 *
 * @example
 * ```ts
 * kroCharProblem('spec.note', 0x85, 1); // => 'spec.note holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break ...'
 * ```
 */
export function kroCharProblem(where: string, code: number, index: number): string {
  const char = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const effect = code === 0x85 ? 'reads it as a line break and stores a space instead' : 'refuses it as a control character';
  return `${where} holds ${char} at index ${index}: KRO applies resources as YAML 1.1, which ${effect}; deploy in direct mode, or leave the character out`;
}

/** The problem of `text` at `where`, if it holds such a character. */
export function kroTextProblem(where: string, text: string): string | undefined {
  const index = text.search(KRO_UNSAFE);
  return index < 0 ? undefined : kroCharProblem(where, text.charCodeAt(index), index);
}

/**
 * Throws a CompositionError for the first text written as it is into a resource of the graph (a constant, a
 * key, the literal parts of a template string) that KRO would change or refuse, naming the resource (where
 * it was declared) and the field.
 *
 * @example
 * ```ts
 * checkKroTemplateStrings(graph); // throws 'resource "note" (app.ts:5:5): template.data.text holds U+0085 at index 1: ...'
 * ```
 */
export function checkKroTemplateStrings(graph: CompositionGraph): void {
  for (const resource of graph.resources) {
    if (resource.template === undefined) continue;
    const problem = firstProblem(resource.template, []);
    if (problem) throw new CompositionError(`${describeResource(resource)}: ${problem}`, resource.id);
  }
  // KRO writes the instance's status the same way (trial 16: a status constant 'x\u0085y' read back 'x y').
  const problem = firstProblem(graph.status, [], 'status');
  if (problem) throw new CompositionError(`the returned status: ${problem}`);
}

/**
 * The first problem in `value` at `path` (one array, pushed and popped: the walk visits every leaf of every
 * resource, so it allocates nothing until it finds a problem).
 */
function firstProblem(value: Value, path: (string | number)[], root = 'template'): string | undefined {
  if (typeof value === 'string') return KRO_UNSAFE.test(value) ? kroTextProblem(fieldPath(root, path), value) : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  // Every text an expression holds that it may write: a conditional's arm, a default, a join's separator or a
  // template string's literal part.
  if (isExprValue(value)) return exprProblem(value.expr, path, root);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const found = firstProblem(value[i] as Value, path, root);
      path.pop();
      if (found) return found;
    }
    return undefined;
  }
  const fields = value as Record<string, Value>;
  for (const key of Object.keys(fields)) {
    path.push(key);
    const found = KRO_UNSAFE.test(key) ? kroTextProblem(`${fieldPath(root, path)} (the key)`, key) : firstProblem(fields[key]!, path, root);
    path.pop();
    if (found) return found;
  }
  return undefined;
}

/** Calls whose result holds no text of their arguments or receiver (a number, a truth value, a presence). */
const NO_TEXT_OUT = new Set(['size', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'contains', 'matches', 'int', 'uint', 'double', 'bool', 'has', 'hasValue', 'min', 'max', 'sum', 'abs', 'sign']);
/** Macros whose body is a test: their result holds items of the target, never the body's texts. */
const TEST_BODIES = new Set(['filter', 'all', 'exists', 'exists_one']);

/**
 * The first text of `expr` that may be written into the resource (KRO carries the result, not the
 * expression) and that KRO cannot carry: a literal, or a literal part of a template string, in a position
 * whose text can reach the result: a conditional's arm (not its test), an operand of `+`, a list item, a map
 * key or value, a call's receiver and arguments (the separator of a join, the default of `orValue`), a mapping
 * body. Texts only compared (`==`, `<`, `c > "\uffff"` in the UTF-16 length TypeKro writes, `startsWith`,
 * `indexOf`, a filter's test) never reach it.
 */
function exprProblem(expr: Expr, path: readonly (string | number)[], root: string): string | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.literal.kind === 'string' && KRO_UNSAFE.test(expr.literal.value) ? kroTextProblem(`${fieldPath(root, path)} (a text in its expression)`, expr.literal.value) : undefined;
    case 'template':
      for (const part of expr.parts) {
        const found = typeof part === 'string' ? (KRO_UNSAFE.test(part) ? kroTextProblem(`${fieldPath(root, path)} (a literal part of its template string)`, part) : undefined) : exprProblem(part, path, root);
        if (found) return found;
      }
      return undefined;
    case 'conditional':
      return exprProblem(expr.then, path, root) ?? exprProblem(expr.otherwise, path, root);
    case 'binary':
      return expr.op === '+' ? (exprProblem(expr.left, path, root) ?? exprProblem(expr.right, path, root)) : undefined;
    case 'call':
      if (NO_TEXT_OUT.has(expr.fn)) return undefined;
      // split's separator is taken out of the text it splits
      return firstOf(expr.fn === 'split' ? (expr.target ? [expr.target] : expr.args.slice(0, 1)) : expr.target ? [expr.target, ...expr.args] : expr.args, path, root);
    case 'macro':
      return exprProblem(expr.target, path, root) ?? (TEST_BODIES.has(expr.macro) ? undefined : exprProblem(expr.body, path, root));
    case 'select':
    case 'index':
    case 'list':
    case 'map':
      return firstOf(exprChildren(expr), path, root);
    case 'raw':
      return rawProblem(expr, path, root);
    default:
      return undefined;
  }
}

function firstOf(exprs: readonly Expr[], path: readonly (string | number)[], root: string): string | undefined {
  for (const expr of exprs) {
    const found = exprProblem(expr, path, root);
    if (found) return found;
  }
  return undefined;
}

/** A string literal of CEL text (double quotes, `b` for bytes: graph validation refuses the other forms). */
const CEL_STRING = /(b?)"((?:[^"\\\n]|\\.)*)"/g;
/** A comparison just before a literal: the literal starts its right operand, which only is compared. */
const COMPARED_AFTER = /(?:==|!=|<=|>=|<|>)\s*$/;
/** A comparison (or `in`) just after a literal: the literal ends its left operand. */
const COMPARED_BEFORE = /^\s*(?:==|!=|<=|>=|<|>|in\b)/;
/** What turns bytes into text in KRO's CEL: the conversion, and format's `%s` of a bytes argument. */
const BYTES_TO_TEXT = /\bstring\s*\(|\.format\s*\(/;
/** A literal that is the argument of base64.decode: bytes, as surely as a bytes literal. */
const BASE64_ARGUMENT = /\bbase64\.decode\s*\(\s*$/;
/** Base64 text cel-go's decoder takes (standard alphabet, padded or not); any other fails at run time. */
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The first text a raw CEL text (`Cel.expr`, which has no parsed form) may write that KRO cannot carry: the
 * value of each string literal, escapes decoded (`"\u0085"` is U+0085 as surely as the character itself), and
 * of each bytes constant (a bytes literal, `base64.decode` of a literal) read as UTF-8 (`string(b"\xc2\x85")`).
 * Only a literal next to a comparison is taken as compared (CEL's comparisons bind looser than everything a
 * literal can be part of but `&&`, `||` and `?:`); any other is taken as written, the safe side without a parse.
 */
function rawProblem(expr: Extract<Expr, { kind: 'raw' }>, path: readonly (string | number)[], root: string): string | undefined {
  const toText = BYTES_TO_TEXT.test(expr.cel);
  for (const match of expr.cel.matchAll(CEL_STRING)) {
    const before = expr.cel.slice(0, match.index);
    const after = expr.cel.slice(match.index + match[0].length);
    if (COMPARED_AFTER.test(before) || COMPARED_BEFORE.test(after)) continue;
    const where = `${fieldPath(root, path)} (a text in its Cel.expr${expr.at ? ` at ${expr.at}` : ''}: ${match[0]})`;
    const bytes = match[1] === 'b' ? celLiteralBytes(match[2]!) : BASE64_ARGUMENT.test(before) ? base64Bytes(celLiteralText(match[2]!, false)) : undefined;
    const text = bytes === undefined ? celLiteralText(match[2]!, false) : new TextDecoder().decode(bytes);
    if (KRO_UNSAFE.test(text)) return kroTextProblem(where, text);
    // Each constant is read on its own above; joined at run time (`string(b"\xc2" + b"\x85")`), pieces that are
    // no whole characters make one that none of them holds. Whole characters joined are the same characters.
    if (toText && bytes !== undefined && !wholeUtf8(bytes)) return splitBytesProblem(where);
  }
  return undefined;
}

/** `where` is bytes that are no whole UTF-8 characters in a Cel.expr that turns bytes into text: why, and the way out. */
function splitBytesProblem(where: string): string {
  return `${where} is bytes that are no whole UTF-8 characters, in a Cel.expr that turns bytes into text (string(...) or format): joined at run time, such pieces can make a character KRO changes or refuses (U+0085, U+007F-U+009F, U+FFFE, U+FFFF) that TypeKro cannot see in any of them; write whole characters in each bytes constant, or the text as a string literal`;
}

/** Whether `bytes` are whole UTF-8 characters (none cut, none ill-formed). */
function wholeUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The bytes base64.decode makes of `text`, or undefined where it fails at run time (no value is written). */
function base64Bytes(text: string): Uint8Array | undefined {
  return BASE64_TEXT.test(text) ? new Uint8Array(Buffer.from(text, 'base64')) : undefined;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", '`': '`', '?': '?' };

/**
 * The value of a CEL string literal's body (`bytes`: a bytes literal's, read as UTF-8): cel-spec's escapes,
 * `\xHH` and `\ooo` a code point in a string and a byte in bytes.
 *
 * @example
 * ```ts
 * celLiteralText('a\\u0085b', false); // => 'a\u0085b'
 * celLiteralText('\\xc2\\x85', true); // => '\u0085'
 * ```
 */
export function celLiteralText(body: string, bytes: boolean): string {
  return bytes ? new TextDecoder().decode(celLiteralBytes(body)) : String.fromCodePoint(...literalUnits(body, false));
}

/** The bytes of a CEL bytes literal's body. */
function celLiteralBytes(body: string): Uint8Array {
  return new Uint8Array(literalUnits(body, true));
}

/** A literal body's code points (`bytes`: its bytes, characters and `\u` escapes as UTF-8). */
function literalUnits(body: string, bytes: boolean): number[] {
  const units: number[] = [];
  const encoder = new TextEncoder();
  const push = (text: string): void => void (bytes ? units.push(...encoder.encode(text)) : units.push(...[...text].map((c) => c.codePointAt(0)!)));
  for (let i = 0; i < body.length; ) {
    const escape = /^\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-3][0-7]{2})|(.))/s.exec(body.slice(i));
    if (!escape) {
      const char = String.fromCodePoint(body.codePointAt(i)!);
      push(char);
      i += char.length;
      continue;
    }
    const [all, hex, u4, u8, octal, simple] = escape;
    const code = hex !== undefined ? parseInt(hex, 16) : octal !== undefined ? parseInt(octal, 8) : undefined;
    const point = u4 ?? u8;
    if (code !== undefined) units.push(code);
    // A code point past U+10FFFF is no CEL (cel-go refuses the literal): nothing of it is written.
    else if (point !== undefined) push(parseInt(point, 16) <= 0x10ffff ? String.fromCodePoint(parseInt(point, 16)) : '');
    else push(SIMPLE_ESCAPES[simple!] ?? simple!);
    i += all.length;
  }
  return units;
}
