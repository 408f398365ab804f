/**
 * Expr IR -> CEL text. Pure and deterministic: minimal parentheses by precedence, string literals always
 * double-quoted (KRO's `${...}` scanner only understands double quotes), doubles always printed with a `.`
 * or an exponent so they stay doubles.
 */
import { isCelIdentifier } from '../../util/cel-names.js';
import type { BinaryOp, Expr, Literal } from '../../ir/expr.js';
import { TypeKroError } from '../../util/errors.js';

/** Precedence levels, lowest first. Call arguments, list items and the top level accept any level. */
const enum Prec {
  Top = 0,
  Conditional = 1,
  Or = 2,
  And = 3,
  Relation = 4,
  Additive = 5,
  Multiplicative = 6,
  Unary = 7,
  Member = 8,
}

const BINARY_PREC: Readonly<Record<BinaryOp, Prec>> = {
  '||': Prec.Or,
  '&&': Prec.And,
  '==': Prec.Relation, '!=': Prec.Relation, '<': Prec.Relation, '<=': Prec.Relation,
  '>': Prec.Relation, '>=': Prec.Relation, in: Prec.Relation,
  '+': Prec.Additive, '-': Prec.Additive,
  '*': Prec.Multiplicative, '/': Prec.Multiplicative, '%': Prec.Multiplicative,
};

export { isCelIdentifier } from '../../util/cel-names.js';

/** Prints an expression as CEL text. */
export function printCel(expr: Expr): string {
  return print(expr, Prec.Top);
}

/**
 * Prints the value of a KRO template field: a top-level `template` becomes KRO interpolation text
 * (`web-${schema.spec.env}`), any other expression a standalone `${...}`.
 */
export function printFieldValue(expr: Expr): string {
  if (expr.kind !== 'template') return `\${${printCel(expr)}}`;
  return mergeText(expr.parts)
    .map((part) => (typeof part === 'string' ? escapeFieldText(part) : `\${${printCel(part)}}`))
    .join('');
}

/**
 * Literal text in a KRO field must never start an expression: `${` becomes `${"${"}`. A lone surrogate is
 * refused as in a CEL literal: KRO reads the field as UTF-8 text, where it would become U+FFFD.
 */
function escapeFieldText(text: string): string {
  if (loneSurrogateIndex(text) >= 0) throw new LoneSurrogateError(text);
  return text.split('${').join('${"${"}');
}

/** Adjacent literal parts are merged so a `$` and a `{` from different parts cannot meet unescaped. */
function mergeText(parts: readonly (string | Expr)[]): (string | Expr)[] {
  const out: (string | Expr)[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  }
  return out;
}

function precOf(expr: Expr): Prec {
  switch (expr.kind) {
    case 'conditional':
      return Prec.Conditional;
    case 'binary':
      return BINARY_PREC[expr.op];
    case 'unary':
      return Prec.Unary;
    case 'template':
      return templatePrec(expr.parts);
    case 'raw':
      return Prec.Top;
    case 'literal':
      return isNegativeNumber(expr.literal) ? Prec.Unary : Prec.Member;
    case 'call':
      return expr.fn === 'has' && hasNeedsInForm(expr) ? Prec.Relation : Prec.Member;
    default:
      return Prec.Member;
  }
}

function templatePrec(parts: readonly (string | Expr)[]): Prec {
  const merged = mergeText(parts);
  const only = merged[0];
  if (merged.length !== 1 || only === undefined) return merged.length === 0 ? Prec.Member : Prec.Additive;
  return typeof only === 'string' ? Prec.Member : precOf(only);
}

function isNegativeLiteral(expr: Expr): boolean {
  return expr.kind === 'literal' && isNegativeNumber(expr.literal);
}

function isNegativeNumber(literal: Literal): boolean {
  return (literal.kind === 'int' && literal.value < 0n) || (literal.kind === 'double' && (literal.value < 0 || Object.is(literal.value, -0)));
}

/** Prints `expr` in a position that requires at least precedence `min`. */
function print(expr: Expr, min: Prec): string {
  const text = printBare(expr);
  return precOf(expr) < min ? `(${text})` : text;
}

function printBare(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return printLiteral(expr.literal);
    case 'ident':
      return expr.name;
    case 'select':
      return printSelect(print(expr.target, Prec.Member), expr.field, expr.optional);
    case 'index':
      return `${print(expr.target, Prec.Member)}[${expr.optional ? '?' : ''}${print(expr.index, Prec.Top)}]`;
    case 'call':
      return printCall(expr);
    case 'unary':
      // `--1` would read as a decrement to humans and some parsers: parenthesise negative literals.
      return `${expr.op}${print(expr.operand, isNegativeLiteral(expr.operand) ? Prec.Member : Prec.Unary)}`;
    case 'binary': {
      const prec = BINARY_PREC[expr.op];
      // `&&` and `||` are associative (CEL evaluates them commutatively anyway): no parentheses for `a && (b && c)`.
      const sameLogical = (expr.op === '&&' || expr.op === '||') && expr.right.kind === 'binary' && expr.right.op === expr.op;
      return `${print(expr.left, prec)} ${expr.op} ${print(expr.right, sameLogical ? prec : prec + 1)}`;
    }
    case 'conditional':
      // The `then` branch is a conditionalOr in CEL's grammar; the `else` branch is a full expression.
      return `${print(expr.test, Prec.Or)} ? ${print(expr.then, Prec.Or)} : ${print(expr.otherwise, Prec.Conditional)}`;
    case 'list':
      return `[${expr.items.map((item) => print(item, Prec.Top)).join(', ')}]`;
    case 'map':
      return `{${expr.entries.map((e) => `${print(e.key, Prec.Top)}: ${print(e.value, Prec.Top)}`).join(', ')}}`;
    case 'macro':
      return `${print(expr.target, Prec.Member)}.${expr.macro}(${expr.index === undefined ? '' : `${expr.index}, `}${expr.variable}, ${print(expr.body, Prec.Top)})`;
    case 'template':
      return printTemplate(expr.parts);
    case 'raw':
      return expr.cel;
  }
}

function printSelect(target: string, field: string, optional: boolean): string {
  if (isCelIdentifier(field)) return `${target}.${optional ? '?' : ''}${field}`;
  return `${target}[${optional ? '?' : ''}${quote(field)}]`;
}

/** `has()` only accepts a select; a field that is not an identifier is tested with `"f" in target`. */
function hasNeedsInForm(expr: Extract<Expr, { kind: 'call' }>): boolean {
  const arg = expr.args[0];
  return !expr.target && expr.args.length === 1 && arg?.kind === 'select' && !isCelIdentifier(arg.field);
}

/**
 * `has(x.f)` over an operand that is not a variable path (`has(m.?o.orValue({}).f)`, `has(l[0].f)`): cel-go
 * accepts it, cel-js (direct mode) refuses it ("has() invalid argument"). `x.?f.hasValue()` is the same test
 * by CEL's definition of `.?` (`has(x.f) ? optional.of(x.f) : optional.none()`), for maps and objects alike,
 * and both engines accept it.
 */
function hasNeedsOptionalForm(expr: Extract<Expr, { kind: 'call' }>): boolean {
  const arg = expr.args[0];
  return !expr.target && expr.args.length === 1 && arg?.kind === 'select' && !isVariablePath(arg.target);
}

/** `a`, `a.b.c` (plain or `.?` selects down to an identifier): the only operand cel-js's `has()` accepts. */
function isVariablePath(expr: Expr): boolean {
  return expr.kind === 'ident' || (expr.kind === 'select' && isVariablePath(expr.target));
}

function printCall(expr: Extract<Expr, { kind: 'call' }>): string {
  const arg = expr.args[0];
  if (expr.fn === 'has' && hasNeedsInForm(expr) && arg?.kind === 'select') {
    return `${quote(arg.field)} in ${print(arg.target, Prec.Additive)}`;
  }
  if (expr.fn === 'has' && hasNeedsOptionalForm(expr) && arg?.kind === 'select') {
    return `${printSelect(print(arg.target, Prec.Member), arg.field, true)}.hasValue()`;
  }
  const args = expr.args.map((a) => print(a, Prec.Top)).join(', ');
  return expr.target ? `${print(expr.target, Prec.Member)}.${expr.fn}(${args})` : `${expr.fn}(${args})`;
}

/** A template inside an expression is string concatenation (its expression parts are strings already). */
function printTemplate(parts: readonly (string | Expr)[]): string {
  const merged = mergeText(parts);
  if (merged.length === 0) return '""';
  const only = merged[0];
  if (merged.length === 1 && only !== undefined && typeof only !== 'string') return print(only, Prec.Top);
  return merged
    .map((part, i) => (typeof part === 'string' ? quote(part) : print(part, i === 0 ? Prec.Additive : Prec.Multiplicative)))
    .join(' + ');
}

function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return quote(literal.value);
    case 'int':
      return literal.value.toString();
    case 'double':
      return printDouble(literal.value);
    case 'bool':
      return String(literal.value);
    case 'null':
      return 'null';
  }
}

function printDouble(value: number): string {
  if (Number.isNaN(value)) return 'double("NaN")';
  if (!Number.isFinite(value)) return value > 0 ? 'double("Infinity")' : 'double("-Infinity")';
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/**
 * A text with half of a UTF-16 surrogate pair (`'\ud83d'`) written into CEL. CEL text is Unicode code points
 * (UTF-8 on the wire, in KRO and in direct mode), where a lone surrogate has no form: printed, it would become
 * U+FFFD, a different text, and `s.startsWith('\ud83d')` would silently test for U+FFFD (trial 18 F1). The
 * definition asks {@link unprintableText} of every expression (composition/unprintable-texts.ts) and names the place.
 */
export class LoneSurrogateError extends TypeKroError {
  override readonly name = 'LoneSurrogateError';
  /** What to do instead. */
  static readonly hint = "search for the whole character (the pair '\\ud83d\\ude00' is '😀'), or test a range of characters in CEL with Cel.expr(...)";

  constructor(
    /** The text that holds the lone surrogate (not in the message: it may be a value, not source text). */
    readonly text: string,
  ) {
    super('DEFINITION_INVALID', `${LoneSurrogateError.why(text)}; ${LoneSurrogateError.hint}`);
  }

  /** Why the text cannot be written into CEL, naming the surrogate and where it stands in the text. */
  static why(text: string): string {
    const at = loneSurrogateIndex(text);
    const unit = `\\u${text.charCodeAt(at).toString(16)}`;
    return `a text holds a lone UTF-16 surrogate (${unit} at index ${at}, half of a character such as an emoji) that CEL text cannot hold: CEL strings are Unicode code points, where it would become U+FFFD, a different text`;
  }
}

/**
 * The first text in `expr` the printer would refuse (a string literal, a template's text, a field name with a
 * lone surrogate: {@link LoneSurrogateError}), without printing: the definition asks it of every expression.
 */
export function unprintableText(expr: Expr): string | undefined {
  // The node's own texts first, then its children in `exprChildren` order; no list made per node (every
  // expression of a definition is asked, twice: when compiled and in the finished graph).
  switch (expr.kind) {
    case 'literal':
      return expr.literal.kind === 'string' && loneSurrogateIndex(expr.literal.value) >= 0 ? expr.literal.value : undefined;
    case 'select':
      return loneSurrogateIndex(expr.field) >= 0 ? expr.field : unprintableText(expr.target);
    case 'index':
      return unprintableText(expr.target) ?? unprintableText(expr.index);
    case 'call':
      return (expr.target && unprintableText(expr.target)) ?? firstUnprintable(expr.args);
    case 'unary':
      return unprintableText(expr.operand);
    case 'binary':
      return unprintableText(expr.left) ?? unprintableText(expr.right);
    case 'conditional':
      return unprintableText(expr.test) ?? unprintableText(expr.then) ?? unprintableText(expr.otherwise);
    case 'list':
      return firstUnprintable(expr.items);
    case 'map':
      for (const entry of expr.entries) {
        const found = unprintableText(entry.key) ?? unprintableText(entry.value);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'macro':
      return unprintableText(expr.target) ?? unprintableText(expr.body);
    case 'template':
      for (const part of expr.parts) if (typeof part === 'string' && loneSurrogateIndex(part) >= 0) return part;
      for (const part of expr.parts) {
        const found = typeof part === 'string' ? undefined : unprintableText(part);
        if (found !== undefined) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

function firstUnprintable(exprs: readonly Expr[]): string | undefined {
  for (const expr of exprs) {
    const found = unprintableText(expr);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The index of the first lone surrogate in `text`, or -1 (a well-formed text, `text.isWellFormed()`). */
export function loneSurrogateIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code <= 0xdbff && isLow(text.charCodeAt(i + 1))) i++;
    else return i;
  }
  return -1;
}

/**
 * A double-quoted CEL string literal; control characters, U+FFFE and U+FFFF are escaped. A lone surrogate
 * throws {@link LoneSurrogateError}: it has no CEL form.
 */
export function quote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const ch = value[i] ?? '';
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    // U+FFFE and U+FFFF are no YAML characters (and U+FFFF, the end of the BMP, is one that utf16.ts compares with).
    else if (code >= 0xfffe) out += `\\u${code.toString(16)}`;
    else if (code >= 0xd800 && code <= 0xdbff && isLow(value.charCodeAt(i + 1))) out += ch + (value[++i] ?? '');
    else if (code >= 0xd800 && code <= 0xdfff) throw new LoneSurrogateError(value);
    else out += ch;
  }
  return `${out}"`;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
