/**
 * Logs and events of an instance, the same in both modes once its objects are found: the pods of its
 * workloads (and the pods it owns), their containers' logs, and the Kubernetes events of its objects and
 * of those pods.
 */
import type { KubeObject } from '../engine/index.js';
import type { KubeClient, ObjectRef } from '../kube/client.js';
import { listEvents } from '../kube/events.js';
import { apiMessage, streamContainerLog } from '../kube/logs.js';
import { podLogs, podsOf, type PodLog } from './feedback.js';
import { refOf } from './objects.js';

/**
 * One container of one pod of an instance.
 *
 * @example
 * ```ts
 * import type { LogSource } from 'typekro';
 * const source: LogSource = { resourceId: 'deployment', pod: 'web-7d9f-abcde', namespace: 'dev', container: 'web' };
 * `${source.pod}/${source.container}`; // => 'web-7d9f-abcde/web'
 * ```
 */
export interface LogSource {
  readonly resourceId: string;
  readonly pod: string;
  readonly namespace: string;
  readonly container: string;
}

/**
 * A container whose log could not be read, and the API server's reason.
 *
 * @example
 * ```ts
 * import type { LogFailure } from 'typekro';
 * const failures: LogFailure[] = [{ source: { resourceId: 'web', pod: 'web-1', namespace: 'dev', container: 'app' }, message: 'container not started' }];
 * failures.map((f) => `${f.source.pod}/${f.source.container}: ${f.message}`); // => ['web-1/app: container not started']
 * ```
 */
export interface LogFailure {
  readonly source: LogSource;
  readonly message: string;
}

/**
 * A Kubernetes event about an object of the instance or one of its pods.
 *
 * @example
 * ```ts
 * import type { InstanceEvent } from 'typekro';
 * const events: InstanceEvent[] = [
 *   { resourceId: 'web', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'dev' }, type: 'Warning', reason: 'FailedCreate', message: 'quota', count: 1, at: '2026-01-01T00:00:00.000Z' },
 * ];
 * events.filter((e) => e.type === 'Warning').map((e) => `${e.resourceId}: ${e.reason}`); // => ['web: FailedCreate']
 * ```
 */
export interface InstanceEvent {
  readonly resourceId: string;
  readonly object: ObjectRef;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  /** Last occurrence, RFC 3339. */
  readonly at: string;
}

/** The pods of the objects, by resource id, each once, sorted by namespace and name. */
async function podsById(client: KubeClient, byId: ReadonlyMap<string, readonly KubeObject[]>, only?: string): Promise<{ resourceId: string; pod: KubeObject }[]> {
  const found = new Map<string, { resourceId: string; pod: KubeObject }>();
  for (const [resourceId, objects] of byId) {
    if (only !== undefined && resourceId !== only) continue;
    for (const object of objects) {
      for (const pod of await podsOf(client, object)) {
        const ref = refOf(pod);
        found.set(`${ref.namespace}/${ref.name}`, { resourceId, pod });
      }
    }
  }
  return [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, value]) => value);
}

/** Every container of the instance's pods (of one resource, one container name, when given). */
export async function logSources(client: KubeClient, byId: ReadonlyMap<string, readonly KubeObject[]>, options: { resourceId?: string; container?: string } = {}): Promise<LogSource[]> {
  const pods = await podsById(client, byId, options.resourceId);
  return pods.flatMap(({ resourceId, pod }) => {
    const ref = refOf(pod);
    const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
    return containers.filter((c) => !options.container || c === options.container).map((container) => ({ resourceId, pod: ref.name, namespace: ref.namespace ?? '', container }));
  });
}

/** The logs of the instance's containers, read once. */
export async function readLogs(client: KubeClient, byId: ReadonlyMap<string, readonly KubeObject[]>, options: { resourceId?: string; container?: string; tailLines?: number } = {}): Promise<PodLog[]> {
  const out: PodLog[] = [];
  for (const { resourceId, pod } of await podsById(client, byId, options.resourceId)) {
    out.push(...(await podLogs(client, resourceId, [pod], { ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}), ...(options.container ? { container: options.container } : {}) })));
  }
  return out;
}

/** Streams every source's log at once; resolves when all ended (or on abort) with the sources that failed. */
export async function streamLogs(
  client: KubeClient,
  sources: readonly LogSource[],
  options: { follow: boolean; tailLines?: number; signal?: AbortSignal; onLine: (source: LogSource, line: string) => void },
): Promise<LogFailure[]> {
  const failures: LogFailure[] = [];
  await Promise.all(
    sources.map((source) =>
      streamContainerLog(client.config, source, {
        follow: options.follow,
        ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onLine: (line) => options.onLine(source, line),
      }).catch((error: unknown) => void failures.push({ source, message: apiMessage(error) })),
    ),
  );
  return failures;
}

/** Events of the objects and of their pods, oldest first. */
export async function instanceEvents(client: KubeClient, byId: ReadonlyMap<string, readonly KubeObject[]>): Promise<InstanceEvent[]> {
  const owners = new Map<string, string>(); // uid -> resource id
  const namespaces = new Set<string>();
  const note = (resourceId: string, object: KubeObject): void => {
    const metadata = (object.metadata ?? {}) as { uid?: string; namespace?: string };
    if (metadata.uid) owners.set(metadata.uid, resourceId);
    if (metadata.namespace) namespaces.add(metadata.namespace);
  };
  for (const [resourceId, objects] of byId) for (const object of objects) note(resourceId, object);
  for (const { resourceId, pod } of await podsById(client, byId)) note(resourceId, pod);
  const events: InstanceEvent[] = [];
  for (const namespace of [...namespaces].sort()) {
    for (const event of await listEvents(client, namespace)) {
      const resourceId = owners.get(event.involvedObject.uid ?? '');
      if (resourceId === undefined) continue;
      const involved = event.involvedObject;
      const object: ObjectRef = { apiVersion: involved.apiVersion ?? '', kind: involved.kind, name: involved.name, ...(involved.namespace ? { namespace: involved.namespace } : {}) };
      events.push({ resourceId, object, type: event.type, reason: event.reason, message: event.message, count: event.count, at: new Date(event.at).toISOString() });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
