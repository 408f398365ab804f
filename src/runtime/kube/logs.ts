/**
 * Streaming one container's log (`kubectl logs [-f]`), line by line, and label selectors as strings.
 */
import { Writable } from 'node:stream';
import { Log, type KubeConfig, type V1LabelSelector } from '@kubernetes/client-node';

/**
 * `matchLabels` and `matchExpressions` as a label selector string.
 *
 * @example
 * ```ts
 * selectorString({ matchLabels: { app: 'web' } }); // 'app=web'
 * ```
 */
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

/** A writable that calls `onLine` with every complete line (and the last partial one at the end). */
function lines(onLine: (line: string) => void): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const split = (partial + chunk.toString('utf8')).split('\n');
      partial = split.pop() ?? '';
      for (const line of split) onLine(line);
      callback();
    },
    final(callback) {
      if (partial) onLine(partial);
      callback();
    },
  });
}

export interface StreamLogOptions {
  readonly follow: boolean;
  readonly tailLines?: number;
  readonly signal?: AbortSignal;
  readonly onLine: (line: string) => void;
}

/**
 * Streams one container's log; resolves when the log ends (or on abort), rejects when it is unavailable.
 *
 * @example
 * ```ts
 * await streamContainerLog(config, { namespace: 'dev', pod: 'web-1', container: 'app' }, { follow: false, onLine: console.log });
 * ```
 */
export async function streamContainerLog(config: KubeConfig, source: { namespace: string; pod: string; container: string }, options: StreamLogOptions): Promise<void> {
  const sink = lines(options.onLine);
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const request = await new Log(config).log(source.namespace, source.pod, source.container, sink, {
    follow: options.follow,
    ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
  });
  options.signal?.addEventListener('abort', () => request.abort(), { once: true });
  await finished;
}

/** The API server's own words from a client-node error (its body is a Status object or its JSON). */
export function apiMessage(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = { message: body };
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : error instanceof Error ? error.message : String(error);
}
