import { spawn } from 'node:child_process';

/** One `go build` invocation inside a wrapper module. */
export interface GoBuildStep {
  readonly label: string;
  readonly wrapperDir: string;
  readonly packages: readonly string[];
  readonly ldflags: string;
  /** `-o` target: a directory ending in `/` for several packages, else the binary path. */
  readonly output: string;
}

/** Progress sink; every line is complete and meant for a human watching a long build. */
export type ProgressFn = (line: string) => void;

const HEARTBEAT_MS = 20_000;

/** `12m05s` style, short enough for heartbeat lines. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Runs `go build -v` and prints a heartbeat every 20 s with the packages compiled so far:
 * a cold build runs for many minutes and must never look hung. Rejects with the output tail on failure.
 */
export function goBuild(step: GoBuildStep, progress: ProgressFn): Promise<number> {
  const started = Date.now();
  const args = ['build', '-v', '-ldflags', step.ldflags, '-o', step.output, ...step.packages];
  const env = { ...process.env, CGO_ENABLED: '0' };
  progress(`[clusterbins] ${step.label}: go ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
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
    child.on('error', (error) => {
      clearInterval(timer);
      reject(new Error(`cannot run go: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const elapsed = Date.now() - started;
      if (code === 0) {
        progress(`[clusterbins] ${step.label}: done, ${compiled} packages compiled in ${formatDuration(elapsed)}`);
        resolve(elapsed);
      } else {
        reject(new Error(`go build for ${step.label} failed (exit ${code}):\n${tail.join('\n')}`));
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
