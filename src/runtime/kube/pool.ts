/**
 * Connection reuse and bounded requests, for every API client made from one KubeConfig.
 *
 * Reuse: client-node 1.x builds a new https.Agent for every request and every watch, so each call pays a
 * TCP connect, a TLS handshake and the parsing of the client key (measured: most of direct mode's CPU time
 * on a 50-resource deploy). `pooled(config)` makes a KubeConfig reuse one keep-alive agent per distinct set
 * of agent options. Idle keep-alive sockets are unref'd by Node, so they never keep a process alive.
 *
 * Bounds: a hung API server (stopped, overloaded, a half-open connection) accepts a request and never
 * answers; client-node sets no timeout, so the request, its socket and the process would live until the
 * server answers. Every request sent through a pooled config carries an abort signal: the one of the call
 * it belongs to ({@link boundedBy}: the caller's deadline and cancellation), else a fixed
 * {@link DEFAULT_REQUEST_TIMEOUT_MS}. Aborting destroys the socket, so nothing stays open after a failure.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

const POOLED = Symbol.for('typekro.pooledKubeConfig');
const SCOPE = Symbol.for('typekro.requestScope');

/** How long a request outside any bounded call may take before it is aborted. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** What client-node's request context offers for cancellation (gen/http/http.js). */
interface SignalContext {
  getSignal?(): AbortSignal | undefined;
  setSignal?(signal: AbortSignal): void;
}

type AgentFactory = (cluster: unknown, options: Record<string, unknown>) => Agent;

function keyOf(cluster: unknown, options: Record<string, unknown>): string {
  const hash = createHash('sha256');
  const server = (cluster as { server?: string; proxyUrl?: string } | null) ?? {};
  hash.update(`${server.server ?? ''}\0${server.proxyUrl ?? ''}\0`);
  for (const name of Object.keys(options).sort()) {
    const value = options[name];
    if (value === undefined) continue;
    hash.update(`${name}=`);
    hash.update(Buffer.isBuffer(value) ? value : typeof value === 'string' ? value : JSON.stringify(value) ?? '');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Makes `config` reuse keep-alive agents (idempotent); returns it. */
export function pooled(config: KubeConfig): KubeConfig {
  const target = config as unknown as Record<symbol | string, unknown>;
  if (target[POOLED]) return config;
  const original = target.createAgent as AgentFactory | undefined;
  if (typeof original !== 'function') return config; // another client-node version: leave it alone
  const agents = new Map<string, Agent>();
  target.createAgent = function createPooledAgent(this: unknown, cluster: unknown, options: Record<string, unknown>): Agent {
    const key = keyOf(cluster, options);
    let agent = agents.get(key);
    if (!agent) {
      agent = original.call(this, cluster, { ...options, keepAlive: true });
      agents.set(key, agent);
    }
    return agent;
  };
  boundRequests(target);
  target[POOLED] = true;
  return config;
}

/** Every request of a pooled config gets the signal of its call's scope, or the default timeout. */
function boundRequests(target: Record<symbol | string, unknown>): void {
  const authenticate = target.applySecurityAuthentication as ((context: SignalContext) => Promise<void>) | undefined;
  if (typeof authenticate !== 'function') return;
  const scope = new AsyncLocalStorage<AbortSignal>();
  target[SCOPE] = scope;
  target.applySecurityAuthentication = async function authenticateBounded(this: unknown, context: SignalContext): Promise<void> {
    await authenticate.call(this, context);
    if (!context.setSignal || context.getSignal?.()) return;
    context.setSignal(scope.getStore() ?? AbortSignal.timeout(DEFAULT_REQUEST_TIMEOUT_MS));
  };
}

/**
 * Runs `run` so that every request it sends through the pooled `config` is aborted by `signal`.
 *
 * @example
 * ```ts
 * const config = pooled(loadKubeConfig({}));
 * await boundedBy(config, AbortSignal.timeout(5_000), () => config.makeApiClient(CoreV1Api).listNamespace());
 * ```
 */
export function boundedBy<T>(config: KubeConfig, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  const scope = (config as unknown as Record<symbol, unknown>)[SCOPE] as AsyncLocalStorage<AbortSignal> | undefined;
  return scope ? scope.run(signal, run) : run();
}
