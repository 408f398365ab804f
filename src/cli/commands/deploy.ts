/**
 * `typekro deploy`: deploys one instance, directly (default) or through KRO, with a live progress view, and
 * prints the instance's status when it is ready (not its spec, which may hold secrets).
 */
import type { Command } from 'commander';
import { kroStringProblems } from '../../api/kro-strings.js';
import { redactorFor, redactStatus } from '../../api/sensitive.js';
import type { SpecValidationError } from '../../api/spec.js';
import { factoryOf, load } from '../context.js';
import { UsageError } from '../errors.js';
import { withInterrupt } from '../interrupt.js';
import { err, out, type CliRun } from '../io.js';
import type { AnyComposition } from '../load.js';
import { clusterTarget, parseBoolean, parseDuration, withCluster, withComposition, withMode, withName, withOutput, withSpec, withTimeout, withLock } from '../options.js';
import type { ClusterOptions, CompositionOptions, Mode } from '../options.js';
import { formatDocument, type OutputFormat } from '../output.js';
import { createProgress } from '../progress.js';
import { nameDefaulted, updateNote } from '../instance-note.js';
import type { ProgressEvent } from '../../index.js';
import type { SpecOptions } from '../spec.js';
import { checkedInstanceMetadata, type InstanceMetadataValues } from '../../util/instance-metadata.js';

interface DeployOptions extends CompositionOptions, SpecOptions, ClusterOptions {
  readonly mode: Mode;
  readonly name?: string;
  readonly timeout: string;
  readonly waitForLock?: boolean;
  readonly wait: string | boolean;
  readonly createNamespace?: boolean;
  readonly force?: boolean;
  readonly adopt?: boolean;
  readonly rollbackOnFailure?: boolean;
  readonly allowBreakingChanges?: boolean;
  readonly allowOtherInstances?: boolean;
  readonly output: OutputFormat;
  readonly label: readonly string[];
  readonly annotation: readonly string[];
}

interface Deployed {
  readonly metadata: { name: string; namespace?: string };
  readonly spec: unknown;
  readonly status: unknown;
}

/**
 * The instance as one document, the same shape in both modes: what `kubectl get -o yaml` would show, without
 * the spec (the user has it; it may hold secrets); status fields computed from secrets, and the spec's secret
 * values wherever they appear, are redacted.
 */
export function instanceDocument(composition: AnyComposition, instance: Deployed): Record<string, unknown> {
  const graph = composition.graph;
  const metadata = graph.scope === 'Cluster' ? { name: instance.metadata.name } : { name: instance.metadata.name, namespace: instance.metadata.namespace };
  // a kro deploy returns KRO's state and conditions beside the declared status: the document has them in it, as the object does
  const { state, conditions } = instance as { state?: unknown; conditions?: unknown };
  const kro = { ...(state !== undefined ? { state } : {}), ...(conditions !== undefined ? { conditions } : {}) };
  const status = { ...kro, ...(redactStatus(graph, instance.status ?? {}) as object) };
  return { apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind, metadata, status: redactorFor(graph, instance.spec).value(status) };
}

interface Settings {
  readonly waitForReady: boolean;
  readonly timeout: number;
  readonly metadata: InstanceMetadataValues;
}

/** Flags checked before anything is loaded, so a typo costs no compile. */
function settingsOf(options: DeployOptions): Settings {
  const waitForReady = parseBoolean(options.wait, '--wait');
  if (options.mode === 'direct' && options.allowBreakingChanges) throw new UsageError('--allow-breaking-changes: kro mode only (direct mode has no CRD)');
  if (options.mode === 'direct' && options.allowOtherInstances) throw new UsageError('--allow-other-instances: kro mode only (direct mode changes only the instance deployed)');
  if (options.mode === 'kro') {
    const directOnly = [!waitForReady && '--wait=false', options.force && '--force', options.rollbackOnFailure && '--rollback-on-failure'].filter(Boolean);
    if (directOnly.length > 0) throw new UsageError(`${directOnly.join(', ')}: direct mode only (in KRO mode the controller applies and waits)`);
  }
  return { waitForReady, timeout: parseDuration(options.timeout), metadata: instanceMetadataOf(options) };
}

/** `--label k=v` and `--annotation k=v`, checked as the factories check them (the message names the key). */
function instanceMetadataOf(options: DeployOptions): InstanceMetadataValues {
  const mapOf = (flag: string, pairs: readonly string[]): Record<string, string> => {
    const map: Record<string, string> = {};
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`${flag} "${pair}": use key=value, e.g. ${flag} team=platform`);
      const key = pair.slice(0, at);
      if (Object.hasOwn(map, key)) throw new UsageError(`${flag} ${key} is given twice`);
      map[key] = pair.slice(at + 1);
    }
    return map;
  };
  try {
    return checkedInstanceMetadata({ labels: mapOf('--label', options.label), annotations: mapOf('--annotation', options.annotation) });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--label/--annotation: ${(error as Error).message}`);
  }
}

/**
 * The offline check of the spec and the name, as the kro instance's YAML (`instanceYaml`) makes them. In direct
 * mode, the characters KRO cannot carry (U+0085, controls: api/kro-strings.ts) are no problem: TypeKro sends
 * JSON with them escaped (runtime/kube/wire.ts), so a refusal naming only them, made once the spec passed its
 * schema, is not one here (trial 18 F7: it told a direct deploy to deploy in direct mode).
 */
function checkOffline(composition: AnyComposition, values: Record<string, unknown>, options: DeployOptions): void {
  try {
    composition.instanceYaml(values, options.name !== undefined ? { name: options.name } : {});
  } catch (error) {
    // By name: the composition may come with its own copy of TypeKro (cli/context.ts).
    const problems = (error as Partial<SpecValidationError> | undefined)?.name === 'SpecValidationError' ? (error as SpecValidationError).problems : undefined;
    const kroOnly = options.mode === 'direct' && problems !== undefined && onlyKroCarried(problems, values);
    if (!kroOnly) throw error;
  }
}

function onlyKroCarried(problems: readonly string[], values: Record<string, unknown>): boolean {
  const kro = new Set(kroStringProblems(values));
  return problems.length > 0 && problems.every((problem) => kro.has(problem));
}

async function deploy(run: CliRun, file: string, options: DeployOptions): Promise<void> {
  const { io } = run;
  const settings = settingsOf(options);
  const { composition, spec } = await load(file, options, io);
  const values = spec ?? {};
  const target = clusterTarget(options, io.env);
  const named = factoryOf(composition, options.mode, target); // checks the namespace
  const name = options.name ?? named.instanceName(values);
  // The spec and the name are checked offline first: nothing says "deploying" an instance it then refuses.
  checkOffline(composition, values, options);
  const ids = options.mode === 'direct' ? composition.graph.resources.map((resource) => resource.id) : [];
  const title = `deploying ${composition.graph.kind} "${name}" (${options.mode} mode, namespace ${target.namespace})`;
  const progress = createProgress({ title, ids, waitForReady: settings.waitForReady, stream: io.stderr, color: !io.env.NO_COLOR });
  const started = Date.now();
  try {
    const instance = await withInterrupt(io, (signal) => {
      const extras = {
        timeout: settings.timeout,
        abortSignal: signal,
        progressCallback: (event: ProgressEvent) => {
          // A redeploy of the same spec is no news; another spec under a defaulted name is (instance-note.ts).
          if (event.type !== 'update') return progress.event(event);
          const note = updateNote(name, event.deployed, nameDefaulted(name, options, values, composition.graph.name));
          if (note) progress.event({ ...event, message: note });
        },
        waitForLock: Boolean(options.waitForLock),
        // as helm: the namespace is applied (a no-op when it exists), by the factory, after the input is checked
        createNamespace: Boolean(options.createNamespace),
        ...(options.mode === 'kro'
          ? { allowBreakingChanges: Boolean(options.allowBreakingChanges), allowOtherInstances: Boolean(options.allowOtherInstances), adopt: Boolean(options.adopt) }
          : { waitForReady: settings.waitForReady, ...(options.force ? { force: true } : {}), adopt: Boolean(options.adopt), rollbackOnFailure: Boolean(options.rollbackOnFailure) }),
      };
      return factoryOf(composition, options.mode, target, extras).deploy(values, { name, ...settings.metadata });
    });
    progress.finish('skipped');
    err(io, `${composition.graph.kind} "${instance.metadata.name}" ${settings.waitForReady ? 'is ready' : 'applied'} (${options.mode} mode, ${((Date.now() - started) / 1000).toFixed(1)}s)`);
    out(io, formatDocument(instanceDocument(composition, instance), options.output));
  } catch (error) {
    const resourceId = (error as { resourceId?: unknown }).resourceId;
    progress.fail(typeof resourceId === 'string' ? resourceId : undefined);
    progress.finish();
    throw error;
  }
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

export function registerDeploy(program: Command, run: CliRun): void {
  const command = program
    .command('deploy')
    .description('deploy an instance and wait until it is ready; prints the instance with its status (never its spec)')
    .option('--wait [bool]', 'wait for readiness (--wait=false: direct mode only, applied counts as done)', true)
    .option('--no-wait', 'same as --wait=false')
    .option('--create-namespace', 'create the namespace if it does not exist')
    .option('--force', "direct mode: take over fields other field managers own on every object (server-side apply force); without it only the instance's own objects are applied with force, as KRO does (a hand edit is put back)")
    .option('--adopt', 'take over objects another instance or tool owns (else the deploy fails naming them); kro mode: only objects no other instance owns')
    .option('--rollback-on-failure', 'direct mode: when the first deploy of an instance fails, delete what it created')
    .option('--allow-breaking-changes', 'kro mode: apply a schema change that breaks existing instances (removed or retyped fields)')
    .option('--allow-other-instances', 'kro mode: apply a changed composition that deletes objects of other instances of the kind (KRO reconciles every instance with it)')
    .option('--label <key=value>', 'a label of the instance, read as instance.metadata.labels.<key> (repeatable)', collect, [])
    .option('--annotation <key=value>', 'an annotation of the instance, read as instance.metadata.annotations.<key> (repeatable)', collect, []);
  withOutput(withLock(withTimeout(withName(withMode(withCluster(withSpec(withComposition(command))))))), 'instance output').action((file: string, options: DeployOptions) => deploy(run, file, options));
}
