/**
 * The direct factory's implementation, loaded by `direct.ts` on first use: deploys a composition from this
 * process, without KRO in the cluster, with KRO's semantics (same graph, same CEL, same ordering, same skip
 * and pending rules). See `runtime/direct`.
 */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { observedSchemas } from '../model/observed-schema.js';
import { toYamlDocuments } from '../compile/rgd/index.js';
import { createCelEngine } from '../runtime/cel/index.js';
import { directMetadataProblem, isUnsafeInteger, prepareGraph, recordName, type InstanceIdentity, type KubeObject, type Ownership, type PreparedGraph, type ResourceStatus } from '../runtime/engine/index.js';
import {
  assignedOf,
  DirectAbortedError,
  DeployFailedError,
  DirectTimeoutError,
  deleteDirect,
  deployDirect,
  groupByResource,
  instanceEvents,
  listDirectInstances,
  logSources,
  ownedNow,
  planDirect,
  readRecord,
  readLogs,
  reportObjects,
  resourceIdOf,
  renderOffline,
  streamLogs,
  type DeployPlan,
  type DirectSession,
  type ProgressEvent,
} from '../runtime/direct/index.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig } from '../runtime/kube/config.js';
import { withLease, type LeaseOptions } from '../runtime/kube/lease.js';
import { namespacedLookup } from '../runtime/kube/list.js';
import { openApiDocuments as createOpenApiDocuments } from '../runtime/kube/openapi.js';
import { checkedInstance, specWithDefaults, validateSpec } from './spec.js';
import type { Redactor } from '../util/redact.js';
import { readsSpecPaths, redactorFor, redactorForObjects, secretFieldsOf, sensitivePaths, storedSpecOf, unstoredSecretsOf } from './sensitive.js';
import type { Expr } from '../ir/expr.js';
import { redactEvents, redactedStream, redactFailures, redactLogs } from './sensitive-feed.js';
import { ensureNamespace } from './namespace.js';
import { InstanceNotFoundError, type InstanceStatus } from './instances.js';
import { CompositionError } from '../compile/rgd/errors.js';
import type { DirectDeployOptions, DirectDriver, DirectFactoryOptions } from './direct-types.js';
import { statusReport } from './instance.js';
import { driftOf } from './direct-drift.js';
import { checkedInstanceMetadata, type InstanceMetadataInput } from '../util/instance-metadata.js';
import { checkDeployedSpec, specDecidedResources, specReadingFields, withoutFields } from './deployed-spec.js';

export function createDirectDriver<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, options: DirectFactoryOptions): DirectDriver<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  let prepared: PreparedGraph | undefined;
  // Prepared lazily so that creating a factory never fails on expressions; the first use reports them.
  const graphOf = (): PreparedGraph => {
    if (prepared) return prepared;
    const problem = directMetadataProblem(graph);
    if (problem) throw new CompositionError(problem);
    return (prepared = prepareGraph(graph, createCelEngine()));
  };
  let client: KubeClient | undefined;
  const kube = (): KubeClient => (client ??= new KubeClient(loadKubeConfig(options)));
  let namespaced: ((apiVersion: string, kind: string) => Promise<boolean>) | undefined;
  // Read again only when the server's /openapi/v3 index gives a document a new content hash.
  const openApiDocuments = createOpenApiDocuments();
  const progress = (event: ProgressEvent): void => options.progressCallback?.(event);
  const identity = (name: string): InstanceIdentity => (graph.scope === 'Cluster' ? { name } : { name, namespace });
  // The labels and annotations a deploy gives the instance: `schema.metadata.labels` / `annotations`, as kro mode's instance object has them.
  const given = (name: string, target: InstanceMetadataInput): InstanceIdentity => ({ ...identity(name), ...checkedInstanceMetadata(target) });
  const owner = (name: string): Ownership => ({ composition: graph.name, instance: name, namespace });

  const leaseOf = (name: string, operation: 'deploy' | 'delete', deadline: number, signal: AbortSignal | undefined): LeaseOptions => ({
    name: recordName(owner(name)),
    namespace,
    instance: name,
    operation,
    deadline,
    waitForLock: options.waitForLock ?? false,
    ...(signal ? { signal } : {}),
  });

  const call = (): { deadline: number; signal?: AbortSignal } => ({ deadline: Date.now() + timeoutMs, ...(options.abortSignal ? { signal: options.abortSignal } : {}) });
  const notFound = (name: string): InstanceNotFoundError => {
    const where = graph.scope === 'Cluster' ? undefined : namespace;
    return new InstanceNotFoundError(name, where, `${graph.kind} "${name}"${where ? ` in namespace ${where}` : ''} (direct mode) not found`);
  };

  /** The instance's objects by resource id; InstanceNotFoundError when it has neither record nor object. */
  async function owned(name: string): Promise<Map<string, KubeObject[]>> {
    const objects = await ownedNow(kube(), graphOf(), owner(name), call());
    if (!objects) throw notFound(name);
    return groupByResource(graphOf(), objects, resourceIdOf);
  }

  async function reportLogs(name: string, resourceId: string, tailLines: number, redactor: Redactor): Promise<void> {
    for (const entry of await readLogs(kube(), await owned(name), { resourceId, tailLines })) {
      const object = { apiVersion: 'v1', kind: 'Pod', name: entry.pod, namespace: entry.namespace };
      const text = entry.log !== undefined ? entry.log.trimEnd() || '(empty log)' : `log unavailable: ${entry.error ?? 'unknown error'}`;
      progress({ type: 'log', resourceId, object, message: redactor.text(`pod ${entry.namespace}/${entry.pod} container ${entry.container}:\n${text}`) });
    }
  }

  /** A row whose template reads a secret the cluster does not keep (no spec was given) says so. */
  function explainUnstored(row: ResourceStatus, spec: unknown): ResourceStatus {
    if (row.name !== undefined || (row.state !== 'waiting' && row.state !== 'not-ready')) return row;
    const missing = unstoredSecretsOf(graph, spec, row.resourceId);
    if (missing.length === 0) return row;
    // The engine's "No such key" blames the spec; the key is absent because the cluster never keeps it.
    const where = row.reason.replace(/: No such key: .*$/, '');
    const fields = missing.map((p) => `spec.${p}`).join(', ');
    return { ...row, reason: `cannot be evaluated without ${fields} (sensitive, not stored): ${where}; give the spec to see more` };
  }

  /** What a deploy of `checked` would do (runtime/direct/plan.ts): `plan`, and the drift `status` reports. */
  function planOf(name: string, checked: unknown, instance: InstanceIdentity): Promise<DeployPlan> {
    return planDirect({
      prepared: graphOf(),
      client: kube(),
      instance,
      owner: owner(name),
      spec: checked,
      readiness: 'exists',
      deadline: Date.now() + timeoutMs,
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
      namespaced: (namespaced ??= namespacedLookup(kube())),
      progress,
      ...(options.force !== undefined ? { force: options.force } : {}),
      // As the deploy: with adopt, another owner's object is taken over (and its changes planned), else refused.
      adopt: options.adopt ?? false,
      redactor: redactorFor(graph, checked),
      secretFields: secretFieldsOf(graph),
      openApiDocuments,
    });
  }

  async function instanceStatus(name: string, spec: TSpec | undefined): Promise<InstanceStatus<TStatus>> {
    const record = await readRecord(kube(), owner(name), call());
    // Without a spec, the record's copy of the last deploy's spec (secret values taken out); an older record
    // keeps none: then readyWhen and status expressions see the defaults (and what they cannot read is pending).
    const stored = spec === undefined ? record?.spec : undefined;
    const checked = spec !== undefined ? validateSpec(definition, graph, spec) : stored ? stored.spec : specWithDefaults(graph, {});
    if (spec !== undefined) checkDeployedSpec(name, record, checked);
    // What the known spec cannot tell: with a stored spec, only what reads its unstored (secret) paths; with
    // none, everything that reads the spec.
    const unstored = stored ? [...stored.unstored, ...sensitivePaths(graph)] : undefined;
    const reads = unstored ? (expr: Expr) => readsSpecPaths(graph, expr, unstored) : undefined;
    // Which resources should exist (includeWhen, forEach) is not known where the spec that decides is not: the
    // defaults would describe another instance. What exists is judged and a resource so decided without objects
    // is unknown: ready when the last deploy finished (it pruned what its spec did not want), not when it did
    // not. A record older than the finished generation says only whether any deploy finished.
    const settled = record?.finishedGeneration !== undefined ? record.finishedGeneration === record.generation : (record?.succeeded ?? false);
    const decided = spec === undefined && (stored || record?.succeeded) ? specDecidedResources(graph, reads) : undefined;
    const unknown = decided && decided.size > 0 ? { ids: decided, settled } : undefined;
    // The labels and annotations of the last deploy, kept in its record (kro mode reads them from the instance object).
    // And its uid, creation time and generation (`schema.metadata.uid`...), as the deploy bound them: without them a
    // status reading them would be pending here and computed at the deploy.
    const assigned = assignedOf(record);
    const instance = { ...identity(name), labels: record?.instanceLabels ?? {}, annotations: record?.instanceAnnotations ?? {}, ...(assigned ? { assigned } : {}) };
    const byId = await owned(name);
    const report = await reportObjects(kube(), graphOf(), { spec: checked, instance }, byId, call(), unknown);
    // Live objects against what a deploy of the spec applies: only with the whole spec (secret values are not stored).
    const whole = spec !== undefined || (stored !== undefined && unstored?.length === 0);
    const compared = byId.size === 0 ? undefined : whole ? await driftOf(() => planOf(name, checked, instance)) : { unchecked: 'needs the spec of the last deploy (-f <file> or --set): secret values are not stored' };
    const drift = compared && 'drift' in compared && compared.drift.length > 0 ? { drift: compared.drift } : {};
    const driftUnchecked = compared && 'unchecked' in compared ? { driftUnchecked: compared.unchecked } : {};
    const metadata = graph.scope === 'Cluster' ? { name } : { name, namespace };
    const { ready } = report;
    // Without the spec, a field computed from what is not known of it would be computed from the defaults: it is pending instead.
    const needSpec = spec === undefined ? specReadingFields(graph.status, reads) : [];
    const pending = [...report.pending, ...needSpec.filter((path) => !report.pending.includes(path))];
    const status = withoutFields(report.status, needSpec);
    const resources = spec === undefined ? report.resources.map((row) => explainUnstored(row, checked)) : report.resources;
    // Without the whole spec, an expression may fail only because it reads defaults: no failure is claimed then.
    // A status field that fails on what is known of the spec fails as at the deploy: not ready, every one named.
    const failedStatus = report.failures.filter((f) => f.resourceId === undefined && !needSpec.includes(f.field.replace(/^status\./, '')));
    const first = spec !== undefined ? report.failure : failedStatus[0];
    const failure = first ? { failure: first } : {};
    const failing = failedStatus.length > 0 ? { failedStatus } : {};
    const drifted = 'drift' in drift;
    return { apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind, metadata, mode: 'direct', ready: ready && failedStatus.length === 0 && !drifted, status: status as Partial<TStatus>, pending, resources, ...failure, ...failing, ...drift, ...driftUnchecked };
  }

  return {
    mode: 'direct',
    name: graph.name,
    namespace,
    async deploy(spec, deployOptions = {}) {
      const { spec: checked, name } = checkedInstance(definition, graph, spec, deployOptions.name);
      const instance = given(name, deployOptions);
      const signals = [options.abortSignal, deployOptions.abortSignal].filter((x): x is AbortSignal => x !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const redactor = redactorFor(graph, checked);
      const deadline = Date.now() + timeoutMs;
      const leased = ensureNamespace(kube(), namespace, options.createNamespace ?? false, { deadline, ...(signal ? { signal } : {}) }).then(() => withLease(kube(), leaseOf(name, 'deploy', deadline, signal), async (held) => {
        const session: DirectSession = {
          prepared: graphOf(),
          client: kube(),
          instance,
          owner: owner(name),
          spec: checked,
          // kept in the instance record for status without a spec; the record is a ConfigMap: no secret values
          storedSpec: storedSpecOf(graph, checked),
          readiness: options.waitForReady === false ? 'exists' : 'kind',
          deadline,
          signal: held,
          namespaced: (namespaced ??= namespacedLookup(kube())),
          progress,
          ...(options.force !== undefined ? { force: options.force } : {}),
          adopt: options.adopt ?? false,
          redactor,
          openApiDocuments,
        };
        try {
          const result = await deployDirect(session, { rollbackOnFailure: options.rollbackOnFailure ?? false, events: options.events ?? true });
          // A status expression that errors (not pending) fails the deploy: never a silent omission.
          const failed = result.status.errors;
          if (failed.length > 0) {
            throw new DeployFailedError(`instance "${name}": the resources are applied, but ${failed.length === 1 ? 'a status field' : `${failed.length} status fields`} failed to evaluate (${kroAlike(failed)}): ${failed.join('; ')}`);
          }
          return { metadata: identity(name), spec: checked, ...statusReport<TStatus>(graph.status, result.status.status, result.status.absent) };
        } catch (error) {
          if (options.podLogs && error instanceof DirectTimeoutError && error.resourceId) {
            const tailLines = typeof options.podLogs === 'object' ? (options.podLogs.tailLines ?? 20) : 20;
            await reportLogs(name, error.resourceId, tailLines, redactor).catch(() => undefined);
          }
          throw error;
        }
      }));
      // aborted before the deploy began (while taking the lease): nothing was applied
      return leased.catch((error: unknown) => {
        if (!signal?.aborted || error instanceof DirectAbortedError) throw redactor.error(error);
        throw redactor.error(new DirectAbortedError(`deploy of instance "${name}" aborted before anything was applied`, undefined, { cause: error }));
      });
    },
    async plan(spec, planOptions = {}) {
      const { spec: checked, name } = checkedInstance(definition, graph, spec, planOptions.name);
      const instance = given(name, planOptions);
      // As the deploy would: a missing namespace is the user's to fix, not a dry run's 404 per object.
      if (!options.createNamespace) await ensureNamespace(kube(), namespace, false, call(), 'plan');
      return planOf(name, checked, instance);
    },
    instanceStatus(name, statusOptions = {}) {
      return instanceStatus(name, statusOptions.spec);
    },
    async listInstances() {
      return (await listDirectInstances(kube(), graph.name, namespace, call())).map(identity);
    },
    async events(name) {
      const byId = await owned(name);
      return redactEvents(redactorForObjects(graph, undefined, byId), await instanceEvents(kube(), byId));
    },
    async logs(name, logOptions = {}) {
      const byId = await owned(name);
      return redactLogs(redactorForObjects(graph, undefined, byId), await readLogs(kube(), byId, logOptions));
    },
    async streamLogs(name, logOptions) {
      const byId = await owned(name);
      const redactor = redactorForObjects(graph, undefined, byId);
      const sources = await logSources(kube(), byId, logOptions);
      logOptions.onSources?.(sources);
      const failures = await streamLogs(kube(), sources, redactedStream(redactor, { ...logOptions, follow: logOptions.follow ?? false }));
      return { sources, failures: redactFailures(redactor, failures) };
    },
    manifestsYaml(spec, yamlOptions = {}) {
      const { spec: checked, name } = checkedInstance(definition, graph, spec, yamlOptions.name);
      const redactor = redactorFor(graph, checked);
      try {
        return toYamlDocuments(renderOffline(graphOf(), checked, given(name, yamlOptions), owner(name), (text) => redactor.text(text), observedSchemas(graph)));
      } catch (error) {
        throw redactor.error(error);
      }
    },
    async deleteInstance(name, deleteOptions = {}) {
      const deadline = Date.now() + timeoutMs;
      const outcome = await withLease(kube(), leaseOf(name, 'delete', deadline, options.abortSignal), (held) =>
        deleteDirect(graphOf(), kube(), owner(name), {
          timeoutMs: Math.max(deadline - Date.now(), 1),
          signal: held,
          progress,
          ...(deleteOptions.ignoreNotFound ? { ignoreNotFound: true } : {}),
        }),
      );
      return { found: outcome.found };
    },
  };
}

/**
 * What KRO does with the same failing status fields: it fails the reconcile on a CEL error (division by
 * zero), but computes an int beyond JavaScript's safe range exactly, which TypeKro refuses in both modes.
 */
function kroAlike(failed: readonly string[]): string {
  const ints = failed.filter((message) => isUnsafeInteger({ message })).length;
  if (ints === 0) return "KRO fails the instance's reconcile the same way";
  const exact = "KRO would compute the exact 64-bit value, which TypeKro refuses in both modes where JavaScript's numbers are not exact";
  return ints === failed.length ? exact : `KRO fails the instance's reconcile on the others; for the ints beyond JavaScript's safe range, ${exact}`;
}
