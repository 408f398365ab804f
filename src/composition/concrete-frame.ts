/**
 * One function's frame in a concrete run (the composition's, or a nested child's while it runs): the compiled
 * graph's resources by call site, the reads with no value the function made, and what those reads make
 * pending: the leaves of a factory's argument, the fields of a nested child's status.
 */
import type { Node } from '@babel/types';
import type { CompositionGraph, ResourceNode, SourceLocation } from '../ir/graph.js';
import { T } from '../ir/types.js';
import { lazyUserFrames } from '../model/call-site.js';
import { observedView, pendingLeaves } from './concrete-view.js';
import { declarationsIn, pendingArgumentPaths, type Path, type UnobservedRead } from './concrete-reads.js';
import { levelsOf, pendingHelperArgumentPaths, type Chain } from './concrete-helper-reads.js';
import { currentCallSite, within, type CompositionSource } from './source-site.js';

export interface Frame {
  readonly source: CompositionSource | undefined;
  readonly prefix: string;
  /** The compiled graph's resources by call site (`file:line:column`), to name resources as it does. */
  readonly bySite: ReadonlyMap<string, ResourceNode[]>;
  /** The prefixes of the nested compositions called at each call site, in the compiling run's order. */
  readonly nestsBySite: ReadonlyMap<string, string[]>;
  readonly used: Map<string, number>;
  readonly nestsUsed: Map<string, number>;
  readonly taken: Set<string>;
  /** The call sites of the resources and nested compositions, whose arguments feed manifests. */
  readonly factorySites: readonly SourceLocation[];
  /** Reads of a field of a resource that is not observed, in this function (see concrete-reads.ts). */
  readonly reads: UnobservedRead[];
  /** Where the function built a value from an absent field of an observed resource (concrete-view.ts `noteAbsentUse`). */
  readonly absentUses: UnobservedRead[];
  /** How many reads and how many uses there were at each factory call's previous run (`site#argument`), for {@link pendingArguments}. */
  readonly usesAtCall: Map<string, { readonly reads: number; readonly absentUses: number }>;
  /** The function's locals' initialisers (concrete-reads.ts `declarationsIn`), walked on first need. */
  readonly cache: { declarations?: ReadonlyMap<string, readonly Node[]> };
  /** Each noted read's or use's whole chain (helper frames included, concrete-helper-reads.ts), by its frames in the function. */
  readonly chains: WeakMap<UnobservedRead, Chain>;
}

export const siteKey = (at: SourceLocation): string => `${at.file}:${at.line}:${at.column}`;

export function frameOf(source: CompositionSource | undefined, graph: CompositionGraph, prefix: string): Frame {
  const bySite = new Map<string, ResourceNode[]>();
  const nestsBySite = new Map<string, string[]>();
  const factorySites: SourceLocation[] = [];
  for (const node of graph.resources) {
    const site = node.nestedAt?.site ?? node.source;
    if (site) factorySites.push(site);
    if (node.nestedAt) {
      const key = siteKey(node.nestedAt.site);
      const prefixes = nestsBySite.get(key) ?? [];
      if (!prefixes.includes(node.nestedAt.prefix)) nestsBySite.set(key, [...prefixes, node.nestedAt.prefix]);
    } else if (node.source) {
      const key = siteKey(node.source);
      bySite.set(key, [...(bySite.get(key) ?? []), node]);
    }
  }
  return { source, prefix, bySite, nestsBySite, used: new Map(), nestsUsed: new Map(), taken: new Set(), factorySites, reads: [], absentUses: [], usesAtCall: new Map(), cache: {}, chains: new WeakMap() };
}

/**
 * The argument `position` of the factory (or nested composition) being called, with the leaves computed
 * from a read of a resource not observed or from an absent field (concrete-reads.ts `pendingArgumentPaths`)
 * made pending values: JavaScript gave them values (`` `${x}`.length `` is 9, `x + 1 > 0` is false) that
 * carry nothing, where the compiled CEL fails on the read. A use inside the call counts from the call's
 * previous run on (a loop runs it once per item); one in a local's initialiser always. A call made inside
 * a helper follows the chain of calls that led to it (concrete-helper-reads.ts): its argument is written in
 * the helper, which may run from several places.
 */
export function pendingArguments(frame: Frame, config: unknown, position: number): unknown {
  const source = frame.source;
  if (!source || frame.reads.length + frame.absentUses.length === 0) return config;
  const site = currentCallSite(source);
  if (!site) return config;
  const chain = site.direct ? undefined : chainOf(source).chain;
  const levels = chain && levelsOf(chain);
  const node = site.direct ? site.call.arguments[position] : levels?.[0]?.call.arguments[position];
  if (!node || node.type === 'SpreadElement' || node.type === 'ArgumentPlaceholder') return config;
  const key = `${(chain ?? [site.location]).map(siteKey).join('<')}#${position}`;
  // Each list by itself: a read noted after the previous run must not take the place of a use noted before it.
  const since = frame.usesAtCall.get(key) ?? { reads: 0, absentUses: 0 };
  frame.usesAtCall.set(key, { reads: frame.reads.length, absentUses: frame.absentUses.length });
  const counted = (['reads', 'absentUses'] as const).flatMap((list) => frame[list].filter((frames, i) => i >= since[list] || !frames.some((at) => within(site.call, at))));
  if (chain && levels) {
    return pendingHelperArgumentPaths(levels, chain, node, counted.map((frames) => frame.chains.get(frames) ?? frames)).reduce(pendingAt, config);
  }
  const declarations = (frame.cache.declarations ??= declarationsIn(source.fn));
  return pendingArgumentPaths(node, counted, declarations).reduce(pendingAt, config);
}

/**
 * `value` with its part at `path` (object keys) made pending (concrete-view.ts `pendingLeaves`), copied
 * along the path (the user's objects are not changed); a resource's `id` stays (it is a literal).
 */
function pendingAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return pendingLeaves(value);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const [key, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(value, key) || (key === 'id' && rest.length === 0)) return value;
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
  copy[key] = pendingAt(copy[key], rest);
  return copy;
}

/**
 * The stack from the innermost user frame out to the running function's outermost frame (`chain`, helper
 * frames included), and the frames of the running function in it, innermost first, up to the first frame
 * of other code (`inside`: where the composition's own source places the read).
 */
export function chainOf(source: CompositionSource): { chain: SourceLocation[]; inside: SourceLocation[] } {
  const all: SourceLocation[] = [];
  let first = -1;
  let end = -1;
  let last = -1;
  for (const frame of lazyUserFrames()) {
    all.push(frame);
    if (frame.file !== source.file || !within(source.fn, frame)) continue;
    if (first < 0) first = all.length - 1;
    if (end === all.length - 2 || end < 0) end = all.length - 1;
    last = all.length - 1;
  }
  return first < 0 ? { chain: [], inside: [] } : { chain: all.slice(0, last + 1), inside: all.slice(first, end + 1) };
}

/**
 * A nested composition's status as its parent reads it (trial 10 K02). The graph inlines the child, so a
 * child status field computed from a child resource that is not observed is pending in the parent exactly
 * as a read of the parent's own unobserved resource: reading it calls `noteRead` (an unobserved read in the
 * parent's function) and gives a pending placeholder, so `!db.status.ready` or `db.status.ready ?? false` is
 * pending, not the value JavaScript computed from the placeholder in the child (`x >= 1` is false there).
 */
export function withPendingFields(status: unknown, paths: readonly string[], noteRead: () => void): unknown {
  if (paths.length === 0) return status;
  const replaced = (value: unknown, path: readonly string[]): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const [key, ...rest] = path as [string, ...string[]];
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
    if (rest.length > 0) {
      copy[key] = replaced(copy[key], rest);
      return copy;
    }
    // One placeholder per field: two reads of it are one value, as in JavaScript.
    const placeholder = observedView(undefined, T.dyn, true);
    Object.defineProperty(copy, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        noteRead();
        return placeholder;
      },
    });
    return copy;
  };
  return paths.reduce((current, path) => replaced(current, path.split('.')), status);
}
