/**
 * JavaScript's -0, where it shows: a division by it (`5 / (tags.indexOf('x') * replicas)` is -Infinity when
 * the index is -1 and replicas 0). CEL's ints have one zero, so an int made double for `/` (`double(i)`) is
 * always +0.0 there: the quotient's sign flipped and `>=` on it answered the other way (generated run, seed
 * 20262245). Double arithmetic keeps the sign in CEL as in JavaScript (IEEE 754), so only the int -> double
 * conversions under a divisor need it: each becomes `-0.0` where JavaScript's int value is -0.
 *
 * `negativeZero(x)` is a CEL condition, meaningful where `x` is 0, that JavaScript's value is -0; `undefined`
 * where it is never -0 (literals, fields: JSON has no -0, lengths, indexes).
 */
import { E, type Expr } from '../ir/expr.js';

const ZERO = E.int(0);
const or = (a: Expr, b: Expr): Expr => E.binary('||', a, b);
const and = (a: Expr, b: Expr): Expr => E.binary('&&', a, b);

/**
 * The divisor of a `/` made double, with JavaScript's sign on every int zero it converts.
 *
 * @example
 * ```ts
 * signedDivisor(E.call('double', [E.binary('*', a, b)]));
 * // => a * b == 0 && (a < 0 != b < 0) ? -0.0 : double(a * b)
 * ```
 */
export function signedDivisor(divisor: Expr): Expr {
  switch (divisor.kind) {
    case 'call':
      if (divisor.fn === 'double' && !divisor.target && divisor.args.length === 1) return signedDouble(divisor.args[0]!, divisor);
      if ((divisor.fn === 'max' || divisor.fn === 'min') && divisor.target?.kind === 'list' && divisor.args.length === 0) {
        return E.call(divisor.fn, [], E.list(divisor.target.items.map(signedDivisor)));
      }
      return divisor;
    case 'unary':
      return divisor.op === '-' ? E.unary('-', signedDivisor(divisor.operand)) : divisor;
    case 'binary':
      return ['*', '/', '+', '-'].includes(divisor.op) ? E.binary(divisor.op, signedDivisor(divisor.left), signedDivisor(divisor.right)) : divisor;
    case 'conditional':
      return E.cond(divisor.test, signedDivisor(divisor.then), signedDivisor(divisor.otherwise));
    default:
      return divisor;
  }
}

function signedDouble(int: Expr, converted: Expr): Expr {
  const negative = negativeZero(int);
  return negative ? E.cond(and(E.binary('==', int, ZERO), negative), E.unary('-', E.double(0)), converted) : converted;
}

/** Below zero in JavaScript, -0 included. */
function belowZero(int: Expr): Expr {
  const negative = negativeZero(int);
  const below = E.binary('<', int, ZERO);
  return negative ? or(below, and(E.binary('==', int, ZERO), negative)) : below;
}

function negativeZero(int: Expr): Expr | undefined {
  switch (int.kind) {
    case 'literal':
      return int.literal.kind === 'double' && Object.is(int.literal.value, -0) ? E.bool(true) : undefined;
    case 'unary': {
      if (int.op !== '-') return undefined;
      const operand = negativeZero(int.operand);
      return operand ? E.unary('!', operand) : E.bool(true);
    }
    case 'binary':
      return binaryNegativeZero(int);
    case 'conditional': {
      const [then, otherwise] = [negativeZero(int.then), negativeZero(int.otherwise)];
      return then || otherwise ? E.cond(int.test, then ?? E.bool(false), otherwise ?? E.bool(false)) : undefined;
    }
    case 'call':
      return callNegativeZero(int);
    default:
      return undefined;
  }
}

function binaryNegativeZero(int: Extract<Expr, { kind: 'binary' }>): Expr | undefined {
  const { op, left, right } = int;
  // A zero product or (truncated) quotient is negative when the operands' signs differ; a remainder has the dividend's.
  if (op === '*' || op === '/') return E.binary('!=', belowZero(left), belowZero(right));
  if (op === '%') return belowZero(left);
  const [l, r] = [negativeZero(left), negativeZero(right)];
  // -0 + -0 is -0 and -0 - 0 is -0; any other zero sum or difference is +0.
  if (op === '+') return l && r ? and(l, r) : undefined;
  if (op === '-') return l ? (r ? and(l, E.unary('!', r)) : l) : undefined;
  return undefined;
}

function callNegativeZero(int: Extract<Expr, { kind: 'call' }>): Expr | undefined {
  const items = int.target?.kind === 'list' && int.args.length === 0 ? int.target.items : undefined;
  if (items && (int.fn === 'max' || int.fn === 'min')) {
    const signs = items.map((item) => [item, negativeZero(item)] as const);
    if (!signs.some(([, negative]) => negative)) return undefined;
    // Math.max(-0, 0) is 0 and Math.min(0, -0) is -0: a zero maximum is -0 when every zero item is, a zero minimum when one is.
    if (int.fn === 'max') return signs.map(([item, negative]) => or(E.binary('!=', item, ZERO), negative ?? E.bool(false))).reduce(and);
    return signs.map(([item, negative]) => and(E.binary('==', item, ZERO), negative ?? E.bool(false))).reduce(or);
  }
  // Math.trunc of a double (the only int() the compiler writes, math-calls.ts): int() drops the sign of a result
  // between -1 and 0.
  const [arg] = int.args;
  if (int.fn === 'int' && !int.target && int.args.length === 1 && arg) {
    const value = signedDivisor(arg);
    return or(E.binary('<', value, E.double(0)), and(E.binary('==', value, E.double(0)), E.binary('<', E.binary('/', E.double(1), value), E.double(0))));
  }
  return undefined;
}
