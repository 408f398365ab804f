/**
 * Typed references. Inside a composition function, `spec.replicas` and `deployment.status.readyReplicas`
 * are proxies that record a path from a root (the instance spec, a resource, a forEach item). Property
 * reads extend the path; string coercion (template literals) yields a marker the model later turns back
 * into a CEL template; everything else about JavaScript operators is recovered from source analysis.
 */
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { E, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import { isExprValue } from '../ir/value.js';
import { itemType, wirePath } from './wire-names.js';
import { TypeKroError } from '../util/errors.js';
import type { SourceLocation } from '../ir/graph.js';
import { ReferenceWriteError } from './reference-write-message.js';
import { misplacedRead } from './misplaced.js';
import { formatLocation, isInternalFile, lazyUserFrames } from './call-site.js';
import { callerLocation } from '../util/stack.js';
import { MUTATING_METHODS } from '../util/mutating-methods.js';

/** Where the user's code is running (the innermost frame outside TypeKro), for messages thrown from traps. */
function userFrame(): SourceLocation | undefined {
  const first = lazyUserFrames()[Symbol.iterator]().next();
  return first.done ? undefined : first.value;
}

/** `file:line:column` of {@link userFrame}, as a message thrown from a trap starts. */
export function userLocation(): string {
  return formatLocation(userFrame());
}

/** `spec.m.k`: the field of the reference `data` a `delete` or an assignment names. */
function writtenField(data: RefData, prop: string | symbol): string {
  return typeof prop === 'string' ? `${describeRef(data)}.${prop}` : describeRef(data);
}

/** Where a reference path starts. Resource ids and iterator names are assigned after the composition ran. */
export type RefRoot =
  | { readonly kind: 'schema' }
  | { readonly kind: 'resource'; readonly resource: { readonly id: () => string; readonly modelName?: string } }
  | { readonly kind: 'iterator'; readonly iterator: IteratorRoot };

/** A forEach item: the list it walks and the name it gets once the composition source is analysed. */
export interface IteratorRoot {
  readonly source: RefData;
  /** The iterator's CEL name: the loop variable's, unless CEL or KRO cannot have it (util/cel-names). */
  name?: string;
  /** The loop variable as the source spells it, for messages (`schema` whose CEL name is `schemaItem`). */
  variable?: string;
  /**
   * The list compiled from source, when JavaScript could not give it as a reference: a method call on one
   * (`for (const t of spec.tags.filter((x) => x !== ''))`) is a placeholder whose meaning only the source has.
   */
  compiled?: { readonly expr: Expr; readonly itemType: CelType };
}

export interface RefData {
  readonly root: RefRoot;
  readonly path: readonly (string | number)[];
  /** Set on the result of calling a method on a reference: only source analysis can give it meaning. */
  readonly call?: string;
  /** Set on a read through such a result (`s.split('.').reverse`): a computed value, not a field of the reference. */
  readonly afterCall?: true;
}

const REF = Symbol.for('typekro.ref');
const MARKER_PREFIX = '\u0001tkref:';
const MARKER_SUFFIX = '\u0002';

/** A primitive coercion of a reference (`${spec.x}`, `+spec.n`): source analysis supplies the operator. */
export interface Coercion {
  readonly ref: RefData;
  readonly hint: string;
}

/**
 * What one definition records while its composition function runs: the references behind the markers made
 * (template literals over references), the coercions seen (for diagnostics about unanalysed operators), and
 * the refusals a proxy trap threw (a write to a reference, spreading one, a reference of another definition,
 * a resource used as text). A trap can only refuse by throwing, and a user's `try { ... } catch {}` swallows
 * the throw; the definition still fails with the first of them once the composition function returns
 * (composition.ts). Its identity is also the owner {@link checkLive} binds reference roots to.
 */
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
// `withReferenceMarkers` adds one for its call and takes it off when the call returns or throws, so nothing a
// definition records outlives it, and a definition nested in another records into its own scope only.
let definitions: readonly DefinitionScope[] = [];

/** The definition in progress (the innermost), if any. */
function currentDefinition(): DefinitionScope | undefined {
  return definitions[definitions.length - 1];
}

/** Records `error` as a refusal of the definition in progress and returns it, for the trap to throw. */
export function trapRefusal<T extends TypeKroError>(error: T): T {
  // Outside a definition there is no run to fail, and nothing may accumulate between definitions.
  currentDefinition()?.refusals.push(error);
  return error;
}

/** The first refusal a trap threw during the definition in progress, even if the user's code caught it. */
export function firstTrapRefusal(): TypeKroError | undefined {
  const current = currentDefinition();
  return current?.refusals[0] ?? current?.spreads[0]?.error;
}

/**
 * Marks the spreads of references made in `file` between `start` and `end` (1-based lines and columns, end
 * exclusive) as compiled from source: the object literal there is compiled whole, its JavaScript value unused.
 */
export function consumeSpreads(file: string, start: { line: number; column: number }, end: { line: number; column: number }): void {
  const current = currentDefinition();
  if (!current) return;
  const before = (a: { line: number; column: number }, b: { line: number; column: number }): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);
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

/** Throws {@link firstTrapRefusal}, if any: called when a user function of the definition returns normally. */
export function throwTrapRefusal(): void {
  const refused = currentDefinition()?.refusals[0];
  if (refused) throw refused;
}

/** The definition each reference root was first used in: weakly keyed by the roots, which die with their graphs. */
const rootDefinitions = new WeakMap<RefRoot, DefinitionScope>();

/**
 * A reference is a value of the one definition that made it: stored where it outlives that definition (a
 * module array a package helper filled, a closure) and read by a later one, it would name the wrong spec or
 * resource (trial 6 G05: another kind's `schema.spec.host`). Checked while a definition runs; the first use
 * of a root binds it to the innermost definition in progress.
 */
function checkLive(data: RefData): void {
  const current = currentDefinition();
  if (current === undefined) return;
  const owner = rootDefinitions.get(data.root);
  if (owner === undefined) rootDefinitions.set(data.root, current);
  else if (!definitions.includes(owner)) {
    throw trapRefusal(new TypeKroError(
      'DEFINITION_INVALID',
      `${userLocation()}: the reference ${describeRef(data)} was made by the definition of another composition, whose run has ended: it was kept outside that composition function (a module variable, a closure, a package's state) and would name the other composition's spec or resources here\n  hint: compute the value inside each composition function from its own spec and resources; share constants between compositions, never references`,
    ));
  }
}

/** The reference behind a proxy, or `undefined` for any other value. */
export function refOf(value: unknown): RefData | undefined {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null) {
    return (value as { [REF]?: RefData })[REF];
  }
  return undefined;
}

export function isRef(value: unknown): boolean {
  return refOf(value) !== undefined;
}

/** The CEL expression a reference stands for. */
export function refToExpr(ref: RefData): Expr {
  if (ref.call) {
    throw new TypeKroError('DEFINITION_INVALID', 
      `${describeRef(ref)}(...) was called on a reference outside the composition source TypeKro can read; write the expression in the composition function itself, or use Cel.expr(...)`,
    );
  }
  const root = rootExpr(ref.root);
  return wireRefPath(ref).reduce<Expr>(
    (target, segment) => (typeof segment === 'number' ? E.index(target, E.int(segment)) : E.select(target, segment)),
    root,
  );
}

/**
 * The path as the cluster spells it: a typed read of `policy.spec.ingress[0]._from` (client-node's model
 * name) must become `from` in CEL, for resources and for loop items over their lists.
 */
function wireRefPath(ref: RefData): readonly (string | number)[] {
  const type = modelTypeOf(ref.root);
  return type ? wirePath(type, ref.path).path : ref.path;
}

function modelTypeOf(root: RefRoot): string | undefined {
  if (root.kind === 'resource') return root.resource.modelName;
  if (root.kind !== 'iterator') return undefined;
  const source = modelTypeOf(root.iterator.source.root);
  return source ? itemType(wirePath(source, root.iterator.source.path).type) : undefined;
}

function rootExpr(root: RefRoot): Expr {
  if (root.kind === 'schema') return E.ident('schema');
  if (root.kind === 'resource') return E.ident(root.resource.id());
  if (!root.iterator.name) throw new TypeKroError('INTERNAL', 'internal: forEach iterator used before it was named');
  return E.ident(root.iterator.name);
}

/** Hooks a resource or the spec can add to its proxy (iteration, `.map` over array references). */
export interface ProxyHooks {
  iterate?: (ref: RefData) => Iterable<unknown>;
  mapList?: (ref: RefData, callback: (item: unknown, index: number) => unknown) => unknown[];
}

/**
 * Creates a reference proxy. `base` supplies real values (e.g. a resource's literal `metadata.name`)
 * that win over references when present.
 */
export function createRef(data: RefData, hooks: ProxyHooks = {}): unknown {
  // An arrow function target makes method calls on references (`spec.name.toLowerCase()`) legal at
  // definition time; their meaning comes from source analysis.
  const target = (): void => undefined;
  checkLive(data);
  return new Proxy(target, {
    apply() {
      const method = data.path.at(-1);
      if (typeof method === 'string' && MUTATING_METHODS.has(method) && data.path.length > 1 && !data.afterCall) {
        throw trapRefusal(new ReferenceWriteError({ kind: 'method', method, reference: describeRef({ root: data.root, path: data.path.slice(0, -1) }) }, userFrame()));
      }
      return createRef({ root: data.root, path: data.path, call: describeRef(data) }, hooks);
    },
    get(_, prop) {
      checkLive(data);
      if (prop === REF) return data;
      if (prop === Symbol.toPrimitive) return (hint: string) => coerce(data, hint);
      if (prop === 'toString' || prop === 'valueOf') return () => coerce(data, 'string');
      if (prop === 'toJSON') return () => markerFor(data);
      if (prop === Symbol.iterator && hooks.iterate) return () => hooks.iterate!(data)[Symbol.iterator]();
      if (prop === 'map' && hooks.mapList) {
        return (callback: (item: unknown, index: number) => unknown) => hooks.mapList!(data, callback);
      }
      // `spec.workers.forEach((w) => Pod(...))` is the same loop as `.map`, without a list: the callback runs
      // once, on a forEach item, as a for...of body does (otherwise the proxy's call would skip it silently).
      if (prop === 'forEach' && hooks.mapList) {
        return (callback: (item: unknown, index: number) => unknown): void => void hooks.mapList!(data, callback);
      }
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      const segment = /^\d+$/.test(prop) ? Number(prop) : prop;
      const path = [...data.path, segment];
      const misplaced = data.root.kind === 'resource' ? misplacedRead(data.root.resource.modelName, path, () => describeRef({ root: data.root, path })) : undefined;
      if (misplaced) throw trapRefusal(misplaced);
      return createRef({ root: data.root, path, ...((data.call !== undefined || data.afterCall) && { afterCall: true as const }) }, hooks);
    },
    deleteProperty(_target, prop) {
      throw trapRefusal(new ReferenceWriteError({ kind: 'delete', target: writtenField(data, prop), reference: describeRef(data) }, userFrame()));
    },
    set(_target, prop) {
      throw trapRefusal(new ReferenceWriteError({ kind: 'assign', target: writtenField(data, prop), reference: describeRef(data) }, userFrame()));
    },
    ownKeys() {
      // Spreading or enumerating a reference would silently yield nothing: refused, unless the object spread
      // into is compiled from source (a map merge, object-spread.ts), which drops what JavaScript built.
      const at = userFrame();
      const error = new TypeKroError(
        'DEFINITION_INVALID',
        `${formatLocation(at)}: the reference ${describeRef(data)} cannot be spread or enumerated when the composition is defined: its keys are known only once the instance (or the observed object) exists\n  hint: ${spreadHint(data)}`,
      );
      const current = currentDefinition();
      if (!current) throw error;
      current.spreads.push({ error, at });
      return [];
    },
  });
}

/** The way out of a spread of `data`: a spec field (a map) merges where an object literal is compiled. */
function spreadHint(data: RefData): string {
  const merge = data.root.kind === 'schema' && data.path.length > 1 ? `spread it straight into an object literal that is a factory argument or a status field (\`labels: { team: 't', ...${describeRef(data)} }\`, compiled to KRO's map merge), ` : '';
  return `${merge}pass it as a whole, or read its fields by name`;
}

/** The pseudo root of a nested composition handle's reads: `nested$<prefix>`, never shown to the user. */
export const NESTED_ROOT_PREFIX = 'nested$';

const resourceName = (id: string): string => (id.startsWith(NESTED_ROOT_PREFIX) ? id.slice(NESTED_ROOT_PREFIX.length) : id || 'resource');

/**
 * A readable path for messages, as the user wrote it: `spec.labels` (the spec parameter of a composition,
 * `schema.spec` in CEL), `web.status.ready`, `item.name`.
 */
export function describeRef(data: RefData): string {
  if (data.root.kind === 'schema' && data.path[0] === 'spec') return data.path.map(String).join('.');
  // The composition's second parameter, as the README names it.
  if (data.root.kind === 'schema' && data.path[0] === 'metadata') return ['instance', ...data.path.map(String)].join('.');
  const root = data.root.kind === 'schema' ? 'schema' : data.root.kind === 'resource' ? resourceName(data.root.resource.id()) : (data.root.iterator.variable ?? data.root.iterator.name ?? 'item');
  return [root, ...data.path.map(String)].join('.');
}

/**
 * A value as it should appear in an error message: a reference as the user wrote it (`spec.name`), a
 * template literal over references as `"${spec.name}-web"`, an expression as `${cel}`; never the
 * internal marker characters references turn into when coerced to strings.
 *
 * @example describeValue(spec.name) // 'spec.name'
 */
export function describeValue(value: unknown): string {
  const ref = refOf(value);
  if (ref) return describeRef(ref);
  if (isExprValue(value)) return printAsJavaScript(value.expr);
  if (typeof value === 'string') return JSON.stringify(readableMarkers(value));
  if (typeof value === 'function') return 'a function';
  // References inside objects reach the replacer already turned into marker strings (their toJSON).
  return JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'string' ? readableMarkers(entry) : isExprValue(entry) ? printAsJavaScript(entry.expr) : entry)) ?? String(value);
}

/** Text with every reference marker replaced by `${path}` as the user wrote it. */
export function readableMarkers(text: string): string {
  return text.replace(MARKER_PATTERN, (_match, index: string) => {
    const ref = markerRef(index);
    return ref ? `\${${describeRef(ref)}}` : '${?}';
  });
}

/** Primitive coercions record nothing about the operator; source analysis supplies the real expression. */
function coerce(data: RefData, hint: string): string | number {
  const marker = markerFor(data);
  currentDefinition()?.coercions.push({ ref: data, hint });
  return hint === 'number' ? Number.NaN : marker;
}

/** The coercions seen during the definition in progress (none outside one). */
export function definitionCoercions(): readonly Coercion[] {
  return currentDefinition()?.coercions ?? [];
}

/** How many reference markers the definition in progress holds (0 between definitions). */
export function referenceMarkerCount(): number {
  return currentDefinition()?.markers.length ?? 0;
}

/** How many definitions are in progress (0 between definitions: none is left behind by one that threw). */
export function definitionDepth(): number {
  return definitions.length;
}

/**
 * Runs one definition with its own scope (markers, coercions, refusals): markers made while it runs are
 * resolved before it returns (the graph holds expressions, never markers), and nothing outlives it.
 */
export function withReferenceMarkers<T>(body: () => T): T {
  const scope: DefinitionScope = { markers: [], coercions: [], refusals: [], spreads: [] };
  const outer = definitions;
  definitions = [...outer, scope];
  try {
    return body();
  } catch (error) {
    throw nativeErrorOnReference(error);
  } finally {
    definitions = outer;
  }
}

/**
 * A built-in (Node or JavaScript) that met a reference fails with its own message, which shows the marker
 * the reference became: show the reference as the user wrote it, where, and the way out.
 */
function nativeErrorOnReference(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof TypeKroError || !hasMarkers(error.message)) return error;
  // Node describes a function argument by its `name` (`Received function <marker of spec.s.name>`); a
  // reference is a function proxy, so that read is the reference itself.
  const message = error.message.replace(/(function )?\u0001tkref:(\d+|-)\u0002/g, (_match, fn: string | undefined, index: string) => {
    const ref = markerRef(index);
    if (!ref) return 'a reference';
    if (fn && ref.path.at(-1) === 'name') return `the reference ${describeRef({ ...ref, path: ref.path.slice(0, -1) })}`;
    return `${fn ?? ''}${describeRef(ref)}`;
  });
  const where = error.stack ? callerLocation(error.stack, isInternalFile) : undefined;
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${formatLocation(where)}: ${error.name}: ${message}\n  JavaScript ran on a reference there (its value exists only in the cluster), and such code cannot be compiled to CEL; use a method the README's table "The JavaScript that compiles to CEL" lists, or Cel.expr(...)`,
    { cause: error },
  );
}

/**
 * The marker text standing for `data` in a string. Outside a definition nothing keeps it (nothing compiles
 * there, and nothing may accumulate between definitions): such a marker reads as an unknown reference.
 */
function markerFor(data: RefData): string {
  const markers = currentDefinition()?.markers;
  if (!markers) return `${MARKER_PREFIX}-${MARKER_SUFFIX}`;
  markers.push(data);
  return `${MARKER_PREFIX}${markers.length - 1}${MARKER_SUFFIX}`;
}

/** The reference behind marker number `index` of the definition in progress. */
function markerRef(index: string): RefData | undefined {
  return currentDefinition()?.markers[Number(index)];
}

const MARKER_PATTERN = /\u0001tkref:(\d+|-)\u0002/g;

/** True when a string carries a reference marker (it came from a template literal over references). */
export function hasMarkers(text: string): boolean {
  return text.includes(MARKER_PREFIX);
}

/** Splits a string with markers into literal text and references. */
export function splitMarkers(text: string): (string | RefData)[] {
  const parts: (string | RefData)[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER_PATTERN)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const ref = markerRef(match[1]!);
    if (!ref) throw new TypeKroError('INTERNAL', 'internal: unknown reference marker');
    parts.push(ref);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
