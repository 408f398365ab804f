/**
 * Generator positions over declarations and scopes (generated-programs.ts places them like the others), the
 * constructs user trials found silent bugs in while the generator did not write them:
 * - `array-rest`: `const [a = d, ...rest] = list` and `const [, ...rest] = list`, the rest read by index,
 *   joined and counted;
 * - `keys`: object patterns with computed and numeric keys and defaults, over the spec map and over a list
 *   (`const { [spec.env]: a = d } = spec.labels`, `const { 0: a = d, [k]: b = e } = list`);
 * - `foreach`: `spec.tags.forEach((t) => { ... })` creating a resource per item, with or without a local const;
 * - `map-local`: a `.map` callback with a block body, a local const read by the factory call (a collection);
 * - `inline-read`: a read through an inline factory call (`Deployment({...}).status.readyReplicas > 0`), written
 *   inline, through a const, through a local arrow function and a local function declaration;
 * - `blocks`: the same name declared in two blocks (both branches of an `if`, two loop bodies), with or
 *   without an outer declaration it shadows, which is read after the blocks;
 * - `let`: a `let` reassigned in branches or in a loop over constants (refused when its value depends on a
 *   reference, with the documented message, compiled when it does not);
 * - `nested`: a nested composition (defined before the parent, over the same spec schema) called with a
 *   generated name, its status read by a ConfigMap; or a child whose list items default a field (`replicas:
 *   'number.integer = 2'`), passed the spec's list or a literal (nest-fill.ts fills the default in);
 * - `reduce`: a constant list folded into an object, `['a', 'b-c', 'a'].reduce((acc, k) => ({ ...acc, [k]: v }), init)`,
 *   as ConfigMap data, as it is or spread with a key that reads it.
 * Each site draws a `variant` (0 first, so shrinking reaches the simplest form).
 */
import fc from 'fast-check';
import { exprArb, renderExpr } from './generated-expressions.js';
import { LET_REASSIGNED } from './generated-rejections.js';
import type { Expr, GenScope } from './generated-types.js';

export const SCOPED_POSITIONS = ['array-rest', 'keys', 'foreach', 'map-local', 'inline-read', 'blocks', 'let', 'nested', 'reduce'] as const;
export type ScopedPosition = (typeof SCOPED_POSITIONS)[number];

export interface ScopedSite {
  readonly position: ScopedPosition;
  readonly values: readonly Expr[];
  readonly guard?: Expr;
  /** Which form of the position is written (see renderScopedSite). */
  readonly variant: number;
}

/** Forms per position. */
const VARIANTS: Readonly<Record<ScopedPosition, number>> = { 'array-rest': 2, keys: 3, foreach: 2, 'map-local': 1, 'inline-read': 4, blocks: 4, let: 3, nested: 3, reduce: 2 };

/** Scoped sites bound to `r<i>` as a ConfigMap with a `data.v` (later sites may read it). */
export const SCOPED_CONFIG_MAPS: readonly ScopedPosition[] = ['array-rest', 'keys', 'inline-read', 'blocks', 'let', 'nested', 'reduce'];
/** Scoped sites bound to `r<i>` as a collection. */
export const SCOPED_COLLECTIONS: readonly ScopedPosition[] = ['map-local'];

export function scopedSiteArb(position: ScopedPosition, outer: GenScope, depth: number, index: number): fc.Arbitrary<ScopedSite> {
  const str = (scope: GenScope): fc.Arbitrary<Expr> => exprArb('str', scope, depth);
  const item: GenScope = { ...outer, vars: [...outer.vars, 't'] };
  const variant = fc.nat({ max: VARIANTS[position] - 1 });
  // the values may depend on the form (a loop form's values read the item)
  const site = (values: (variant: number) => fc.Arbitrary<Expr>[], guard?: fc.Arbitrary<Expr>): fc.Arbitrary<ScopedSite> =>
    variant.chain((n) =>
      fc.record({ values: fc.tuple(...values(n)), guard: guard ?? fc.constant(undefined) }).map(({ values: v, guard: g }) => ({ position, values: v, variant: n, ...(g ? { guard: g } : {}) })),
    );
  switch (position) {
    case 'array-rest':
      return site(() => [exprArb('list', outer, depth), str(outer)]);
    case 'keys':
      // defaults a and b, a list, and a computed key
      return site(() => [str(outer), str(outer), exprArb('list', outer, depth), str(outer)]);
    case 'foreach':
      return site(() => [str(item)]);
    case 'map-local':
      // the second value reads the callback's own local const
      return site(() => [str(item), str({ ...item, vars: [...item.vars, `v${index}`] })]);
    case 'inline-read':
      // the Deployment's image and replicas, the two values chosen, and a condition joined to the read
      return site(() => [str(outer), exprArb('int', outer, depth), str(outer), str(outer)], exprArb('bool', outer, depth));
    case 'blocks':
      // the outer value, then one per block (over the loop item in the loop forms)
      return site((n) => [str(outer), str(n % 2 === 1 ? item : outer), str(n % 2 === 1 ? item : outer)], exprArb('bool', outer, depth));
    case 'let':
      return site(() => [str(outer), str(outer), str(outer)], exprArb('bool', outer, depth));
    case 'nested': {
      // the name passed, then the child's ConfigMap value and status over its own spec (the workers child's
      // values are written by hand: its spec is not the generator's)
      const child: GenScope = { vars: [], observed: [] };
      return site(() => [str(outer), str(child), str(child)]);
    }
    case 'reduce':
      // the initial `v`, then the value per key (over the key `k`)
      return site(() => [str(outer), str({ ...outer, vars: [...outer.vars, 'k'] })]);
  }
}

const q = (text: string): string => JSON.stringify(text);

/** The statements of scoped site `i` of program `p`. */
export function renderScopedSite(site: ScopedSite, p: number, i: number): string[] {
  const r = (e: Expr): string => renderExpr(e);
  const [a, b, c, d] = site.values;
  const guard = site.guard ? r(site.guard) : 'true';
  const cm = (data: string, name = q(`g${i}`)): string => `ConfigMap({ name: ${name}, data: ${data} })`;
  const each = (prefix: string): string => `\`${prefix}${i}-\${t}\``;
  switch (site.position) {
    case 'array-rest':
      return site.variant === 0
        ? [`const [a${i} = ${r(b!)}, ...l${i}] = ${r(a!)};`, `const r${i} = ${cm(`{ v: a${i}, w: l${i}.join('+'), n: \`\${l${i}.length}\` }`)};`]
        : [`const [, ...l${i}] = ${r(a!)};`, `const r${i} = ${cm(`{ v: l${i}[0] ?? 'none', w: l${i}.join('+'), n: \`\${l${i}.length}\` }`)};`];
    case 'keys':
      return [
        ...[
          [`const { [spec.env]: a${i} = ${r(a!)}, a: b${i} = ${r(b!)} } = spec.labels;`],
          [`const k${i} = 1;`, `const { 0: a${i} = ${r(a!)}, [k${i}]: b${i} = ${r(b!)} } = ${r(c!)};`],
          [`const { [${r(d!)}]: a${i} = ${r(a!)} } = spec.labels;`, `const { length: b${i} } = ${r(c!)};`],
        ][site.variant]!,
        `const r${i} = ${cm(`{ v: a${i}, w: \`\${b${i}}\` }`)};`,
      ];
    case 'foreach':
      return site.variant === 0
        ? ['spec.tags.forEach((t) => {', `  ${cm(`{ v: ${r(a!)} }`, each('g'))};`, '});']
        : ['spec.tags.forEach((t) => {', `  const v${i} = ${r(a!)};`, `  ${cm(`{ v: v${i} }`, each('g'))};`, '});'];
    case 'map-local':
      return [`const r${i} = spec.tags.map((t) => {`, `  const v${i} = ${r(a!)};`, `  return ${cm(`{ v: v${i}, w: ${r(b!)} }`, each('g'))};`, '});'];
    case 'inline-read':
      return renderInlineRead(site, i, guard, cm);
    case 'blocks':
      return renderBlocks(site, i, guard, cm, each);
    case 'let':
      return [
        `${LET_REASSIGNED.marker}${i} = ${r(a!)};`,
        ...[
          [`if (${guard}) {`, `  m${i} = ${r(b!)};`, '} else {', `  m${i} = ${r(c!)};`, '}'],
          [`if (${guard}) m${i} = ${r(b!)};`],
          [`for (const t of ['a', 'b-c']) m${i} += t;`],
        ][site.variant]!,
        `const r${i} = ${cm(`{ v: m${i} }`)};`,
      ];
    case 'nested': {
      if (site.variant > 0) {
        // the workers child: its item type defaults `replicas`, which the parent's leaves out or the literal omits
        // (the literal joined with the spec's list: each item keeps its own `replicas`, the rest take the default)
        const workers = site.variant === 1 ? 'spec.workers' : `[{ name: ${r(b!)} }, { name: 'b', replicas: 3 }, ...spec.workers]`;
        return [`const n${i} = workers${p}_${i}({ name: ${r(a!)}, workers: ${workers} });`, `const r${i} = ${cm(`{ v: n${i}.status.s }`)};`];
      }
      // `flag` and `count` passed as they are: the child's optional field is unset where the parent's is
      const fields = ['title', 'text', 'env', 'replicas', 'enabled', 'tags', 'digits', 'flag', 'count', 'labels', 'nums', 'workers'].map((f) => `${f}: spec.${f}`).join(', ');
      return [`const n${i} = child${p}_${i}({ name: ${r(a!)}, ${fields} });`, `const r${i} = ${cm(`{ v: n${i}.status.s }`)};`];
    }
    case 'reduce': {
      // a constant list folded into an object (a repeated key: the later write wins), as ConfigMap data
      const fold = `const o${i} = ['a', 'b-c', 'a'].reduce((acc, k) => ({ ...acc, [k]: ${r(b!)} }), { v: ${r(a!)} } as Record<string, string>);`;
      return site.variant === 0 ? [fold, `const r${i} = ${cm(`o${i}`)};`] : [fold, `const r${i} = ${cm(`{ ...o${i}, w: \`\${o${i}.a}+\${o${i}.v}\` }`)};`];
    }
  }
}

/** The declaration of a `nested` site's child composition (same spec schema as the program's, or the workers child's). */
export function nestedChild(site: ScopedSite, p: number, i: number): string {
  if (site.variant > 0) return workersChild(p, i);
  const [, value, status] = site.values.map((e) => renderExpr(e));
  const header = `{ name: 'child-${p}-${i}', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'Child${p}x${i}', spec: specSchema, status: type({ s: 'string' }) }`;
  return `const child${p}_${i} = kubernetesComposition(${header}, (spec) => {\n  ConfigMap({ name: ${q(`k${i}`)}, data: { v: ${value} } });\n  return { s: ${status} };\n});`;
}

/** A read through an inline Deployment call, inline, through a const, an arrow function or a function declaration. */
function renderInlineRead(site: ScopedSite, i: number, guard: string, cm: (data: string) => string): string[] {
  const [image, replicas, yes, no] = site.values.map((e) => renderExpr(e));
  const call = `Deployment({ name: ${q(`d${i}`)}, image: ${image}, replicas: ${replicas} })`;
  const choose = (ready: string): string => `const r${i} = ${cm(`{ v: (${ready} && ${guard}) ? ${yes} : ${no} }`)};`;
  switch (site.variant) {
    case 0:
      return [choose(`${call}.status.readyReplicas > 0`)];
    case 1:
      return [`const k${i} = (${call}.status.readyReplicas ?? 0) >= 1;`, choose(`k${i}`)];
    case 2:
      return [`const k${i} = () => ${call}.status.readyReplicas > 0;`, choose(`k${i}()`)];
    default:
      return [`function k${i}(): boolean {`, `  return (${call}.status.readyReplicas ?? 0) > 0;`, '}', choose(`k${i}()`)];
  }
}

/** The same name `v<i>` declared in two blocks, shadowing an outer `v<i>` (variants 0, 1) or not (2, 3). */
function renderBlocks(site: ScopedSite, i: number, guard: string, cm: (data: string, name?: string) => string, each: (prefix: string) => string): string[] {
  const [outer, first, second] = site.values.map((e) => renderExpr(e));
  const shadows = site.variant < 2;
  const inner = (value: string, name: string): string[] => [`  const v${i} = ${value};`, `  ${cm(`{ v: v${i} }`, name)};`];
  const blocks =
    site.variant % 2 === 0
      ? [`if (${guard}) {`, ...inner(first!, q(`g${i}`)), '} else {', ...inner(second!, q(`e${i}`)), '}']
      : ['for (const t of spec.tags) {', ...inner(first!, each('g')), '}', 'for (const t of spec.tags) {', ...inner(second!, each('e')), '}'];
  return [...(shadows ? [`const v${i} = ${outer};`] : []), ...blocks, `const r${i} = ${cm(`{ v: ${shadows ? `v${i}` : outer} }`, q(`s${i}`))};`];
}

/**
 * A child whose list items default a field (`replicas: 'number.integer = 2'`): JavaScript fills the default in
 * each item the parent passes without it, and the compiled graph must rebuild the parent's list with it
 * (nest-fill.ts). The child reads the filled field in a manifest and in its status.
 */
function workersChild(p: number, i: number): string {
  const schema = "type({ name: 'string', workers: [{ name: 'string', replicas: 'number.integer = 2' }, '[]'] })";
  const header = `{ name: 'workers-${p}-${i}', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'Workers${p}x${i}', spec: ${schema}, status: type({ s: 'string' }) }`;
  const data = "{ v: `${spec.name}|${spec.workers.map((w) => `${w.name}:${w.replicas}`).join(',')}` }";
  const status = "spec.workers.filter(({ replicas }) => replicas > 1).map((w) => w.name).join('+')";
  return `const workers${p}_${i} = kubernetesComposition(${header}, (spec) => {\n  ConfigMap({ name: ${q(`k${i}`)}, data: ${data} });\n  return { s: ${status} };\n});`;
}
