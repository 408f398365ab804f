/**
 * Runs scripts/demo.sh as a user would (bash, from the repository root), in its own process group so a test can
 * interrupt it like a terminal would, with its own TYPEKRO_HOME so its "demo" cluster meets nothing else.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../cli/run.js';

export interface DemoRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived (what a terminal shows). */
  readonly output: string;
}

export interface DemoOptions {
  readonly env?: Record<string, string>;
  /** Sees the output so far; may return a signal to send to the script's process group (once). */
  readonly interruptWhen?: (output: string) => NodeJS.Signals | undefined;
  readonly timeoutMs?: number;
}

export function runDemo(home: string, options: DemoOptions = {}): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', TYPEKRO_HOME: home, ...options.env };
    const child = spawn('bash', [join(root, 'scripts', 'demo.sh')], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const group = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-(child.pid ?? 0), signal);
      } catch {
        // already gone
      }
    };
    let output = '';
    let interrupted = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const signal = interrupted ? undefined : options.interruptWhen?.(output);
      if (signal) {
        interrupted = true;
        group(signal);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // a hung demo must not hang the suite: SIGTERM (the script then cleans up), SIGKILL if that does not end it
    const term = setTimeout(() => group('SIGTERM'), options.timeoutMs ?? 300_000);
    const kill = setTimeout(() => group('SIGKILL'), (options.timeoutMs ?? 300_000) + 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve({ code, signal, output });
    });
  });
}
