/**
 * Issue 10, point 4: each source file is parsed once per process, however many compositions it defines and
 * however often they are defined and rendered, and parsed again only when its content changes. Counted at
 * the parser itself: TypeKro requires @babel/parser (CommonJS) through Node's require cache, so the module
 * object this test wraps is the one analysis/source.ts calls.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(here, '.tmp-parse-once-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Parser = { parse: (code: string, options?: { sourceFilename?: string }) => unknown };
const parser = createRequire(import.meta.url)('@babel/parser') as Parser;

/** Runs `body` with the parser wrapped; how many times it parsed `file`. */
async function parsesOf(file: string, body: () => Promise<void>): Promise<number> {
  const original = parser.parse;
  let count = 0;
  parser.parse = (code, options) => {
    if (options?.sourceFilename === file) count++;
    return original(code, options);
  };
  try {
    await body();
  } finally {
    parser.parse = original;
  }
  return count;
}

/** A module with two compositions, defined on demand (`define(i)`), their image chosen by `image`. */
function write(file: string, image: string): void {
  writeFileSync(
    file,
    `import { type } from 'arktype';\n` +
      `import { kubernetesComposition } from '../../../src/index.js';\n` +
      `import { Deployment } from '../../../src/simple.js';\n` +
      `const definition = (i: number) => ({ name: \`once-\${i}\`, kind: \`Once\${i}\`, spec: type({ prod: 'boolean' }), status: type({ ready: 'boolean' }) });\n` +
      `export const define = (i: number) => kubernetesComposition(definition(i), (spec) => { const web = Deployment({ name: 'web', image: ${image} }); return { ready: web.status.readyReplicas > 0 }; });\n` +
      `export const other = (i: number) => kubernetesComposition(definition(i), (spec) => ({ ready: spec.prod }));\n`,
  );
}

type Module = { define(i: number): { toYaml(): string }; other(i: number): { toYaml(): string } };

test('a source file is parsed once for every composition it defines, and again only when it changes', async () => {
  const file = join(dir, 'app.ts');
  write(file, `spec.prod ? 'a' : 'b'`);
  let module = (await import(`${pathToFileURL(file).href}?v=1`)) as Module;
  const first = await parsesOf(file, async () => {
    for (let i = 0; i < 5; i++) {
      assert.match(module.define(i).toYaml(), /"a" : "b"/);
      module.other(i).toYaml();
    }
  });
  assert.equal(first, 1, 'ten definitions from one unchanged file parse it once');

  write(file, `spec.prod ? 'c' : 'd'`);
  module = (await import(`${pathToFileURL(file).href}?v=2`)) as Module;
  const edited = await parsesOf(file, async () => {
    for (let i = 0; i < 3; i++) assert.match(module.define(i).toYaml(), /"c" : "d"/);
  });
  assert.equal(edited, 1, 'the edited file is parsed again, once');
});
