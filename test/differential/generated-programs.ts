/**
 * Generated compositions: each program is one to three "sites" (one factory call each, in one of the
 * positions issue 10 lists: inline argument, options object built before the call, spread of a local
 * literal, helper in the same file, imported helper (by name, through a namespace import or a barrel's
 * `export *`, by the site's index), destructured spec, local const or list, local function,
 * `if`/`else`, `&&` and ternary around the call, `for...of` and `.map` over a spec list, `for...of` over a
 * constant array (also with an `if`/`else` on its item and the spec inside; at an odd site index a `.map` over it
 * whose list later sites and the status read: `r1.every(...)`, `r1.map(...).join(...)`, `r1[1]`), `for...of` over a
 * filtered spec list (`spec.tags.filter((f) => ...)`, a forEach over the CEL filter), readyWhen callbacks,
 * also on loop items) and a status whose fields are generated expressions, written inline, through locals or
 * over the destructured spec; later sites and the status read earlier collections (`r0.length`);
 * a loop inside an `if` (both branches); a factory on the right of `??` on an optional field (created only
 * when it is not set); and the positions over declarations and scopes of generated-scoped-sites.ts (array
 * rest and keyed destructuring with defaults, `forEach`, `.map` callbacks with locals, reads through inline
 * factory calls, one name declared in two blocks, `let` reassigned, a nested composition, a constant-list `reduce`); the
 * list idioms of generated-idioms.ts reach every position as operators; the status also has an integer field `i` and
 * a `'dev' | 'prod'` field `e`, checked against their declarations. Programs are plain data; `renderBatch`
 * (generated-render.ts) writes them as real TypeScript (TypeKro compiles from source). */
import fc from 'fast-check';
import { countGuardArb, exprArb, replicasArb } from './generated-expressions.js';
import type { Expr, ExprType, GenScope } from './generated-types.js';
import { enumStatusArb, intStatusArb } from './generated-idioms.js';
import { SCOPED_COLLECTIONS, SCOPED_CONFIG_MAPS, SCOPED_POSITIONS, scopedSiteArb, type ScopedPosition, type ScopedSite } from './generated-scoped-sites.js';

export const POSITIONS = ['inline', 'deployment', 'options', 'spread', 'helper', 'imported', 'destructured', 'local', 'localfn', 'if', 'else', 'and', 'ternary', 'for', 'map', 'ready', 'for-ready', 'for-destructured', 'for-filtered', 'local-list', 'if-for', 'for-if', 'for-const', 'for-const-if', 'nullish', ...SCOPED_POSITIONS] as const;
export type Position = (typeof POSITIONS)[number];
export const isScoped = (position: Position): position is ScopedPosition => (SCOPED_POSITIONS as readonly Position[]).includes(position);
export const asScoped = (site: Site): ScopedSite => ({ ...site, position: site.position as ScopedPosition, variant: site.variant ?? 0 });

export interface Site {
  readonly position: Position;
  /** The value(s) the site places: ConfigMap data strings; `deployment`: image, replicas, args, env value; `local-list`: a list. */
  readonly values: readonly Expr[];
  /** `if`/`else`/`and`/`ternary`: the condition; `ready`/`for-ready`: the readyWhen body. */
  readonly guard?: Expr;
  /** The form a scoped position (generated-scoped-sites.ts) is written in. */
  readonly variant?: number;
}

/** How the status object is written: fields inline, through local consts first, or over the destructured spec. */
export type StatusStyle = 'inline' | 'locals' | 'destructured';

export interface Program {
  readonly sites: readonly Site[];
  /** `i` is declared an integer and `e` the enumeration `'dev' | 'prod'` (status-types.ts checks what fits). */
  readonly status: { readonly s: Expr; readonly n: Expr; readonly b: Expr; readonly l: Expr; readonly i: Expr; readonly e: Expr };
  readonly statusStyle: StatusStyle;
}

/** Sites whose ConfigMap is bound to `r<i>` in the composition's own scope, with a `data.v`. */
const BOUND_CONFIG_MAPS: readonly Position[] = ['inline', 'options', 'spread', 'helper', 'imported', 'destructured', 'local', 'localfn', ...SCOPED_CONFIG_MAPS];
/** Sites whose collection is bound to `r<i>`. */
const BOUND_COLLECTIONS: readonly Position[] = ['map', ...SCOPED_COLLECTIONS];

/**
 * A `for-const` site at an odd index is written as `const r<i> = [...].map((t) => ConfigMap(...))`: the list of
 * the three ConfigMaps it makes, read by later sites and the status (`r1.every(...)`, `r1.length`, `r1[1]`).
 */
export const isFixedList = (position: Position, index: number): boolean => position === 'for-const' && index % 2 === 1;

/** What site `index` may read: the Deployments and ConfigMaps declared before it (site `i` is bound to `r<i>`). */
function scopeBefore(positions: readonly Position[], index: number): GenScope {
  const before = positions.slice(0, index);
  const fixedLists = before.flatMap((p, i) => (isFixedList(p, i) ? [`r${i}`] : []));
  return {
    vars: [],
    observed: before.flatMap((p, i) => (p === 'deployment' || p === 'ready' ? [`r${i}`] : [])),
    configMaps: before.flatMap((p, i) => (BOUND_CONFIG_MAPS.includes(p) ? [`r${i}`] : [])),
    collections: [...before.flatMap((p, i) => (BOUND_COLLECTIONS.includes(p) ? [`r${i}`] : [])), ...fixedLists],
    fixedLists,
  };
}

function siteArb(position: Position, outer: GenScope, depth: number, index: number): fc.Arbitrary<Site> {
  if (isScoped(position)) return scopedSiteArb(position, outer, depth, index);
  const specOnly: GenScope = { vars: [], observed: [] };
  const str = (scope: GenScope): fc.Arbitrary<Expr> => exprArb('str', scope, depth);
  switch (position) {
    case 'deployment':
      // image, replicas, args (a list-valued field) and one env value.
      return fc.tuple(str(outer), replicasArb(outer, depth), exprArb('list', outer, depth), str(outer)).map((values) => ({ position, values }));
    case 'ready':
      return fc.tuple(replicasArb(specOnly, depth), exprArb('bool', { vars: [], observed: [], self: true }, depth)).map(([replicas, guard]) => ({ position, values: [replicas], guard }));
    case 'helper':
    case 'imported':
    case 'destructured':
      return str(specOnly).map((value) => ({ position, values: [value] }));
    case 'localfn':
      // `const f<i> = (p: string) => <body over p>`, called with a generated argument.
      return fc.tuple(str({ ...outer, vars: ['p'] }), str(outer)).map((values) => ({ position, values }));
    case 'spread':
      return fc.tuple(str(outer), str(outer)).map((values) => ({ position, values }));
    case 'local-list':
      // A local list (`const l = spec.name.split('-')`) read by index and joined.
      return exprArb('list', outer, depth).map((value) => ({ position, values: [value] }));
    case 'if':
    case 'and':
      return guardedValues(outer, depth, false).map(({ guard, values }) => ({ position, values, guard }));
    case 'else':
    case 'ternary':
      return guardedValues(outer, depth, true).map(({ guard, values }) => ({ position, values, guard }));
    case 'for':
    case 'map':
    case 'for-destructured':
    case 'for-const':
      return str({ ...outer, vars: ['t'] }).map((value) => ({ position, values: [value] }));
    case 'for-const-if':
      // an `if`/`else` inside a loop over constants, on the item `t` and the spec: one includeWhen per item and branch
      return fc
        .tuple(str({ ...outer, vars: ['t'] }), str({ ...outer, vars: ['t'] }), exprArb('bool', { ...outer, vars: ['t'] }, depth))
        .map(([value, second, guard]) => ({ position, values: [value, second], guard }));
    case 'if-for':
      // A loop inside an `if`: a forEach under the `if`'s includeWhen, whether JavaScript took the branch or not.
      return fc.tuple(str({ ...outer, vars: ['t'] }), exprArb('bool', outer, depth)).map(([value, guard]) => ({ position, values: [value], guard }));
    case 'for-if':
      // an `if` inside the loop, on the item `t` and the spec: a filter of the forEach list
      return fc.tuple(str({ ...outer, vars: ['t'] }), exprArb('bool', { ...outer, vars: ['t'] }, depth)).map(([value, guard]) => ({ position, values: [value], guard }));
    case 'for-filtered':
      // the item `t` in the loop body; the filter's own parameter `f` (with the spec) in its condition
      return fc.tuple(str({ ...outer, vars: ['t'] }), exprArb('bool', { ...outer, vars: ['f'] }, depth)).map(([value, guard]) => ({ position, values: [value], guard }));
    case 'for-ready':
      return fc
        .tuple(str({ vars: ['t'], observed: [] }), replicasArb(specOnly, depth), exprArb('bool', { vars: [], observed: [], self: true }, depth))
        .map(([image, replicas, guard]) => ({ position, values: [image, replicas], guard }));
    default:
      return str(outer).map((value) => ({ position, values: [value] }));
  }
}

/**
 * The condition of an `if`/`&&`/ternary site and the value it guards (and the other branch's): one time in four
 * a test that the optional `count` is set (`spec.count > 1`), under which the guarded value reads it plainly.
 */
function guardedValues(outer: GenScope, depth: number, otherBranch: boolean): fc.Arbitrary<{ guard: Expr; values: Expr[] }> {
  const other = otherBranch ? [exprArb('str', outer, depth)] : [];
  const plain = fc.tuple(exprArb('bool', outer, depth), exprArb('str', outer, depth), ...other);
  const counted = fc.tuple(countGuardArb(), exprArb('str', { ...outer, countSet: true }, depth), ...other);
  return fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: counted, weight: 1 }).map(([guard, ...values]) => ({ guard, values }));
}

/** A program of 1–3 sites and a generated status; expressions at most `depth` operators deep. */
export function programArb(depth = 3): fc.Arbitrary<Program> {
  return fc.array(fc.constantFrom(...POSITIONS), { minLength: 1, maxLength: 3 }).chain((positions) => programWith(positions, depth));
}

/** A program whose sites are at `positions`, in order, with generated values and status. */
export function programWith(positions: readonly Position[], depth = 3): fc.Arbitrary<Program> {
  const sites = positions.map((p, i) => siteArb(p, scopeBefore(positions, i), depth, i));
  const scope = scopeBefore(positions, positions.length);
  const field = (type: ExprType): fc.Arbitrary<Expr> => exprArb(type, scope, depth);
  // `n` may be the optional `count` as it is (rawCount): JavaScript's undefined is the compiled pending field
  const n = exprArb('num', { ...scope, rawCount: true }, depth);
  return fc.constantFrom<StatusStyle>('inline', 'locals', 'destructured').chain((statusStyle) =>
    fc.record({
      sites: fc.tuple(...sites),
      status: fc.record({ s: field('str'), n, b: field('bool'), l: field('list'), i: intStatusArb(exprArb, { ...scope, rawCount: true }, depth), e: enumStatusArb(exprArb, scope, depth) }),
      statusStyle: fc.constant(statusStyle),
    }),
  );
}

/**
 * Site positions for programs that together hold every position alone, and every ordered pair of positions
 * both as a two-site program and at each pair of places of a three-site one (`[a, b, c]` with c = a + b
 * mod the number of positions: for a given a, or a given b, c takes every value). A site reads what the
 * sites before it declared, so the order of a pair matters. 34 + 1,156 + 1,156 = 2,346 programs.
 */
export function positionSchedule(): Position[][] {
  const n = POSITIONS.length;
  const at = (i: number): Position => POSITIONS[i % n]!;
  const pairs = POSITIONS.flatMap((_, a) => POSITIONS.map((__, b) => [a, b] as const));
  return [...POSITIONS.map((p) => [p]), ...pairs.map(([a, b]) => [at(a), at(b)]), ...pairs.map(([a, b]) => [at(a), at(b), at(a + b)])];
}
