/**
 * `typekro delete`: deletes an instance and waits until what it owns is gone. Direct mode deletes the
 * labelled objects in reverse dependency order; KRO mode deletes the instance and KRO deletes the rest.
 */
import type { Command } from 'commander';
import { instanceName, load } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { instanceRef, kubeClient, ownedObjects, resourceIdOf, type InstanceId } from '../instance.js';
import { withInterrupt } from '../interrupt.js';
import type { AnyComposition } from '../load.js';
import { clusterTarget, parseDuration, withCluster, withComposition, withMode, withName, withSpec, withTimeout, type ClusterTarget } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { out } from '../output.js';
import { createProgress } from '../progress.js';
import type { SpecOptions } from '../spec.js';

interface DeleteOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly timeout: string;
  readonly ignoreNotFound?: boolean;
}

/** Resource ids that still have objects (direct), or undefined when the instance does not exist. */
async function existing(composition: AnyComposition, id: InstanceId, target: ClusterTarget): Promise<string[] | undefined> {
  if (id.mode === 'kro') return (await kubeClient(target.kubeConfig).get(instanceRef(composition, id))) ? [] : undefined;
  const objects = await ownedObjects(target.kubeConfig, composition, id);
  return objects.length === 0 ? undefined : [...new Set(objects.map((object) => resourceIdOf(object, id.mode)))].reverse();
}

function notFound(what: string, options: DeleteOptions): void {
  if (options.ignoreNotFound) return out(`${what} not found; nothing to delete`);
  throw new CliError(`${what} not found; nothing to delete (--ignore-not-found makes this a success)`, EXIT.failure);
}

async function remove(file: string, options: DeleteOptions): Promise<void> {
  const timeout = parseDuration(options.timeout);
  const { composition, spec } = await load(file, options);
  const target = clusterTarget(options);
  const id: InstanceId = { mode: options.mode, name: instanceName(composition, spec, options.name), namespace: target.namespace };
  const what = `${composition.graph.kind} "${id.name}" (${id.mode} mode, namespace ${id.namespace})`;
  const ids = await existing(composition, id, target);
  // Direct mode still runs the delete: it also removes the instance's record, which a deploy that failed
  // before applying anything leaves behind without any labelled object.
  if (!ids && id.mode === 'kro') return notFound(what, options);
  const progress = createProgress({ title: `deleting ${what}`, ids: ids ?? [], waitForReady: true });
  try {
    await withInterrupt(async (signal) => {
      const factoryOptions = { kubeConfig: target.kubeConfig, namespace: target.namespace, timeout, abortSignal: signal, progressCallback: progress.event };
      if (id.mode === 'kro') await composition.factory('kro', factoryOptions).deleteInstance(id.name);
      // The CLI reports "not found" itself (below, from `ids`); the record alone still needs deleting.
      else await composition.factory('direct', factoryOptions).deleteInstance(id.name, { ignoreNotFound: true });
    });
    progress.finish('deleted');
  } catch (error) {
    progress.fail((error as { resourceId?: string }).resourceId, error instanceof Error ? error.message : String(error));
    progress.finish();
    throw error;
  }
  if (!ids) return notFound(what, options);
  out(`${what} deleted`);
}

export function registerDelete(program: Command): void {
  const command = program
    .command('delete')
    .description('delete an instance and wait until everything it owns is gone')
    .option('--ignore-not-found', 'succeed when the instance does not exist');
  withTimeout(withName(withMode(withCluster(withSpec(withComposition(command)))))).action(remove);
}
