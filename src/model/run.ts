/**
 * The composition run in progress. Factories report to it; the composition layer implements it (with
 * source analysis). Composition functions are synchronous, so one module-level slot is enough.
 */
import type { SourceLocation } from '../ir/graph.js';
import type { IteratorRoot, ProxyHooks, RefData } from './refs.js';
import { createRef } from './refs.js';
import type { FixedArgument, ResourceRecord } from './resource.js';
import type { ExprValue } from '../ir/value.js';
import { TypeKroError } from '../util/errors.js';

export interface CompositionRunHooks {
  /**
   * Called before a factory builds its manifest: may replace argument values compiled from source. `argument`
   * is the position of `config` among the call's arguments (0 for an options object).
   */
  prepareArguments(factoryName: string, config: unknown, argument?: number): unknown;
  /**
   * Builds a factory's manifest from its prepared options with `build` (pure): where an option may be
   * `undefined` depending on the spec, the run builds it again without the option to learn what the factory
   * makes of `undefined` (a default, the field left out). Without it, `build(prepared)`.
   */
  buildManifest?(prepared: unknown, build: (config: unknown) => Record<string, unknown>): Record<string, unknown>;
  /** Called once the record exists: assigns its id, conditions and loops. */
  register(record: ResourceRecord): void;
  /** Loops over array references (forEach). */
  enterLoop(iterator: IteratorRoot): void;
  exitLoop(iterator: IteratorRoot): void;
  /** What a factory returning several resources (a YAML file) gives the user: reads from it are exact. */
  returned?(value: unknown): void;
  /**
   * Inlines another composition's graph (a nested composition call); returns its handle. `composition` is
   * the called composition object itself (a concrete run re-runs its function).
   */
  nest(child: unknown, spec: unknown, composition?: unknown): unknown;
  /**
   * Where the factory call being made sits in the user's source (the call inside a helper, or the call made
   * from source for a skipped branch), once `prepareArguments` found it: for the factory's own errors.
   */
  callLocation?(): SourceLocation | undefined;
  /** The handle the user gets for a new resource; a concrete run returns observed values instead of references. */
  handleFor?(record: ResourceRecord, handle: unknown): unknown;
  /**
   * Names the loop items around the call being made (a `Cel.*` call reading a loop item prints it before any
   * factory call of the loop body named it).
   */
  nameLoopsHere?(): void;
  /** What a `Cel.*` value is to the user's JavaScript; a concrete run makes it opaque (see composition/concrete-value.ts). */
  celValue?(value: ExprValue): unknown;
  /**
   * `Cel.has(value)` on a plain value: a concrete run answers it (`undefined`, an absent field, is not
   * present); other runs have references there.
   */
  plainHas?(value: unknown): unknown;
  /**
   * A concrete run: the value of a `Cel.expr`/`Cel.template`/`Cel.cond` call one of whose `parts` has no value
   * yet (`undefined`, an absent field, a field of a resource that is not observed), where the compiled CEL
   * waits (a read that fails); `undefined` when every part has one.
   */
  celPending?(parts: readonly unknown[]): unknown;
  /**
   * Fails when an argument of the call being made that TypeKro uses at definition (an id, a file path, a
   * kind) depends on a reference: JavaScript computed it on placeholders.
   */
  fixedAtDefinition?(argument: FixedArgument): void;
}

/** See {@link CompositionRunHooks.fixedAtDefinition}; nothing outside a run. */
export function requireFixed(argument: FixedArgument): void {
  active?.fixedAtDefinition?.(argument);
}

// Set for the length of one `withRun` call and cleared when it returns or throws: it never outlives a run.
let active: CompositionRunHooks | undefined;

export function currentRun(): CompositionRunHooks | undefined {
  return active;
}

/** A `Cel.*` result as the run in progress hands it to the user's code (itself outside a concrete run). */
export function celResult(value: ExprValue): unknown {
  return active?.celValue ? active.celValue(value) : value;
}

/** Runs `body` with `run` active; composition functions must be synchronous. */
export function withRun<T>(run: CompositionRunHooks, body: () => T): T {
  if (active) throw new TypeKroError('INTERNAL', 'internal: composition runs do not nest; nested compositions reuse the parent run');
  active = run;
  try {
    return body();
  } finally {
    active = undefined;
  }
}

/** Proxy hooks for references inside a run: iterating an array reference creates a forEach item. */
export const loopHooks: ProxyHooks = {
  iterate(ref: RefData): Iterable<unknown> {
    const run = requireRun('for...of over a reference');
    const iterator: IteratorRoot = { source: ref };
    let done = false;
    return {
      [Symbol.iterator]: () => ({
        next: () => {
          if (done) {
            run.exitLoop(iterator);
            return { done: true, value: undefined };
          }
          done = true;
          run.enterLoop(iterator);
          return { done: false, value: createRef({ root: { kind: 'iterator', iterator }, path: [] }, loopHooks) };
        },
        return: () => {
          run.exitLoop(iterator);
          return { done: true, value: undefined };
        },
      }),
    };
  },
  mapList(ref: RefData, callback: (item: unknown, index: number, list: unknown) => unknown): unknown[] {
    const run = requireRun('.map() over a reference');
    const iterator: IteratorRoot = { source: ref };
    run.enterLoop(iterator);
    try {
      // The list as JavaScript passes it: a callback's third parameter is never its default (the source binds
      // it to the list, loop-bindings.ts; the index is refused there, its placeholder 0 is not the position).
      return [callback(createRef({ root: { kind: 'iterator', iterator }, path: [] }, loopHooks), 0, createRef(ref, loopHooks))];
    } finally {
      run.exitLoop(iterator);
    }
  },
};

function requireRun(what: string): CompositionRunHooks {
  if (!active) throw new TypeKroError('USAGE', `${what} is only supported inside a composition function`);
  return active;
}
