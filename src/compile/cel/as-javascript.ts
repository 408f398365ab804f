/**
 * Expr IR -> the JavaScript a user would have written for it, for messages only: `schema.spec.migrate` is
 * `spec.migrate`, `has(x)` is `x !== undefined`, `a.?b.orValue(d)` is `a?.b ?? d`, `size(l)` is `l.length`.
 * Messages about a composition speak the language it was written in; the CEL itself is printed by print.ts.
 * What has no JavaScript spelling (a CEL function of KRO's library, raw CEL) is shown as CEL inside it.
 */
import type { BinaryOp, Expr } from '../../ir/expr.js';

/** Binding strength, lowest first: a child binding less tightly than its place needs is parenthesized. */
const enum Prec {
  Top = 0,
  Conditional = 1,
  Nullish = 2,
  Or = 3,
  And = 4,
  Relation = 5,
  Additive = 6,
  Multiplicative = 7,
  Unary = 8,
  Member = 9,
}

const BINARY: Readonly<Record<BinaryOp, readonly [string, Prec]>> = {
  '||': ['||', Prec.Or],
  '&&': ['&&', Prec.And],
  '==': ['===', Prec.Relation], '!=': ['!==', Prec.Relation],
  '<': ['<', Prec.Relation], '<=': ['<=', Prec.Relation], '>': ['>', Prec.Relation], '>=': ['>=', Prec.Relation],
  in: ['in', Prec.Relation],
  '+': ['+', Prec.Additive], '-': ['-', Prec.Additive],
  '*': ['*', Prec.Multiplicative], '/': ['/', Prec.Multiplicative], '%': ['%', Prec.Multiplicative],
};

/** Methods whose JavaScript name differs from CEL's (same receiver and arguments). */
const METHODS: Readonly<Record<string, string>> = { contains: 'includes', lowerAscii: 'toLowerCase', upperAscii: 'toUpperCase' };

const MACROS = { all: 'every', exists: 'some', filter: 'filter', map: 'map' } as const;

/**
 * An expression as the JavaScript it stands for, with the names the composition used (`spec.x`,
 * `instance.metadata.name`, resource handles by id).
 *
 * @example
 * ```ts
 * printAsJavaScript(E.binary('==', E.path('schema', 'spec', 'env'), E.str('prod'))); // => 'spec.env === "prod"'
 * ```
 */
export function printAsJavaScript(expr: Expr): string {
  return print(expr, Prec.Top);
}

function print(expr: Expr, context: Prec): string {
  const [text, prec] = printed(expr);
  return prec < context ? `(${text})` : text;
}

function printed(expr: Expr): readonly [string, Prec] {
  switch (expr.kind) {
    case 'literal':
      return [literal(expr), Prec.Member];
    case 'ident':
      return [expr.name, Prec.Member];
    case 'select':
      return [selected(expr), Prec.Member];
    case 'index':
      return [`${print(expr.target, Prec.Member)}${expr.optional ? '?.' : ''}[${print(expr.index, Prec.Top)}]`, Prec.Member];
    case 'call':
      return call(expr);
    case 'unary':
      return [`${expr.op}${print(expr.operand, Prec.Unary)}`, Prec.Unary];
    case 'binary':
      return binary(expr);
    case 'conditional':
      return [`${print(expr.test, Prec.Nullish)} ? ${print(expr.then, Prec.Conditional)} : ${print(expr.otherwise, Prec.Conditional)}`, Prec.Conditional];
    case 'list':
      return [`[${expr.items.map((item) => print(item, Prec.Top)).join(', ')}]`, Prec.Member];
    case 'map':
      return [`{ ${expr.entries.map((entry) => `${key(entry.key)}: ${print(entry.value, Prec.Top)}`).join(', ')} }`, Prec.Member];
    case 'macro':
      return macro(expr);
    case 'template':
      return [`\`${expr.parts.map((part) => (typeof part === 'string' ? part.replace(/[`\\]|\$\{/g, (m) => `\\${m}`) : `\${${print(unString(part), Prec.Top)}}`)).join('')}\``, Prec.Member];
    case 'raw':
      return [`Cel.expr(${JSON.stringify(expr.cel)})`, Prec.Member];
  }
}

function literal(expr: Extract<Expr, { kind: 'literal' }>): string {
  const value = expr.literal;
  if (value.kind === 'null') return 'null';
  if (value.kind === 'string') return JSON.stringify(value.value);
  return String(value.value);
}

/** `schema.spec.x` as the spec parameter's `spec.x`, `schema.metadata` as the instance parameter's. */
function selected(expr: Extract<Expr, { kind: 'select' }>): string {
  const target = expr.target;
  if (target.kind === 'ident' && target.name === 'schema' && !expr.optional) {
    if (expr.field === 'spec') return 'spec';
    if (expr.field === 'metadata') return 'instance.metadata';
  }
  return `${print(target, Prec.Member)}${expr.optional ? '?.' : '.'}${expr.field}`;
}

function key(expr: Expr): string {
  if (expr.kind === 'literal' && expr.literal.kind === 'string') return /^[A-Za-z_$][\w$]*$/.test(expr.literal.value) ? expr.literal.value : JSON.stringify(expr.literal.value);
  return `[${print(expr, Prec.Top)}]`;
}

function binary(expr: Extract<Expr, { kind: 'binary' }>): readonly [string, Prec] {
  if (expr.op === 'in') return [`${print(expr.right, Prec.Member)}.includes(${print(expr.left, Prec.Top)})`, Prec.Member];
  const [op, prec] = BINARY[expr.op];
  return [`${print(expr.left, prec)} ${op} ${print(expr.right, prec + 1)}`, prec];
}

function call(expr: Extract<Expr, { kind: 'call' }>): readonly [string, Prec] {
  const args = expr.args.map((arg) => print(arg, Prec.Top));
  const [first] = expr.args;
  if (!expr.target && first) {
    switch (expr.fn) {
      case 'has':
        return [`${print(first, Prec.Relation + 1)} !== undefined`, Prec.Relation];
      case 'size':
        return [`${print(first, Prec.Member)}.length`, Prec.Member];
      case 'string':
        return [`String(${args[0]})`, Prec.Member];
      case 'int':
        return [`Math.trunc(${args[0]})`, Prec.Member];
      case 'double':
      case 'dyn':
      case 'optional.of':
        return printed(first);
    }
  }
  if (!expr.target) return [expr.fn === 'optional.none' ? 'undefined' : `${expr.fn}(${args.join(', ')})`, Prec.Member];
  const target = print(expr.target, Prec.Member);
  switch (expr.fn) {
    case 'orValue':
      return [`${print(expr.target, Prec.Nullish + 1)} ?? ${print(first ?? expr.target, Prec.Nullish + 1)}`, Prec.Nullish];
    case 'hasValue':
      return [`${print(expr.target, Prec.Relation + 1)} !== undefined`, Prec.Relation];
    case 'value':
      return printed(expr.target);
    case 'merge':
      return [`{ ...${target}, ...${print(first ?? expr.target, Prec.Member)} }`, Prec.Member];
    default:
      return [`${target}.${METHODS[expr.fn] ?? expr.fn}(${args.join(', ')})`, Prec.Member];
  }
}

function macro(expr: Extract<Expr, { kind: 'macro' }>): readonly [string, Prec] {
  const target = print(expr.target, Prec.Member);
  const body = print(expr.body, Prec.Nullish);
  // JavaScript's callbacks take the item first, its index second.
  const params = expr.index === undefined ? `(${expr.variable})` : `(${expr.variable}, ${expr.index})`;
  if (expr.macro === 'exists_one') return [`${target}.filter(${params} => ${body}).length === 1`, Prec.Relation];
  // Each item's entries into one object (where CEL's transformMapEntry fails on a repeated key).
  if (expr.macro === 'transformMapEntry') return [`Object.assign({}, ...${target}.map(${params} => ${body}))`, Prec.Member];
  // Each key of a map kept, its value replaced by the body's.
  if (expr.macro === 'transformMap') return [`Object.fromEntries(Object.entries(${target}).map(([${expr.index ?? '_'}, ${expr.variable}]) => [${expr.index ?? '_'}, ${body}]))`, Prec.Member];
  return [`${target}.${MACROS[expr.macro]}(${params} => ${body})`, Prec.Member];
}

/** A template part is `string(x)` when `x` is not text; JavaScript's `${x}` converts it itself. */
function unString(expr: Expr): Expr {
  return expr.kind === 'call' && expr.fn === 'string' && !expr.target && expr.args.length === 1 && expr.args[0] ? expr.args[0] : expr;
}
