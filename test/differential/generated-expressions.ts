/**
 * Typed expression trees for the program generator (generated.test.ts): bounded-depth JavaScript
 * expressions over a fixed spec schema, built only from the operators and methods of the README's table
 * "The JavaScript that compiles to CEL". Trees are plain data (so fast-check can shrink and print them) and
 * render to source text for a scope: spec fields as `spec.x` or, destructured, as `x`.
 */
import fc from 'fast-check';
import { boolOperators, intListOperators, intOperators, listOperators, STATUS_TYPE_MISMATCH, strOperators, type Recurse } from './generated-idioms.js';

/** `list`: a list of strings; `ints`: a list of integers. */
export type ExprType = 'bool' | 'int' | 'num' | 'str' | 'list' | 'ints';

/** A leaf or an operator; `op` is a template whose `$0`, `$1`, ... are the rendered arguments. */
export type Expr =
  | { readonly k: 'spec'; readonly field: string }
  | { readonly k: 'lit'; readonly text: string }
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'op'; readonly op: string; readonly args: readonly Expr[] };

/** What an expression may read where it is placed. */
export interface GenScope {
  /** String variables in scope: a loop variable, callback parameters. */
  readonly vars: readonly string[];
  /** Integer variables in scope: a destructured callback parameter's `replicas` (with a default). */
  readonly ints?: readonly string[];
  /** Deployments declared before (`r0`): their observed status may be read. */
  readonly observed: readonly string[];
  /** ConfigMaps declared before with a `data.v` (`r1`). */
  readonly configMaps?: readonly string[];
  /** Collections declared before (`const r2 = spec.tags.map((t) => ConfigMap(...))`), maybe empty. */
  readonly collections?: readonly string[];
  /**
   * ConfigMaps made over a constant list (`const r1 = ['a', 'b-c', 'Zz'].map((t) => ConfigMap(...))`), also in
   * `collections`: three handles, each with a `data.v`, whose reads unroll item by item.
   */
  readonly fixedLists?: readonly string[];
  /** In a readyWhen callback: only `self` may be read, no spec. */
  readonly self?: boolean;
  /**
   * The receiver of a text method whose CEL is exact only on narrow text (case mapping, trim, positions): its
   * text leaves are the spec's ASCII fields and literals, not observed data or locals, which may hold any
   * character (such a receiver is refused, WIDE_TEXT, and too many refusals would leave little compiled).
   */
  readonly ascii?: boolean;
  /**
   * Inside text made from a boolean (`String(b)`, `` `b${b}` ``): the optional `flag` is drawn one time in eight
   * there, as text of its `undefined` is refused (OPTIONAL_WITHOUT_DEFAULT) and most programs must define.
   */
  readonly text?: boolean;
  /**
   * Where JavaScript's `undefined` of the optional `count` (no default) is exact, so its plain read is drawn as
   * often as any number: a comparison (`undefined > 0` is false), `!`, the left of `??`/`||`, a substring index,
   * a status field (pending). Elsewhere (arithmetic, text, `Number()`, a manifest field) it is refused, and drawn
   * one time in 24 among the numbers so most programs define.
   */
  readonly rawCount?: boolean;
  /** Under a test that `count` is set (`if (spec.count > 1)`): its plain read is exact anywhere. */
  readonly countSet?: boolean;
}

/** The spec every generated program declares (arktype syntax), and the TypeScript type helpers take. */
export const SPEC_SCHEMA = {
  // The spec's text fields carry the patterns their values fit (ASCII), as a user's would: case mapping, trim,
  // positions and order of them compile exactly (src/analysis/text-refusals.ts); `text` is free text.
  name: '/^[A-Za-z0-9-]{0,6}$/',
  title: '/^ ?[A-Za-z]{0,4} ?$/',
  env: "'dev' | 'prod'",
  replicas: 'number.integer',
  enabled: 'boolean',
  tags: '/^[ -~]*$/[]',
  digits: '/^[0-9]{1,3}$/',
  'nick?': '/^[A-Za-z]*$/',
  // free text (any character: letters whose case JavaScript maps beyond ASCII, U+0085, U+FEFF, emoji), read only
  // where its CEL is exact for every character: `===`, includes/startsWith/endsWith, templates and `+`
  text: 'string',
  // read with no default where a boolean goes: `undefined` flows through `!`, `&&`, `||`, ternaries, callbacks, conditions
  'flag?': 'boolean',
  // read with no default where a number goes: comparisons, `??`, `||`, `!`, substring indices, status, under tests
  'count?': 'number.integer',
  'opt?': { mode: '/^[a-z]*$/' },
  labels: 'Record<string, string>',
  // sorted, concatenated, filtered with Boolean (which drops 0)
  nums: 'number.integer[]',
  // mapped with a destructured callback parameter (`({ name, replicas = 1 }) =>`); a nested child defaults `replicas`
  workers: [{ name: '/^[ -~]*$/', 'replicas?': 'number.integer' }, '[]'],
} as const;
export const SPEC_TYPE = '{ name: string; title: string; text: string; env: string; replicas: number; enabled: boolean; tags: string[]; digits: string; nick?: string; flag?: boolean; count?: number; opt?: { mode: string }; labels: Record<string, string>; nums: number[]; workers: { name: string; replicas?: number }[] }';
export const SPEC_FIELDS = ['name', 'title', 'text', 'env', 'replicas', 'enabled', 'tags', 'digits', 'nick', 'flag', 'count', 'opt', 'labels', 'nums', 'workers'] as const;
/** A spec satisfying SPEC_SCHEMA. */
export const BASE_SPEC = { name: 'web', title: ' Ab ', text: 'É😀\u0085x', env: 'prod', replicas: 2, enabled: true, tags: ['a', 'Bc'], digits: '12', labels: { dev: 'd', a: 'x' }, nums: [3, -1, 3, 0], workers: [{ name: 'api', replicas: 3 }, { name: 'q' }] };

/**
 * The specs programs run on: edge values chosen by hand (empty strings and lists, zero and negative
 * numbers, literals the generator also uses, duplicates, optional fields present and absent) and values
 * drawn from the schema with a fixed seed. The base spec leaves `flag` and `count` out: every program runs with them undefined; `count` is 0, negative and positive in others. Every program runs the base spec and a rotating few of the rest.
 */
export function specPool(seed: number): Record<string, unknown>[] {
  const drawn = fc.sample(
    fc.record(
      {
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/), title: fc.stringMatching(/^ ?[A-Za-z]{0,4} ?$/), env: fc.constantFrom('dev', 'prod'), text: freeText,
        replicas: fc.integer({ min: -2, max: 6 }), enabled: fc.boolean(), tags: fc.array(fc.constantFrom('a', 'b', 'Web', '', ' x ', 'a-b', 'prod'), { maxLength: 3 }),
        digits: fc.stringMatching(/^[0-9]{1,3}$/), nick: fc.constantFrom('', 'Zed', 'a'), flag: fc.boolean(), count: fc.integer({ min: -2, max: 4 }), opt: fc.record({ mode: fc.constantFrom('', 'b', 'prod') }),
        labels: fc.dictionary(fc.constantFrom('dev', 'prod', 'a', 'b', 'Web', ''), fc.constantFrom('', 'x', 'Web', 'prod'), { maxKeys: 3 }),
        nums: fc.array(fc.integer({ min: -3, max: 12 }), { maxLength: 4 }),
        workers: fc.array(fc.record({ name: fc.constantFrom('a', '', 'Web', 'q-1'), replicas: fc.integer({ min: -1, max: 4 }) }, { requiredKeys: ['name'] }), { maxLength: 3 }),
      },
      { requiredKeys: ['name', 'title', 'text', 'env', 'replicas', 'enabled', 'tags', 'digits', 'labels', 'nums', 'workers'] },
    ),
    { seed, numRuns: 8 },
  );
  return [
    BASE_SPEC,
    { text: '', name: '', title: '', env: 'dev', replicas: 0, enabled: false, tags: [], digits: '0', labels: {}, nums: [], workers: [] },
    { text: 'ß\ufeff', name: 'Ab-c', title: ' ABcd', env: 'prod', replicas: -1, enabled: true, tags: ['', 'a,b', 'prod'], digits: '999', nick: '', flag: true, count: 0, opt: { mode: '' }, labels: { prod: '', a: 'Web' }, nums: [0, 0, -2], workers: [{ name: '', replicas: 0 }] },
    { text: '\ufeffİ｡a', name: 'a', title: 'x ', env: 'dev', replicas: 5, enabled: false, tags: ['a', 'a'], digits: '7', nick: 'Zed', flag: false, count: -1, opt: { mode: 'b' }, labels: { dev: 'x', '': 'e' }, nums: [12], workers: [{ name: 'a' }, { name: 'a', replicas: 2 }] },
    { text: '\u{10ffff}\u00a0A', name: 'web', title: 'Web', env: 'prod', replicas: 3, enabled: true, tags: ['-', ' x '], digits: '3', nick: 'a', flag: true, count: 3, labels: { prod: 'p', ' x ': 's', Web: 'W' }, nums: [5, 10, 1], workers: [{ name: 'Web', replicas: -1 }, { name: 'b' }, { name: 'prod', replicas: 4 }] },
    { text: '｡😀', name: 'prod', title: ' ', env: 'dev', replicas: 1, enabled: true, tags: ['b'], digits: '10', count: 1, opt: { mode: 'prod' }, labels: { a: '' }, nums: [1, 2], workers: [{ name: 'x' }] },
    ...drawn.map((spec) => ({ ...spec })),
  ];
}

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

/** The characters of the free-text field: where JavaScript and CEL differ on case, spaces, positions and order. */
const FREE_CHARS = ['a', 'Z', ' ', 'É', 'ß', 'İ', '\u00a0', '\u0085', '\ufeff', '｡', '😀', '\u{10ffff}'];
const freeText = fc.array(fc.constantFrom(...FREE_CHARS), { maxLength: 4 }).map((chars) => chars.join(''));
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
 * Constructs the README documents as unsupported ("doubles in strings", `Math.floor`, `reduce`, `typeof`,
 * regular expressions): a program holding one must be rejected when defined, with a message naming it.
 */
export const UNSUPPORTED = [
  { template: '`d${$0}`', arg: 'num', marker: '`d${', message: /a floating-point number cannot be turned into text the way JavaScript does/ },
  { template: 'String(Math.floor($0))', arg: 'num', marker: 'Math.floor(', message: /Math\.floor has no CEL equivalent/ },
  { template: "$0.reduce((a, b) => a + b, '')", arg: 'list', marker: '.reduce(', message: /`reduce` over a list the instance gives has no CEL equivalent/ },
  { template: '(typeof $0)', arg: 'str', marker: '(typeof ', message: /`typeof` inspects JavaScript values/ },
  { template: "$0.replace(/a/g, 'b')", arg: 'str', marker: '/a/g', message: /regular expressions are not supported/ },
] as const;

/**
 * A floating-point value written to an integer field (a Deployment's `replicas`): JavaScript would send the
 * fraction, which the API server refuses, so the definition must fail (CEL's int() would truncate it).
 */
export const DOUBLE_IN_INTEGER_FIELD = {
  template: '($0 * 0.5)',
  marker: ' * 0.5)',
  // a fraction computed from constants alone (`3 * 0.5`) is refused as the literal it is
  message: /: resource "[^"]+": the integer field spec\.replicas (is set to `.*`, a floating-point number\. JavaScript would send a fraction such as 1\.25 as it is, which the API server refuses; CEL would truncate it to 1\n[^]*hint: convert it explicitly with Math\.trunc\(|is -?\d+\.\d+, a fraction, which the API server refuses there)/,
} as const;

/** The loop of the `for-const-if` position (generated-programs.ts), the marker of its documented rejection. */
export const FOR_CONST_IF = "for (const t of ['a', 'b-c', 'Zz'])";

/**
 * An `if` on the item of a loop over constants and on the spec that JavaScript, on placeholders, took for some
 * items and not others (`spec.name < t`, or one on the spec alone whose placeholder texts compare differently per
 * iteration): the calls cannot be told apart, so the definition fails at the condition.
 */
const ITEM_CONDITION_ON_PLACEHOLDER = {
  marker: FOR_CONST_IF,
  message: /: the condition `[^]*` (on the item of a loop over a constant list and on a reference decides per item whether this resource is created, and JavaScript decided its reference part on a placeholder|on a reference, inside a loop over a constant list, was decided by JavaScript on placeholders differently per item)/,
} as const;

/**
 * A `let` reassigned (the `let` position of generated-scoped-sites.ts, variables `m<i>`) whose value depends
 * on a reference: CEL cannot follow the statements' order, so the definition fails at the variable.
 */
export const LET_REASSIGNED = {
  marker: 'let m',
  message: /: `m\d+` is changed after it is declared \(reassigned\); CEL cannot follow the order of statements, and its value depends on a reference/,
} as const;

/**
 * A read of the optional `flag` or `count` without a default in a program's source: `spec.flag`, or `flag` over
 * the destructured spec (not the destructuring itself, `..., flag, count, opt, labels, nums, workers } = spec`,
 * nor the type and schema, `flag?`), and not `count ?? k`. (A read after a comma, `Math.max(a, count)`, is one.)
 */
const READS_OPTIONAL = /\bspec\.flag\b|(?<![.\w"])flag\b(?![?\w]|, count, opt, labels, nums, workers \} = spec)|\bspec\.count\b(?! \?\?)|(?<![.\w"])count\b(?![?\w]| \?\?|, opt, labels, nums, workers \} = spec)/;

/**
 * `flag` or `count` (optional, no default) where JavaScript would compute with its `undefined`: made into text
 * (`String(spec.flag)`, "undefined"), into a number (`spec.count + 1`, NaN), written into a template literal,
 * or given to a call that makes of `undefined` what CEL cannot write: the definition fails at the expression.
 * (A bare read as a factory option compiles to the factory's answer, absent-options.ts.)
 */
export const OPTIONAL_WITHOUT_DEFAULT = [
  {
    marker: READS_OPTIONAL,
    message: /: `[^]*` reads an optional spec field without a default, (made into text|used in arithmetic) here: when the instance leaves it out, JavaScript (makes it the text "undefined"|computes NaN with it), but KRO waits for it forever/,
  },
  {
    marker: READS_OPTIONAL,
    message: /: `[^]*` is set from an optional spec field without a default: when the instance leaves it out, JavaScript (computes with `undefined` \(the text "undefined", NaN in arithmetic\), and TypeKro refuses to write such a value|passes `undefined`, and what the call makes of it cannot be written in CEL \(only a factory's default or a field left out can\)|passes `undefined`, where the nested composition's spec requires a value)/,
  },
  { marker: READS_OPTIONAL, message: /: Math\.\w+ needs present numbers/ },
  // the argument a plain read of `count`, or one reading `flag` (`Number((spec.flag && x))`); a ternary on `count`
  // (`spec.count > 0 ? spec.count : 0`) is never undefined, and its refusal would be a bug
  { marker: READS_OPTIONAL, message: /: `(Number|parseInt)\((\(*(spec\.)?count\)*|[^`]*\bflag\b[^`]*)(, 10)?\)`: \w+ of `undefined` is NaN in JavaScript \(unequal to everything, itself included, and kept by `\?\?`\), which CEL cannot hold/ },
  // `spec.count ?? spec.count` (an optional that may be empty) in arithmetic or text, or as a computed field
  { marker: READS_OPTIONAL, message: /: `[^]*` may be `undefined` \(a branch or every side of `\?\?` may give it\), (made into text|used in arithmetic) here/ },
  { marker: READS_OPTIONAL, message: /: `[^`]*` may be `undefined` here, depending on the spec or the cluster, and what JavaScript makes of `undefined` there cannot be written in CEL/ },
] as const;

/**
 * A method of text whose CEL is exact only on narrow text (case mapping, trim, positions, cuts, order), applied
 * to text that may hold any character (an observed ConfigMap's data): refused at the method.
 */
export const WIDE_TEXT = {
  marker: /\.(toLowerCase|toUpperCase|trim)\(\)|\.(substring|charAt|split|replaceAll)\(| [<>]=? /,
  message: /: (`(toLowerCase|toUpperCase)\(\)` of text that may hold letters outside ASCII|`trim\(\)` of text that may hold any character|`(substring|charAt)` of text that may hold characters outside the Basic Multilingual Plane|`(split|replaceAll)` with (an empty separator|a separator that may be empty \(`[^]*`\)) of text that may hold characters outside the Basic Multilingual Plane|`(<|<=|>|>=)` on text that may hold characters outside the Basic Multilingual Plane)/,
} as const;

/** True when `message` is the documented rejection of an unsupported construct that `source` holds. */
export function documentedRejection(source: string, message: string): boolean {
  const holds = (marker: string | RegExp): boolean => (typeof marker === 'string' ? source.includes(marker) : marker.test(source));
  const statusTypes = STATUS_TYPE_MISMATCH.markers.map((marker) => ({ marker, message: STATUS_TYPE_MISMATCH.message }));
  return [...UNSUPPORTED, DOUBLE_IN_INTEGER_FIELD, ITEM_CONDITION_ON_PLACEHOLDER, LET_REASSIGNED, WIDE_TEXT, ...OPTIONAL_WITHOUT_DEFAULT, ...statusTypes].some((u) => holds(u.marker) && u.message.test(message));
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
