#!/usr/bin/env node
// The documentation site (docs/, VitePress). `npm run docs:build` and `npm run docs:dev` run this script:
//   1. the API reference: TypeDoc with typedoc-plugin-markdown renders the TSDoc of the three entry points
//      (typekro, typekro/simple, typekro/testing) into docs/api/ (generated, git-ignored), one page per entry
//      point: a page per symbol would be hundreds of pages and most of the build time;
//   2. `build`: VitePress renders docs/ into docs/.vitepress/dist (or the directory given by --out);
//      `dev`: the VitePress dev server for writers, reloading on every edit (TypeDoc runs once at start).
// Usage: node scripts/docs-build.mjs build [--out DIR] | dev [--port N]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, LogLevel } from 'typedoc';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = join(root, 'docs');
const [mode = 'build', ...rest] = process.argv.slice(2);
const option = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const log = (line) => process.stderr.write(`[docs] ${line}\n`);

if (mode !== 'build' && mode !== 'dev') {
  process.stderr.write(`usage: node scripts/docs-build.mjs build [--out DIR] | dev [--port N] (got '${mode}')\n`);
  process.exit(2);
}

const MODULE_NAMES = { index: 'typekro', simple: 'typekro/simple', testing: 'typekro/testing' };

/** TypeDoc over the public entry points into docs/api; fails on a TSDoc warning (a broken {@link}, ...). */
async function apiReference() {
  const t0 = performance.now();
  rmSync(join(docs, 'api'), { recursive: true, force: true });
  const app = await Application.bootstrapWithPlugins({
    entryPoints: ['src/index.ts', 'src/simple.ts', 'src/testing/index.ts'],
    tsconfig: join(root, 'tsconfig.build.json'),
    plugin: ['typedoc-plugin-markdown'],
    out: join(docs, 'api'),
    readme: 'none',
    name: 'API reference',
    entryFileName: 'index',
    outputFileStrategy: 'modules',
    // `npm run typecheck` checks the sources; TypeDoc only reads their types
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    disableSources: true,
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: false,
    // the Kubernetes model's comments hold '<name>' and '{...}', which Vue would read as markup
    sanitizeComments: true,
    // explicit <a id> anchors: TypeDoc's links use its own slugs (ERROR_CODES -> #error_codes), not VitePress's
    useHTMLAnchors: true,
    // a simple factory's config would otherwise expand every Kubernetes type it reaches, field by field
    maxTypeConversionDepth: 2,
    logLevel: LogLevel.Warn,
    treatWarningsAsErrors: true,
  });
  // modules are named as users import them (TypeDoc would call them index, simple, testing)
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) module.name = MODULE_NAMES[module.name] ?? module.name;
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the entry points (see the messages above)');
  await app.generateOutputs(project);
  log(`API reference: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await apiReference();
const vitepress = await import('vitepress');
if (mode === 'build') {
  const t0 = performance.now();
  const outDir = option('--out');
  await vitepress.build(docs, outDir ? { outDir } : {});
  log(`site: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else {
  const server = await vitepress.createServer(docs, { port: Number(option('--port') ?? 5173) });
  await server.listen();
  server.printUrls();
}
