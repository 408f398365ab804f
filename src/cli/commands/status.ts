/**
 * `typekro status`: an instance and what it owns, as the factory reports it (the same readiness the deploy
 * waits for). Exit 0 when ready, 3 when not ready, 1 when the instance does not exist.
 */
import type { Command } from 'commander';
import type { InstanceStatus } from '../../index.js';
import { describeFailure } from '../../api/instances.js';
import { redactorFor, redactStatus } from '../../api/sensitive.js';
import { describeInstance, factoryOf, load, withOtherModeHint } from '../context.js';
import { EXIT } from '../errors.js';
import { out, type CliRun } from '../io.js';
import { clusterTarget, withCluster, withComposition, withMode, withName, withSpec } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { formatDocument, parseOutputFormat, table, type OutputFormat } from '../output.js';
import type { SpecOptions } from '../spec.js';

interface StatusOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly output?: OutputFormat;
}

function human(title: string, result: InstanceStatus<unknown>, withSpec: boolean): string {
  // Every object the instance should have counts, those missing or not renderable too; skipped ones do not,
  // nor those the spec decides when it was not given (unknown).
  const objects = result.resources.filter((row) => row.state !== 'skipped' && row.state !== 'unknown');
  const readyCount = objects.filter((row) => row.state === 'ready').length;
  const drift = result.drift ?? [];
  const differ = drift.length > 0 ? `; ${drift.length} ${drift.length === 1 ? 'object differs' : 'objects differ'} from the composition` : '';
  const lines = [`${title}: ${result.state ? `${result.state}, ` : ''}${result.ready ? 'ready' : 'NOT ready'} (${readyCount}/${objects.length} objects ready${differ})`];
  if (result.conditions?.length) lines.push(`conditions: ${result.conditions.map((c) => `${c.type}=${c.status}${c.status !== 'True' && c.message ? ` (${c.message})` : ''}`).join('; ')}`);
  if (Object.keys(result.status).length > 0) lines.push('status:', ...formatDocument(result.status, 'yaml').trimEnd().split('\n').map((line) => `  ${line}`));
  if (result.pending.length > 0) {
    // Direct mode keeps only the spec's hash: the fields computed from it need the spec of the last deploy.
    const hint = !withSpec && result.mode === 'direct' ? ' (fields that read the spec need the spec of the last deploy: -f <file> or --set)' : '';
    lines.push(`pending status fields: ${result.pending.join(', ')}${hint}`);
  }
  // KRO only logs an expression's error: what TypeKro's CEL engine finds failing is the reason it cannot give.
  if (!result.ready && result.failure) lines.push(`failing: ${describeFailure(result.failure)}`);
  // Every other failing status field too: the first alone hides the rest.
  for (const failed of result.failedStatus ?? []) if (!result.ready && failed.field !== result.failure?.field) lines.push(`failing: ${describeFailure(failed)}`);
  // Direct mode: a hand edit is not put back until the next deploy (KRO puts it back itself).
  if (drift.length > 0) {
    lines.push('drift (live fields differ from what the composition applies; typekro deploy puts them back):');
    for (const object of drift) lines.push(`  ${object.resourceId} ${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}: ${object.changes.join('; ')}`);
  }
  if (result.driftUnchecked) lines.push(`drift not checked: ${result.driftUnchecked}`);
  if (result.resources.length > 0) {
    const drifted = new Set(drift.map((object) => `${object.resourceId}/${object.name}`));
    const verdict = (row: (typeof result.resources)[number]): string =>
      row.state === 'ready' ? (drifted.has(`${row.resourceId}/${row.name ?? ''}`) ? 'drifted' : 'yes') : row.failed ? 'failed' : row.state === 'not-ready' ? 'no' : row.state;
    const rows = result.resources.map((row) => [row.resourceId, row.kind, row.name ?? '-', verdict(row), row.reason]);
    lines.push('', table(['RESOURCE', 'KIND', 'NAME', 'READY', 'DETAIL'], rows));
  }
  return lines.join('\n');
}

async function status(run: CliRun, file: string, options: StatusOptions): Promise<void> {
  const { composition, spec } = await load(file, options, run.io);
  const target = clusterTarget(options, run.io.env);
  const factory = factoryOf(composition, options.mode, target);
  const name = options.name ?? factory.instanceName(spec ?? {});
  const raw = await factory.instanceStatus(name, spec ? { spec } : {}).catch(async (error: unknown) => {
    throw await withOtherModeHint(error, composition, options.mode, target, name);
  });
  // Status fields computed from secrets, and the given spec's secret values, are not printed (issue 13).
  const result = redactorFor(composition.graph, spec ?? {}).value({ ...raw, status: redactStatus(composition.graph, raw.status) });
  out(run.io, options.output ? formatDocument(result, options.output) : human(describeInstance(composition, options.mode, name, target.namespace), result, spec !== undefined));
  if (!result.ready) run.exitCode = EXIT.notReady;
}

const STATUS_HELP = `
READY: yes, no, failed (a terminal failure: waiting cannot help, e.g. a Deployment
past its progress deadline), drifted (direct mode: ready, but its live fields
differ from what the composition applies, e.g. after kubectl patch or scale; the
next deploy puts them back, as KRO does by itself), missing, waiting, skipped,
or unknown.
Kro mode reads the spec from the instance. Direct mode keeps the spec of the
last deploy in its record with its secret values taken out: without -f/--set,
that spec is used; status fields and resources that depend on a secret value
are pending or unknown (a resource whose existence it decides and that has no
object is not counted). Records written before the spec was kept give only a
hash. Give the spec of the last deploy to see everything.`;

export function registerStatus(program: Command, run: CliRun): void {
  const command = program
    .command('status')
    .description('show an instance: its state and status and the readiness of every object it owns; exit 3 when not ready')
    .option('-o, --output <format>', 'yaml or json instead of the table', parseOutputFormat);
  withName(withMode(withCluster(withSpec(withComposition(command))))).action((file: string, options: StatusOptions) => status(run, file, options));
  command.addHelpText('after', STATUS_HELP);
}
