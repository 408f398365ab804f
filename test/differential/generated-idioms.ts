/**
 * Operators of the list idioms and conversions that compile since trial 10, for the expression generator
 * (generated-expressions.ts places them with every other operator, so they reach every position):
 * - `concat` of lists, also with items that are not lists (`a.concat(x, b)`: appended as they are);
 * - `[x, c ? 'y' : null, ...l].filter(Boolean)`: maybe-null items (and empty strings, 0) left out;
 * - a numeric sort, `[...nums].sort((a, b) => a - b)`, `b - a`, `toSorted`, over the spec's integer list
 *   and integer list literals;
 * - `Buffer.from(String(text)).toString('base64')` (Node must be handed the reference as text);
 * - a destructured callback parameter with a default, `spec.workers.map(({ name: x0, replicas: y0 = 1 }) => ...)`,
 *   also written with shorthand names (`({ name, replicas = 2 })`);
 * - `Number(b)` of a boolean, and `Number(count)`/`parseInt(count)` under an `&&` that tests it (`parseInt(n)`
 *   without a radix is drawn with `Number` in generated-expressions.ts).
 * The operator builders take the generator's own recursion (`e`, `raw`, `branch`), so this module does not
 * import the generator (no import cycle).
 */
import fc from 'fast-check';
import type { Expr, ExprType, GenScope } from './generated-types.js';

/** How the generator recurses: an operand of a type, where `undefined` of `count` is exact (`raw`), a branch. */
export interface Recurse {
  readonly e: (t: ExprType, scope?: GenScope) => fc.Arbitrary<Expr>;
  readonly raw: (t: ExprType) => fc.Arbitrary<Expr>;
  readonly scope: GenScope;
}

const op = (template: string, ...args: Expr[]): Expr => ({ k: 'op', op: template, args });
const sep = fc.constantFrom("','", "'-'", "''");
const small = fc.constantFrom('0', '1', '2', '3');
/** The spec's list of objects (over the destructured spec, `workers`). */
const WORKERS: Expr = { k: 'spec', field: 'workers' };

/** Integer lists: the spec's `nums`, literals, sorts, concat and filter(Boolean) (which drops 0). */
export function intListOperators({ e }: Recurse): fc.Arbitrary<Expr>[] {
  return [
    // `?? 0`: an item JavaScript may leave undefined is refused (compile-rejections.test.ts), also where a test in the
    // item itself makes it present (`spec.count !== undefined ? spec.count : 0`, refused as it is: reported)
    fc.tuple(e('int'), e('int'), e('int')).map(([a, b, c]) => op('[($0 ?? 0), ($1 ?? 1), ($2 ?? 2)]', a, b, c)),
    e('ints').chain((l) => fc.constantFrom('[...$0].sort((a, b) => a - b)', '[...$0].sort((a, b) => b - a)', '$0.toSorted((a, b) => a - b)', '$0.toSorted((x, y) => { return y - x; })').map((t) => op(t, l))),
    fc.tuple(e('ints'), e('ints')).map(([a, b]) => op('$0.concat($1)', a, b)),
    fc.tuple(e('int'), e('bool'), e('int')).map(([a, c, b]) => op('[$0, $1 ? $2 : null].filter(Boolean)', a, c, b)),
  ];
}

/** String lists: concat (lists and single items) and filter(Boolean) over maybe-null and spread items. */
export function listOperators({ e }: Recurse): fc.Arbitrary<Expr>[] {
  return [
    fc.tuple(e('list'), e('list')).map(([a, b]) => op('$0.concat($1)', a, b)),
    fc.tuple(e('list'), e('str'), e('list')).map(([a, x, b]) => op('$0.concat($1, $2)', a, x, b)),
    fc.tuple(e('str'), e('bool'), e('str')).map(([a, c, b]) => op('[$0, $1 ? $2 : null].filter(Boolean)', a, c, b)),
    fc.tuple(e('bool'), e('str'), e('list')).map(([c, a, l]) => op('[$0 ? undefined : $1, ...$2].filter(Boolean)', c, a, l)),
    e('ints').map((l) => op('$0.map((n) => String(n))', l)),
  ];
}

/** Text: base64, an integer list joined, and a destructured callback over the spec's workers. */
export function strOperators(r: Recurse): fc.Arbitrary<Expr>[] {
  const { e } = r;
  return [
    e('str').chain((a) => fc.constantFrom("Buffer.from(String($0)).toString('base64')", "Buffer.from(`${$0}`, 'utf8').toString('base64')").map((t) => op(t, a))),
    fc.tuple(e('ints'), sep).map(([l, s]) => op(`$0.join(${s})`, l)),
    ...(r.scope.self ? [] : [fc.tuple(workersCallback('str', r), sep).map(([{ head, body }, s]) => op(`$1.map((${head}) => $0).join(${s})`, body, WORKERS))]),
  ];
}

/** Integers: the first of a sorted list, a list's length, `Number(b)` of a boolean. */
export function intOperators({ e, scope }: Recurse): fc.Arbitrary<Expr>[] {
  return [
    fc.tuple(e('ints'), small).map(([l, k]) => op(`([...$0].sort((a, b) => a - b)[0] ?? ${k})`, l)),
    e('ints').map((l) => op('$0.length', l)),
    // the optional `flag` one time in eight (GenScope.text): Number(undefined) is NaN, refused, and most programs must define
    e('bool', { ...scope, text: true }).map((b) => op('Number($0)', b)),
  ];
}

/** Booleans: `count` converted under the `&&` that tests it, a destructured callback's test, an integer list's. */
export function boolOperators(r: Recurse): fc.Arbitrary<Expr>[] {
  const { e, scope } = r;
  if (scope.self) return [];
  const count: Expr = { k: 'spec', field: 'count' };
  return [
    fc.tuple(small, fc.constantFrom('Number($0)', 'parseInt($0)', 'Number($0) * 2')).map(([k, t]) => op(`($0 !== undefined && ${t} > ${k})`, count)),
    workersCallback('bool', r).chain(({ head, body }) => fc.constantFrom('some', 'every').map((m) => op(`$1.${m}((${head}) => $0)`, body, WORKERS))),
    fc.tuple(e('ints'), e('int')).map(([l, a]) => op('$0.includes($1)', l, a)),
  ];
}

/**
 * A callback over the spec's workers with a destructured parameter: `name` (text) and `replicas` (an optional
 * integer, always with a default here), renamed to fresh names or, one time in three, shorthand.
 */
function workersCallback(type: ExprType, { e, scope }: Recurse): fc.Arbitrary<{ head: string; body: Expr }> {
  const n = scope.vars.filter((v) => v.startsWith('x')).length;
  const renamed = { name: `x${n}`, replicas: `y${n}` };
  const forms = fc.constantFrom(renamed, renamed, { name: 'name', replicas: 'replicas' });
  return fc.tuple(forms, small).chain(([names, k]) => {
    const head = names.name === 'name' ? `{ name, replicas = ${k} }` : `{ name: ${names.name}, replicas: ${names.replicas} = ${k} }`;
    const inner: GenScope = { ...scope, vars: [...scope.vars, names.name], ints: [...(scope.ints ?? []), names.replicas] };
    return e(type, inner).map((body) => ({ head, body }));
  });
}

/**
 * Status fields checked against their declared type (status-types.ts): `e` is declared `'dev' | 'prod'` and
 * gets the spec's enumeration, literals and choices between them; `i` is declared an integer and gets integer
 * expressions. One time in a hundred each gets what does not fit, as a user's cast writes it (`(x as 'dev' | 'prod')`
 * of any text, or `x / 8`, a double), which must be refused with the status-types message.
 */
export const STATUS_TYPE_MISMATCH = {
  markers: [" as 'dev' | 'prod')", ' / 8)'],
  message: /: composition "gen-\d+": the status field `[ie]` is declared [^]*, but its value is [^]*KRO and direct mode would both report that value/,
} as const;

type Arb = (type: ExprType, scope: GenScope, depth: number) => fc.Arbitrary<Expr>;

/** The `e` status field: a value of the enumeration `'dev' | 'prod'`, or now and then text cast to it. */
export function enumStatusArb(exprArb: Arb, scope: GenScope, depth: number): fc.Arbitrary<Expr> {
  const leaf = fc.constantFrom<Expr>({ k: 'spec', field: 'env' }, { k: 'lit', text: "'dev'" }, { k: 'lit', text: "'prod'" });
  const fits = (d: number): fc.Arbitrary<Expr> =>
    d <= 0 ? leaf : fc.oneof(leaf, fc.tuple(exprArb('bool', scope, d - 1), fits(d - 1), fits(d - 1)).map(([c, a, b]) => op('($0 ? $1 : $2)', c, a, b)));
  const cast = exprArb('str', scope, depth - 1).map((a) => op(`($0${STATUS_TYPE_MISMATCH.markers[0]}`, a));
  return fc.oneof({ arbitrary: fits(Math.min(depth, 2)), weight: 99 }, { arbitrary: cast, weight: 1 });
}

/** The `i` status field: an integer, or now and then a double (`x / 8`). */
export function intStatusArb(exprArb: Arb, scope: GenScope, depth: number): fc.Arbitrary<Expr> {
  const double = exprArb('int', scope, depth - 1).map((a) => op(`($0${STATUS_TYPE_MISMATCH.markers[1]}`, a));
  return fc.oneof({ arbitrary: exprArb('int', scope, depth), weight: 99 }, { arbitrary: double, weight: 1 });
}
