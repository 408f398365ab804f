/**
 * npm as pack.test.ts drives it: commands run without npm's per-run environment (failing with their full
 * output), fresh projects that install the packed tarball, and what they hold.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The environment without npm's per-run variables (set when this runs under `npm test`). */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

export function run(command: string, args: readonly string[], cwd: string, allowFailure = false): { status: number; stdout: string; output: string } {
  const result = spawnSync(command, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`\`${command} ${args.join(' ')}\` could not run in ${cwd}: ${result.error.message}`);
  const status = result.status ?? 1;
  if (status !== 0 && !allowFailure) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${status}${result.signal ? `, ${result.signal}` : ''}):\n${output}`);
  }
  return { status, stdout: result.stdout ?? '', output };
}

/** `command args` in `cwd` without blocking this process (two installs run at once); fails with its full output. */
async function runAsync(command: string, args: readonly string[], cwd: string): Promise<void> {
  try {
    await promisify(execFile)(command, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (${String(code)}):\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

export function brokenLinks(page: string, text: string, files: ReadonlySet<string>): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].flatMap(([, target]) => {
    if (/^[a-z][a-z+.-]*:|^#|^\//i.test(target!)) return [];
    const path = posix.normalize(posix.join(posix.dirname(page), target!.split('#')[0]!));
    return files.has(path) ? [] : [`${page} -> ${target}`];
  });
}

/** A new project with the tarball, the given arktype and TypeScript, as the README installs them. */
export async function freshProject(work: string, name: string, tarball: string, arktype: string, typescript: string): Promise<string> {
  const app = join(work, name);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `typekro-${name}`, private: true, type: 'module' }, null, 2));
  await runAsync('npm', ['install', tarball, `arktype@${arktype}`, `typescript@${typescript}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  assert.ok(existsSync(join(app, 'node_modules/typekro/package.json')), `typekro is not in ${app} after npm install`);
  return app;
}

export function installedVersion(app: string, name: string): string {
  return (JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every installed copy of a package under node_modules, nested ones included. */
export function copiesOf(dir: string, name: string): string[] {
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return [];
  return readdirSync(modules).flatMap((entry) => {
    const packages = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((child) => join(modules, entry, child)) : [join(modules, entry)];
    return packages.flatMap((path) => {
      const manifest = join(path, 'package.json');
      const own = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name ? [path] : [];
      return [...own, ...copiesOf(path, name)];
    });
  });
}
