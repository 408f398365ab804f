/**
 * A loopback proxy in front of the real API server that answers chosen requests itself with an error
 * status (429 Too Many Requests, 409 Conflict, in the API server's `Status` shape) and forwards every other
 * one, streams (watches) included, with the test kubeconfig's credentials. What the client sees is the
 * real control plane, except for the injected answers: a throttling or racing API server on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

/** What one request looks like to the injector. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/v1/namespaces/dev/configmaps/web?fieldManager=typekro`. */
  readonly url: string;
  readonly watch: boolean;
}

/** An answer the proxy gives instead of the API server's. */
export interface Injected {
  readonly status: 409 | 429;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

export interface FaultProxy {
  /** A kubeconfig whose server is the proxy (plain HTTP on 127.0.0.1, no credentials: the proxy adds them). */
  readonly kubeConfig: KubeConfig;
  /** Every request seen, with what was injected. */
  readonly log: readonly (ProxiedRequest & { injected?: number })[];
  close(): Promise<void>;
}

const REASONS = { 409: 'Conflict', 429: 'TooManyRequests' } as const;

export async function startFaultProxy(upstream: KubeConfig, inject: (request: ProxiedRequest) => Injected | undefined): Promise<FaultProxy> {
  const server = new URL(upstream.getCurrentCluster()!.server);
  const tls: Record<string, unknown> = {};
  await upstream.applyToHTTPSOptions(tls);
  const log: (ProxiedRequest & { injected?: number })[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const headers = { ...req.headers, host: server.host, ...((tls.headers as Record<string, string> | undefined) ?? {}) };
    const out = request({ ...tls, headers, hostname: server.hostname, port: server.port, method: req.method, path: req.url }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy()); // the client closed a watch: close it upstream too
    req.pipe(out);
  };
  const proxy = createServer((req, res) => {
    const seen: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', watch: /[?&]watch=(true|1)/.test(req.url ?? '') };
    const fault = inject(seen);
    log.push({ ...seen, ...(fault ? { injected: fault.status } : {}) });
    if (!fault) return forward(req, res);
    req.resume();
    const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: fault.message, reason: REASONS[fault.status], code: fault.status };
    res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {}) });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'proxy', server: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'proxied' }],
    contexts: [{ name: 'proxy', cluster: 'proxy', user: 'proxied' }],
    currentContext: 'proxy',
  });
  return {
    kubeConfig,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
