/**
 * Which modules a process loads, for the cold-import tests: a probe (a child process run with tsx) starts
 * recording before it imports what it measures and prints the recording as one JSON line; the test runs the
 * probe and reads the files back. ESM is recorded by a module.register resolve hook (record-hook.mjs),
 * CommonJS by require.cache. This module imports only Node's own modules, so it adds nothing to a recording.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

/**
 * In a probe: records every ESM URL resolved from now on. The returned function prints the recording (the ESM
 * URLs and the CommonJS files in require.cache) as one JSON line on stdout and stops recording.
 *
 * @example
 * const print = recordModules();
 * await import('../../../src/index.js');
 * await print();
 */
export function recordModules(): () => Promise<void> {
  const { port1, port2 } = new MessageChannel();
  register(new URL('./record-hook.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
  return async () => {
    const esm = await new Promise<string[]>((resolve) => {
      port1.once('message', resolve);
      port1.postMessage('dump');
    });
    port1.close();
    const cjs = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write(`${JSON.stringify({ esm, cjs })}\n`);
  };
}

/**
 * In a test: runs the probe file `probe` (with `env` added to this process's environment, from `cwd`) and
 * returns the files it loaded, as paths written with `/`. Fails the test when the probe fails.
 *
 * @example
 * const paths = modulesLoadedBy(join(here, 'fixtures', 'cold-probe.ts'), root);
 * assert.ok(!paths.some((p) => p.includes('/src/cli/')));
 */
export function modulesLoadedBy(probe: string, cwd: string, env: Record<string, string> = {}): string[] {
  const result = spawnSync(process.execPath, ['--import', 'tsx', probe], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  const { esm, cjs } = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { esm: string[]; cjs: string[] };
  return [...esm.map((url) => (url.startsWith('file:') ? fileURLToPath(url) : url)), ...cjs].map((p) => p.split('\\').join('/'));
}
