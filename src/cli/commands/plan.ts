/**
 * `typekro plan`: what `deploy` would create, change (each field path with its values, secrets redacted) or delete, as the factory's plan
 * reports it (server-side dry runs; kro mode: the RGD, the instance, and the objects KRO will create, change or
 * delete, runtime/kro/children-plan.ts). Nothing is modified.
 */
import type { Command } from 'commander';
import type { DeployPlan, PlannedChange, PlannedObject, PlannedOtherInstance } from '../../index.js';
import { describeInstance, factoryOf, load } from '../context.js';
import { out, type CliRun } from '../io.js';
import { clusterTarget, withCluster, withComposition, withMode, withName, withSpec } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { formatDocument, parseOutputFormat, type OutputFormat } from '../output.js';
import { cliTerms } from '../remedies.js';
import { nameDefaulted, updateNote } from '../instance-note.js';
import type { SpecOptions } from '../spec.js';

interface PlanOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly output?: OutputFormat;
}

/** `reclaim`: fields of the instance's own object another manager owns (a hand edit), which the deploy takes over. */
type Action = 'create' | 'change' | 'unchanged' | 'delete' | 'conflict' | 'reclaim' | 'takeover' | 'skipped';

/** One line of the plan, in the order a reader wants: takeovers, creates, changes, conflicts, deletes, unchanged, skipped. */
interface Line {
  readonly action: Action;
  readonly resource: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /**
   * `removed` when the deploy removes the field (a Secret key dropped), not only changes it; `before` and
   * `after` its values as the plan shows them (secrets redacted), absent where the field is not there.
   */
  readonly changes?: readonly Changed[];
  readonly message?: string;
}

interface Changed {
  readonly path: string;
  readonly removed?: true;
  readonly before?: string;
  readonly after?: string;
}

const SIGN: Record<Action, string> = { create: '+', change: '~', unchanged: '=', delete: '-', conflict: '!', reclaim: '~', takeover: '!', skipped: '·' };

function line(action: Action, object: PlannedObject, extra: { changes?: readonly Changed[]; message?: string } = {}): Line {
  const remedies = (object.remedies ?? []).map((remedy) => `to ${remedy.purpose}: ${cliTerms({})(remedy)}`);
  const notes = [object.knownAfterApply ? 'values known after apply' : '', object.note ?? '', ...remedies, extra.message ?? ''].filter(Boolean);
  return {
    action,
    resource: object.resourceId,
    kind: object.kind,
    name: object.name ?? '(known after apply)',
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ...(extra.changes ? { changes: extra.changes } : {}),
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}

function linesOf(plan: DeployPlan): Line[] {
  return [
    ...plan.takeovers.map((t) => line('takeover', t.resource, { message: `owned by ${t.owner}; deploy refuses it${t.adoptable ? ' unless --adopt' : ' (KRO cannot adopt it)'}` })),
    ...plan.create.map((o) => line('create', o)),
    ...plan.change.map((c) => line('change', c.resource, { changes: changesOf(c) })),
    ...plan.conflicts.map((c) => line(c.forced ? 'reclaim' : 'conflict', c.resource, { message: conflictNote(c) })),
    ...plan.prune.map((o) => line('delete', o, { message: 'no longer desired' })),
    ...plan.unchanged.map((o) => line('unchanged', o)),
    ...plan.skipped.map((resource): Line => ({ action: 'skipped', resource, kind: '', name: '', message: 'excluded by its condition' })),
  ];
}

/** Which fields other managers own, and what the deploy does about them. */
function conflictNote(conflict: DeployPlan['conflicts'][number]): string {
  const fields = conflict.conflicts.map((x) => `${x.field} (${x.manager})`).join(', ');
  return conflict.forced
    ? `fields another field manager owns: ${fields}; deploy takes them over with the composition's values (the instance's own object is applied with force, as in kro mode)`
    : `fields owned by other managers: ${fields}; deploy with --force to take them over`;
}

/** Each changed path, marked when removed, with its values when the plan shows them. */
function changesOf(change: PlannedChange): Changed[] {
  const values = new Map((change.values ?? []).map((value) => [value.path, value]));
  return change.paths.map((path) => {
    const value = values.get(path);
    return {
      path,
      ...(change.removed?.includes(path) ? { removed: true as const } : {}),
      ...(value?.before !== undefined ? { before: value.before } : {}),
      ...(value?.after !== undefined ? { after: value.after } : {}),
    };
  });
}

/** `path: before → after`, `(none)` for a field added, `(removed)` for one removed; the path alone without values. */
function changeText(change: Changed): string {
  if (change.before === undefined && change.after === undefined) return `${change.path}${change.removed ? ' (removed)' : ''}`;
  return `${change.path}: ${change.before ?? '(none)'} → ${change.after ?? '(removed)'}`;
}

function counts(lines: readonly Line[]): Record<Action, number> {
  const result: Record<Action, number> = { create: 0, change: 0, unchanged: 0, delete: 0, conflict: 0, reclaim: 0, takeover: 0, skipped: 0 };
  for (const entry of lines) result[entry.action]++;
  return result;
}

function human(title: string, lines: readonly Line[], note: string | undefined): string {
  const n = counts(lines);
  const extra = [n.takeover ? `${n.takeover} owned by another instance or tool` : '', n.conflict ? `${n.conflict} in conflict` : '', n.reclaim ? `${n.reclaim} with fields another manager owns (taken over)` : '', n.skipped ? `${n.skipped} skipped` : ''].filter(Boolean);
  const text = [`${title}: ${n.create} to create, ${n.change} to change, ${n.delete} to delete, ${n.unchanged} unchanged${extra.map((e) => `, ${e}`).join('')}`];
  if (note) text.push(`  ${note}`);
  const width = Math.max(0, ...lines.map((entry) => entry.resource.length));
  for (const entry of lines) {
    const what = entry.kind ? `${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name}` : entry.action;
    text.push(`  ${SIGN[entry.action]} ${entry.resource.padEnd(width)}  ${what}${entry.message ? `  (${entry.message})` : ''}`);
    for (const change of entry.changes ?? []) text.push(`      ${changeText(change)}`);
  }
  return text.join('\n');
}

/** Another instance's plan as lines: what KRO creates, changes and deletes (its unchanged objects are only counted). */
function otherLines(other: PlannedOtherInstance): Line[] {
  return linesOf({ ...other, conflicts: [], takeovers: [], skipped: [] }).filter((entry) => entry.action !== 'unchanged');
}

/**
 * kro mode, the RGD changed: each other instance of the kind KRO changes with it, its summary and lines;
 * those it leaves as they are in one line.
 *
 * @example
 * ```ts
 * humanOthers('Evo', [{ name: 'x', namespace: 'e2', create: [], change: [], unchanged: [], skipped: [], prune: [gone] }], undefined);
 * // => ["the changed ResourceGraphDefinition is every Evo's: KRO reconciles the 1 other instance with it too", 'Evo "x" (namespace e2): 0 to create, 0 to change, 1 to delete, 0 unchanged', '  - gone  ConfigMap e2/x-gone  (no longer desired)']
 * ```
 */
export function humanOthers(kind: string, others: readonly PlannedOtherInstance[], note: string | undefined): string[] {
  const changed = others.filter((other) => otherLines(other).length > 0 || other.note);
  const text = [`the changed ResourceGraphDefinition is every ${kind}'s: KRO reconciles the ${others.length} other instance${others.length === 1 ? '' : 's'} with it too${note ? ` (${note})` : ''}`];
  for (const other of changed) {
    const lines = otherLines(other);
    const n = counts(lines);
    const where = other.namespace ? ` (namespace ${other.namespace})` : '';
    text.push(`${kind} "${other.name}"${where}: ${n.create} to create, ${n.change} to change, ${n.delete} to delete, ${other.unchanged.length} unchanged`);
    if (other.note) text.push(`  ${other.note}`);
    text.push(...human('', lines, undefined).split('\n').slice(1));
  }
  const same = others.length - changed.length;
  if (same > 0) text.push(`${same} other instance${same === 1 ? '' : 's'}: nothing changes`);
  return text;
}

/**
 * The same in yaml or json: each other instance with its summary and lines.
 *
 * @example
 * ```ts
 * documentOthers([{ name: 'z', namespace: 'e3', create: [], change: [], unchanged: [keep], skipped: [], prune: [] }], undefined);
 * // => { otherInstances: [{ name: 'z', namespace: 'e3', summary: { create: 0, change: 0, unchanged: 1, delete: 0, conflict: 0, takeover: 0, skipped: 0 }, objects: [] }] }
 * ```
 */
export function documentOthers(others: readonly PlannedOtherInstance[], note: string | undefined): Record<string, unknown> {
  const instances = others.map((other) => {
    const lines = otherLines(other);
    return { name: other.name, ...(other.namespace ? { namespace: other.namespace } : {}), summary: { ...counts(lines), unchanged: other.unchanged.length }, ...(other.note ? { note: other.note } : {}), objects: lines };
  });
  return { otherInstances: instances, ...(note ? { otherInstancesNote: note } : {}) };
}

async function plan(run: CliRun, file: string, options: PlanOptions): Promise<void> {
  const { composition, spec } = await load(file, options, run.io);
  const values = spec ?? {};
  const target = clusterTarget(options, run.io.env);
  const factory = factoryOf(composition, options.mode, target);
  const name = options.name ?? factory.instanceName(values);
  const planned = await factory.plan(values, { name });
  const lines = linesOf(planned);
  const title = `plan for ${describeInstance(composition, options.mode, name, target.namespace)}`;
  const note = updateNote(name, planned.instance?.deployed, nameDefaulted(name, options, values, composition.graph.name));
  const instance = planned.instance ? { instance: { ...planned.instance, ...(note ? { note } : {}) } } : {};
  const others = planned.otherInstances;
  const kind = composition.graph.kind;
  if (options.output) {
    out(run.io, formatDocument({ summary: counts(lines), ...instance, objects: lines, ...(others ? documentOthers(others, planned.otherInstancesNote) : {}) }, options.output));
    return;
  }
  out(run.io, [human(title, lines, note), ...(others && (others.length > 0 || planned.otherInstancesNote) ? humanOthers(kind, others, planned.otherInstancesNote) : [])].join('\n'));
}

export function registerPlan(program: Command, run: CliRun): void {
  const command = program
    .command('plan')
    .description('show what deploy would create, change (by field, before → after) or delete, using server-side dry runs')
    .option('-o, --output <format>', 'yaml or json instead of the summary', parseOutputFormat);
  withName(withMode(withCluster(withSpec(withComposition(command))))).action((file: string, options: PlanOptions) => plan(run, file, options));
}
