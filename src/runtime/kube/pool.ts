/**
 * Connection reuse. client-node 1.x builds a new https.Agent for every request and every watch, so each
 * call pays a TCP connect, a TLS handshake and the parsing of the client key (measured: most of direct
 * mode's CPU time on a 50-resource deploy). `pooled(config)` makes a KubeConfig reuse one keep-alive agent
 * per distinct set of agent options. Idle keep-alive sockets are unref'd by Node, so they never keep a
 * process alive.
 */
import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

const POOLED = Symbol.for('typekro.pooledKubeConfig');

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
  target[POOLED] = true;
  return config;
}
