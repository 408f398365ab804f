/**
 * Holding the compiled evaluation to the concrete one. Both are flattened to leaf paths and compared
 * structurally; each mismatch is one divergence with a readable diff.
 *
 * Rules (why each):
 * - `OpaqueCel` leaves on the concrete side (Cel.expr escape hatches) are not compared: JavaScript gives
 *   them no meaning.
 * - A compiled `pending` (KRO waits for data) agrees with a concrete `undefined` at the same place. Against
 *   a concrete *value* it is tolerated only in a tolerant state (nothing observed yet: JavaScript cannot say
 *   "not yet", so `undefined > 0` is `false` there); anywhere else it is a divergence (the field would stay
 *   pending while JavaScript has an answer).
 * - The reverse, a concrete `undefined` (pending) against a compiled *value*, is tolerated in a tolerant state
 *   too: JavaScript computed from a resource that does not exist yet, which is pending there even where the
 *   answer cannot depend on it (`(cm.data?.v ?? 'x').startsWith('a') || spec.on` is a pending placeholder in
 *   JavaScript, which cannot make `||` look at its right side first), while CEL's `||` and `&&` absorb the
 *   unknown operand (`pending || true` is true, the value JavaScript computes once the resource exists). The
 *   other states hold such a value to JavaScript's.
 * - Status: `null` leaves and empty objects are dropped on both sides, as the RGD compiler omits them.
 * - An int the direct engine refuses as beyond JavaScript's safe range (src/runtime/cel/library/int-range.ts)
 *   agrees by refusal only where the refusal was needed: CEL's exact int64 value (`exact`, the same graph
 *   evaluated with `integers: 'int64'`, what KRO computes) differs from JavaScript's, or JavaScript's value
 *   holds an integer beyond the safe range (a number, or digits in text). A refusal where both are the same
 *   safe value is a divergence: TypeKro refused what JavaScript computes exactly.
 */
import { isDeepStrictEqual } from 'node:util';
import { OpaqueCel, type ConcreteEvaluation, type ConcreteResource } from '../../src/index.js';
import { UNSAFE_INTEGER } from '../../src/runtime/cel/index.js';
import type { CompiledEvaluation, CompiledResource } from './compiled.js';

export interface Divergence {
  /** What diverged, stable across runs: `resource web: manifest`, `status.ready`, `evaluation`. */
  readonly aspect: string;
  /** The readable diff. */
  readonly detail: string;
}

export interface Comparison {
  readonly divergences: Divergence[];
  /** Compiled-pending against a concrete value, accepted because the state is tolerant. */
  readonly tolerated: number;
  readonly opaque: number;
  /** Int-range refusals where JavaScript's value differs from CEL's exact one or is beyond the safe range. */
  readonly refused: number;
}

type Counts = { tolerated: number; opaque: number; refused: number };

const unsafeDigits = (text: string): boolean => [...text.matchAll(/\d{16,}/g)].some(([digits]) => BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER));

/**
 * Whether JavaScript's value holds an integer JavaScript cannot hold exactly, or is not CEL's exact one
 * (`exact` undefined: CEL's exact value has no JSON form either, so only the first can tell).
 */
function refusalNeeded(exact: { readonly value: unknown } | undefined, javascript: unknown): boolean {
  const unsafe = [...flatten(javascript).values()].some((v) => (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) || (typeof v === 'string' && unsafeDigits(v)));
  return unsafe || (exact !== undefined && diffValues(exact.value, javascript).lines.length > 0);
}

const show = (value: unknown): string => (value === undefined ? 'undefined' : value instanceof OpaqueCel ? `<CEL ${value.cel}>` : JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

/** Leaves by path (`spec.ports[0].port`); arrays are indexed unless `wholeArrays`. */
export function flatten(value: unknown, wholeArrays = false, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && !wholeArrays) {
    if (value.length === 0) out.set(path, []);
    value.forEach((item, i) => flatten(item, wholeArrays, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null && !(value instanceof OpaqueCel) && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(path, {});
    for (const [key, item] of entries) flatten(item, wholeArrays, path ? `${path}.${key}` : key, out);
  } else out.set(path, value);
  return out;
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  return isDeepStrictEqual(oneZero(a), oneZero(b));
}

/** JSON has one zero (evaluateConcrete writes -0 as 0, as a manifest does): -0 inside a list or object is 0 too. */
function oneZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(oneZero);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, oneZero(v)]));
  return value;
}

const related = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);

/**
 * Line-per-path diff of two values; opaque concrete leaves (and what the compiled side has under them) are
 * skipped, and so are differences at, over or under a path of `tolerated` (paths JavaScript left pending in a
 * tolerant state, where the compiled side may already have a value), counted.
 */
export function diffValues(compiled: unknown, concrete: unknown, wholeArrays = false, tolerated: readonly string[] = []): { lines: string[]; opaque: number; tolerated: number } {
  const left = flatten(compiled, wholeArrays);
  const right = flatten(concrete, wholeArrays);
  const opaquePaths = [...right].filter(([, v]) => v instanceof OpaqueCel).map(([p]) => p);
  const under = (path: string): boolean => opaquePaths.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  const lines: string[] = [];
  let skipped = 0;
  for (const path of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    if (under(path)) continue;
    const a = left.get(path);
    const b = right.get(path);
    if (sameLeaf(a, b)) continue;
    if (tolerated.some((p) => related(path, p))) skipped++;
    else lines.push(`  ${path || '(root)'}: compiled ${show(a)}, JavaScript ${show(b)}`);
  }
  return { lines, opaque: opaquePaths.length, tolerated: skipped };
}

export function compare(compiled: CompiledEvaluation, concrete: ConcreteEvaluation, tolerant: boolean, exact?: CompiledEvaluation): Comparison {
  const divergences: Divergence[] = [];
  const counts = { tolerated: 0, opaque: 0, refused: 0 };
  const byId = new Map(concrete.resources.map((resource) => [resource.id, resource]));
  for (const id of new Set([...compiled.resources.keys(), ...byId.keys()])) {
    const resource = compiled.resources.get(id);
    const exactResource = exact?.resources.get(id);
    const js = byId.get(id);
    if (resource?.state === 'error' && resource.reason.includes(UNSAFE_INTEGER) && js && refusalNeeded(exactResource?.state === 'rendered' ? { value: exactResource.manifests } : undefined, js.manifests)) {
      counts.refused++;
      continue;
    }
    compareResource(id, resource, js, tolerant, divergences, counts);
  }
  compareStatus(compiled, concrete, tolerant, divergences, counts, exact);
  return { divergences, ...counts };
}

/** JavaScript also lacks data: a manifest path it left `undefined` is (under) an expression of the template. */
function missingWhereExpressions(concrete: ConcreteResource, exprPaths: readonly string[]): boolean {
  const related = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
  return concrete.pending.some((path) => {
    const own = concrete.collection ? path.replace(/^\[\d+\]\.?/, '') : path;
    return exprPaths.some((expr) => related(own, expr));
  });
}

function objectCount(resource: ConcreteResource | undefined): number | 'opaque' {
  if (!resource) return 0;
  if (resource.included instanceof OpaqueCel) return 'opaque';
  if (!resource.included) return 0;
  return resource.external !== undefined ? 1 : resource.manifests.length;
}

function compareResource(id: string, compiled: CompiledResource | undefined, concrete: ConcreteResource | undefined, tolerant: boolean, out: Divergence[], counts: Counts): void {
  const add = (what: string, detail: string): void => void out.push({ aspect: `resource ${id}: ${what}`, detail });
  const jsCount = objectCount(concrete);
  if (jsCount === 'opaque') return void counts.opaque++;
  if (!compiled) return add('exists', `only JavaScript creates it (${jsCount} object(s)); the compiled graph has no resource "${id}"`);
  if (compiled.state === 'error') return add('error', `compiled: ${compiled.reason}; JavaScript: ${jsCount} object(s)`);
  if (compiled.state === 'pending') {
    if (jsCount > 0 && missingWhereExpressions(concrete!, compiled.exprPaths)) return;
    if (tolerant) return void counts.tolerated++;
    return add('pending', `compiled pending (${compiled.reason}); JavaScript: ${jsCount} object(s) ${jsCount > 0 ? show(concrete!.manifests) : ''}`);
  }
  const compiledCount = compiled.state === 'excluded' ? 0 : compiled.state === 'external' ? 1 : compiled.manifests.length;
  if (compiledCount !== jsCount) {
    return add('exists', `compiled ${compiledCount} object(s)${compiled.state === 'excluded' ? ` (${compiled.reason})` : ''}, JavaScript ${jsCount}`);
  }
  if (compiledCount === 0 || !concrete) return;
  if (compiled.state === 'external') {
    const diff = diffValues(compiled.target, concrete.external);
    if (diff.lines.length > 0) add('external', diff.lines.join('\n'));
    return;
  }
  if (compiled.state !== 'rendered') return;
  // pending paths as the manifest list is flattened (`[0].data.v`)
  const pending = tolerant ? concrete.pending.map((path) => (concrete.collection ? path : `[0]${/^\[/.test(path) ? '' : '.'}${path}`)) : [];
  const diff = diffValues(compiled.manifests, concrete.manifests, false, pending);
  counts.opaque += diff.opaque;
  counts.tolerated += diff.tolerated;
  if (diff.lines.length > 0) add('manifest', diff.lines.join('\n'));
  compareReady(compiled, concrete, add, counts);
}

function compareReady(compiled: Extract<CompiledResource, { state: 'rendered' }>, concrete: ConcreteResource, add: (what: string, detail: string) => void, counts: { opaque: number }): void {
  if (!compiled.ready && !concrete.ready) return;
  const length = Math.max(compiled.ready?.length ?? 0, concrete.ready?.length ?? 0);
  for (let i = 0; i < length; i++) {
    const js = concrete.ready?.[i];
    const cel = compiled.ready?.[i];
    if (js instanceof OpaqueCel) {
      counts.opaque++;
      continue;
    }
    // The planner treats pending as not ready; an error fails the wait.
    const celReady = cel === undefined ? undefined : cel.kind === 'value' ? cel.value : cel.kind === 'pending' ? false : `error: ${cel.reason}`;
    if (celReady !== js) add('readyWhen', `  item ${i}: compiled ${cel === undefined ? 'not evaluated' : cel.kind === 'value' ? cel.value : `${cel.kind} (${cel.reason})`}, JavaScript ${show(js)}`);
  }
}

const isEmptyObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof OpaqueCel) && Object.keys(value).length === 0;

/** Drops `null` leaves and empty objects, as resolveStatus does. */
function pruneStatus(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof OpaqueCel) return value;
  const out: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const pruned = pruneStatus(item);
    if (pruned !== undefined) out.push([key, pruned]);
  }
  // fromEntries, not `out[key] =`: an own `__proto__` key (a map built from spec data) stays a key.
  return out.length > 0 ? Object.fromEntries(out) : undefined;
}

function compareStatus(compiled: CompiledEvaluation, concrete: ConcreteEvaluation, tolerant: boolean, out: Divergence[], counts: Counts, exact?: CompiledEvaluation): void {
  const js = flatten(pruneStatus(concrete.status) ?? {}, true);
  const exactStatus = flatten(exact?.status ?? {}, true);
  for (const error of compiled.statusErrors) {
    const path = error.split(':')[0]!;
    if (error.includes(UNSAFE_INTEGER) && refusalNeeded(exactStatus.has(path) ? { value: exactStatus.get(path) } : undefined, js.get(path))) counts.refused++;
    // A number JSON cannot hold (`0 / 0`): JavaScript's run reports the same failure (evaluateConcrete's failedStatus).
    else if (!(concrete.failedStatus ?? []).includes(error)) out.push({ aspect: `status.${path}`, detail: `  compiled error: ${error}` });
  }
  for (const failed of concrete.failedStatus ?? []) {
    if (!compiled.statusErrors.includes(failed)) out.push({ aspect: `status.${failed.split(':')[0]!}`, detail: `  JavaScript fails (${failed}), compiled ${compiled.statusErrors.find((e) => e.startsWith(`${failed.split(':')[0]!}:`)) ?? 'no error'}` });
  }
  // resolveStatus drops the template's empty objects, not a CEL value's: a whole field computed as `{}` (a map
  // built from an empty list) is `{}` on both sides, which pruning hid on JavaScript's.
  const unpruned = flatten(concrete.status, true);
  const cel = flatten(compiled.status, true);
  const isPending = (path: string): boolean => compiled.pendingStatus.some((p) => path === p || path.startsWith(`${p}.`));
  const unobserved = flatten(concrete.unobservedValues ?? {}, true);
  for (const path of [...new Set([...js.keys(), ...cel.keys(), ...compiled.pendingStatus])].sort()) {
    if (path === '' || compiled.statusErrors.some((e) => e.startsWith(`${path}:`))) continue;
    const a = cel.get(path);
    const b = js.get(path);
    if (b instanceof OpaqueCel) {
      counts.opaque++;
      continue;
    }
    if (isPending(path) && a === undefined) {
      if (b === undefined) continue;
      if (tolerant) {
        counts.tolerated++;
        continue;
      }
      out.push({ aspect: `status.${path}`, detail: `  compiled pending, JavaScript ${show(b)}` });
      continue;
    }
    if (sameLeaf(a, b)) continue;
    if (b === undefined && isEmptyObject(a) && isEmptyObject(unpruned.get(path))) continue;
    // CEL decided it without a resource that does not exist yet: the only value it may have is the one
    // JavaScript computes with that resource there without a status (`unobservedValues`), when it has one.
    const without = b === undefined ? unobserved.get(path) : undefined;
    if (without !== undefined) {
      if (!sameLeaf(a, without)) out.push({ aspect: `status.${path}`, detail: `  compiled ${show(a)} before the resource it reads exists, JavaScript ${show(without)} once it exists without a status` });
    } else if (tolerant && b === undefined) counts.tolerated++;
    else out.push({ aspect: `status.${path}`, detail: `  compiled ${show(a)}, JavaScript ${show(b)}` });
  }
}
