/** The examples on disk and the status each one's spec file must produce: shared by the offline and the cluster tests. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { root } from '../cli/run.js';

/** What each example's spec file must produce (a subset of the status). */
export const expected: Readonly<Record<string, Record<string, unknown>>> = {
  webapp: { ready: true },
  'webapp-stack': { url: 'https://shop.example.com', ready: true, databaseReady: true, replicas: 1, logLevel: 'debug' },
  'worker-pool': { queue: 'amqp://rabbitmq.messaging:5672/orders', workers: ['orders-fast', 'orders-bulk'], workerCount: 2, totalReplicas: 3 },
  platform: { site: 'https://payments.example.com', api: 'http://payments-api', ready: true, workerCount: 1 },
  'with-manifests': { logLevel: 'warn', queue: 'jobs', ready: true },
};

/** The example names (examples/<name>.ts), sorted. */
export const examples: readonly string[] = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

/** The examples that have a spec file (examples/<name>.spec.yaml), sorted. */
export const specFiles: readonly string[] = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.spec.yaml')).map((f) => f.slice(0, -'.spec.yaml'.length)).sort();

/** True when every field of `subset` is deeply equal in `actual`. */
export function includes(actual: unknown, subset: Record<string, unknown>): boolean {
  return typeof actual === 'object' && actual !== null && Object.entries(subset).every(([k, v]) => isDeepStrictEqual((actual as Record<string, unknown>)[k], v));
}
