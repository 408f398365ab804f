/**
 * `typekro logs`: the logs of an instance's pods (found by its factory), every container, prefixed with
 * `[pod/container]` when there is more than one. A container whose log the node cannot serve is reported
 * and makes the exit 1.
 */
import type { Command } from 'commander';
import { redactorFor } from '../../api/sensitive.js';
import { describeInstance, factoryOf, load, withOtherModeHint } from '../context.js';
import { CliError, EXIT, exitCodeOf, UsageError } from '../errors.js';
import { withInterrupt } from '../interrupt.js';
import { err, type CliRun } from '../io.js';
import { clusterTarget, withCluster, withComposition, withMode, withName, withSpec } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import type { SpecOptions } from '../spec.js';

interface LogsOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly follow?: boolean;
  readonly tail?: string;
  readonly container?: string;
}

function parseTail(text: string | undefined): number | undefined {
  if (text === undefined || text === '-1') return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--tail "${text}": use a number of lines (-1 for all)`);
  return Number(text);
}

/** The API server proxies logs from the node's kubelet: say so when that is what failed. */
function nodeHint(message: string): string {
  return /no preferred addresses|connection refused|dial tcp|kubelet/i.test(message) ? " (the node's kubelet does not serve logs)" : '';
}

async function logs(run: CliRun, file: string, options: LogsOptions): Promise<void> {
  const { io } = run;
  const tailLines = parseTail(options.tail);
  const { composition, spec } = await load(file, options, io);
  const target = clusterTarget(options, io.env);
  const factory = factoryOf(composition, options.mode, target);
  const name = options.name ?? factory.instanceName(spec ?? {});
  // The factory redacts what the cluster shows of the instance's secrets; this adds the given spec's.
  const redactor = redactorFor(composition.graph, spec ?? {});
  let result: Awaited<ReturnType<typeof factory.streamLogs>> | undefined;
  let prefix = false;
  await withInterrupt(io, async (signal) => {
    result = await factory.streamLogs(name, {
      follow: Boolean(options.follow),
      ...(tailLines !== undefined ? { tailLines } : {}),
      ...(options.container ? { container: options.container } : {}),
      signal,
      // Known only once the sources are: the runtime starts streaming after listing them all.
      onLine: (source, line) => void io.stdout.write(`${prefix ? `[${source.pod}/${source.container}] ` : ''}${redactor.text(line)}\n`),
      onSources: (sources) => (prefix = sources.length > 1),
    });
  }).catch(async (error: unknown) => {
    // Ctrl-C is how --follow ends: not a failure.
    if (!(options.follow && exitCodeOf(error) === EXIT.interrupted)) throw await withOtherModeHint(error, composition, options.mode, target, name);
  });
  if (!result) return;
  const what = describeInstance(composition, options.mode, name, target.namespace);
  if (result.sources.length === 0) throw new CliError(`${what} has no pods${options.container ? ` with a container "${options.container}"` : ''}`, EXIT.failure);
  for (const failure of result.failures) {
    err(io, `typekro: no logs for pod ${failure.source.pod}, container ${failure.source.container}: ${redactor.text(failure.message)}${nodeHint(failure.message)}`);
  }
  if (result.failures.length > 0) throw new CliError(`logs unavailable for ${result.failures.length} of ${result.sources.length} containers`, EXIT.failure);
}

/**
 * `-f` follows here, as in `kubectl logs -f`; elsewhere it is `--spec`. `logs app.ts -f spec.yaml` leaves the
 * spec file as a second argument: say what -f means here instead of commander's "too many arguments".
 */
function checkArguments(command: Command, options: LogsOptions): void {
  const extra = command.args.slice(1);
  if (extra.length === 0) return;
  if (options.follow) throw new UsageError(`in typekro logs, -f is --follow (as in kubectl logs -f), so "${extra[0]}" is an extra argument; give a spec file with --spec ${extra[0]}`);
  throw new UsageError(`too many arguments for 'logs': expected the composition file only, got also "${extra[0]}"`);
}

export function registerLogs(program: Command, run: CliRun): void {
  const command = program
    .command('logs')
    .description("print the logs of an instance's pods (all containers; prefixed with [pod/container] when several). -f follows, as in kubectl logs -f: a spec file is --spec here")
    .option('-f, --follow', 'stream new lines until Ctrl-C (in other commands -f is --spec)')
    .option('--tail <lines>', 'only the last lines of each log (-1: all)', '-1')
    .option('-c, --container <name>', 'only this container')
    .allowExcessArguments();
  withName(withMode(withCluster(withSpec(withComposition(command), false)))).action((file: string, options: LogsOptions, self: Command) => {
    checkArguments(self, options);
    return logs(run, file, options);
  });
}
