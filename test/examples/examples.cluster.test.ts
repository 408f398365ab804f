/**
 * Every example, as a user runs it: it checks and renders offline, and deploys with its spec file through
 * the CLI in both modes (a fresh namespace each), reaching the status it documents; then it is deleted.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { root, transcript, typekro } from '../cli/run.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

/** What each example's spec file must produce (a subset of the status). */
const expected: Record<string, Record<string, unknown>> = {
  webapp: { ready: true },
  'webapp-stack': { url: 'https://shop.example.com', ready: true, databaseReady: true, replicas: 1, logLevel: 'debug' },
  'worker-pool': { queue: 'amqp://rabbitmq.messaging:5672/orders', workers: ['orders-fast', 'orders-bulk'], workerCount: 2, totalReplicas: 3 },
  platform: { site: 'https://payments.example.com', api: 'http://payments-api', ready: true, workerCount: 1 },
  'with-manifests': { logLevel: 'warn', queue: 'jobs', ready: true },
};

const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

function includes(actual: unknown, subset: Record<string, unknown>): boolean {
  return typeof actual === 'object' && actual !== null && Object.entries(subset).every(([k, v]) => isDeepStrictEqual((actual as Record<string, unknown>)[k], v));
}

describe('examples', { concurrency: 2 }, () => {
  it('every example has a spec file and an expected status here', () => {
    assert.deepEqual(examples, Object.keys(expected).sort());
    const specs = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.spec.yaml')).map((f) => f.slice(0, -'.spec.yaml'.length)).sort();
    assert.deepEqual(specs, examples);
  });

  for (const name of examples) {
    const file = `examples/${name}.ts`;
    const spec = `examples/${name}.spec.yaml`;
    it(`${name}: checks and renders offline`, async () => {
      const check = await typekro(['check', file, '-f', spec]);
      assert.equal(check.code, 0, transcript(check));
      const rgd = await typekro(['render', file]);
      assert.equal((parse(rgd.stdout) as { kind: string }).kind, 'ResourceGraphDefinition', transcript(rgd));
      const manifests = await typekro(['render', file, '-f', spec, '--manifests']);
      assert.equal(manifests.code, 0, transcript(manifests));
    });

    for (const mode of ['direct', 'kro']) {
      it(`${name}: deploys in ${mode} mode and reaches its status`, { timeout: 300_000 }, async () => {
        const namespace = await testNamespace(testKubeConfig(), `ex-${mode}-${name}`.slice(0, 40));
        try {
          const args = ['--mode', mode, '--kubeconfig', kubeconfig, '-n', namespace.name];
          const deploy = await typekro(['deploy', file, '-f', spec, '--timeout', '4m', '-o', 'json', ...args]);
          assert.equal(deploy.code, 0, transcript(deploy));
          const instance = JSON.parse(deploy.stdout) as { status: Record<string, unknown> };
          if (mode === 'direct') {
            assert.ok(includes(instance.status, expected[name]!), `status ${JSON.stringify(instance.status)} should include ${JSON.stringify(expected[name])}`);
          }
          // KRO reports ACTIVE once the objects exist; status fields over their status may still catch up.
          let last: unknown;
          await eventually(`${name} status`, async () => {
            const status = await typekro(['status', file, '-f', spec, '-o', 'json', ...args]);
            last = status.code === 0 ? (JSON.parse(status.stdout) as { status?: unknown }).status ?? 'no status (direct mode)' : transcript(status);
            return status.code === 0 && (mode === 'direct' || includes(last, expected[name]!)) ? true : undefined;
          }, 120_000).catch((error: Error) => {
            throw new Error(`${error.message}\nlast: ${JSON.stringify(last)}`);
          });
          const removed = await typekro(['delete', file, '-f', spec, '--timeout', '3m', ...args]);
          assert.equal(removed.code, 0, transcript(removed));
        } finally {
          await namespace.remove();
        }
      });
    }
  }
});
