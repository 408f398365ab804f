/**
 * Cold import: a user who only defines and renders loads no Kubernetes client, no CEL engine, nothing of the
 * CLI or the test kit. A child process imports `typekro` and `typekro/simple`, defines a composition and
 * renders it, with a module.register resolve hook recording every ESM URL (require.cache covers CommonJS).
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { modulesLoadedBy } from '../support/module-recording.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Packages and source folders a define-and-render must not load (they load when a deploy or the CLI needs them). */
const FORBIDDEN = [
  '/node_modules/@kubernetes/client-node/',
  '/node_modules/@marcbachmann/cel-js/',
  '/node_modules/commander/',
  '/node_modules/tar-stream/',
  '/src/cli/',
  '/src/testing/',
];

const probe = join(here, 'fixtures', 'cold-probe.ts');
const loadedBy = (env: Record<string, string> = {}): string[] => modulesLoadedBy(probe, root, env);

test('define + toYaml loads no Kubernetes client, CEL engine, CLI or test kit', () => {
  const paths = loadedBy();
  // The probe saw the library itself and arktype, so an empty or broken recording cannot pass.
  assert.ok(paths.some((p) => p.endsWith('/src/index.ts')), 'the recording misses src/index.ts');
  assert.ok(paths.some((p) => p.includes('/node_modules/arktype/')), 'the recording misses arktype');
  const loaded = FORBIDDEN.map((dir) => [dir, paths.filter((p) => p.includes(dir))] as const).filter(([, hits]) => hits.length > 0);
  assert.deepEqual(
    loaded.map(([dir, hits]) => `${dir} (${hits.length} files, e.g. ${hits[0]})`),
    [],
  );
});

/** Which of the lazily required packages each stage loads: Babel when a composition is defined, yaml when it is rendered. */
test('import alone loads neither Babel nor yaml; defining loads Babel; rendering loads yaml', () => {
  const lazy = ['/node_modules/@babel/parser/', '/node_modules/yaml/'];
  const loaded = (stage: string): string[] => {
    const paths = loadedBy({ COLD_PROBE_STAGE: stage });
    assert.ok(paths.some((p) => p.endsWith('/src/index.ts')), `${stage}: the recording misses src/index.ts`);
    return lazy.filter((dir) => paths.some((p) => p.includes(dir)));
  };
  assert.deepEqual(loaded('import'), []);
  assert.deepEqual(loaded('define'), ['/node_modules/@babel/parser/']);
  assert.deepEqual(loaded('render'), lazy);
});

test('negative control: loading the deploy drivers records the Kubernetes client and the CEL engine', () => {
  const paths = loadedBy({ COLD_PROBE_DRIVERS: '1' }).join('\n');
  assert.match(paths, /node_modules\/@kubernetes\/client-node\//);
  assert.match(paths, /node_modules\/@marcbachmann\/cel-js\//);
});
