/** Runs the examples/testing files with their own runner (node:test, Vitest, Jest) in a child process. */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export type Runner = 'node' | 'vitest' | 'jest';

export interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

/** The command line of one runner for the examples of one tier (`offline`: render and simulate; `cluster`). */
export function commandOf(runner: Runner, tier: 'offline' | 'cluster'): string[] {
  const dir = 'examples/testing';
  switch (runner) {
    case 'node':
      return ['--import', 'tsx', '--test', '--test-reporter=spec', ...(tier === 'offline' ? [`${dir}/node/render.check.ts`, `${dir}/node/simulate.check.ts`] : [`${dir}/node/cluster.check.ts`])];
    case 'vitest':
      return [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', `${dir}/vitest${tier === 'cluster' ? '.cluster' : ''}.config.ts`];
    case 'jest':
      // the cluster tier's global setup is imported by Node itself (no moduleNameMapper): tsx resolves `typekro` there
      return [...(tier === 'cluster' ? ['--import', 'tsx'] : []), '--experimental-vm-modules', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', `${dir}/jest${tier === 'cluster' ? '.cluster' : ''}.config.mjs`];
  }
}

export function runExamples(runner: Runner, tier: 'offline' | 'cluster', env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // NODE_TEST_CONTEXT would make a nested node:test report to this process's runner instead of printing
    const { NODE_TEST_CONTEXT: _parent, ...inherited } = process.env;
    const child = spawn(process.execPath, commandOf(runner, tier), { cwd: root, env: { ...inherited, NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** How many tests the runner's summary says passed, or undefined when it printed none. */
export function passedCount(runner: Runner, output: string): number | undefined {
  const pattern = runner === 'node' ? /ℹ pass (\d+)/ : runner === 'vitest' ? /Tests\s+(\d+) passed/ : /Tests:\s+(\d+) passed/;
  const match = pattern.exec(output);
  return match ? Number(match[1]) : undefined;
}
