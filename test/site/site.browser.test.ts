/**
 * The documentation site in a real browser: `npm run docs:build`, the output served on 127.0.0.1, Debian's
 * headless Chromium (playwright-core). Every page loads without console errors, every internal link reaches a
 * page (and its #anchor), the local search finds a known term, code blocks are highlighted, and the home page and
 * one guide page are photographed at desktop and phone widths into test/site/screenshots/ (git-ignored) for
 * review. Needs Chromium (see site.ts); named *.browser.test.ts, so `npm test` runs it and `npm run test:unit`
 * does not.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildSite, chromiumPath, root, serve, sitePaths, type StaticSite } from './site.js';

const SCREENSHOTS = join(root, 'test', 'site', 'screenshots');
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

interface Visit {
  readonly errors: string[];
  /** Same-origin links: pathname and hash, as the page's anchors resolve them. */
  readonly links: { href: string; path: string; hash: string }[];
  readonly ids: Set<string>;
}

/** Opens `path`, waits for the page to settle, and records console errors, links and element ids. */
async function visit(browser: Browser, base: string, path: string): Promise<Visit> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? ''})`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    // in the page: `href` is the resolved URL, the attribute what the author wrote
    const anchors = await page.locator('a[href]').evaluateAll((as: { href: string; getAttribute(name: string): string | null }[]) => as.map((a) => [a.getAttribute('href') ?? '', a.href]));
    const ids = await page.locator('[id]').evaluateAll((es: { id: string }[]) => es.map((e) => e.id));
    const links = anchors
      .map(([href = '', resolved = '']) => ({ href, url: new URL(resolved) }))
      .filter(({ url }) => url.origin === new URL(base).origin)
      .map(({ href, url }) => ({ href, path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) }));
    return { errors, links, ids: new Set(ids) };
  } finally {
    await page.close();
  }
}

/** The page a link path lands on, as served: `/api/` and `/api/index.html` are one page. */
const pageOf = (path: string): string => path.replace(/(^|\/)index\.html$/, '$1');

describe('the documentation site in Chromium', () => {
  let browser: Browser;
  let site: StaticSite;
  let outDir: string;
  let paths: string[];
  const visits = new Map<string, Visit>();

  before(async () => {
    const executablePath = chromiumPath();
    outDir = mkdtempSync(join(tmpdir(), 'typekro-site-'));
    await buildSite(outDir);
    paths = sitePaths(outDir);
    site = await serve(outDir);
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
    for (const path of paths) visits.set(path, await visit(browser, site.url, path));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('has every page of the guide and the API reference', () => {
    for (const path of ['/', '/guide/getting-started.html', '/guide/cli.html', '/guide/troubleshooting.html', '/api/typekro/', '/api/typekro/simple.html', '/api/typekro/testing.html', '/architecture.html', '/migrating-from-typekro.html']) {
      assert.ok(paths.includes(path), `${path} was not built (built: ${paths.join(', ')})`);
    }
  });

  it('loads every page without console errors or failed requests', () => {
    const problems = [...visits].flatMap(([path, v]) => v.errors.map((e) => `${path}: ${e}`));
    assert.deepEqual(problems, []);
  });

  it('has no broken internal link or anchor', () => {
    const broken: string[] = [];
    for (const [from, v] of visits) {
      for (const link of v.links) {
        const target = visits.get(pageOf(link.path));
        if (!target) broken.push(`${from}: ${link.href} (no such page)`);
        else if (link.hash && !target.ids.has(link.hash)) broken.push(`${from}: ${link.href} (no #${link.hash} on ${pageOf(link.path)})`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok([...visits.values()].reduce((n, v) => n + v.links.length, 0) > 100, 'the pages hold their sidebar and navigation links');
  });

  it('finds a known term with the local search', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
      await page.locator('.VPNavBarSearch button').first().click();
      await page.locator('.VPLocalSearchBox input').fill('includeWhen');
      const results = page.locator('.VPLocalSearchBox .results .result');
      await results.first().waitFor({ timeout: 15_000 });
      // The API reference matches too and may rank first: the term must (also) lead to a guide page.
      const links = await results.evaluateAll((elements) => elements.map((element) => element.closest('a')?.getAttribute('href') ?? element.querySelector('a')?.getAttribute('href') ?? ''));
      assert.ok(links.some((href) => href.includes('/guide/')), `search results for includeWhen: ${links.join(' | ')}`);
      await page.locator('.VPLocalSearchBox input').fill('qqqxyznothing');
      await page.locator('.VPLocalSearchBox .no-results').waitFor({ timeout: 15_000 });
    } finally {
      await page.close();
    }
  });

  it('highlights code blocks', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${site.url}/guide/getting-started.html`, { waitUntil: 'networkidle' });
      type Styled = { ownerDocument: { defaultView: { getComputedStyle(e: Styled): { color: string } } } };
      const colors = await page.locator('div.language-ts pre code span').evaluateAll((spans: Styled[]) => [...new Set(spans.map((s) => s.ownerDocument.defaultView.getComputedStyle(s).color))]);
      assert.ok(colors.length >= 4, `a TypeScript block in at least four colours, got ${colors.join(', ')}`);
    } finally {
      await page.close();
    }
  });

  it('photographs the home page and a guide page at desktop and phone widths', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page: Page = await browser.newPage({ viewport });
      try {
        for (const [slug, path] of [['home', '/'], ['getting-started', '/guide/getting-started.html']] as const) {
          await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
          const file = join(SCREENSHOTS, `${slug}-${name}.png`);
          const png = await page.screenshot({ path: file, fullPage: false });
          assert.ok(png.length > 10_000, `${file}: ${png.length} bytes, an empty page?`);
        }
      } finally {
        await page.close();
      }
    }
  });
});
