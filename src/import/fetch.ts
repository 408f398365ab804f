/** Downloads for `typekro import`: bounded in time, with errors naming the URL. */
import { ImportError } from './errors.js';

const TIMEOUT_MS = 60_000;

/**
 * The body of `url`. A 404/410 is `undefined` when `notFoundIsMiss` (a proxy without the module), an
 * error otherwise; an unreachable host or another status is an error naming the URL.
 */
export async function download(url: string, options: { notFoundIsMiss?: boolean } = {}): Promise<Uint8Array | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new ImportError(`cannot download ${url}: ${reason}; check the URL and the network (or download the file and import it from disk)`);
  }
  // 403 too: proxies answer it for modules they refuse to serve.
  if ((response.status === 404 || response.status === 410 || response.status === 403) && options.notFoundIsMiss) return undefined;
  if (!response.ok) throw new ImportError(`cannot download ${url}: the server answered ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}
