/**
 * What one definition records while its composition function runs: the references behind the markers made
 * (template literals over references), the coercions seen (for diagnostics about unanalysed operators), the
 * refusals a proxy trap threw (a write to a reference, spreading one, a reference of another definition, a
 * resource used as text) and the spreads of references. A trap can only refuse by throwing, and a user's
 * `try { ... } catch {}` swallows the throw; the definition still fails with the first of them once the
 * composition function returns (composition.ts). Its identity is also the owner {@link checkLive} binds
 * reference roots to.
 */
import type { SourceLocation } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';
import { userLocation } from './call-site.js';
import { describeRef, type Coercion, type RefData, type RefRoot } from './ref-data.js';

interface DefinitionScope {
  readonly markers: RefData[];
  readonly coercions: Coercion[];
  readonly refusals: TypeKroError[];
  /**
   * Spreads of a reference (`{ ...spec.labels }`): JavaScript got no keys, which is right only where the
   * object is compiled from source (object-spread.ts, a map merge) and the JavaScript value is dropped.
   * Such a compilation consumes the ones inside the object ({@link consumeSpreads}); the rest fail the
   * definition as refusals once the status is built.
   */
  readonly spreads: { readonly error: TypeKroError; readonly at: SourceLocation | undefined }[];
}

// The definitions in progress, innermost last (user code a definition runs could start another; a composition
// defined inside another's function is refused, model/outside.ts):
// `withDefinitionScope` adds one for its call and takes it off when the call returns or throws, so nothing a
// definition records outlives it, and a definition nested in another records into its own scope only.
let definitions: readonly DefinitionScope[] = [];

/** The definition in progress (the innermost), if any. */
function currentDefinition(): DefinitionScope | undefined {
  return definitions[definitions.length - 1];
}

/**
 * Runs `body` as one definition with its own scope. An error it throws is passed through `translate` while
 * the scope still holds what the definition recorded (its markers name the references in the message).
 */
export function withDefinitionScope<T>(body: () => T, translate: (error: unknown) => unknown): T {
  const scope: DefinitionScope = { markers: [], coercions: [], refusals: [], spreads: [] };
  const outer = definitions;
  definitions = [...outer, scope];
  try {
    return body();
  } catch (error) {
    throw translate(error);
  } finally {
    definitions = outer;
  }
}

/** How many definitions are in progress (0 between definitions: none is left behind by one that threw). */
export function definitionDepth(): number {
  return definitions.length;
}

/** Records `error` as a refusal of the definition in progress and returns it, for the trap to throw. */
export function trapRefusal<T extends TypeKroError>(error: T): T {
  // Outside a definition there is no run to fail, and nothing may accumulate between definitions.
  currentDefinition()?.refusals.push(error);
  return error;
}

/**
 * The first refusal a trap threw during the definition in progress, even if the user's code caught it; else,
 * when `spreadsExplain`, the first spread of a reference no compiled object took (JavaScript went on with no
 * keys there, which may be why it failed later).
 */
export function firstTrapRefusal(spreadsExplain = true): TypeKroError | undefined {
  const current = currentDefinition();
  return current?.refusals[0] ?? (spreadsExplain ? current?.spreads[0]?.error : undefined);
}

/** Throws {@link firstTrapRefusal}, if any: called when a user function of the definition returns normally. */
export function throwTrapRefusal(): void {
  const refused = currentDefinition()?.refusals[0];
  if (refused) throw refused;
}

/** Records a spread of a reference made at `at`; false outside a definition (the caller then throws `error`). */
export function recordSpread(error: TypeKroError, at: SourceLocation | undefined): boolean {
  const current = currentDefinition();
  if (!current) return false;
  current.spreads.push({ error, at });
  return true;
}

/** True when `a` comes before `b` in a file. */
const before = (a: { line: number; column: number }, b: { line: number; column: number }): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * Marks the spreads of references made in `file` between `start` and `end` (1-based lines and columns, end
 * exclusive) as compiled from source: the object literal there is compiled whole, its JavaScript value unused.
 */
export function consumeSpreads(file: string, start: { line: number; column: number }, end: { line: number; column: number }): void {
  const current = currentDefinition();
  if (!current || current.spreads.length === 0) return;
  const inside = (at: SourceLocation | undefined): boolean => at !== undefined && at.file === file && !before(at, start) && before(at, end);
  const kept = current.spreads.filter((spread) => !inside(spread.at));
  current.spreads.splice(0, current.spreads.length, ...kept);
}

/**
 * Runs `build` (the status), then throws the first spread of a reference no compiled object consumed. Such a
 * spread also explains an error `build` throws: JavaScript went on with no keys there.
 */
export function refusingUnconsumedSpreads<T>(build: () => T): T {
  const unconsumed = (): TypeKroError | undefined => currentDefinition()?.spreads[0]?.error;
  let built: T;
  try {
    built = build();
  } catch (error) {
    throw unconsumed() ?? error;
  }
  const spread = unconsumed();
  if (spread) throw spread;
  return built;
}

/** Records a primitive coercion of a reference (nothing outside a definition). */
export function recordCoercion(coercion: Coercion): void {
  currentDefinition()?.coercions.push(coercion);
}

/** The coercions seen during the definition in progress (none outside one). */
export function definitionCoercions(): readonly Coercion[] {
  return currentDefinition()?.coercions ?? [];
}

/** Keeps `data` behind a new marker of the definition in progress: its number, or undefined outside one. */
export function recordMarker(data: RefData): number | undefined {
  const markers = currentDefinition()?.markers;
  if (!markers) return undefined;
  markers.push(data);
  return markers.length - 1;
}

/** The reference behind marker number `index` of the definition in progress. */
export function markerAt(index: number): RefData | undefined {
  return currentDefinition()?.markers[index];
}

/** How many reference markers the definition in progress holds (0 between definitions). */
export function referenceMarkerCount(): number {
  return currentDefinition()?.markers.length ?? 0;
}

/** The definition each reference root was first used in: weakly keyed by the roots, which die with their graphs. */
const rootDefinitions = new WeakMap<RefRoot, DefinitionScope>();

/**
 * A reference is a value of the one definition that made it: stored where it outlives that definition (a
 * module array a package helper filled, a closure) and read by a later one, it would name the wrong spec or
 * resource (trial 6 G05: another kind's `schema.spec.host`). Checked while a definition runs; the first use
 * of a root binds it to the innermost definition in progress.
 */
export function checkLive(data: RefData): void {
  const current = currentDefinition();
  if (current === undefined) return;
  const owner = rootDefinitions.get(data.root);
  if (owner === undefined) rootDefinitions.set(data.root, current);
  else if (owner !== current && !definitions.includes(owner)) {
    throw trapRefusal(new TypeKroError(
      'DEFINITION_INVALID',
      `${userLocation()}: the reference ${describeRef(data)} was made by the definition of another composition, whose run has ended: it was kept outside that composition function (a module variable, a closure, a package's state) and would name the other composition's spec or resources here\n  hint: compute the value inside each composition function from its own spec and resources; share constants between compositions, never references`,
    ));
  }
}
