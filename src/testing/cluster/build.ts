import { spawn } from 'node:child_process';
import { TypeKroError } from '../../util/errors.js';

/**
 * One `go build` invocation inside a wrapper module.
 *
 * @example
 * ```ts
 * import type { GoBuildStep } from 'typekro/testing';
 * const step: GoBuildStep = { label: 'kwok', wrapperDir: 'tools/kwok', packages: ['sigs.k8s.io/kwok/cmd/kwok'], ldflags: '-s -w', output: '/tmp/bins/kwok' };
 * ```
 */
export interface GoBuildStep {
  readonly label: string;
  readonly wrapperDir: string;
  readonly packages: readonly string[];
  readonly ldflags: string;
  /** `-o` target: a directory ending in `/` for several packages, else the binary path. */
  readonly output: string;
}

/**
 * Progress sink; every line is complete and meant for a human watching a long build.
 *
 * @example
 * ```ts
 * import type { ProgressFn } from 'typekro/testing';
 * const progress: ProgressFn = (line) => process.stderr.write(`${line}\n`);
 * ```
 */
export type ProgressFn = (line: string) => void;

/**
 * Builds one step into `step.output` and resolves with the milliseconds it took; {@link goBuild} by default.
 * Must stop and reject once `signal` aborts (the build bound passed). Replaceable for tests, e.g. by one that
 * copies binaries built before, so the cold path (build, verify, cache, then start) runs without recompiling.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { mkdtempSync, rmSync } from 'node:fs';
 * import { copyFile } from 'node:fs/promises';
 * import { tmpdir } from 'node:os';
 * import { basename, dirname, join } from 'node:path';
 * import { ensureClusterBinaries, type GoBuildFn } from 'typekro/testing';
 * // a test-only builder: the binaries of an earlier build, copied where the step would write them
 * const copyBuilt = (from: string): GoBuildFn => async (step) => {
 *   const intoDir = step.output.endsWith('/'); // several main packages, one binary each
 *   for (const name of intoDir ? step.packages.map((p) => basename(p)) : [basename(step.output)]) {
 *     await copyFile(join(from, name), intoDir ? join(step.output, name) : step.output);
 *   }
 *   return 0;
 * };
 * const earlier = await ensureClusterBinaries(); // built before (or found in the cache)
 * const cacheDir = mkdtempSync(join(tmpdir(), 'typekro-empty-cache-'));
 * try {
 *   const bins = await ensureClusterBinaries({ cacheDir, goBuild: copyBuilt(dirname(earlier.paths['kube-apiserver'])) });
 *   bins.versions.kubernetes === earlier.versions.kubernetes; // => true
 * } finally {
 *   rmSync(cacheDir, { recursive: true, force: true });
 * }
 * ```
 */
export type GoBuildFn = (step: GoBuildStep, progress: ProgressFn, signal: AbortSignal) => Promise<number>;

const HEARTBEAT_MS = 20_000;
// after SIGINT the go command lets running compiles finish (each at most a package); then it is killed
const INTERRUPT_GRACE_MS = 30_000;

/** `12m05s` style, short enough for heartbeat lines. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Runs `go build -v` and prints a heartbeat every 20 s with the packages compiled so far:
 * a cold build runs for many minutes and must never look hung. Rejects with the output tail on failure, and
 * interrupts the build (then rejects saying how far it got) when `signal` aborts.
 */
export function goBuild(step: GoBuildStep, progress: ProgressFn, signal?: AbortSignal): Promise<number> {
  const started = Date.now();
  const args = ['build', '-v', '-ldflags', step.ldflags, '-o', step.output, ...step.packages];
  const env = { ...process.env, CGO_ENABLED: '0' };
  if (signal?.aborted) return Promise.reject(new TypeKroError('ABORTED', `go build for ${step.label} not started: the build was stopped`));
  progress(`[clusterbins] ${step.label}: go ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    // not detached: a Ctrl-C on the terminal must stop the build together with its owner
    const child = spawn('go', args, { cwd: step.wrapperDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let compiled = 0;
    let last = '';
    const tail: string[] = [];
    const onLine = (line: string): void => {
      if (!line) return;
      // `go build -v` names each package as it compiles it; anything with spaces is a message, not a package
      if (!line.includes(' ')) {
        compiled++;
        last = line;
      }
      tail.push(line);
      if (tail.length > 40) tail.shift();
    };
    splitLines(child.stdout, onLine);
    splitLines(child.stderr, onLine);
    const timer = setInterval(() => {
      const elapsed = formatDuration(Date.now() - started);
      // before the first package the go command is downloading modules; after the last one it is linking
      const doing = last ? `last: ${last}` : 'resolving/downloading modules or linking';
      progress(`[clusterbins] ${step.label}: ${compiled} packages compiled, ${elapsed} elapsed (${doing})`);
    }, HEARTBEAT_MS);
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), INTERRUPT_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => {
      clearInterval(timer);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      settle();
      reject(new TypeKroError('ENVIRONMENT', `cannot run go: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      settle();
      const elapsed = Date.now() - started;
      if (signal?.aborted) {
        const where = last ? `, the last one ${last}` : '';
        reject(new TypeKroError('ABORTED', `go build for ${step.label} stopped after ${formatDuration(elapsed)}: ${compiled} packages compiled${where}`));
      } else if (code === 0) {
        progress(`[clusterbins] ${step.label}: done, ${compiled} packages compiled in ${formatDuration(elapsed)}`);
        resolve(elapsed);
      } else {
        reject(new TypeKroError('ENVIRONMENT', `go build for ${step.label} failed (exit ${code}):\n${tail.join('\n')}`));
      }
    });
  });
}

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line.trimEnd());
  });
  stream.on('end', () => onLine(buffered.trimEnd()));
}
