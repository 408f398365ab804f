import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { parse } from 'yaml';
import { kroChartDir } from './kro-chart.js';
import { packageChart } from './package.js';
import { startChartRepository } from './repository.js';

const fixtures = new URL('../../../test/fixtures/charts/', import.meta.url).pathname;
const hello = join(fixtures, 'hello');

/** Entries of a .tgz: name -> content. */
async function untar(tgz: Buffer): Promise<Map<string, { data: Buffer; mtime: Date; mode: number }>> {
  const out = new Map<string, { data: Buffer; mtime: Date; mode: number }>();
  const ex = extract();
  ex.end(gunzipSync(tgz));
  for await (const entry of ex) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(Buffer.from(c as Uint8Array));
    out.set(entry.header.name, { data: Buffer.concat(chunks), mtime: entry.header.mtime, mode: entry.header.mode });
  }
  return out;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('packageChart', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'typekro-charts-test-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('packages hello with the layout of helm package', async () => {
    const chart = await packageChart(hello, join(tmp, 'a'));
    assert.equal(chart.name, 'hello');
    assert.equal(chart.version, '0.1.0');
    assert.equal(chart.appVersion, '1.27');
    assert.match(chart.description ?? '', /fixture/);
    assert.equal(chart.file, join(tmp, 'a', 'hello-0.1.0.tgz'));
    assert.ok(!Number.isNaN(Date.parse(chart.created)));
    const tgz = readFileSync(chart.file);
    assert.equal(chart.digest, sha256(tgz));
    assert.match(chart.digest, /^[0-9a-f]{64}$/);
    const entries = await untar(tgz);
    assert.deepEqual(
      [...entries.keys()],
      ['hello/Chart.yaml', 'hello/templates/configmap.yaml', 'hello/templates/deployment.yaml', 'hello/values.schema.json', 'hello/values.yaml'],
    );
    assert.deepEqual(entries.get('hello/values.yaml')?.data, readFileSync(join(hello, 'values.yaml')));
    for (const e of entries.values()) {
      assert.equal(e.mode, 0o644);
      assert.equal(e.mtime.toISOString(), '2000-01-01T00:00:00.000Z');
    }
  });

  it('is deterministic: same bytes from another directory and another time', async () => {
    const first = await packageChart(hello, join(tmp, 'b'));
    const copy = join(tmp, 'copy', 'renamed-dir');
    cpSync(hello, copy, { recursive: true });
    const second = await packageChart(copy, join(tmp, 'c'));
    assert.equal(second.digest, first.digest);
    assert.deepEqual(readFileSync(second.file), readFileSync(first.file));
  });

  it('honours .helmignore and skips dot files in templates/', async () => {
    const dir = join(tmp, 'ignored');
    cpSync(hello, dir, { recursive: true });
    writeFileSync(join(dir, '.helmignore'), '# comment\n*.bak\nnotes/\n');
    writeFileSync(join(dir, 'values.yaml.bak'), 'x');
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.txt'), 'x');
    writeFileSync(join(dir, 'templates', '.hidden.yaml'), 'x');
    mkdirSync(join(dir, 'crds'));
    writeFileSync(join(dir, 'crds', 'crd.yaml'), 'kind: CustomResourceDefinition\n');
    const names = [...(await untar(readFileSync((await packageChart(dir, join(tmp, 'd'))).file))).keys()];
    assert.ok(names.includes('hello/crds/crd.yaml'));
    assert.ok(names.includes('hello/.helmignore'));
    assert.ok(!names.some((n) => n.endsWith('.bak') || n.includes('notes') || n.includes('.hidden')), names.join(', '));
  });

  it('names the file and the field when Chart.yaml is wrong', async () => {
    const write = (name: string, content: string | undefined): string => {
      const dir = join(tmp, 'bad', name);
      mkdirSync(dir, { recursive: true });
      if (content !== undefined) writeFileSync(join(dir, 'Chart.yaml'), content);
      return dir;
    };
    const cases: [string, string | undefined, RegExp][] = [
      ['missing', undefined, /missing[/\\]Chart\.yaml: not found/],
      ['v1', 'apiVersion: v1\nname: x\nversion: 1.0.0\n', /v1[/\\]Chart\.yaml: field "apiVersion" must be v2/],
      ['noapi', 'name: x\nversion: 1.0.0\n', /noapi[/\\]Chart\.yaml: field "apiVersion" is required/],
      ['noname', 'apiVersion: v2\nversion: 1.0.0\n', /noname[/\\]Chart\.yaml: field "name" is required/],
      ['nover', 'apiVersion: v2\nname: x\n', /nover[/\\]Chart\.yaml: field "version" is required/],
      ['badver', 'apiVersion: v2\nname: x\nversion: latest\n', /badver[/\\]Chart\.yaml: field "version" must be a SemVer/],
      ['numver', 'apiVersion: v2\nname: x\nversion: 1.0\n', /numver[/\\]Chart\.yaml: field "version" must be a string/],
      ['yaml', 'apiVersion: [v2\n', /yaml[/\\]Chart\.yaml: invalid YAML/],
      ['list', '- a\n', /list[/\\]Chart\.yaml: expected a mapping/],
    ];
    for (const [name, content, message] of cases) {
      await assert.rejects(packageChart(write(name, content), join(tmp, 'out')), message, name);
    }
  });

  it("packages KRO's chart from the Go module cache", async () => {
    const dir = await kroChartDir();
    assert.match(dir, /github\.com[/\\]kubernetes-sigs[/\\]kro@v[^/\\]+[/\\]helm$/);
    const chart = await packageChart(dir, join(tmp, 'kro'));
    assert.equal(chart.name, 'kro');
    const entries = await untar(readFileSync(chart.file));
    const meta = parse(entries.get('kro/Chart.yaml')?.data.toString('utf8') ?? '') as { name?: string };
    assert.equal(meta.name, 'kro');
    assert.ok([...entries.keys()].some((n) => n.startsWith('kro/crds/')), 'CRDs are packaged');
    assert.ok([...entries.keys()].some((n) => n.startsWith('kro/templates/')), 'templates are packaged');
    assert.ok([...entries.keys()].every((n) => n.startsWith('kro/')));
  });
});

describe('startChartRepository', () => {
  it('serves index.yaml and the charts, 404 otherwise, and frees the port on stop', async () => {
    const repo = await startChartRepository({ charts: [hello, join(fixtures, 'broken-template')] });
    let stopped = false;
    try {
      assert.match(repo.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(repo.charts.map((c) => c.name), ['hello', 'broken-template']);

      const res = await fetch(`${repo.url}/index.yaml`);
      assert.equal(res.status, 200);
      const index = parse(await res.text()) as {
        apiVersion: string;
        generated: string;
        entries: Record<string, { apiVersion: string; name: string; version: string; digest: string; urls: string[]; created: string }[]>;
      };
      assert.equal(index.apiVersion, 'v1');
      assert.ok(!Number.isNaN(Date.parse(index.generated)));
      assert.deepEqual(Object.keys(index.entries), ['broken-template', 'hello']);
      const [entry] = index.entries.hello ?? [];
      assert.ok(entry);
      assert.equal(entry.apiVersion, 'v2');
      assert.equal(entry.name, 'hello');
      assert.equal(entry.version, '0.1.0');
      assert.deepEqual(entry.urls, [`${repo.url}/hello-0.1.0.tgz`]);

      const tgz = await fetch(entry.urls[0] ?? '');
      assert.equal(tgz.status, 200);
      assert.equal(tgz.headers.get('content-type'), 'application/gzip');
      assert.equal(sha256(Buffer.from(await tgz.arrayBuffer())), entry.digest);
      assert.equal(entry.digest, repo.charts[0]?.digest);

      for (const path of ['/nope.tgz', '/', '/../index.yaml.bak', '/hello-0.1.0.tgz/x']) {
        const r = await fetch(`${repo.url}${path}`);
        assert.equal(r.status, 404, path);
        await r.body?.cancel();
      }
      assert.deepEqual(repo.requests.slice(0, 2), ['/index.yaml', '/hello-0.1.0.tgz']);
      assert.equal(repo.requests.length, 6);

      const port = Number(new URL(repo.url).port);
      await repo.stop();
      stopped = true;
      await repo.stop(); // idempotent
      await assert.rejects(fetch(`${repo.url}/index.yaml`));
      await new Promise<void>((done, fail) => {
        const probe = createServer().once('error', fail);
        probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
      });
      assert.throws(() => readFileSync(repo.charts[0]?.file ?? ''), /ENOENT/);
    } finally {
      if (!stopped) await repo.stop();
    }
  });

  it('rejects a directory without a Chart.yaml', async () => {
    await assert.rejects(startChartRepository({ charts: [join(fixtures, 'does-not-exist')] }), /Chart\.yaml: not found/);
  });
});
