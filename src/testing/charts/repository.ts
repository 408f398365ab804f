import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toYaml } from '../../api/yaml.js';
import { packageChart, type PackagedChart } from './package.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * What `startChartRepository` serves: chart directories (packaged on start), on loopback.
 *
 * @example
 * import type { ChartRepositoryOptions } from 'typekro/testing';
 * const options: ChartRepositoryOptions = { charts: ['test/fixtures/charts/hello'] };
 * options.charts.length; // => 1
 */
export interface ChartRepositoryOptions {
  /** Chart directories (each with a Chart.yaml); each is packaged as `helm package` would. */
  readonly charts: readonly string[];
  /** Interface to listen on; loopback only. */
  readonly host?: '127.0.0.1';
}

/**
 * A running loopback Helm chart repository.
 *
 * @example
 * import type { ChartRepository } from 'typekro/testing';
 * const index = (repository: ChartRepository): string => `${repository.url}/index.yaml`;
 * index({ url: 'http://127.0.0.1:8080' } as ChartRepository); // => 'http://127.0.0.1:8080/index.yaml'
 */
export interface ChartRepository {
  /** `http://127.0.0.1:PORT`, the URL for `helm repo add` or a HelmRepository's `spec.url`. */
  readonly url: string;
  readonly charts: readonly PackagedChart[];
  /** Paths requested so far (`/index.yaml`, `/hello-0.1.0.tgz`, and 404s), in order, for assertions. */
  readonly requests: readonly string[];
  /** Closes the server (and its open connections) and removes the packaged files; idempotent. */
  stop(): Promise<void>;
}

/** One entry of a Helm repository index: the chart metadata plus where and when it was packaged. */
type IndexEntry = Record<string, unknown> & { version: string };

/** Helm's repository index (`index.yaml`, apiVersion v1): versions of a chart newest first. */
export function repositoryIndex(charts: readonly PackagedChart[], url: string, generated: Date = new Date()): string {
  const entries: Record<string, IndexEntry[]> = {};
  for (const chart of charts) {
    const entry: IndexEntry = {
      ...chart.metadata,
      apiVersion: 'v2',
      name: chart.name,
      version: chart.version,
      ...(chart.appVersion !== undefined ? { appVersion: chart.appVersion } : {}),
      ...(chart.description !== undefined ? { description: chart.description } : {}),
      created: chart.created,
      digest: chart.digest,
      urls: [`${url}/${fileName(chart)}`],
    };
    (entries[chart.name] ??= []).push(entry);
  }
  const sorted = Object.fromEntries(
    Object.keys(entries)
      .sort()
      .map((name) => [name, (entries[name] ?? []).sort((a, b) => compareVersions(b.version, a.version))]),
  );
  return toYaml({ apiVersion: 'v1', entries: sorted, generated: generated.toISOString() });
}

function fileName(chart: PackagedChart): string {
  return `${chart.name}-${chart.version}.tgz`;
}

/** SemVer precedence, enough for index ordering: numeric core, then a release above its pre-releases. */
function compareVersions(a: string, b: string): number {
  const split = (v: string): [number[], string] => {
    const [core = '', pre = ''] = v.replace(/^v/, '').split('+')[0]!.split(/-(.*)/s);
    return [core.split('.').map(Number), pre];
  };
  const [ca, pa] = split(a);
  const [cb, pb] = split(b);
  for (let i = 0; i < 3; i++) {
    const d = (ca[i] ?? 0) - (cb[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa === pb) return 0;
  if (pa === '') return 1;
  if (pb === '') return -1;
  return pa < pb ? -1 : 1;
}

/** The implementation behind `typekro/testing`'s startChartRepository (src/testing/cluster-lazy.ts documents it). */
export async function startChartRepository(options: ChartRepositoryOptions): Promise<ChartRepository> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new TypeKroError('ENVIRONMENT', `startChartRepository: host must be 127.0.0.1, got ${String(host)}`);
  const dir = mkdtempSync(join(tmpdir(), 'typekro-charts-'));
  let server: Server | undefined;
  try {
    const charts: PackagedChart[] = [];
    const files = new Map<string, Buffer>();
    for (const chartDir of options.charts) {
      const chart = await packageChart(chartDir, dir);
      const name = fileName(chart);
      if (files.has(name)) throw new TypeKroError('ENVIRONMENT', `startChartRepository: two charts package to ${name} (${chartDir})`);
      charts.push(chart);
      files.set(name, readFileSync(chart.file));
    }
    const requests: string[] = [];
    let index = '';
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      requests.push(path);
      const body = req.method !== 'GET' && req.method !== 'HEAD' ? undefined : path === '/index.yaml' ? index : files.get(path.slice(1));
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`404 page not found: ${path}\n`);
        return;
      }
      const type = path === '/index.yaml' ? 'application/x-yaml' : 'application/gzip';
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    const listening = server;
    await new Promise<void>((done, fail) => {
      listening.once('error', fail);
      listening.listen(0, host, () => {
        listening.off('error', fail);
        done();
      });
    });
    const url = `http://${host}:${(server.address() as AddressInfo).port}`;
    index = repositoryIndex(charts, url);
    writeFileSync(join(dir, 'index.yaml'), index);
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopped ??= new Promise<void>((done) => {
        listening.close(() => done());
        listening.closeAllConnections();
      }).finally(() => rmSync(dir, { recursive: true, force: true })));
    return { url, charts, requests, stop };
  } catch (error) {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
