/** `Math` functions with a faithful CEL form. */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T } from '../ir/types.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { snippetOf } from './source.js';
import { isNumeric, plain, unifyNumeric, valueOf, type Compiler, type Typed } from './typed.js';
import type { Call } from './call-arguments.js';
import { RANDOM_HINT, runDependentRefusal } from './run-values.js';

/** The `Math` functions with an exact CEL form, named in the refusal of the others. */
const COMPILED = ['max', 'min', 'abs', 'trunc', 'sign'];

/** The ternaries that do what a Math function does, for a number whose kind CEL learns only when it runs. */
const UNTYPED_FORMS: Readonly<Record<string, string>> = { max: 'v > 5 ? v : 5', min: 'v < 5 ? v : 5', abs: 'v < 0 ? 0 - v : v', sign: 'v > 0 ? 1 : v < 0 ? -1 : 0' };

export function mathCall(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler): Typed {
  if (name === 'random') throw runDependentRefusal(node, RANDOM_HINT);
  if (!COMPILED.includes(name)) throw syntaxError(node, `Math.${name} has no CEL equivalent (there is no math library in KRO)`, unknownHint(name));
  if (args.length === 0) throw syntaxError(node, `Math.${name}() without arguments is ${name === 'max' ? '-Infinity' : name === 'min' ? 'Infinity' : 'NaN'} in JavaScript, which CEL has no number for`, 'pass the numbers to compare');
  const values = args.map((arg) => c.value(arg, scope));
  const untyped = values.findIndex((t) => t.type.kind === 'dyn');
  if (untyped >= 0) {
    // `Cel.expr<number>(...)` or an untyped field: CEL's int or double, known only when it runs (trial 21 F9).
    const arg = snippetOf(args[untyped]!);
    const ternary = UNTYPED_FORMS[name];
    const hint = ternary ? `compare with a ternary, which compiles for such a value: \`const v = ${arg}\`, then \`${ternary}\`` : "declare the number's type in the schema ('number' or 'number.integer'), or write the CEL with Cel.expr";
    throw syntaxError(node, `Math.${name} of a value whose number kind is known only when it runs (\`${arg}\`: CEL's int or double)`, hint);
  }
  const numeric = values.every((t) => isNumeric(t.type) && !t.absent);
  if (!numeric) throw syntaxError(node, `Math.${name} needs present numbers`, 'give absent values a default with `??`');
  const first = values[0] as Typed;
  switch (name) {
    case 'max':
    case 'min': {
      const kind = values.some((t) => t.type.kind === 'double') ? T.double : T.int;
      const items = values.map((t) => (kind.kind === 'double' ? unifyNumeric(t, { expr: E.double(0), type: T.double })[0] : t));
      // Kubernetes list library: `[a, b].max()` (there is no global max()).
      if (values.length === 1) return first;
      const list = items.map(valueOf);
      const extreme = E.call(name, [], E.list(list));
      // Only doubles may be NaN: an int made double (`double(i)`) is not asked.
      return plain(kind.kind === 'double' ? nanFirst(list.filter((_, i) => values[i]?.type.kind === 'double'), extreme) : extreme, kind);
    }
    case 'abs': {
      const v = valueOf(first);
      const zero = first.type.kind === 'double' ? E.double(0) : E.int(0);
      // `0 - v`, not `-v`: Math.abs(-0) is 0, and -(-0.0) would be too, but `v < 0` is false for -0.0.
      return plain(E.cond(E.binary('<=', v, zero), E.binary('-', zero, v), v), first.type);
    }
    case 'sign':
      return sign(first);
    default:
      return trunc(first, args[0] as Node);
  }
}

/**
 * JavaScript's `Math.max`/`Math.min` are NaN when any argument is; the list library's `max()`/`min()` skip a NaN
 * that is not first (trial 18 F2b: `Math.max(1, 0 / 0) > 0.5` was true). So a double's max or min first asks
 * whether a double item is NaN (`x != x`); numbers written in the source (a literal NaN makes the result NaN)
 * and ints are not asked.
 */
function nanFirst(doubles: readonly Expr[], extreme: Expr): Expr {
  const tests = doubles.filter((item) => item.kind !== 'literal').map((item) => E.binary('!=', item, item));
  if (doubles.some((item) => item.kind === 'literal' && item.literal.kind === 'double' && Number.isNaN(item.literal.value))) return E.double(NaN);
  const anyNaN = tests.reduce<Expr | undefined>((all, test) => (all ? E.binary('||', all, test) : test), undefined);
  return anyNaN ? E.cond(anyNaN, E.double(NaN), extreme) : extreme;
}

/**
 * The way out of an uncompiled `Math` function: a compiled form with the same value where one exists. For
 * ints `a` and `b > 0`, `Math.trunc(a / b)` is CEL's int division and `a % b` has the sign of `a` in both
 * languages, so the remainder says which way the quotient was rounded (checked by math-hints.test.ts).
 */
function unknownHint(name: string): string {
  const compiled = `TypeKro compiles ${COMPILED.map((f) => `Math.${f}`).join(', ')}`;
  if (name === 'floor') return `for ints a and b > 0, Math.floor(a / b) is Math.trunc(a / b) - (a % b < 0 ? 1 : 0); on values >= 0, Math.floor(x) is Math.trunc(x); ${compiled}`;
  if (name === 'ceil') return `for ints a and b > 0, Math.ceil(a / b) is Math.trunc(a / b) + (a % b > 0 ? 1 : 0); ${compiled}`;
  // KRO's CEL has no math library either, so Cel.expr(...) is no way out for these: the value comes from outside.
  return `${compiled}; compute anything else before, and pass it through the spec`;
}

/**
 * `Math.sign(x)`: 1, -1, or `x` itself where it is neither above nor below 0, which keeps JavaScript's -0 and
 * NaN for a double (both compare false with 0 in CEL as in JavaScript) and is 0 for an int.
 */
function sign(t: Typed): Typed {
  const v = valueOf(t);
  const double = t.type.kind === 'double';
  const [zero, one] = double ? [E.double(0), E.double(1)] : [E.int(0), E.int(1)];
  const minusOne = double ? E.double(-1) : E.int(-1);
  return plain(E.cond(E.binary('>', v, zero), one, E.cond(E.binary('<', v, zero), minusOne, v)), t.type);
}

/** `Math.trunc(a / b)` on ints is CEL's int division; `Math.trunc(x)` on a double is `int(x)`. */
function trunc(t: Typed, arg: Node): Typed {
  const v = valueOf(t);
  if (t.type.kind === 'int') return t;
  const inner = unwrap(arg);
  if (v.kind === 'binary' && v.op === '/' && inner.type === 'BinaryExpression') {
    // Undo the int -> double conversions `/` added: `double(a)` and whole double literals.
    const strip = (e: Expr): Expr => {
      if (e.kind === 'call' && e.fn === 'double' && e.args[0]) return e.args[0];
      if (e.kind === 'literal' && e.literal.kind === 'double' && Number.isSafeInteger(e.literal.value)) return E.int(e.literal.value);
      return e;
    };
    const [l, r] = [strip(v.left), strip(v.right)];
    if (l !== v.left && r !== v.right) return plain(E.binary('/', l, r), T.int);
  }
  // int() truncates toward zero like Math.trunc (and errors on NaN/overflow where JavaScript would not).
  return plain(E.call('int', [v]), T.int);
}
