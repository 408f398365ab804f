/**
 * What the browser test of the site needs: the site built by `npm run docs:build` (into a directory of its own),
 * served on 127.0.0.1, and Debian's Chromium driven by playwright-core. Chromium is a system package that
 * `.ci/run` installs; when it is missing the test fails and says how to install it, it never skips.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where Chromium is: CHROMIUM_PATH, else Debian's package. Throws how to install it when absent. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: the site's browser test needs it. Install Debian's package ` +
        '(`sudo apt-get install chromium`; .ci/run does this), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return path;
}

/** Runs `npm run docs:build -- --out <outDir>` (TypeDoc, then VitePress); rejects with its output when it fails. */
export function buildSite(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'docs:build', '--', '--out', outDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run docs:build exited with ${code}:\n${output.slice(-4000)}`))));
  });
}

/** The built pages as site paths (`/`, `/guide/cli.html`), from the .html files of the output (404.html aside). */
export function sitePaths(outDir: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
  return walk(outDir)
    .map((file) => `/${relative(outDir, file).split(sep).join('/')}`)
    .filter((path) => path !== '/404.html')
    .map((path) => path.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

export interface StaticSite {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (a free port) as a static host would: `/guide/x.html`, `/api/` -> `api/index.html`. */
export async function serve(dir: string): Promise<StaticSite> {
  const files = sirv(dir, { dev: true, extensions: ['html'] });
  const server: Server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
