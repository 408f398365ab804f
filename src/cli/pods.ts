/**
 * The pods of an instance, and their logs. Pods are found through the selectors of the workloads the
 * instance owns (pods carry the workload's labels, not the instance's), plus pods it owns directly.
 */
import { Writable } from 'node:stream';
import { CoreV1Api, Log, type KubeConfig, type KubernetesObject, type V1LabelSelector, type V1Pod } from '@kubernetes/client-node';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** `matchLabels` and `matchExpressions` as a label selector string. */
export function selectorString(selector: V1LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else if (expression.operator === 'DoesNotExist') parts.push(`!${expression.key}`);
  }
  return parts.join(',');
}

/** Pods of the owned workloads and owned pods, each once, sorted by namespace and name. */
export async function podsOf(config: KubeConfig, owned: readonly KubernetesObject[]): Promise<V1Pod[]> {
  const core = config.makeApiClient(CoreV1Api);
  const found = new Map<string, V1Pod>();
  const add = (pod: V1Pod): void => void found.set(`${pod.metadata?.namespace}/${pod.metadata?.name}`, pod);
  for (const object of owned) {
    const namespace = object.metadata?.namespace;
    if (!namespace) continue;
    if (object.kind === 'Pod') {
      add(object as V1Pod);
      continue;
    }
    const selector = (object as { spec?: { selector?: V1LabelSelector } }).spec?.selector;
    if (!WORKLOADS.has(object.kind ?? '') || !selector) continue;
    const labelSelector = selectorString(selector);
    if (!labelSelector) continue;
    const list = await core.listNamespacedPod({ namespace, labelSelector });
    list.items.forEach(add);
  }
  return [...found.values()].sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
}

export interface LogStream {
  readonly pod: string;
  readonly namespace: string;
  readonly container: string;
}

export function streamsOf(pods: readonly V1Pod[], container?: string): LogStream[] {
  return pods.flatMap((pod) =>
    (pod.spec?.containers ?? [])
      .filter((c) => !container || c.name === container)
      .map((c) => ({ pod: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? '', container: c.name })),
  );
}

/** A writable that prefixes every complete line (`[pod/container] `), as `kubectl logs --prefix`. */
function prefixed(prefix: string, write: (text: string) => void): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) write(`${prefix}${line}\n`);
      callback();
    },
    final(callback) {
      if (partial) write(`${prefix}${partial}\n`);
      callback();
    },
  });
}

export interface LogOptions {
  readonly follow: boolean;
  readonly tailLines?: number;
  readonly prefix: boolean;
  readonly signal: AbortSignal;
  readonly write: (text: string) => void;
}

/** Streams one container's log to `write`; resolves when the log ends (or on abort), rejects when unavailable. */
export async function streamLog(config: KubeConfig, stream: LogStream, options: LogOptions): Promise<void> {
  const sink = prefixed(options.prefix ? `[${stream.pod}/${stream.container}] ` : '', options.write);
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const request = await new Log(config).log(stream.namespace, stream.pod, stream.container, sink, {
    follow: options.follow,
    ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
  });
  options.signal.addEventListener('abort', () => request.abort(), { once: true });
  await finished;
}

/** The API server's own words from a client-node error (its body is a Status object or its JSON). */
export function apiMessage(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
