/**
 * Operators: comparisons (with JavaScript's `undefined` semantics for absent fields), arithmetic with CEL's
 * int/double kinds, string `+`, logical operators with truthiness, `??` and ternaries.
 */
import type { BinaryExpression, ConditionalExpression, LogicalExpression, Node, UnaryExpression } from '@babel/types';
import { isHandleTest } from './call-binding.js';
import { E, type Expr } from '../ir/expr.js';
import { foldConstants } from '../ir/fold.js';
import { T, type CelType } from '../ir/types.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { operandOf, snippetOf } from './source.js';
import { synthesize } from './synthesized.js';
import { HINT, intOrString, syntaxError, unknownShape } from './errors.js';
import { anyJson, declaredObject, isPropertyName, mapOrEmpty } from '../ir/untyped-target.js';
import { isCelIdentifier } from '../util/cel-names.js';
import {
  andPresent, describe, isNumeric, orValue, plain, stringify, textBeside, toDouble, toOptional, truthy, unifyNumeric,
  valueOf, wrappedValue, type Compiler, type Typed,
} from './typed.js';
import { withArticle } from '../util/article.js';
import { guardedBy, holds, refuseAbsentSpecData } from './absent-spec.js';
import { isInheritedName, refuseInheritedIn } from './compile-lookup.js';
import { isNullish, presence, refuseLooseUntyped, untypedNullTest, untypedOr } from './untyped-null.js';
import { identityEquality, refuseDateTimeComparison, refuseUntypedPlus } from './operand-meaning.js';
import { joinedText } from './text-alphabet.js';
import { relation, type Relation } from './compile-relations.js';
import { checkComparable, unifyBranches } from './branch-unify.js';
import { signedDivisor } from './signed-zero.js';

/** No CEL computes a remainder of doubles, so `Cel.expr` is no way out (trial 21 F7); these are. */
const DOUBLE_REMAINDER = "the fraction `x % 1` is `x - Math.trunc(x)`; a remainder of whole numbers needs integer operands (declare them 'number.integer', or Math.trunc(...) each)";

const RELATIONS = new Set<string>(['<', '<=', '>', '>=']);

/** Condition context: `&&`, `||` and `!` compose truthiness; everything else is `truthy(value)`. */
export function conditionOf(raw: Node, scope: Scope, c: Compiler): Expr {
  const node = unwrap(raw);
  if (node.type === 'LogicalExpression' && node.operator !== '??') {
    const left = c.condition(node.left, scope);
    return E.binary(node.operator, left, c.condition(node.right, rightScope(node.operator, left, scope)));
  }
  if (node.type === 'UnaryExpression' && node.operator === '!') return negate(c.condition(node.argument, scope));
  // A local holding a handle only under a test (`const svc = spec.on && Service(...)`) is truthy where the test is.
  const binding = node.type === 'Identifier' ? scope.lookup(node.name, node) : undefined;
  const when = binding?.kind === 'alias' || binding?.kind === 'value' ? binding.truthyWhen : undefined;
  if (when) {
    const test = c.condition(when.test, when.scope);
    return when.negated ? negate(test) : test;
  }
  if (node.type === 'Identifier' && isHandleTest(node)) {
    throw syntaxError(node, `\`${node.name}\` holds a resource only under a condition, and TypeKro cannot tell which condition here (a handle is always truthy)`, 'test the condition the resource is created under itself');
  }
  return truthy(c.value(node, scope), node);
}

/** The scope of `a && b`'s `b` (evaluated only where `a` holds) and of `a || b`'s `b` (only where it does not). */
function rightScope(operator: '&&' | '||', left: Expr, scope: Scope): Scope {
  return guardedBy(scope, operator === '&&' ? left : negate(left));
}

export function negate(expr: Expr): Expr {
  if (expr.kind === 'unary' && expr.op === '!') return expr.operand;
  if (expr.kind === 'literal' && expr.literal.kind === 'bool') return E.bool(!expr.literal.value);
  return E.unary('!', expr);
}

export function compileUnary(node: UnaryExpression, scope: Scope, c: Compiler): Typed {
  if (node.operator === '!') return plain(negate(c.condition(node.argument, scope)), T.bool);
  if (node.operator === '-') {
    const operand = c.value(node.argument, scope);
    if (!isNumeric(operand.type) && operand.type.kind !== 'dyn') throw syntaxError(node, `cannot negate ${withArticle(describe(operand.type))}`, HINT.expr);
    const v = valueOf(operand);
    if (v.kind === 'literal' && v.literal.kind === 'int') return plain(E.int(-v.literal.value), T.int);
    if (v.kind === 'literal' && v.literal.kind === 'double') return plain(E.double(-v.literal.value), T.double);
    return plain(E.unary('-', v), operand.type);
  }
  if (node.operator === '+') return unaryPlus(node, c.value(node.argument, scope), scope);
  const why = node.operator === 'typeof' ? '`typeof` inspects JavaScript values; CEL types are fixed at compile time' : `the \`${node.operator}\` operator has no CEL equivalent`;
  throw syntaxError(node, why, HINT.expr);
}

/**
 * `+x` of a number is the number itself in JavaScript. Of text it parses ('' is 0, ' 12 ' is 12, '1e3' is
 * 1000) where CEL's int()/double() fail; of a bool it is 1 or 0, which Number(b) already compiles.
 */
function unaryPlus(node: UnaryExpression, operand: Typed, scope: Scope): Typed {
  if (isNumeric(operand.type) && !operand.nullish) {
    refuseAbsentSpecData(operand, node.argument, scope, 'number');
    return plain(valueOf(operand), operand.type);
  }
  if (operand.type.kind === 'bool') throw syntaxError(node, '`+b` of a bool value is 1 or 0 in JavaScript', 'write Number(b), which TypeKro compiles to the same 1 or 0');
  throw syntaxError(
    node,
    `\`+x\` of ${withArticle(describe(operand.type))} value reads text as a number in JavaScript ('' is 0, ' 12 ' is 12, '1e3' is 1000), which CEL's int()/double() do not`,
    "declare the field as a number, or use Cel.expr('int(', value, ')') for CEL's parsing",
  );
}

export function compileBinary(node: BinaryExpression, scope: Scope, c: Compiler): Typed {
  if (node.left.type === 'PrivateName') throw syntaxError(node, 'private names are not supported', HINT.expr);
  const op = node.operator;
  if (op === 'in') return inOperator(node, scope, c);
  const typeofOperand = typeofUndefinedTest(node);
  if (typeofOperand) {
    // `typeof x === 'undefined'` is `x === undefined` in JavaScript (both strict: a null is not undefined).
    const undefinedValue = c.value(synthesize(node, { type: 'Identifier', name: 'undefined' }), scope);
    return equality(node, c.value(typeofOperand, scope), undefinedValue, op === '===' || op === '==' ? '===' : '!==', scope);
  }
  const [left, right] = textBeside(c.value(node.left, scope), c.value(node.right, scope));
  if (op === '===' || op === '==' || op === '!==' || op === '!=') return equality(node, left, right, op, scope);
  if (RELATIONS.has(op)) return relation(node, left, right, op as Relation, scope);
  if (op === '+' && (left.type.kind === 'string' || right.type.kind === 'string')) return concat(node, left, right, scope);
  if (op === '+') refuseUntypedPlus(node, left, right);
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    refuseAbsentSpecData(left, node.left, scope, 'number');
    refuseAbsentSpecData(right, node.right, scope, 'number');
    return arithmetic(node, left, right, op);
  }
  throw syntaxError(node, `the \`${op}\` operator has no CEL equivalent`, HINT.expr);
}

/** The operand of `typeof x === 'undefined'` (either side, any of the four equality operators), else undefined. */
function typeofUndefinedTest(node: BinaryExpression): Node | undefined {
  if (node.operator !== '===' && node.operator !== '==' && node.operator !== '!==' && node.operator !== '!=') return undefined;
  const [l, r] = [unwrap(node.left), unwrap(node.right)];
  return typeofOperand(l, r) ?? typeofOperand(r, l);
}

// A module function, not a closure per comparison compiled: under tsx each named closure is renamed when made.
function typeofOperand(a: Node, b: Node): Node | undefined {
  return a.type === 'UnaryExpression' && a.operator === 'typeof' && b.type === 'StringLiteral' && b.value === 'undefined' ? a.argument : undefined;
}

/**
 * `===`: absent operands compare like JavaScript `undefined` (equal only to `undefined`). KRO's typed objects
 * hold no nulls (a JSON null reads as absent, as `openApiToCel` does for direct mode), so `== null` and
 * `=== undefined` both mean "absent"; `=== null` on a value that may be absent has no exact form. A value of
 * unknown type may hold null: see untyped-null.ts.
 */
function equality(node: BinaryExpression, a: Typed, b: Typed, op: '===' | '==' | '!==' | '!=', scope: Scope): Typed {
  const negated = op === '!==' || op === '!=';
  const strict = op === '===' || op === '!==';
  const result = (expr: Expr): Typed => plain(negated ? negate(expr) : expr, T.bool);
  // Which nullish value each side is comes from the value, not the text: `b === undefined` where `b` is a
  // missing argument is true (trial 6 G08).
  if (a.nullish && b.nullish) return result(E.bool(!strict || a.nullish === b.nullish));
  if (a.nullish || b.nullish) {
    const other = a.nullish ? b : a;
    const literal = a.nullish ?? b.nullish ?? 'undefined';
    if (other.type.kind === 'dyn') return result(untypedNullTest(node, other, literal, strict, scope));
    if (strict && other.absent && literal === 'null') {
      throw syntaxError(
        node,
        `\`${op} null\` tells \`undefined\` from \`null\`, which KRO cannot: a field that is not set is \`undefined\` in JavaScript, and KRO's objects hold no nulls (a JSON null reads as not set)`,
        `test whether the field is set with \`${negated ? '!= null' : '== null'}\` or \`${op} undefined\``,
      );
    }
    return result(other.absent ? negate(other.absent.present) : E.bool(false));
  }
  refuseIdentity(node, a, b, op);
  if (op === '==' || op === '!=') refuseLooseUntyped(node, a, b, op);
  checkComparable(node, a, b);
  refuseDateTimeComparison(node, a, b, op);
  const [l, r] = unifyNumeric(a, b);
  const eq = identityEquality(l, r, E.binary('==', valueOf(l), valueOf(r)));
  if (a.absent && b.absent) {
    // Over values of unknown type, "there" is "neither absent nor null" where JavaScript takes null for undefined.
    const [pa, pb] = [presence(node, a, op, scope), presence(node, b, op, scope)];
    return result(E.cond(E.binary('&&', pa, pb), eq, E.binary('==', pa, pb)));
  }
  if (negated) {
    const maybe = a.absent ?? b.absent;
    const differ = eq.kind === 'binary' && eq.op === '==' ? E.binary('!=', eq.left, eq.right) : negate(eq);
    return plain(maybe ? E.binary('||', negate(maybe.present), differ) : differ, T.bool);
  }
  return result(andPresent(a, andPresent(b, eq)));
}


/** JavaScript compares lists and objects by identity (two spec lists are never `===`); CEL compares their values. */
function refuseIdentity(node: Node, a: Typed, b: Typed, op: string): void {
  const composite = (t: Typed): boolean => t.type.kind === 'list' || t.type.kind === 'map' || t.type.kind === 'object';
  if (!composite(a) && !composite(b)) return;
  const what = composite(a) ? a.type : b.type;
  throw syntaxError(
    node,
    `\`${op}\` on ${withArticle(describe(what))} compares identity in JavaScript (two lists or objects are never equal unless they are the same one), but CEL would compare their contents`,
    'compare the contents: `a.join(",") === b.join(",")` for lists of strings, field by field for objects, or Cel.expr(a, " == ", b) for CEL\'s value equality',
  );
}

/** `'key' in obj` -> `has(obj.key)`; `x in list` is not JavaScript's meaning (it tests indices). */
function inOperator(node: BinaryExpression, scope: Scope, c: Compiler): Typed {
  const key = node.left.type === 'StringLiteral' ? node.left.value : undefined;
  const target = c.value(node.right, scope);
  if (target.type.kind === 'list') throw syntaxError(node, '`in` over a list tests its positions in JavaScript, not its items', 'use list.includes(x) for membership');
  if (key === undefined) {
    // JavaScript's `k in m` is also true for the names every object inherits (`toString`, `constructor`).
    throw syntaxError(node, '`in` with a computed key: JavaScript also finds the names every object inherits (`"toString" in {}` is true), CEL only the map\'s keys', `test the map's own keys: \`Object.keys(${snippetOf(node.right)}).includes(${snippetOf(node.left)})\``);
  }
  if (isInheritedName(key) && !(target.type.kind === 'object' && Object.hasOwn(target.type.fields, key))) refuseInheritedIn(node, key);
  // On a value typed only when read, a list's positions and length are found too (`'0' in [1]`); any other
  // key is found only in a map (untyped-target.ts), also of KRO's object types, which take no `"k" in x`.
  if (anyJson(target.type) && !isPropertyName(key)) throw unknownShape(node, `\`'${key}' in\``, target.type);
  const map = target.type.kind === 'dyn' && !target.type.intOrString ? mapOrEmpty(valueOf(target)) : valueOf(target);
  return plain(andPresent(target, E.call('has', [E.select(map, key)])), T.bool);
}

/** String `+`: JavaScript coerces the other side to text; a template keeps the parts flat. */
function concat(node: BinaryExpression, a: Typed, b: Typed, scope: Scope): Typed {
  const parts = (t: Typed, side: Node): (string | Expr)[] => {
    refuseAbsentSpecData(t, side, scope, 'text');
    const e = valueOf(t);
    if (e.kind === 'template') return [...e.parts];
    if (e.kind === 'literal' && e.literal.kind === 'string') return [e.literal.value];
    return [stringify(t, side)];
  };
  return plain(E.template([...parts(a, node.left), ...parts(b, node.right)]), joinedText(a.type, b.type));
}

function arithmetic(node: BinaryExpression, a: Typed, b: Typed, op: '+' | '-' | '*' | '/' | '%'): Typed {
  const numeric = (t: Typed): boolean => isNumeric(t.type) || t.type.kind === 'dyn';
  if (!numeric(a) || !numeric(b)) throw syntaxError(node, `\`${op}\` needs numbers, got ${describe(a.type)} and ${describe(b.type)}`, 'declare the field as a number, or build text with String(...) or a template literal');
  // `targetPort + 1` is 8081 on 8080 but "http1" on "http" (NaN for `-`, `*`, `%`); CEL's `+` fails on the string.
  if ([a, b].some((t) => t.type.kind === 'dyn' && t.type.intOrString)) {
    throw intOrString(node, `\`${op}\``, "compute from the number the field was set from (e.g. `spec.port + 1` rather than `svc.spec.ports[0].targetPort + 1`), build text with String(value), or write the CEL for both cases with Cel.expr (`type(value) == int` tells them apart)");
  }
  if (op === '/') {
    // JavaScript division is fractional; CEL int division truncates. Math.trunc(a / b) gives CEL's int form.
    return plain(E.binary('/', valueOf(untypedToDouble(toDouble(a))), signedDivisor(valueOf(untypedToDouble(toDouble(b))))), T.double);
  }
  if (op === '%' && (a.type.kind === 'double' || b.type.kind === 'double')) throw syntaxError(node, 'CEL has no `%` on doubles', DOUBLE_REMAINDER);
  if (a.type.kind === 'double' || b.type.kind === 'double') {
    // Beside a double, an untyped number may hold either CEL kind, and CEL has no `int * double` (trial 7 V03).
    const [l, r] = unifyNumeric(untypedToDouble(a), untypedToDouble(b));
    return plain(E.binary(op, valueOf(l), valueOf(r)), T.double);
  }
  const [l, r] = unifyNumeric(a, b);
  const type: CelType = l.type.kind === 'double' || r.type.kind === 'double' ? T.double : l.type.kind === 'dyn' ? r.type : l.type;
  return plain(E.binary(op, valueOf(l), valueOf(r)), type);
}

/**
 * A value of unknown type where a double is needed: a JSON number is an int or a double in CEL depending on
 * how it was written (`2`, `2.5`), and CEL's arithmetic has no mixed overloads, so `count / 2` failed in
 * KRO for every integer count. `double()` takes both (and text JavaScript would convert, as `"5" / 2`).
 */
function untypedToDouble(t: Typed): Typed {
  return t.type.kind === 'dyn' ? plain(E.call('double', [valueOf(t)]), T.double) : t;
}

export function compileLogical(node: LogicalExpression, scope: Scope, c: Compiler, expect?: CelType): Typed {
  const left = c.value(node.left, scope, expect);
  if (node.operator === '??') return nullishCoalescing(node, left, c.value(node.right, scope, expect));
  // A left side whose truthiness the compiler decides (`false && x`, `true || x`, `-1 || x`): JavaScript returns
  // it or the right side without testing the other, so `String(false && spec.flag)` is "false", never "undefined".
  const decided = left.absent || left.type.kind === 'bytes' ? undefined : foldConstants(truthy(left, node.left));
  if (decided?.kind === 'literal' && decided.literal.kind === 'bool') return decided.literal.value === (node.operator === '&&') ? c.value(node.right, scope, expect) : left;
  // Bytes have no truthiness: the error comes from the operator below, not from the guard.
  const right = c.value(node.right, left.type.kind === 'bytes' ? scope : rightScope(node.operator, truthy(left, node.left), scope), expect);
  if (left.type.kind === 'bool' && right.type.kind === 'bool') {
    if (left.absent || right.absent) return logicalOfAbsent(node, left, right);
    return plain(E.binary(node.operator, valueOf(left), valueOf(right)), T.bool);
  }
  if (node.operator === '&&') throw syntaxError(node, '`&&` on non-boolean values returns one of the operands in JavaScript', 'write a ternary `c ? value : other` instead');
  // `x || d` as a default: JavaScript returns `x` when truthy.
  const [l, r, type] = unifyBranches(node, left, right);
  if (r.nullish) throw undefinedDefault(node);
  const test = truthy(left, node.left);
  if (r.absent?.wrapped) return wrappedValue(E.cond(test, E.call('optional.of', [valueOf(l)]), r.expr), type);
  if (!r.absent) return plain(E.cond(test, valueOf(l), r.expr), type);
  const absent = { present: E.binary('||', test, r.absent.present), value: E.cond(test, valueOf(l), valueOf(r)), wrapped: false };
  return { expr: E.cond(test, valueOf(l), r.expr), type, absent };
}

/**
 * `x || undefined`, written to leave a value out (or let a helper's default apply) where `x` is empty: the
 * refusal says why and what does the same (trial 17: it said only "use a real default value").
 */
function undefinedDefault(node: LogicalExpression): Error {
  const x = operandOf(node.left);
  return syntaxError(
    node,
    `defaulting to \`undefined\`: this leaves the value out wherever \`${snippetOf(node.left)}\` is falsy ('', 0, false), and TypeKro compiles a value left out under a condition only when it is written as a choice`,
    `write the same as a choice, which compiles: \`${x} ? ${x} : undefined\` (a helper's parameter default then applies where it is left out), or pass \`${snippetOf(node.left)}\` itself and give the default where it is used (\`value || 'default'\`)`,
  );
}

/**
 * `a && b` / `a || b` on booleans that may be undefined, as a value: JavaScript returns the operand that
 * decided, `undefined` included (`undefined && x` and `false || undefined` are undefined, which leaves a
 * field out), so the result is `a ? b : a` / `a ? a : b`, absent where the chosen operand is. (As a test,
 * conditionOf compiles them with truthiness, where `undefined` is false.)
 */
function logicalOfAbsent(node: LogicalExpression, left: Typed, right: Typed): Typed {
  if (left.absent?.wrapped || right.absent?.wrapped) {
    throw syntaxError(node, `\`${node.operator}\` over a value that may be undefined: JavaScript's result is then \`undefined\` or a boolean`, 'give it a default first (`(x ?? false)`), or compare it (`x === true`)');
  }
  const test = truthy(left, node.left);
  const [leftValue, rightValue] = [valueOf(left), valueOf(right)];
  const [leftPresent, rightPresent] = [left.absent?.present ?? E.bool(true), right.absent?.present ?? E.bool(true)];
  const absent = node.operator === '&&'
    ? { present: E.cond(test, rightPresent, leftPresent), value: E.cond(test, rightValue, leftValue), wrapped: false }
    : { present: E.cond(test, E.bool(true), rightPresent), value: E.cond(test, leftValue, rightValue), wrapped: false };
  const expr = node.operator === '&&' ? E.cond(test, right.expr, left.expr) : E.cond(test, left.expr, right.expr);
  return { expr, type: T.bool, absent };
}

function nullishCoalescing(node: LogicalExpression, left: Typed, right: Typed): Typed {
  if (left.nullish) return right;
  if (!left.absent) return left;
  const [l, r, type] = unifyBranches(node, left, right);
  if (r.nullish) return l;
  if (r.absent) return wrappedValue(l.type.kind === 'dyn' || r.type.kind === 'dyn' ? untypedOr(l, r) : E.call('or', [toOptional(r)], toOptional(l)), type);
  // An untyped value (preserve-unknown-fields, an untyped custom resource's status) may be JSON null: CEL's
  // optional keeps it (`x.?f.orValue(d)` is null), JavaScript's `??` replaces it, so test for null as well.
  // `dyn(...)` first: where KRO knows the field's type (a YAML handle's ConfigMap data is strings), the
  // checker refuses `orValue(null)` on `optional(string)` (tools/cel-oracle).
  // `dyn(...)` the default where cel-go's checker would type the whole by it: a value the schema declares an
  // object is one of KRO's object types, whose optional takes no map literal (`c.?status.orValue(dyn({}))`),
  // and an indexed read's optional takes the default's type (`m[?"k"].orValue("none")` is a string to it, so
  // `string()` of an int read there fails: "no such overload").
  if (left.type.kind === 'dyn') {
    const read = toOptional(l);
    const typedByDefault = declaredObject(left.type) || read.kind === 'index' || (read.kind === 'select' && !isCelIdentifier(read.field));
    return plain(E.cond(isNullish(l), r.expr, orValue(l, typedByDefault ? E.call('dyn', [r.expr]) : r.expr)), type);
  }
  return plain(orValue(l, r.expr), type);
}

/**
 * A branch read that its own test shows present (`x !== undefined ? x : d`, `x ? x : d`) is its value: the
 * conditional as a whole is then never undefined, so it may stand where a missing value cannot (a list item,
 * `[x !== undefined ? x : d]`), as in JavaScript.
 */
export function settled(t: Typed, branch: Scope): Typed {
  return t.absent && !t.absent.wrapped && !t.nullish && holds(branch.guards ?? [], t.absent.present) ? plain(valueOf(t), t.type) : t;
}

export function compileConditional(node: ConditionalExpression, scope: Scope, c: Compiler, expect?: CelType): Typed {
  const test = c.condition(node.test, scope);
  // A test the compiler decides (`b === undefined` with `b` a missing argument): JavaScript evaluates only
  // the branch it takes, so the other one is not compiled (it may use `b` in ways only the taken test excludes).
  const known = foldConstants(test);
  if (known.kind === 'literal' && known.literal.kind === 'bool') return c.value(known.literal.value ? node.consequent : node.alternate, scope, expect);
  const [thenScope, elseScope] = [guardedBy(scope, test), guardedBy(scope, negate(test))];
  const [then, otherwise] = [c.value(node.consequent, thenScope, expect), c.value(node.alternate, elseScope, expect)];
  // Beside `undefined` the result is an optional anyway, whose form keeps the read (`c ? x.?f : optional.none()`).
  const optional = then.nullish || otherwise.nullish;
  const [a, b, type] = unifyBranches(node, optional ? then : settled(then, thenScope), optional ? otherwise : settled(otherwise, elseScope));
  if (a.nullish && b.nullish) throw syntaxError(node, 'both branches are `undefined`', 'leave the field out');
  if (a.nullish || b.nullish || a.absent?.wrapped || b.absent?.wrapped) {
    // One side may be `undefined`: the result is a CEL optional (none = field omitted).
    const opt = (t: Typed): Expr => (t.nullish ? E.call('optional.none', []) : toOptional(t));
    return wrappedValue(E.cond(test, opt(a), opt(b)), type);
  }
  if (a.absent || b.absent) {
    const present = E.cond(test, a.absent?.present ?? E.bool(true), b.absent?.present ?? E.bool(true));
    const value = E.cond(test, valueOf(a), valueOf(b));
    return { expr: E.cond(test, a.expr, b.expr), type, absent: { present, value, wrapped: false } };
  }
  return plain(E.cond(test, a.expr, b.expr), type);
}
