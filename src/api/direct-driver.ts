/**
 * The direct factory's implementation, loaded by `direct.ts` on first use: deploys a composition from this
 * process, without KRO in the cluster, with KRO's semantics (same graph, same CEL, same ordering, same skip
 * and pending rules). See `runtime/direct`.
 */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { toYaml as yamlOf } from '../compile/rgd/index.js';
import { createCelEngine } from '../runtime/cel/index.js';
import { directMetadataProblem, mergeKinds, prepareGraph, recordName, type InstanceIdentity, type Ownership, type PreparedGraph } from '../runtime/engine/index.js';
import {
  DirectTimeoutError,
  deleteDirect,
  deployDirect,
  graphKinds,
  listOwned,
  planDirect,
  podLogs,
  podsOf,
  readinessDirect,
  readRecord,
  Redactor,
  renderOffline,
  type DeployPlan,
  type DirectSession,
  type PodLog,
  type ProgressEvent,
} from '../runtime/direct/index.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig } from '../runtime/kube/config.js';
import { withLease, type LeaseOptions } from '../runtime/kube/lease.js';
import { namespacedLookup } from '../runtime/kube/list.js';
import { instanceNameOf, validateSpec } from './spec.js';
import { CompositionError } from '../compile/rgd/errors.js';
import type { DirectDeployOptions, DirectDriver, DirectFactoryOptions } from './direct-types.js';
import { statusReport } from './instance.js';

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
  const progress = (event: ProgressEvent): void => options.progressCallback?.(event);
  const identity = (name: string): InstanceIdentity => (graph.scope === 'Cluster' ? { name } : { name, namespace });
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

  async function instanceLogs(name: string, logOptions: { resourceId?: string; tailLines?: number; container?: string }): Promise<PodLog[]> {
    const client = kube();
    const call = { deadline: Date.now() + 30_000 };
    const record = await readRecord(client, owner(name), call);
    const objects = await listOwned(client, owner(name), mergeKinds(record?.kinds ?? [], graphKinds(graphOf())), [...new Set([namespace, ...(record?.namespaces ?? [])])], call);
    const out: PodLog[] = [];
    for (const object of objects) {
      const id = (object.metadata as { labels?: Record<string, string> }).labels?.['typekro.dev/resource-id'] ?? '';
      if (logOptions.resourceId !== undefined && id !== logOptions.resourceId) continue;
      const pods = await podsOf(client, object);
      out.push(...(await podLogs(client, id, pods, { ...(logOptions.tailLines !== undefined ? { tailLines: logOptions.tailLines } : {}), ...(logOptions.container ? { container: logOptions.container } : {}) })));
    }
    return out;
  }

  async function reportLogs(name: string, resourceId: string, tailLines: number, redactor: Redactor): Promise<void> {
    for (const entry of await instanceLogs(name, { resourceId, tailLines })) {
      const object = { apiVersion: 'v1', kind: 'Pod', name: entry.pod, namespace: entry.namespace };
      const text = entry.log !== undefined ? entry.log.trimEnd() || '(empty log)' : `log unavailable: ${entry.error ?? 'unknown error'}`;
      progress({ type: 'log', resourceId, object, message: redactor.text(`pod ${entry.namespace}/${entry.pod} container ${entry.container}:\n${text}`) });
    }
  }

  return {
    mode: 'direct',
    name: graph.name,
    namespace,
    async deploy(spec, deployOptions = {}) {
      const checked = validateSpec(definition, graph, spec);
      const name = deployOptions.name ?? instanceNameOf(graph, checked);
      const signals = [options.abortSignal, deployOptions.abortSignal].filter((x): x is AbortSignal => x !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const redactor = new Redactor();
      const deadline = Date.now() + timeoutMs;
      return withLease(kube(), leaseOf(name, 'deploy', deadline, signal), async (held) => {
        const session: DirectSession = {
          prepared: graphOf(),
          client: kube(),
          instance: identity(name),
          owner: owner(name),
          spec: checked,
          readiness: options.waitForReady === false ? 'exists' : 'kind',
          deadline,
          signal: held,
          namespaced: (namespaced ??= namespacedLookup(kube())),
          progress,
          force: options.force ?? false,
          redactor,
        };
        try {
          const result = await deployDirect(session, { rollbackOnFailure: options.rollbackOnFailure ?? false, events: options.events ?? true });
          return { metadata: { name, namespace }, spec: checked, ...statusReport<TStatus>(graph.status, result.status.status) };
        } catch (error) {
          if (options.podLogs && error instanceof DirectTimeoutError && error.resourceId) {
            const tailLines = typeof options.podLogs === 'object' ? (options.podLogs.tailLines ?? 20) : 20;
            await reportLogs(name, error.resourceId, tailLines, redactor).catch(() => undefined);
          }
          throw error;
        }
      });
    },
    async plan(spec, planOptions = {}) {
      const checked = validateSpec(definition, graph, spec);
      const name = planOptions.name ?? instanceNameOf(graph, checked);
      return planDirect({
        prepared: graphOf(),
        client: kube(),
        instance: identity(name),
        owner: owner(name),
        spec: checked,
        readiness: 'exists',
        deadline: Date.now() + timeoutMs,
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
        namespaced: (namespaced ??= namespacedLookup(kube())),
        progress,
        force: options.force ?? false,
      });
    },
    async logs(name, logOptions = {}) {
      return instanceLogs(name, logOptions);
    },
    toYaml(spec) {
      const checked = validateSpec(definition, graph, spec);
      const name = instanceNameOf(graph, checked);
      return renderOffline(graphOf(), checked, identity(name), owner(name))
        .map((manifest) => yamlOf(manifest))
        .join('---\n');
    },
    async deleteInstance(name, deleteOptions = {}) {
      const deadline = Date.now() + timeoutMs;
      await withLease(kube(), leaseOf(name, 'delete', deadline, options.abortSignal), (held) =>
        deleteDirect(graphOf(), kube(), owner(name), {
          timeoutMs: Math.max(deadline - Date.now(), 1),
          signal: held,
          progress,
          ...(deleteOptions.ignoreNotFound ? { ignoreNotFound: true } : {}),
        }),
      );
    },
    async readiness(name) {
      return readinessDirect(graphOf(), kube(), owner(name), { deadline: Date.now() + timeoutMs, ...(options.abortSignal ? { signal: options.abortSignal } : {}) });
    },
  };
}
