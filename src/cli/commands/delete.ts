/**
 * `typekro delete`: deletes an instance through its factory and waits until what it owns is gone (direct
 * mode deletes in reverse dependency order; KRO mode deletes the instance and KRO deletes the rest).
 */
import type { Command } from 'commander';
import { describeInstance, factoryOf, load, otherModeHint } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { withInterrupt } from '../interrupt.js';
import { out, type CliRun } from '../io.js';
import { clusterTarget, parseDuration, withCluster, withComposition, withMode, withName, withSpec, withTimeout, withLock } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { createProgress } from '../progress.js';
import type { SpecOptions } from '../spec.js';

interface DeleteOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly timeout: string;
  readonly waitForLock?: boolean;
  readonly ignoreNotFound?: boolean;
}

async function remove(run: CliRun, file: string, options: DeleteOptions): Promise<void> {
  const timeout = parseDuration(options.timeout);
  const { composition, spec } = await load(file, options, run.io);
  const target = clusterTarget(options, run.io.env);
  const { io } = run;
  const name = options.name ?? factoryOf(composition, options.mode, target).instanceName(spec ?? {});
  const what = describeInstance(composition, options.mode, name, target.namespace);
  const progress = createProgress({ title: `deleting ${what}`, ids: [], waitForReady: true, stream: io.stderr, color: !io.env.NO_COLOR });
  let found = false;
  try {
    await withInterrupt(io, async (signal) => {
      const factory = factoryOf(composition, options.mode, target, { timeout, abortSignal: signal, progressCallback: progress.event, waitForLock: Boolean(options.waitForLock) });
      // the CLI reports "not found" itself (below), as --ignore-not-found asks
      found = (await factory.deleteInstance(name, { ignoreNotFound: true })).found;
    });
    progress.finish('deleted');
  } catch (error) {
    progress.fail((error as { resourceId?: string }).resourceId);
    progress.finish();
    throw error;
  }
  if (found) return out(io, `${what} deleted`);
  if (options.ignoreNotFound) return out(io, `${what} not found; nothing to delete`);
  const hint = await otherModeHint(composition, options.mode, target, name);
  throw new CliError(`${what} not found; nothing to delete (--ignore-not-found makes this a success)${hint}`, EXIT.failure);
}

export function registerDelete(program: Command, run: CliRun): void {
  const command = program
    .command('delete')
    .description('delete an instance and wait until everything it owns is gone')
    .option('--ignore-not-found', 'succeed when the instance does not exist');
  withLock(withTimeout(withName(withMode(withCluster(withSpec(withComposition(command))))))).action((file: string, options: DeleteOptions) => remove(run, file, options));
}
