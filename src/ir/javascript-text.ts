/**
 * CEL that writes a value as JavaScript's `String(x)` does, where CEL's own `string(x)` differs.
 *
 * CEL's `string(double)` is Go's `%g`: shortest digits, in exponent form when the decimal exponent is below
 * -4 or at least 6 (`1e+06`, `1.0000005e+06`, `1e-05`), with at least two exponent digits (`1e-07`), and
 * `-0`, `+Inf`. JavaScript writes the same shortest digits, in exponent form only when the exponent is below
 * -6 or at least 21, with no padded exponent (`1e-7`), and `0`, `Infinity`. So the digits are Go's and only
 * their layout changes: for an exponent from 6 to 20 the digits are written out (with zeros or a decimal
 * point placed inside them), for -6 and -5 they follow `0.` and zeros, from -9 to -7 the exponent loses its
 * padding, and everywhere else Go's text is JavaScript's. The forms use only `string`, `int`, `split`,
 * `replace`, `substring`, `contains`, `startsWith` and `size`, which KRO's cel-go and the runtime's engine
 * share; `test/differential/javascript-text-cel.go.test.ts` checks them in both against `String(x)`.
 */
import { E, type Expr } from './expr.js';
import type { CelType } from './types.js';

/** The macro variables: each body reads only its own variables, never the value's expression. */
const VALUE = 'x';
const GO_TEXT = 's';
const EXPONENT = 'e';
const DIGITS = 'd';

/** Binds `value` to `name` in `body` (CEL's one-item `[value].map(name, body)[0]`: `cel.bind` is KRO's only). */
const bind = (name: string, value: Expr, body: Expr): Expr => E.index(E.macro('map', E.list([value]), name, body), E.int(0));

const str = E.str;
const int = E.int;
const ident = E.ident;
const eq = (a: Expr, b: Expr): Expr => E.binary('==', a, b);
const plus = (...parts: Expr[]): Expr => parts.reduce((a, b) => E.binary('+', a, b));
const method = (target: Expr, name: string, ...args: Expr[]): Expr => E.call(name, args, target);

/** JavaScript's text of a double whose Go `%g` text is the variable `s`. */
function fromGoText(): Expr {
  const s = ident(GO_TEXT);
  const e = ident(EXPONENT);
  const d = ident(DIGITS);
  const part = (i: number): Expr => E.index(method(s, 'split', str('e')), int(i));
  const sign = E.cond(method(s, 'startsWith', str('-')), str('-'), str(''));
  const afterPoint = E.binary('+', e, int(1));
  // Exponent 6 to 20: the digits written out, padded with zeros or with the point placed inside them.
  const writtenOut = E.cond(
    E.binary('<=', E.call('size', [d]), afterPoint),
    plus(d, method(str('0'.repeat(20)), 'substring', int(0), E.binary('-', afterPoint, E.call('size', [d])))),
    plus(method(d, 'substring', int(0), afterPoint), str('.'), method(d, 'substring', afterPoint)),
  );
  // Exponent -6 or -5: `0.` and -e-1 zeros before the digits.
  const belowOne = plus(str('0.'), method(str('0'.repeat(5)), 'substring', int(0), E.binary('-', E.unary('-', e), int(1))), d);
  const digits = method(method(part(0), 'replace', str('-'), str('')), 'replace', str('.'), str(''));
  const laidOut = bind(DIGITS, digits, plus(sign, E.cond(E.binary('<', e, int(0)), belowOne, writtenOut)));
  const byExponent = E.cond(
    E.binary('||', E.binary('>=', e, int(21)), E.binary('<=', e, int(-10))),
    s,
    E.cond(E.binary('<=', e, int(-7)), plus(part(0), str('e'), E.call('string', [e])), laidOut),
  );
  return E.cond(
    eq(s, str('-0')), str('0'),
    E.cond(eq(s, str('+Inf')), str('Infinity'),
      E.cond(eq(s, str('-Inf')), str('-Infinity'),
        E.cond(method(s, 'contains', str('e')), bind(EXPONENT, E.call('int', [part(1)]), byExponent), s))),
  );
}

/**
 * JavaScript's `String(x)` of a double, as CEL.
 *
 * @example
 * printCel(doubleText(E.path('schema', 'spec', 'ratio'))).startsWith('[string(schema.spec.ratio)].map(s, '); // true
 */
export function doubleText(double: Expr): Expr {
  return bind(GO_TEXT, E.call('string', [double]), fromGoText());
}

/**
 * JavaScript's `String(x)` of a value whose type is known only when it is read (an untyped spec field, a
 * custom resource's field without a schema): a double as {@link doubleText}, `null` as `"null"`, text,
 * integers and booleans as CEL's `string()` (the same text); a list or a map fails, as CEL's `string()` does.
 *
 * @example
 * printCel(valueText(E.path('schema', 'spec', 'cfg'))).startsWith('[schema.spec.cfg].map(x, type(x) == type(0.0) ? '); // true
 */
export function valueText(value: Expr): Expr {
  const x = ident(VALUE);
  // `type(x) == type(null)`, not `x == null`: a value CEL's checker knows to be text has no `== null`.
  const isType = (example: Expr): Expr => eq(E.call('type', [x]), E.call('type', [example]));
  const text = E.cond(isType(E.double(0)), doubleText(x), E.cond(isType(E.null()), str('null'), E.call('string', [x])));
  return bind(VALUE, value, text);
}

/**
 * `string(value)` where CEL's text of a value of `type` is JavaScript's, else the forms above: a double as
 * {@link doubleText}, a value typed only when read as {@link valueText}.
 *
 * @example
 * printCel(javaScriptText(E.path('schema', 'spec', 'n'), T.int)); // 'string(schema.spec.n)'
 */
export function javaScriptText(value: Expr, type: CelType): Expr {
  if (type.kind === 'double') return doubleText(value);
  if (type.kind === 'dyn' && !type.intOrString) return valueText(value);
  return E.call('string', [value]);
}
