import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { parse } from 'yaml';
import { parseHelmIgnore, type HelmIgnore } from './ignore.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * A chart packaged as `helm package` does, ready to be served from a chart repository.
 *
 * @example
 * import type { PackagedChart } from 'typekro/testing';
 * const chart: PackagedChart = { name: 'hello', version: '0.1.0', file: '/tmp/hello-0.1.0.tgz' } as PackagedChart;
 * `${chart.name}-${chart.version}`; // => 'hello-0.1.0'
 */
export interface PackagedChart {
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly description?: string;
  /** Absolute path of `<name>-<version>.tgz`. */
  readonly file: string;
  /** sha256 of the .tgz, lowercase hex (the `digest` of a repository index entry). */
  readonly digest: string;
  /** When it was packaged, RFC 3339 (the `created` of a repository index entry; not part of the archive). */
  readonly created: string;
  /** The whole Chart.yaml, for index entries (Helm copies the chart metadata into them). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Fixed archive timestamp: the same chart directory always packages to the same bytes and digest. */
const MTIME = new Date('2000-01-01T00:00:00Z');

// Helm's own checks (pkg/chart/v2 Metadata.Validate): SemVer 2 versions, names without path separators.
const SEMVER = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const NAME = /^[A-Za-z0-9._-]+$/;

/** Reads and validates `<chartDir>/Chart.yaml`; errors name the file and the field. */
export function readChartMetadata(chartDir: string): Record<string, unknown> {
  const file = join(resolve(chartDir), 'Chart.yaml');
  if (!existsSync(file)) throw new TypeKroError('USAGE', `${file}: not found (a chart directory needs a Chart.yaml)`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TypeKroError('USAGE', `${file}: invalid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TypeKroError('ENVIRONMENT', `${file}: expected a mapping`);
  const meta = doc as Record<string, unknown>;
  const field = (key: string): string => {
    const value = meta[key];
    if (value === undefined || value === null || value === '') throw new TypeKroError('USAGE', `${file}: field "${key}" is required`);
    if (typeof value !== 'string') throw new TypeKroError('USAGE', `${file}: field "${key}" must be a string (quote it), got ${JSON.stringify(value)}`);
    return value;
  };
  const apiVersion = field('apiVersion');
  if (apiVersion !== 'v2') throw new TypeKroError('ENVIRONMENT', `${file}: field "apiVersion" must be v2 (Helm 3 charts), got ${apiVersion}`);
  const name = field('name');
  if (!NAME.test(name) || name === '.' || name === '..') throw new TypeKroError('ENVIRONMENT', `${file}: field "name" is not a valid chart name: ${name}`);
  const version = field('version');
  if (!SEMVER.test(version)) throw new TypeKroError('USAGE', `${file}: field "version" must be a SemVer 2 version, got ${version}`);
  for (const key of ['appVersion', 'description'] as const) {
    if (meta[key] !== undefined && typeof meta[key] !== 'string') {
      throw new TypeKroError('USAGE', `${file}: field "${key}" must be a string (quote it), got ${JSON.stringify(meta[key])}`);
    }
  }
  return meta;
}

/** The chart's files as posix paths relative to the chart root, minus `.helmignore` matches, sorted (Chart.yaml first). */
export function chartFiles(chartDir: string): string[] {
  const root = resolve(chartDir);
  const ignoreFile = join(root, '.helmignore');
  const ignore = parseHelmIgnore(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '', ignoreFile);
  const files = walk(root, '', ignore);
  const rank = (p: string): number => (p === 'Chart.yaml' ? 0 : 1);
  return files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function walk(root: string, rel: string, ignore: HelmIgnore): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, rel))) {
    const path = rel === '' ? entry : `${rel}/${entry}`;
    const stat = statSync(join(root, path)); // follows symlinks, as helm does
    if (ignore.ignores(path, stat.isDirectory())) continue;
    if (stat.isDirectory()) out.push(...walk(root, path, ignore));
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

/** Tar (ustar, files only, mode 0644, fixed owner and mtime) of `entries`, in order. */
async function tarball(entries: readonly { name: string; data: Buffer }[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of archive) chunks.push(Buffer.from(chunk as Uint8Array));
  })();
  for (const { name, data } of entries) {
    await new Promise<void>((done, fail) => {
      archive.entry({ name, size: data.length, mode: 0o644, mtime: MTIME, type: 'file', uid: 0, gid: 0, uname: '', gname: '' }, data, (err) =>
        err ? fail(err) : done(),
      );
    });
  }
  archive.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** The implementation behind `typekro/testing`'s packageChart (src/testing/cluster-lazy.ts documents it). */
export async function packageChart(chartDir: string, outDir: string): Promise<PackagedChart> {
  const root = resolve(chartDir);
  const metadata = readChartMetadata(root);
  const name = metadata.name as string;
  const version = metadata.version as string;
  const entries = chartFiles(root).map((path) => ({ name: `${name}/${path}`, data: readFileSync(join(root, path)) }));
  const tgz = gzipSync(await tarball(entries), { level: 9 });
  mkdirSync(outDir, { recursive: true });
  const file = join(resolve(outDir), `${name}-${version}.tgz`);
  writeFileSync(file, tgz);
  const chart: PackagedChart = {
    name,
    version,
    file,
    digest: createHash('sha256').update(tgz).digest('hex'),
    created: new Date().toISOString(),
    metadata,
    ...(typeof metadata.appVersion === 'string' ? { appVersion: metadata.appVersion } : {}),
    ...(typeof metadata.description === 'string' ? { description: metadata.description } : {}),
  };
  return chart;
}
