/**
 * typekro/testing stays light: importing it, rendering and simulating load no Kubernetes client, no
 * control-plane or chart code and nothing of the CLI (the cluster side loads on first use of a fixture).
 * A child process records every module it resolves (test/support/module-recording.ts).
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { modulesLoadedBy } from '../support/module-recording.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const FORBIDDEN = [
  '/node_modules/@kubernetes/client-node/',
  '/node_modules/tar-stream/',
  '/node_modules/commander/',
  '/src/cli/',
  '/src/testing/cluster/cluster.ts',
  '/src/testing/cluster/binaries.ts',
  '/src/testing/charts/',
  '/src/testing/fixtures/session.ts',
];

const probe = join(here, 'fixtures', 'cold-kit-probe.ts');
const loaded = (env: Record<string, string> = {}): string[] => modulesLoadedBy(probe, root, env);

test('typekro/testing with render and simulate loads no Kubernetes client, cluster, chart or CLI code', () => {
  const paths = loaded();
  // the recording saw the kit, the planner and the CEL engine, so an empty or broken recording cannot pass
  for (const seen of ['/src/testing/index.ts', '/src/runtime/engine/plan.ts', '/node_modules/@marcbachmann/cel-js/']) assert.ok(paths.some((p) => p.includes(seen)), `the recording misses ${seen}`);
  const hits = FORBIDDEN.map((dir) => [dir, paths.filter((p) => p.includes(dir))] as const).filter(([, found]) => found.length > 0);
  assert.deepEqual(hits.map(([dir, found]) => `${dir} (${found.length} files, e.g. ${found[0]})`), []);
});

test('negative control: the cluster fixtures load the Kubernetes client and the control plane', () => {
  const paths = loaded({ COLD_PROBE_FIXTURES: '1' }).join('\n');
  assert.match(paths, /node_modules\/@kubernetes\/client-node\//);
  assert.match(paths, /src\/testing\/cluster\/cluster\.ts/);
});
