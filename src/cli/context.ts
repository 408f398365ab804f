/**
 * What most commands do first: load the composition, read the spec, and get the mode's factory, which
 * knows everything about instances (their names, what they own, readiness, plans): the CLI only asks it.
 */
import type { DirectFactoryOptions, InstanceOperations, KroFactoryOptions } from '../index.js';
import { codeOf, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { freshLoader, loadComposition, parseReference, type AnyComposition } from './load.js';
import type { ClusterTarget, CompositionOptions, Mode } from './options.js';
import { applyAssignments, readSpecInput, type SpecObject, type SpecOptions } from './spec.js';

export interface Loaded {
  readonly composition: AnyComposition;
  readonly file: string;
  /** Undefined when neither --spec nor --set was given. */
  readonly spec: SpecObject | undefined;
}

export async function load(reference: string, options: CompositionOptions & SpecOptions, io: CliIo): Promise<Loaded> {
  // The spec is read first: a typo in --set should not wait for the composition to compile.
  const input = readSpecInput(options, io.readStdin);
  const ref = parseReference(reference, options.export);
  const loaded = await loadComposition(ref, io.loader ?? freshLoader(), options.tsconfig ? { tsconfig: options.tsconfig } : {});
  // --set paths and types follow the spec schema (a string field keeps `007`).
  const spec = input && applyAssignments(input.base, input.sets, loaded.composition.graph.spec);
  return { composition: loaded.composition, file: loaded.file, spec };
}

/** A factory of either mode, seen through what both offer. */
export interface Factory extends InstanceOperations<SpecObject, unknown> {
  deploy(spec: SpecObject, options?: { name?: string }): Promise<{ readonly metadata: { name: string; namespace?: string }; readonly spec: unknown; readonly status: unknown }>;
}

/** Options of either factory beyond the cluster and namespace. */
export type FactoryExtras = Omit<DirectFactoryOptions & Omit<KroFactoryOptions, 'waitForReady'>, 'kubeConfig' | 'kubeconfig' | 'context' | 'namespace'>;

/**
 * The factory of `mode` for the target cluster and namespace. The composition may come from the user's own
 * copy of TypeKro: one without the instance operations is too old for these commands.
 */
export function factoryOf(composition: AnyComposition, mode: Mode, target: ClusterTarget, extras: FactoryExtras = {}): Factory {
  // a cluster-scoped instance has no namespace and KRO places nothing by one: the context's namespace is not asked for
  const implicit = mode === 'kro' && composition.graph.scope === 'Cluster' && target.namespaceGiven === false;
  const options = { ...extras, kubeConfig: target.kubeConfig, ...(implicit ? {} : { namespace: target.namespace }) };
  // waitForReady is a direct-mode option: kro mode always waits.
  const { waitForReady: _direct, ...kroOptions } = options;
  const factory: Factory = mode === 'kro' ? composition.factory('kro', kroOptions) : composition.factory('direct', options);
  if (typeof (factory as Partial<Factory>).instanceStatus !== 'function') {
    throw new UsageError(`the composition was made by an older TypeKro than this CLI's (its ${mode} factory has no instanceStatus()); update the typekro package of its project`);
  }
  return factory;
}

/**
 * What to add to "not found" when the instance exists in the other mode: `; it exists in kro mode: add
 * --mode kro`, else ''. Best effort: an error asking the other mode (no CRD, no access) means no hint.
 */
export async function otherModeHint(composition: AnyComposition, mode: Mode, target: ClusterTarget, name: string): Promise<string> {
  const other: Mode = mode === 'kro' ? 'direct' : 'kro';
  try {
    const instances = await factoryOf(composition, other, target, { timeout: 15_000 }).listInstances();
    return instances.some((instance) => instance.name === name) ? `; it exists in ${other} mode: add --mode ${other}` : '';
  } catch {
    return '';
  }
}

/** Adds {@link otherModeHint} to a "not found" error (code NOT_FOUND), in place; other errors are returned as they are. */
export async function withOtherModeHint(error: unknown, composition: AnyComposition, mode: Mode, target: ClusterTarget, name: string): Promise<unknown> {
  if (!(error instanceof Error) || codeOf(error) !== 'NOT_FOUND') return error;
  error.message += await otherModeHint(composition, mode, target, name);
  return error;
}

/** `WebApp "web" (direct mode, namespace dev)`: how messages name an instance. */
export function describeInstance(composition: AnyComposition, mode: Mode, name: string, namespace: string): string {
  const where = composition.graph.scope === 'Cluster' ? '' : `, namespace ${namespace}`;
  return `${composition.graph.kind} "${name}" (${mode} mode${where})`;
}
