/**
 * `typekro logs`: the logs of an instance's pods, every container, prefixed with `[pod/container]` when
 * there is more than one. A container whose log the node cannot serve is reported and makes the exit 1.
 */
import type { Command } from 'commander';
import { instanceName, load } from '../context.js';
import { CliError, EXIT, exitCodeOf, UsageError } from '../errors.js';
import { ownedObjects, type InstanceId } from '../instance.js';
import { withInterrupt } from '../interrupt.js';
import { clusterTarget, withCluster, withComposition, withMode, withName, withSpec } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { err } from '../output.js';
import { apiMessage, podsOf, streamLog, streamsOf } from '../pods.js';
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

async function logs(file: string, options: LogsOptions): Promise<void> {
  const tailLines = parseTail(options.tail);
  const { composition, spec } = await load(file, options);
  const target = clusterTarget(options);
  const id: InstanceId = { mode: options.mode, name: instanceName(composition, spec, options.name), namespace: target.namespace };
  const what = `${composition.graph.kind} "${id.name}" (${id.mode} mode, namespace ${id.namespace})`;
  const owned = await ownedObjects(target.kubeConfig, composition, id);
  if (owned.length === 0) throw new CliError(`${what} not found (no objects labelled for it)`, EXIT.failure);
  const streams = streamsOf(await podsOf(target.kubeConfig, owned), options.container);
  if (streams.length === 0) throw new CliError(`${what} has no pods${options.container ? ` with a container "${options.container}"` : ''}`, EXIT.failure);
  let failed = 0;
  await withInterrupt(async (signal) => {
    const write = (text: string): void => void process.stdout.write(text);
    await Promise.all(
      streams.map((stream) =>
        streamLog(target.kubeConfig, stream, { follow: Boolean(options.follow), ...(tailLines !== undefined ? { tailLines } : {}), prefix: streams.length > 1, signal, write }).catch((error: unknown) => {
          failed++;
          err(`typekro: no logs for pod ${stream.pod}, container ${stream.container}: ${apiMessage(error)}${nodeHint(apiMessage(error))}`);
        }),
      ),
    );
  }).catch((error: unknown) => {
    // Ctrl-C is how --follow ends: not a failure.
    if (!(options.follow && exitCodeOf(error) === EXIT.interrupted)) throw error;
  });
  if (failed > 0) throw new CliError(`logs unavailable for ${failed} of ${streams.length} containers`, EXIT.failure);
}

export function registerLogs(program: Command): void {
  const command = program
    .command('logs')
    .description("print the logs of an instance's pods (all containers; prefixed with [pod/container] when several)")
    .option('-f, --follow', 'stream new lines until Ctrl-C')
    .option('--tail <lines>', 'only the last lines of each log (-1: all)', '-1')
    .option('-c, --container <name>', 'only this container');
  withName(withMode(withCluster(withSpec(withComposition(command), false)))).action(logs);
}
