import { spawn } from 'node:child_process';
import { TypeKroError } from '../../util/errors.js';

/** Result of a finished child process; output is kept whole because these commands print little. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion and captures its output (never throws for a non-zero exit). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Runs a command and returns stdout, throwing with stderr when it fails. */
export async function runOk(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  let result: RunResult;
  try {
    result = await runCommand(command, args, options);
  } catch (error) {
    throw new TypeKroError('ENVIRONMENT', `cannot run ${command}: ${(error as Error).message}`, { cause: error });
  }
  if (result.code !== 0) {
    throw new TypeKroError('ENVIRONMENT', `${command} ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Facts about the Go toolchain that determine the binaries. */
export interface GoToolchain {
  readonly version: string; // full `go version` line
  readonly goos: string;
  readonly goarch: string;
  readonly modCache: string;
}

/** Queries `go version` and `go env`; the error explains what to install when Go is missing. */
export async function goToolchain(cwd: string): Promise<GoToolchain> {
  let version: string;
  try {
    version = (await runOk('go', ['version'], { cwd })).trim();
  } catch (error) {
    throw new TypeKroError('ENVIRONMENT', 
      'Go >= 1.26 is needed to build the local control plane (https://go.dev/dl); `go version` failed: ' +
        (error as Error).message,
      { cause: error },
    );
  }
  const env = JSON.parse(await runOk('go', ['env', '-json', 'GOOS', 'GOARCH', 'GOMODCACHE'], { cwd })) as Record<string, string>;
  return { version, goos: env.GOOS ?? '', goarch: env.GOARCH ?? '', modCache: env.GOMODCACHE ?? '' };
}

/**
 * The version a wrapper go.mod requires for a module (`require` lines, `// indirect` or not).
 * go.mod is the single source of truth for versions: ldflags and module-cache paths are derived from it.
 */
export function requiredVersion(goMod: string, modulePath: string): string | undefined {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  return match?.[1];
}

/**
 * Directory of a module in the module cache, downloading it first if needed (`go mod download -json`).
 * Run inside the wrapper so GOFLAGS/GOPROXY/GONOSUMDB behave as for the build and go.sum is checked.
 */
export async function moduleDir(wrapperDir: string, modulePath: string, version: string): Promise<string> {
  const out = await runOk('go', ['mod', 'download', '-json', `${modulePath}@${version}`], { cwd: wrapperDir });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new TypeKroError('ENVIRONMENT', `go mod download ${modulePath}@${version}: ${info.Error ?? 'no Dir reported'}`);
  return info.Dir;
}
