/**
 * Manifests named by an `http(s)://` URL (`yamlFile('https://.../install.yaml')`). A composition is defined
 * synchronously, so the download runs in a child Node process the definition waits for; the text is kept
 * in the TypeKro cache, so a URL is fetched once per machine (`refresh` fetches it again).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from '../../util/cache.js';
import { TypeKroError } from '../../util/errors.js';

/** True for the paths `downloadManifest` handles. */
export const isManifestUrl = (path: string): boolean => /^https?:\/\//i.test(path);

/** What went wrong, as the child reports it: exit 3 is an HTTP status, anything else a failed connection. */
const FETCH = `
const [url, timeout] = process.argv.slice(1);
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(Number(timeout)), redirect: 'follow' });
  if (!response.ok) { process.stderr.write('HTTP ' + response.status + ' ' + response.statusText); process.exit(3); }
  process.stdout.write(await response.text());
} catch (error) {
  const cause = error.cause ? ' (' + (error.cause.code ?? error.cause.message) + ')' : '';
  process.stderr.write(String(error.message) + cause);
  process.exit(2);
}`;

/**
 * The cached copy of `url` (downloaded first when missing or `refresh`): the local file to read.
 * @throws TypeKroError ENVIRONMENT when the URL cannot be reached (offline), USAGE for an HTTP error status.
 */
export function downloadManifest(url: string, options: { readonly refresh?: boolean; readonly timeoutMs?: number; readonly field?: string } = {}): string {
  const dir = join(cacheRoot(), 'manifests');
  const path = join(dir, `${createHash('sha256').update(url).digest('hex').slice(0, 16)}.yaml`);
  if (existsSync(path) && !options.refresh) return path;
  const field = options.field ?? 'yamlFile';
  const timeoutMs = options.timeoutMs ?? 60_000;
  let text: string;
  try {
    text = execFileSync(process.execPath, ['--input-type=module', '-e', FETCH, url, String(timeoutMs)], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs + 5_000,
    });
  } catch (error) {
    const failed = error as { status?: number | null; stderr?: string; message: string };
    const why = failed.stderr?.trim() || failed.message;
    if (failed.status === 3) throw new TypeKroError('USAGE', `${field}: ${url} answered ${why}; check the URL`);
    throw new TypeKroError(
      'ENVIRONMENT',
      `${field}: cannot download ${url}: ${why}. It is read when the composition is defined and cached in ${dir}; without network access, download it elsewhere and give its local path`,
    );
  }
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.part`;
  writeFileSync(partial, text);
  renameSync(partial, path);
  return path;
}
