/**
 * String methods whose CEL means what JavaScript means only on narrow text (text-alphabet.ts): each is exact
 * where the receiver's alphabet is known narrow enough, and refused elsewhere with the reason and the ways out.
 */
import type { Node } from '@babel/types';
import type { Expr } from '../ir/expr.js';
import { mapOrEmptyOperand } from '../ir/untyped-target.js';
import { walk } from './ast.js';
import { valueOf, type Typed } from './typed.js';
import type { CelType } from '../ir/types.js';
import { syntaxError } from './errors.js';
import { snippetOf } from './source.js';
import type { MethodContext } from './call-arguments.js';
import { ASCII, BMP, highestChar } from './text-alphabet.js';

/** The way to narrow a spec field, said once. */
const PATTERN = 'constrain the spec field with a pattern of ASCII characters (e.g. `name: /^[A-Za-z0-9-]+$/`), whose values the API server checks';

/** The receiver's source text (`spec.name` of `spec.name.trim()`). */
function receiverText(ctx: MethodContext): string {
  const callee = ctx.node.callee;
  return snippetOf(callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? callee.object : ctx.node);
}

/**
 * `toLowerCase()`/`toUpperCase()` as CEL's `lowerAscii()`/`upperAscii()`: exact on ASCII text only.
 *
 * @example
 * ```ts
 * requireCaseMapping(ctx, 'toLowerCase'); // throws unless ctx.receiver holds ASCII text only
 * ```
 */
export function requireCaseMapping(ctx: MethodContext, name: 'toLowerCase' | 'toUpperCase'): void {
  if (highestChar(ctx.receiver.type) <= ASCII) return;
  const cel = name === 'toLowerCase' ? 'lowerAscii' : 'upperAscii';
  throw syntaxError(
    ctx.node,
    `\`${name}()\` of text that may hold letters outside ASCII: JavaScript maps every Unicode letter (${name === 'toLowerCase' ? "'Ä' to 'ä'" : "'ä' to 'Ä', 'ß' to 'SS'"}), CEL's \`${cel}()\` only A to Z`,
    `${PATTERN}, or accept ASCII-only case mapping with \`Cel.expr<string>(${receiverText(ctx)}, '.${cel}()')\``,
  );
}

/**
 * `trim()` as CEL's `trim()` (Go's `strings.TrimSpace`): the two strip the same spaces but U+0085, which only Go
 * strips, and U+FEFF, which only JavaScript strips; text below U+0085 holds neither. The refusal names the spec
 * fields of the receiver that may hold them, whose pattern is the way to narrow it.
 */
export function requireTrim(ctx: MethodContext): void {
  if (highestChar(ctx.receiver.type) < 0x85) return;
  const fields = wideSpecFields(ctx, 0x85);
  const example = '`/^[ -~]*$/`';
  const narrow = fields.length === 0
    ? `read the text from a spec field with a pattern that leaves out U+0085 and U+FEFF (an ASCII one will do: ${example}), whose values the API server checks`
    : `give ${fields.map((f) => `\`${f}\``).join(' and ')} a pattern that leaves out U+0085 and U+FEFF (an ASCII one will do: \`${lastKey(fields[0]!)}: /^[ -~]*$/\`), whose values the API server checks`;
  throw syntaxError(
    ctx.node,
    "`trim()` of text that may hold U+0085 (next line) or U+FEFF (byte order mark): JavaScript's `trim()` strips U+FEFF and keeps U+0085, CEL's `trim()` (Go's strings.TrimSpace) strips U+0085 and keeps U+FEFF; every other space both strip alike",
    `${narrow}, or accept CEL's spaces with \`Cel.expr<string>(${receiverText(ctx)}, '.trim()')\``,
  );
}

/** The last key of a field's path (`bmp` of `spec.bmp`, `name` of `spec.app['name']`). */
function lastKey(path: string): string {
  return /([A-Za-z_$][\w$]*)\W*$/.exec(path)?.[1] ?? path;
}

/**
 * The spec fields the receiver reads (as written: `spec.bmp`) whose text may hold a character at or above
 * `from`: the fields a pattern would narrow. Each member read of the receiver is typed again (a read, with no
 * effect); one that is text read from `schema.spec` and that wide is named, and not looked into further.
 */
function wideSpecFields(ctx: MethodContext, from: number): string[] {
  const callee = ctx.node.callee;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return [];
  const found: string[] = [];
  walk(callee.object, (node) => {
    if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression' && node.type !== 'Identifier') return true;
    let read: Typed;
    try {
      read = ctx.c.value(node, ctx.scope);
    } catch {
      return true;
    }
    if (read.type.kind !== 'string' || highestChar(read.type) < from || !readsSpec(valueOf(read))) return true;
    const text = snippetOf(node);
    if (!found.includes(text)) found.push(text);
    return false;
  });
  return found;
}

/** A read of `schema.spec...` (through optional steps and their `.value()` / `.orValue(...)`). */
function readsSpec(e: Expr): boolean {
  let node = e;
  for (;;) {
    const operand = mapOrEmptyOperand(node);
    if (operand) node = operand;
    else if (node.kind === 'select' || node.kind === 'index') {
      if (node.target.kind === 'ident') return node.target.name === 'schema' && node.kind === 'select' && node.field === 'spec';
      node = node.target;
    } else if (node.kind === 'call' && node.target && (node.fn === 'value' || node.fn === 'orValue')) node = node.target;
    else return false;
  }
}

/**
 * `substring`, `charAt`: JavaScript counts UTF-16 code units, CEL code points; they agree on text without
 * characters above U+FFFF (emoji).
 */
export function requirePositions(ctx: MethodContext, name: 'substring' | 'charAt' | 'slice'): void {
  if (highestChar(ctx.receiver.type) <= BMP) return;
  throw syntaxError(
    ctx.node,
    `\`${name}\` of text that may hold characters outside the Basic Multilingual Plane (emoji): JavaScript counts UTF-16 code units, CEL code points, so the positions differ after such a character`,
    `${PATTERN} (any pattern without characters above U+FFFF will do), or count code points with \`Cel.expr<string>(${receiverText(ctx)}, '.${name === 'slice' ? 'substring' : name}(...)')\``,
  );
}

/**
 * `split(sep)` and `replaceAll(sep, x)` with a separator that may be empty: JavaScript cuts text into UTF-16 code
 * units, cutting a character above U+FFFF into two lone surrogates, CEL into code points. Exact on text
 * without such characters, or with a separator known not to be empty (a non-empty literal, or enumerated
 * values none of which is empty).
 */
export function requireCuts(ctx: MethodContext, name: 'split' | 'replaceAll', separator: Expr): void {
  if (highestChar(ctx.receiver.type) <= BMP) return;
  if (separator.kind === 'literal' && separator.literal.kind === 'string' && separator.literal.value !== '') return;
  const arg = ctx.args[0] as Node;
  if (enumeratedNonEmpty(ctx, arg)) return;
  const what = separator.kind === 'literal' ? 'an empty separator' : `a separator that may be empty (\`${snippetOf(arg)}\`)`;
  throw syntaxError(
    ctx.node,
    `\`${name}\` with ${what} of text that may hold characters outside the Basic Multilingual Plane (emoji): JavaScript cuts text into UTF-16 code units, splitting such a character into two lone surrogates, CEL into whole characters`,
    `${PATTERN} (any pattern without characters above U+FFFF will do), use a separator that is not empty, or cut into code points with \`Cel.expr(${receiverText(ctx)}, '.${name === 'split' ? 'split("")' : 'replace("", ...)'}')\``,
  );
}

/**
 * A separator whose values are enumerated (a spec field's enum, a choice of literals), none of them empty: it
 * cuts like a literal one. A non-empty separator matches whole characters in both languages (JSON text holds no
 * lone surrogate, so a match of UTF-16 units starts and ends at character boundaries), and both cut at the same
 * matches from the start. The argument is typed again here (a read, with no effect).
 */
function enumeratedNonEmpty(ctx: MethodContext, arg: Node): boolean {
  const type = ctx.c.value(arg, ctx.scope).type;
  return type.kind === 'string' && type.values !== undefined && type.values.length > 0 && type.values.every((v) => v !== '');
}

/**
 * `<`, `<=`, `>`, `>=` on text: JavaScript compares UTF-16 code units, CEL code points. They order alike except
 * a character above U+FFFF (an emoji, whose first unit is a surrogate, U+D800 to U+DBFF) against one from U+E000
 * to U+FFFF at the first position where the texts differ. So the order is exact when neither side holds a
 * character above U+FFFF, or when one side holds only characters below U+D800 (the first difference then
 * meets one of them, below both forms of the other side's character).
 */
export function requireTextOrder(node: Node, a: CelType, b: CelType, op: string): void {
  if (a.kind !== 'string' && b.kind !== 'string') return;
  const [x, y] = [highestChar(a), highestChar(b)];
  if ((x <= BMP && y <= BMP) || x < 0xd800 || y < 0xd800) return;
  throw syntaxError(
    node,
    `\`${op}\` on text that may hold characters outside the Basic Multilingual Plane: JavaScript orders text by UTF-16 code units, CEL by code points, which order a character above U+FFFF (an emoji) and one from U+E000 to U+FFFF ('｡') differently`,
    `${PATTERN} on one side, or compare code points with \`Cel.expr<boolean>(a, ' ${op} ', b)\``,
  );
}
