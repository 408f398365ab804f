/**
 * A loopback HTTP server in a child process, serving the files of a directory. TypeKro reads `http(s)://`
 * manifests synchronously (a composition is defined synchronously), which blocks this process's event loop:
 * a server inside the test process could never answer. Requests are logged to a file, written before the
 * answer, so the count is exact as soon as the download returned.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER = `
const { createServer } = require('node:http');
const { appendFileSync, readFileSync } = require('node:fs');
const { join, normalize } = require('node:path');
const [root, log] = process.argv.slice(1);
const server = createServer((request, response) => {
  appendFileSync(log, request.url + '\\n');
  const path = normalize(decodeURIComponent(request.url.split('?')[0])).replace(/^([/\\\\])+/, '');
  let body;
  try { body = readFileSync(join(root, path)); } catch { response.writeHead(404).end('not found'); return; }
  response.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('disconnect', () => process.exit(0));
`;

export interface ChildServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The request paths so far, in order. */
  requests(): string[];
  close(): Promise<void>;
}

/** Serves `files` (name -> text) on 127.0.0.1 from a child process. */
export async function serveFilesInChild(files: Readonly<Record<string, string>>): Promise<ChildServer> {
  const root = mkdtempSync(join(tmpdir(), 'typekro-served-'));
  const log = join(root, '.requests');
  writeFileSync(log, '');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const child = spawn(process.execPath, ['-e', SERVER, root, log], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the loopback server exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    close: async () => {
      if (child.exitCode === null) await new Promise<void>((resolve) => child.once('exit', () => resolve()).kill());
      rmSync(root, { recursive: true, force: true });
    },
  };
}
