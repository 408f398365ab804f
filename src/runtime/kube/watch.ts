/**
 * One watch request, cancellable from its first byte. client-node's `Watch` hands out its abort handle only
 * once the API server has answered the request's headers, so a watch opened against a hung server (stopped,
 * overloaded, a half-open connection) could not be cancelled and kept its socket, and the process, alive.
 * Here the caller's signal aborts the request at any point, and aborting destroys the socket.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import { TypeKroError } from '../../util/errors.js';

/** How a watch ended: `null` when the server closed the stream (or the signal aborted it), else the error. */
export type WatchEnd = null | (Error & { statusCode?: number; body?: unknown });

/**
 * Opens a watch on a collection path and calls `onEvent` for each event until the stream ends, fails or
 * `signal` aborts. Never rejects: the outcome is the resolved {@link WatchEnd}.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const end = await watchCollection(config, '/api/v1/namespaces/default/configmaps', {}, controller.signal, (type, object) => {
 *   console.log(type, object);
 * });
 * ```
 */
export async function watchCollection(
  config: KubeConfig,
  path: string,
  query: Readonly<Record<string, string>>,
  signal: AbortSignal,
  onEvent: (type: string, object: Record<string, unknown>) => void,
): Promise<WatchEnd> {
  const server = config.getCurrentCluster()?.server;
  if (!server) return new TypeKroError('CONFIG_INVALID', 'the kubeconfig has no current cluster: pass a kubeconfig with a current context, or a context');
  const url = new URL(server + path);
  url.searchParams.set('watch', 'true');
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const options: RequestOptions & { headers?: Record<string, string> } = {};
  try {
    await config.applyToHTTPSOptions(options);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  if (signal.aborted) return null;
  return new Promise<WatchEnd>((resolve) => {
    let settled = false;
    const end = (outcome: WatchEnd): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => end(null);
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const request = send(url, { ...options, method: 'GET', headers: { ...options.headers, Accept: 'application/json' } }, (response) => {
      if (response.statusCode !== 200) return void readError(response).then(end);
      response.on('error', end);
      response.on('close', () => end(null));
      const lines = createInterface({ input: response });
      lines.on('error', end); // readline re-emits the stream's errors: unhandled, they would crash the process
      lines.on('line', (line) => {
        if (settled) return;
        const event = parseEvent(line);
        if (event) onEvent(event.type, event.object);
      });
    });
    request.on('error', (error) => end(signal.aborted ? null : error));
    signal.addEventListener('abort', onAbort);
    request.end();
  });
}

function parseEvent(line: string): { type: string; object: Record<string, unknown> } | undefined {
  try {
    const event = JSON.parse(line) as { type?: unknown; object?: unknown };
    return typeof event.type === 'string' && typeof event.object === 'object' && event.object !== null ? { type: event.type, object: event.object as Record<string, unknown> } : undefined;
  } catch {
    return undefined; // a partial line of a broken stream: the stream's end reports it
  }
}

/** The Status body of a refused watch (403, 410...), as an error carrying the code and the body. */
async function readError(response: IncomingMessage): Promise<WatchEnd> {
  let text = '';
  try {
    for await (const chunk of response) text += String(chunk);
  } catch {
    // the body is best effort: the status code is what matters
  }
  const error = new Error(response.statusMessage || `HTTP ${response.statusCode}`) as Error & { statusCode?: number; body?: unknown };
  if (response.statusCode !== undefined) error.statusCode = response.statusCode;
  error.body = text;
  return error;
}
