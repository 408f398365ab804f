/**
 * Every example deployed as a user runs it: with its spec file through the CLI in both modes (a fresh
 * namespace each), reaching the status it documents; then it is deleted. examples.test.ts checks and
 * renders them offline.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcript, typekro } from '../cli/run.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { examples, expected, includes } from './expected.js';

const kubeconfig = testKubeConfigPath();

describe('examples on the cluster', { concurrency: 2 }, () => {
  for (const name of examples) {
    const file = `examples/${name}.ts`;
    const spec = `examples/${name}.spec.yaml`;
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
