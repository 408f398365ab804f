/**
 * Holding a simulation to the composition's concrete JavaScript evaluation (api/evaluate.ts): the same
 * spec and observed objects, run as plain JavaScript. They must agree on which resources exist and how many
 * objects each has (a resource only one side creates is a divergence), on every rendered manifest and on the
 * status. A status field the compiled side leaves pending while JavaScript has a value is a divergence too,
 * unless the field reads a resource that is not observed: KRO and direct mode evaluate the status with the
 * resources that exist, and a read of a missing one has no value (an error CEL's `||`/`&&` absorb when the
 * other side decides), while JavaScript may still answer what it computes without reading a field (the
 * length of its own array of handles; what a nested composition's status computed). Otherwise a pending
 * field stays pending forever on a cluster. The other way round, a field JavaScript leaves pending because
 * it reads a resource not observed may have a compiled value (`ready || spec.replicas === 0`): it must be
 * the value JavaScript computed without that resource (`ConcreteEvaluation.unobservedValues`). A value JavaScript built from an
 * absent field (`http://undefined`, `NaN`) is no exception to make here: the concrete evaluation already
 * reports it as pending (what is computed where an absent read became text or a number is pending by its
 * place, composition/concrete-view.ts), so a string that merely contains the word "undefined" is compared as it is.
 * `Cel.expr` escape hatches (OpaqueCel) have no JavaScript meaning and are skipped.
 */
import { isDeepStrictEqual } from 'node:util';
import { OpaqueCel, type ConcreteEvaluation, type ConcreteResource } from '../../composition/concrete.js';
import type { InstancePlan } from '../../runtime/engine/index.js';
import { UNSAFE_INTEGER } from '../../runtime/cel/index.js';
import { documentedDifference, INT_RANGE, NOT_CREATED_YET } from './documented.js';

/**
 * Where the compiled CEL and the JavaScript disagree: a TypeKro bug (report it), or a composition whose
 * JavaScript TypeKro could not compile faithfully.
 *
 * @example
 * import type { Divergence } from 'typekro/testing';
 * const divergence: Divergence = { aspect: 'status.ready', detail: 'compiled false, JavaScript true' };
 * divergence.aspect; // => 'status.ready'
 */
export interface Divergence {
  /** `resource web: manifest`, `resource web: exists`, `status.ready`. */
  readonly aspect: string;
  readonly detail: string;
  /**
   * Set when README.md's "Where the CEL differs" documents this difference (it names the section and the
   * difference): what a deploy does, not a TypeKro bug. `simulate` lists these in `documentedDifferences`.
   */
  readonly documented?: string;
}

/**
 * A leaf as the report shows it: JSON, with invisible and non-ASCII whitespace escaped (`\u0085`), so two
 * strings that differ only there read differently.
 */
export const show = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  if (value instanceof OpaqueCel) return `<CEL ${value.cel}>`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return escapeInvisible(JSON.stringify(value) ?? String(value));
};

/** Characters a terminal does not show (controls, format characters, odd spaces), as `\uXXXX`. */
function escapeInvisible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Leaves by path; empty objects and `null` leaves are dropped (the RGD compiler omits them too). */
function flatten(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null && !(value instanceof OpaqueCel)) {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, out);
  } else if (value !== null && value !== undefined) out.set(path, value);
  return out;
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  // JSON has one zero: -0 and 0 are the same value once applied (isDeepStrictEqual tells them apart).
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return isDeepStrictEqual(a, b);
}

/** One differing leaf: its line for the report, and the README difference that explains it, if one does. */
interface LeafDifference {
  readonly path: string;
  readonly line: string;
  readonly documented?: string;
}

/**
 * Path-by-path differences. `javascriptOnlyOk(path)` leaves out a path only JavaScript has (pending on the
 * compiled side, legitimately); `compiledOnlyOk(path, value)` one only the compiled side has (JavaScript left
 * it pending, and the compiled value is the one JavaScript computed without the missing resource).
 */
function diff(
  compiled: unknown,
  concrete: unknown,
  javascriptOnlyOk: (path: string) => boolean,
  inputs: readonly string[],
  compiledOnlyOk: (path: string, value: unknown) => boolean = () => false,
): LeafDifference[] {
  const left = flatten(compiled);
  const right = flatten(concrete);
  const opaque = [...right].filter(([, v]) => v instanceof OpaqueCel).map(([p]) => p);
  const under = (path: string): boolean => opaque.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  const out: LeafDifference[] = [];
  for (const path of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    if (under(path)) continue;
    const a = left.get(path);
    const b = right.get(path);
    if (a === undefined && b !== undefined && javascriptOnlyOk(path)) continue;
    if (a !== undefined && b === undefined && compiledOnlyOk(path, a)) continue;
    if (sameLeaf(a, b)) continue;
    const documented = documentedDifference(a, b, inputs);
    out.push({ path, line: `${path || '(root)'}: compiled ${show(a)}, JavaScript ${show(b)}`, ...(documented !== undefined ? { documented } : {}) });
  }
  return out;
}

/** One divergence per aspect for the differences README does not explain, one per leaf for those it does. */
function divergencesOf(aspect: string, differences: readonly LeafDifference[]): Divergence[] {
  const unexplained = differences.filter((d) => d.documented === undefined);
  return [
    ...(unexplained.length > 0 ? [{ aspect, detail: unexplained.map((d) => d.line).join('\n') }] : []),
    ...differences.flatMap((d) => (d.documented !== undefined ? [{ aspect, detail: d.line, documented: d.documented }] : [])),
  ];
}

function objectCount(resource: ConcreteResource | undefined): number | 'opaque' {
  if (!resource) return 0;
  if (resource.included instanceof OpaqueCel) return 'opaque';
  if (!resource.included) return 0;
  return resource.external !== undefined ? 1 : resource.manifests.length;
}

/** JavaScript's withReadyWhen answer when every item is observed and answered in JavaScript (no CEL condition). */
function readyWhenAnswer(resource: ConcreteResource, count: number): boolean | undefined {
  const answers = resource.ready;
  if (!answers || answers.length !== count || answers.some((answer) => typeof answer !== 'boolean')) return undefined;
  return answers.every((answer) => answer === true);
}

/**
 * What the cross-check asks of the compiled graph beyond the plan.
 * @example const graph: CheckedGraph = { dependencies: (id) => prepared.dependencies(id), mayWait: () => false };
 */
export interface CheckedGraph {
  /** The resources a resource's manifest reads. */
  readonly dependencies: (id: string) => readonly string[];
  /** A pending status field (`a.b`) may wait: it reads a resource that is not observed (KRO waits for it to exist). */
  readonly mayWait: (path: string) => boolean;
  /** Every string of the spec and the observed objects (some documented differences need a kind of character). */
  readonly inputs?: readonly string[];
}

const NOTHING_WAITS: CheckedGraph = { dependencies: () => [], mayWait: () => false };

/** Every disagreement between the planner's decisions and status and the concrete evaluation. */
export function crossCheck(
  plan: InstancePlan,
  status: { readonly status: Record<string, unknown>; readonly pending: readonly string[]; readonly errors?: readonly string[] },
  concrete: ConcreteEvaluation,
  graph: CheckedGraph = NOTHING_WAITS,
): Divergence[] {
  const { dependencies } = graph;
  const out: Divergence[] = [];
  const byId = new Map(concrete.resources.map((resource) => [resource.id, resource]));
  // A resource JavaScript creates and the graph does not have: the cluster would never get it.
  for (const js of concrete.resources) {
    const count = objectCount(js);
    if (!plan.nodes.has(js.id) && count !== 0) out.push({ aspect: `resource ${js.id}: exists`, detail: `compiled: no such resource in the graph, JavaScript ${count === 'opaque' ? 'maybe (a CEL includeWhen)' : `${count} object(s)`}` });
  }
  for (const id of plan.order) {
    const node = plan.nodes.get(id)!;
    const js = byId.get(id);
    const jsCount = objectCount(js);
    // Pending on the spec alone while JavaScript had every value it read: no resource can ever bring the data,
    // so the cluster would wait forever. (Instance metadata only a cluster assigns leaves JavaScript values
    // undefined too, listed in its `pending`: not compared.)
    if (node.state === 'pending' && dependencies(id).length === 0 && jsCount !== 'opaque' && (js?.pending.length ?? 0) === 0) {
      out.push({ aspect: `resource ${id}: pending`, detail: `compiled waits for data no resource provides (${node.reason}), forever; JavaScript: ${jsCount} object(s)` });
      continue;
    }
    // Not decided yet on the compiled side (waiting, pending), or no JavaScript meaning: nothing to compare.
    if (jsCount === 'opaque' || (node.state !== 'apply' && node.state !== 'skipped')) continue;
    const count = node.state === 'apply' ? node.manifests.length : 0;
    if (count !== jsCount) {
      out.push({ aspect: `resource ${id}: exists`, detail: `compiled ${count} object(s)${node.state === 'skipped' ? ` (${node.reason})` : ''}, JavaScript ${jsCount}` });
      continue;
    }
    if (node.state !== 'apply' || count === 0 || !js) continue;
    out.push(...divergencesOf(`resource ${id}: manifest`, diff(node.manifests, js.manifests, () => false, graph.inputs ?? [])));
    const ready = readyWhenAnswer(js, count);
    // A kind rule's terminal failure overrides readyWhen on the compiled side (a Stalled HelmRelease): not compared.
    if (ready !== undefined && !node.readiness.failed && ready !== node.readiness.ready) {
      out.push({ aspect: `resource ${id}: readyWhen`, detail: `compiled ${node.readiness.ready ? 'ready' : `not ready (${node.readiness.reason})`}, JavaScript ${ready ? 'ready' : 'not ready'}` });
    }
  }
  const waiting = status.pending.filter((path) => graph.mayWait(path));
  const mayWait = (path: string): boolean => waiting.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  // A field JavaScript leaves pending because it reads a resource not observed, which the cluster evaluates
  // anyway: CEL's `||`/`&&` decide it without the missing reads. When CEL gives a value there it is the one it
  // gives for every object that resource could have, so it must be the one JavaScript computed without it.
  const unobserved = new Map<string, unknown>();
  for (const [path, value] of Object.entries(concrete.unobservedValues ?? {})) flatten(value, path, unobserved);
  const decidedWithout = (path: string, value: unknown): boolean => unobserved.has(path) && sameLeaf(value, unobserved.get(path));
  // The other way round, the cluster leaves it out where JavaScript has a value: what KRO does, documented, never silent.
  const shown = flatten(status.status);
  for (const [path, value] of unobserved) {
    if (!mayWait(path) || shown.has(path)) continue;
    out.push({ aspect: `status.${path}`, detail: `compiled pending (it reads a resource that does not exist yet), JavaScript ${show(value)}`, documented: NOT_CREATED_YET });
  }
  // A field the engine refused as an int beyond JavaScript's safe range: the deploy fails naming it (README).
  const refusedInt = (path: string): boolean => (status.errors ?? []).some((e) => e.startsWith(`${path}: `) && e.includes(UNSAFE_INTEGER));
  for (const difference of diff(status.status, concrete.status, mayWait, graph.inputs ?? [], decidedWithout)) {
    const detail = difference.line.slice(difference.line.indexOf(':') + 2);
    const documented = refusedInt(difference.path) ? INT_RANGE : difference.documented;
    out.push({ aspect: `status.${difference.path || '(root)'}`, detail, ...(documented !== undefined ? { documented } : {}) });
  }
  return out;
}
