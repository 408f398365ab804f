/**
 * Typed expression trees for the program generator (generated.test.ts): bounded-depth JavaScript
 * expressions over a fixed spec schema (generated-spec.ts), built only from the operators and methods of the README's table
 * "The JavaScript that compiles to CEL". Trees are plain data (so fast-check can shrink and print them) and
 * render to source text for a scope: spec fields as `spec.x` or, destructured, as `x`.
 */
import fc from 'fast-check';
import { boolOperators, intListOperators, intOperators, listOperators, strOperators, type Recurse } from './generated-idioms.js';
import { DOUBLE_IN_INTEGER_FIELD, UNSUPPORTED } from './generated-rejections.js';
import type { Expr, ExprType, GenScope } from './generated-types.js';

const spec = (field: string): Expr => ({ k: 'spec', field });
const lit = (text: string): Expr => ({ k: 'lit', text });
const op = (template: string, ...args: Expr[]): Expr => ({ k: 'op', op: template, args });

/** Source text of `expr`; `destructured` reads spec fields as locals of the same name. */
export function renderExpr(expr: Expr, destructured = false): string {
  switch (expr.k) {
    case 'spec':
      return destructured ? expr.field : `spec.${expr.field}`;
    case 'lit':
    case 'var':
      return expr.k === 'lit' ? expr.text : expr.name;
    case 'op':
      return expr.op.replace(/\$(\d)/g, (_, i: string) => renderExpr(expr.args[Number(i)]!, destructured));
  }
}

/** Tests of a ratio `$0 / $1` (NaN where both are 0) against `$2`. */
const NAN_TESTS = [
  '!($0 / $1)', 'Boolean($0 / $1)', '(($0 / $1) ? $2 > 0 : $2 < 1)', '((($0 / $1) || 0) >= $2)', '(Math.max($2, $0 / $1) > 0.5)',
  '(Math.min($0 / $1, $2) < 1)', '[$0 / $1].includes($0 / $1)', '[($2 ?? 0), $0 / $1].includes($0 / $1)',
];

const strLit = fc.constantFrom("'a'", "'Web'", "' x '", "''", "'-'", "'prod'", "'b'");
const intLit = fc.constantFrom('0', '1', '2', '3', '-1', '5');
const sepLit = fc.constantFrom("','", "'-'", "''", "' '");

/** Leaves of a type for a scope; a readyWhen scope reads `self` instead of the spec. */
function leaves(type: ExprType, scope: GenScope): fc.Arbitrary<Expr>[] {
  const vars = scope.vars.map((name) => fc.constant<Expr>({ k: 'var', name }));
  if (scope.self) {
    if (type === 'int' || type === 'num') return [intLit.map(lit), fc.constant(lit('self.spec.replicas')), fc.constant(lit('(self.status.readyReplicas ?? 0)'))];
    if (type === 'bool') {
      return [
        fc.boolean().map((b) => lit(String(b))),
        fc.constantFrom(
          lit('(self.status.readyReplicas >= 1)'), lit('(self.status.readyReplicas === self.spec.replicas)'), lit("(self.status.conditions?.[0]?.status === 'True')"),
          lit("(self.status.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ?? false)"),
        ),
      ];
    }
    if (type === 'str') return scope.ascii ? [strLit.map(lit)] : [strLit.map(lit), fc.constant(lit('self.metadata.name'))];
    return [fc.constant(lit(type === 'ints' ? '[2, 1]' : "['a', 'b']"))];
  }
  const deployments = scope.observed;
  const configMaps = scope.configMaps ?? [];
  const fixedLists = scope.fixedLists ?? [];
  switch (type) {
    case 'bool':
      return [
        fc.constant(spec('enabled')), ...optionalFlag(scope), fc.boolean().map((b) => lit(String(b))),
        ...deployments.map((r) =>
          fc.constantFrom(lit(`(${r}.status.conditions?.[0]?.status === 'True')`), lit(`(${r}.status.readyReplicas > 0)`), lit(`(${r}.status.conditions?.some((c) => c.status === 'True') ?? false)`)),
        ),
        ...fixedLists.map((r) => fc.constantFrom(lit(`${r}.every((c) => (c.data?.v ?? '') !== '')`), lit(`${r}.some((c) => c.data?.v === 'a')`))),
      ];
    case 'int':
    case 'num':
      return [
        // Observed numbers always with a default: their absence is pending in CEL, `undefined` in JavaScript.
        fc.constant(spec('replicas')), intLit.map(lit), ...(scope.ints ?? []).map((name) => fc.constant<Expr>({ k: 'var', name })), ...deployments.map((r) => fc.constant(lit(`(${r}.status.readyReplicas ?? 0)`))),
        optionalCount(scope), intLit.map((k) => op(`($0 ?? ${k})`, spec('count'))),
        ...(scope.collections ?? []).map((r) => fc.constant(lit(`${r}.length`))),
      ];
    case 'str':
      return [
        fc.constantFrom(spec('name'), spec('title'), spec('env')),
        strLit.map(lit),
        ...(scope.ascii ? [] : vars),
        fc.constant(op("($0 ?? 'anon')", spec('nick'))),
        fc.constant(op("($0?.mode ?? 'none')", spec('opt'))),
        fc.constant(op("($0 || 'anon')", spec('nick'))),
        // A raw `r.data.v` is `string | undefined`: only a template literal takes it as TypeScript would.
        ...(scope.ascii ? [] : configMaps).map((r) => fc.constantFrom(lit(`(${r}.data?.v ?? 'none')`), lit(`\`c\${${r}.data.v}\``))),
        ...(scope.ascii ? [] : fixedLists).map((r) => fc.constantFrom(lit(`${r}.map((c) => c.data?.v ?? 'none').join('+')`), lit(`(${r}[1]!.data?.v ?? 'none')`))),
      ];
    case 'list':
      return [fc.constant(spec('tags'))];
    case 'ints':
      return [fc.constant(spec('nums'))];
  }
}

/**
 * The leaf `spec.flag`, optional without a default: JavaScript's `undefined` must survive every operator it
 * meets (`!`, `&&`, `||`, ternaries, callbacks, conditions, status fields) or be refused.
 */
function optionalFlag(scope: GenScope): fc.Arbitrary<Expr>[] {
  if (!scope.text) return [fc.constant(spec('flag'))];
  return [fc.oneof({ arbitrary: fc.constant(spec('flag')), weight: 1 }, { arbitrary: fc.constant(spec('enabled')), weight: 7 })];
}

/**
 * The leaf `spec.count`, optional without a default, where a number goes: drawn as often as any leaf where its
 * `undefined` is exact (GenScope.rawCount, countSet), else one time in 24 (`spec.replicas` the other times).
 * `Number(spec.count)` is NaN, unequal to itself: exact only where `count` is tested (countSet).
 */
function optionalCount(scope: GenScope, exact = scope.rawCount === true || scope.countSet === true): fc.Arbitrary<Expr> {
  if (exact) return fc.constant(spec('count'));
  return fc.oneof({ arbitrary: fc.constant(spec('count')), weight: 1 }, { arbitrary: fc.constant(spec('replicas')), weight: 23 });
}

/**
 * A test JavaScript passes only where `count` is set (`undefined > 0` is false): the branch it guards may read
 * `count` plainly, in text and arithmetic too (countSet).
 */
export function countGuardArb(): fc.Arbitrary<Expr> {
  const count = spec('count');
  return fc.oneof(
    intLit.chain((k) => fc.constantFrom(op(`($0 > ${k})`, count), op(`($0 >= ${k})`, count), op(`($0 <= ${k})`, count), op(`(${k} < $0)`, count))),
    fc.constantFrom(op('($0 !== undefined)', count), op('$0', count), op('(($0 ?? 0) > 0)', count)),
  );
}

/** Callback bodies get a fresh parameter name, so nested callbacks never shadow. */
function callback(type: ExprType, scope: GenScope, depth: number): fc.Arbitrary<{ param: string; body: Expr }> {
  const param = `x${scope.vars.filter((v) => v.startsWith('x')).length}`;
  return exprArb(type, { ...scope, vars: [...scope.vars, param] }, depth).map((body) => ({ param, body }));
}

function withCallback(template: (param: string) => string, list: Expr, cb: { param: string; body: Expr }): Expr {
  return op(template(cb.param), list, cb.body);
}

/** Operators producing `type` from smaller expressions. */
function operators(type: ExprType, outer: GenScope, depth: number): fc.Arbitrary<Expr>[] {
  // A plain `count` exact here (rawCount) is not exact in the operands of arithmetic or text made here.
  const scope: GenScope = { ...outer, rawCount: false };
  const e = (t: ExprType): fc.Arbitrary<Expr> => exprArb(t, scope, depth - 1);
  /** An operand where `undefined` is exact: a comparison's, `!`'s, the left of `??`/`||`, a substring index. */
  const raw = (t: ExprType): fc.Arbitrary<Expr> => exprArb(t, { ...scope, rawCount: true }, depth - 1);
  /** A branch: what the result may be here, the operand may be. */
  const branch = (t: ExprType): fc.Arbitrary<Expr> => exprArb(t, outer, depth - 1);
  const two = (t: ExprType, u: ExprType, template: string): fc.Arbitrary<Expr> => fc.tuple(e(t), e(u)).map(([a, b]) => op(template, a, b));
  const one = (t: ExprType, template: string): fc.Arbitrary<Expr> => e(t).map((a) => op(template, a));
  const cmp = (t: ExprType, u: ExprType, template: string): fc.Arbitrary<Expr> => fc.tuple(raw(t), raw(u)).map(([a, b]) => op(template, a, b));
  const cond = fc.tuple(e('bool'), branch(type), branch(type)).map(([c, a, b]) => op('($0 ? $1 : $2)', c, a, b));
  // `spec.count > 1 ? \`c${spec.count}\` : 'none'`: the branch the test guards reads `count` plainly
  const countCond = scope.self
    ? []
    : [fc.tuple(countGuardArb(), exprArb(type, { ...outer, countSet: true }, depth - 1), branch(type)).map(([c, a, b]) => op('($0 ? $1 : $2)', c, a, b))];
  const text = (template: string): fc.Arbitrary<Expr> => exprArb('bool', { ...scope, text: true }, depth - 1).map((a) => op(template, a));
  /** The receiver of a method exact only on narrow text (GenScope.ascii). */
  const ascii = (): fc.Arbitrary<Expr> => exprArb('str', { ...scope, ascii: true }, depth - 1);
  const narrow = (template: string): fc.Arbitrary<Expr> => ascii().map((a) => op(template, a));
  const lists = scope.self ? [] : [e('list')];
  const cb = (t: ExprType, template: (p: string) => string): fc.Arbitrary<Expr>[] =>
    lists.map((list) => fc.tuple(list, callback(t, scope, depth - 1)).map(([l, c]) => withCallback(template, l, c)));
  const idioms: Recurse = { e: (t, inner = scope) => exprArb(t, inner, depth - 1), raw, scope };
  switch (type) {
    case 'bool':
      return [
        one('bool', '!$0'), two('bool', 'bool', '($0 && $1)'), two('bool', 'bool', '($0 || $1)'),
        cmp('int', 'int', '($0 === $1)'), cmp('int', 'int', '($0 !== $1)'), cmp('int', 'int', '($0 < $1)'), cmp('int', 'int', '($0 >= $1)'),
        cmp('int', 'int', '($0 <= $1)'), cmp('int', 'int', '($0 > $1)'),
        two('str', 'str', '($0 === $1)'), two('str', 'str', '($0 !== $1)'), two('bool', 'bool', '($0 === $1)'),
        // an optional string without a default compared: `undefined === 'a'` is false, not pending
        ...(scope.self ? [] : [e('str').map((a) => op('($0 === $1)', spec('nick'), a))]),
        // free text, only where CEL is exact on every character
        ...(scope.self ? [] : [
          e('str').map((a) => op('($0 === $1)', spec('text'), a)), e('str').map((a) => op('$0.includes($1)', spec('text'), a)),
          e('str').map((a) => op('$0.startsWith($1)', spec('text'), a)), e('str').map((a) => op('$1.endsWith($0)', spec('text'), a)),
          fc.tuple(e('str'), e('str')).map(([a, b]) => op('`<${$0}>${$1}`.endsWith($2)', spec('text'), a, b)),
          fc.tuple(e('str'), e('str')).map(([a, b]) => op('($1 + $0).includes($2)', spec('text'), a, b)),
        ]),
        two('str', 'str', '$0.startsWith($1)'), two('str', 'str', '$0.endsWith($1)'), two('str', 'str', '$0.includes($1)'),
        one('str', '!$0'), raw('int').map((a) => op('!$0', a)), two('str', 'str', '($0 < $1)'),
        cmp('num', 'int', '($0 >= $1)'), cmp('num', 'int', '($0 === $1)'),
        // a ratio of two integers, NaN (0 / 0) or ±Infinity (k / 0) as often as the divisor is 0, where JavaScript
        // and CEL treat NaN apart: truthiness, `|| 0`, Math.max/min, includes (SameValueZero) (trial 18 F2, F2b)
        ...(scope.self ? [] : [fc.tuple(e('int'), e('int'), e('int'), fc.constantFrom(...NAN_TESTS)).map(([a, b, k, t]) => op(t, a, b, k))]),
        ...scope.observed.map((r) => raw('int').map((a) => op(`(${r}.status.readyReplicas >= $0)`, a))),
        ...scope.observed.map((r) => raw('int').map((a) => op(`(${r}.status.readyReplicas === $0)`, a))),
        ...lists.map((l) => fc.tuple(l, e('str')).map(([a, b]) => op('$0.includes($1)', a, b))),
        ...cb('bool', (p) => `$0.some((${p}) => $1)`), ...cb('bool', (p) => `$0.every((${p}) => $1)`),
        cond, ...boolOperators(idioms),
      ];
    case 'int':
      return [
        two('int', 'int', '($0 + $1)'), two('int', 'int', '($0 - $1)'), two('int', 'int', '($0 * $1)'),
        fc.tuple(e('int'), fc.constantFrom('2', '3')).map(([a, k]) => op(`($0 % ${k})`, a)),
        one('str', '$0.length'), ...lists.map((l) => l.map((a) => op('$0.length', a))),
        two('str', 'str', '$0.indexOf($1)'),
        two('int', 'int', 'Math.max($0, $1)'), two('int', 'int', 'Math.min($0, $1)'), one('int', 'Math.abs($0)'), one('num', 'Math.trunc($0)'),
        fc.tuple(raw('int'), branch('int')).map(([a, b]) => op('($0 || $1)', a, b)),
        fc.tuple(raw('int'), branch('int')).map(([a, b]) => op('($0 ?? $1)', a, b)),
        two('str', 'str', '$0.lastIndexOf($1)'), ...lists.map((l) => fc.tuple(l, e('str')).map(([a, b]) => op('$0.indexOf($1)', a, b))),
        // Of a number: text is refused at definition (compile-expression.test.ts), JavaScript's parsing being more lenient than CEL's.
        // A readyWhen may read only `self`: spec fields come from the leaves of other scopes.
        ...(scope.self ? [] : [fc.tuple(fc.constantFrom('Number($0)', 'parseInt($0, 10)', 'parseInt($0)'), optionalCount(outer, outer.countSet === true)).map(([template, a]) => op(template, a))]),
        fc.tuple(e('int'), e('int'), e('int')).map(([a, b, c]) => op('Math.max($0, $1, $2)', a, b, c)),
        ...scope.observed.map((r) => branch('int').map((a) => op(`(${r}.status.readyReplicas ?? $0)`, a))),
        cond, ...countCond, ...intOperators(idioms),
      ];
    case 'num':
      return [
        branch('int'),
        fc.tuple(e('int'), fc.constantFrom('2', '4')).map(([a, k]) => op(`($0 / ${k})`, a)),
        ...(scope.self ? [] : [optionalCount(outer, outer.countSet === true).map((a) => op('Number($0)', a))]),
        two('num', 'num', '($0 + $1)'), ...countCond,
      ];
    case 'str':
      return [
        two('str', 'str', '`${$0}-${$1}`'), one('int', '`n${$0}`'), two('str', 'str', '($0 + $1)'),
        narrow('$0.toLowerCase()'), narrow('$0.toUpperCase()'), narrow('$0.trim()'),
        // TypeScript-only syntax, erased by the compiler: it must compile as the expression it wraps
        one('str', '($0 as string)'), one('str', '($0 satisfies string)'), one('str', '$0!'),
        fc.tuple(e('str'), strLit, strLit).map(([a, b, c]) => op(`$0.replace(${b}, ${c})`, a)),
        fc.tuple(ascii(), fc.constantFrom('0', '1'), fc.constantFrom('1', '2', '3')).map(([a, from, to]) => op(`$0.substring(${from}, ${to})`, a)),
        fc.tuple(ascii(), raw('int')).map(([a, b]) => op('$0.substring($1)', a, b)),
        fc.tuple(ascii(), raw('int')).map(([a, b]) => op('$0.charAt($1)', a, b)),
        fc.tuple(ascii(), strLit, strLit).map(([a, b, c]) => op(`$0.replaceAll(${b}, ${c})`, a)),
        fc.tuple(ascii(), fc.constantFrom('0', '1', '4')).map(([a, k]) => op(`$0.charAt(${k})`, a)),
        ...lists.map((l) => fc.tuple(l, sepLit).map(([a, s]) => op(`$0.join(${s})`, a))),
        one('int', 'String($0)'), text('String($0)'), text('`b${$0}`'),
        // a double made text: JavaScript's layout of its digits, where CEL's string() is Go's `%g`
        one('num', '`d${$0}`'), one('num', 'String($0)'),
        ...lists.map((l) => l.map((a) => op("($0[0] ?? 'none')", a))),
        two('str', 'str', '($0 || $1)'),
        ...cb('bool', (p) => `($0.find((${p}) => $1) ?? 'none')`),
        cond, ...countCond, ...strOperators(idioms),
        // Only near the top of a tree, and in half the draws of this place, so about one program in twenty holds one.
        ...(scope.self || depth < 3 ? [] : [fc.oneof(unsupported(scope, depth), two('str', 'str', '($0 + $1)'))]),
      ];
    case 'list':
      return [
        fc.tuple(e('str'), sepLit.filter((s) => s !== "''")).map(([a, s]) => op(`$0.split(${s})`, a)),
        two('str', 'str', '[$0, $1]'),
        ...cb('bool', (p) => `$0.filter((${p}) => $1)`), ...cb('str', (p) => `$0.map((${p}) => $1)`),
        ...(scope.self ? [] : listOperators(idioms)),
      ];
    case 'ints':
      return scope.self ? [] : intListOperators(idioms);
  }
}


/**
 * The value of a Deployment's `replicas` (an integer field): an integer expression, or now and then a
 * floating-point one (`x * 0.5`), which must be rejected when the composition is defined.
 */
export function replicasArb(scope: GenScope, depth = 3): fc.Arbitrary<Expr> {
  const double = exprArb('int', scope, depth - 1).map((a) => op(DOUBLE_IN_INTEGER_FIELD.template, a));
  return fc.oneof({ arbitrary: exprArb('int', scope, depth), weight: 12 }, { arbitrary: double, weight: 1 });
}

function unsupported(scope: GenScope, depth: number): fc.Arbitrary<Expr> {
  return fc.constantFrom(...UNSUPPORTED).chain(({ template, arg }) => exprArb(arg, scope, depth - 1).map((a) => op(template, a)));
}

/**
 * An expression of `type` at most `depth` operators deep; leaves come first so shrinking reaches them.
 * Built lazily (fc.constant(null).chain), so the arbitrary tree is not expanded up front.
 */
export function exprArb(type: ExprType, scope: GenScope, depth = 3): fc.Arbitrary<Expr> {
  const base = fc.oneof(...leaves(type, scope));
  if (depth <= 0) return base;
  // a readyWhen scope has no integer-list operators (it reads only `self`)
  if (type === 'ints' && scope.self) return base;
  const deeper = fc.constant(null).chain(() => fc.oneof(...operators(type, scope, depth)));
  return fc.oneof({ arbitrary: base, weight: 2 }, { arbitrary: deeper, weight: 3 });
}
