/**
 * Helpers imported through aliases of the user's own files (trial 8 T11) are followed to the file JavaScript
 * ran: a tsconfig `paths` alias (declared in the tsconfig the nearest one extends) and package.json `imports`
 * subpaths (a `*` pattern, and an entry chosen by condition, with a decoy under the conditions an ES module
 * does not use). The fixture is a project of its own (fixtures/aliases: package.json, tsconfig.json), loaded
 * the way the CLI loads a file: through tsx with the project's tsconfig. What the aliased helpers compute from
 * references compiles and agrees with JavaScript; an alias TypeKro cannot see (declared only in another
 * tsconfig the program was run with) is refused with the specifier and the way out, and a real package keeps
 * its message.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { resolveModuleName } from '../../src/analysis/modules.js';
import type { Composition } from '../../src/index.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';
import { typecheckProject } from '../support/typecheck.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures', 'aliases');

/** The named files of the fixture, imported through tsx with `tsconfig` (as `typekro render --tsconfig` does). */
async function load<T>(tsconfig: string, ...files: string[]): Promise<T[]> {
  const unregister = register({ tsconfig: join(fixture, tsconfig) });
  try {
    return (await Promise.all(files.map((file) => import(pathToFileURL(join(fixture, file)).href)))) as T[];
  } finally {
    await unregister();
  }
}

/** Refusals of a fixture file: its messages with the file written `<this file>` and the fixture `<fixture>`. */
function refusalsOf(file: string): { refusal(define: () => unknown): string; at(anchor: string, construct: string): string } {
  const { definitionError, at } = refusalsIn(join(fixture, file));
  return { refusal: (define) => definitionError(define).split(fixture).join('<fixture>'), at };
}

type App = { app: Composition<never, unknown> };

test('the fixture is a valid TypeScript project', () => {
  // tsconfig.other.json has every alias and includes every file (tsconfig.json has the apps' aliases only).
  const { errors, checked } = typecheckProject(join(fixture, 'tsconfig.other.json'), fixture);
  assert.deepEqual(errors.map((e) => e.line), []);
  assert.deepEqual(checked.filter((file) => file.startsWith('src/app/') || file.startsWith('src/other/')).sort(), ['src/app/app_h.ts', 'src/app/app_p.ts', 'src/other/app_gen.ts', 'src/other/app_hash.ts']);
});

test('helpers through a tsconfig `paths` alias and package.json `imports` compile and agree with JavaScript', async () => {
  const [paths, imports] = await load<App>('tsconfig.json', 'src/app/app_p.ts', 'src/app/app_h.ts');
  const spec = { name: 'web', version: 'v2', prod: true };
  for (const [name, { app }] of Object.entries({ paths: paths!, imports: imports! })) {
    const report = runCase(name, { composition: app, spec });
    assert.ok(report.evaluations >= 6, `${name}: only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), [], name);
  }
  const image = '      image: registry.acme.io/${schema.spec.name}:${schema.spec.?version.orValue("latest")}\n';
  assert.ok(paths!.app.toYaml().includes(image));
  assert.ok(paths!.app.toYaml().includes('      replicas: "${(schema.spec.prod ? 3 : 1) + web.?status.?readyReplicas.orValue(0)}"\n'));
  // `#tiers` under the `import` condition: the file an ES module loads, not the decoy under `require`/`default`.
  assert.ok(imports!.app.toYaml().includes(image));
  assert.ok(imports!.app.toYaml().includes(`      tier: '\${!schema.spec.prod ? schema.spec.name + "-gold" : schema.spec.name + "-bronze"}'\n`));
});

test('an alias declared only in the tsconfig the program ran with (not the nearest) is refused, naming it and the way out', async () => {
  const [gen, hash] = await load<{ helper: () => unknown; named?: () => unknown }>('tsconfig.other.json', 'src/other/app_gen.ts', 'src/other/app_hash.ts');
  const G = refusalsOf('src/other/app_gen.ts');
  assert.equal(
    G.refusal(gen!.helper),
    `${G.at('Deployment(', 'imageFor(')}: \`imageFor(...)\` is imported from "@gen/naming.js", which is neither a \`paths\` alias of the tsconfig.json nearest to this file nor an installed package, so TypeKro cannot tell which file JavaScript ran\n` +
      '    imageFor(spec.name, spec.version)\n' +
      "  hint: import the helper with a relative path (import { imageFor } from './...'), or declare the alias in that tsconfig.json",
  );
  assert.equal(
    G.refusal(gen!.named!),
    `${G.at('export const named', 'kubernetesComposition(')}: TypeKro cannot read the source of the composition function: "imageBody" is imported from "@gen/bodies.js", which is neither a \`paths\` alias of the tsconfig.json nearest to this file nor an installed package, so TypeKro cannot tell which file JavaScript ran; import it with a relative path, or declare the alias in that tsconfig.json. ` +
      'It compiles the function from its source, so write it inline, as a function declared in the same file, or import it by name from a local source file.',
  );
  const H = refusalsOf('src/other/app_hash.ts');
  assert.equal(
    H.refusal(hash!.helper),
    `${H.at('Deployment(', 'imageFor(')}: \`imageFor(...)\` cannot be compiled: "#gen/naming.js" imported by <this file> is neither a \`paths\` alias of the tsconfig.json nearest to that file nor an entry of the "imports" of <fixture>/package.json for the conditions Node runs it with, so TypeKro cannot tell which file JavaScript ran; import the helper with a relative path instead\n` +
      '    imageFor(spec.name, spec.version)\n' +
      '  hint: import the helper from a local source file that exports it (by name, as default, through a namespace or a re-export), or compute the value in the composition',
  );
});

test('an alias into node_modules, an `imports` entry naming a package and a real package stay packages; the package\'s own name is its file', () => {
  const dir = mkdtempSync(join(here, '.tmp-aliases-'));
  try {
    mkdirSync(join(dir, 'node_modules', 'vendor'), { recursive: true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'node_modules', 'vendor', 'fmt.js'), 'export const fmt = (s) => s;\n');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { '@vendor/*': ['./node_modules/vendor/*'] } } }));
    const exports = { './own': './src/own.ts', './lost': './src/lost.js' };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'aliases-tmp', type: 'module', exports, imports: { '#fmt': 'vendor/fmt.js', '#gone': './src/gone.js' } }));
    writeFileSync(join(dir, 'src', 'own.ts'), 'export const own = (s: string) => s;\n');
    const main = join(dir, 'src', 'main.ts');
    writeFileSync(
      main,
      `import { fmt } from '@vendor/fmt.js';\nimport { fmt as f2 } from '#fmt';\nimport { gone } from '#gone';\nimport { type } from 'arktype';\n` +
        `import { own } from 'aliases-tmp/own';\nimport { lost } from 'aliases-tmp/lost';\nimport { hidden } from 'aliases-tmp/hidden';\n`,
    );
    assert.deepEqual(resolveModuleName(main, 'fmt'), { kind: 'package', source: '@vendor/fmt.js', typekro: false, imported: 'fmt' });
    assert.deepEqual(resolveModuleName(main, 'f2'), { kind: 'package', source: 'vendor/fmt.js', typekro: false, imported: 'fmt' });
    assert.throws(() => resolveModuleName(main, 'gone'), {
      message: `"#gone" imported by ${main} maps to "./src/gone.js" in the "imports" of ${join(dir, 'package.json')}, and no such source file exists, so TypeKro cannot tell which file JavaScript ran; import the helper with a relative path instead`,
    });
    // The package's own name (Node's self-reference) leads through its "exports" to its own file.
    assert.deepEqual(resolveModuleName(main, 'own'), { kind: 'declared', file: join(dir, 'src', 'own.ts'), name: 'own' });
    assert.throws(() => resolveModuleName(main, 'lost'), {
      message: `"aliases-tmp/lost" imported by ${main} names the package the file belongs to, which maps to "./src/lost.js" in the "exports" of ${join(dir, 'package.json')}, and no such source file exists, so TypeKro cannot tell which file JavaScript ran; import the helper with a relative path instead`,
    });
    assert.throws(() => resolveModuleName(main, 'hidden'), {
      message: `"aliases-tmp/hidden" imported by ${main} names the package the file belongs to, which has no entry for it in the "exports" of ${join(dir, 'package.json')}, so TypeKro cannot tell which file JavaScript ran; import the helper with a relative path instead`,
    });
    // arktype is installed above the directory (the repository's node_modules): a package, as before.
    assert.deepEqual(resolveModuleName(main, 'type'), { kind: 'package', source: 'arktype', typekro: false, imported: 'type' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a TypeScript file importing `./tag.js` next to a compiled tag.js reads tag.ts, the file tsx runs', async () => {
  const dir = mkdtempSync(join(here, '.tmp-aliases-'));
  try {
    writeFileSync(join(dir, 'tag.ts'), `export const tag = (s: string) => \`\${s}-ts\`;\n`);
    writeFileSync(join(dir, 'tag.js'), 'export const tag = (s) => `${s}-js`;\n');
    writeFileSync(join(dir, 'plain.js'), `import { tag } from './tag.js';\nexport const twice = (s) => tag(tag(s));\n`);
    const file = join(dir, 'app.ts');
    writeFileSync(
      file,
      `import { type } from 'arktype';\nimport { tag } from './tag.js';\nimport { kubernetesComposition } from '../../../src/index.js';\nimport { ConfigMap } from '../../../src/simple.js';\n` +
        `export const app = kubernetesComposition({ name: 'tags', apiVersion: 'alias.typekro.dev/v1alpha1', kind: 'Tags', spec: type({ a: 'string' }), status: type({ b: 'string' }) }, (spec) => {\n` +
        `  ConfigMap({ name: tag(spec.a), data: { t: tag('x') } });\n  return { b: tag(spec.a) };\n});\n`,
    );
    assert.deepEqual(resolveModuleName(file, 'tag'), { kind: 'declared', file: join(dir, 'tag.ts'), name: 'tag' });
    // A JavaScript importer gets the file it names (Node finds it before tsx tries anything else).
    assert.deepEqual(resolveModuleName(join(dir, 'plain.js'), 'tag'), { kind: 'declared', file: join(dir, 'tag.js'), name: 'tag' });
    const { app } = (await import(pathToFileURL(file).href)) as App;
    const report = runCase('tags', { composition: app, spec: { a: 'web' } });
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}): ${f.detail}`), []);
    assert.ok(app.toYaml().includes('      b: ${schema.spec.a}-ts\n'), app.toYaml());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a helper from a real package keeps its message', async () => {
  const dir = mkdtempSync(join(here, '.tmp-aliases-'));
  try {
    const file = join(dir, 'app.ts');
    writeFileSync(
      file,
      `import { type } from 'arktype';\nimport { stringify } from 'yaml';\nimport { kubernetesComposition } from '../../../src/index.js';\n` +
        `export const define = () => kubernetesComposition({ name: 'p', kind: 'P', spec: type({ a: 'string' }), status: type({ b: 'string' }) }, (spec) => ({\n` +
        `  b: stringify(spec.a),\n}));\n`,
    );
    const module = (await import(pathToFileURL(file).href)) as { define: () => unknown };
    const { refusal } = refusalsIn(file);
    assert.equal(
      refusal(module.define),
      '<this file>:5:6: `stringify(...)` comes from the package "yaml": its code runs in JavaScript only (TypeKro does not read it), so what it computes from a reference cannot be compiled to CEL\n' +
        '    stringify(spec.a)\n' +
        '  hint: compute the value in the composition or in a helper of your own source files (TypeKro reads those), or write Cel.expr(...)',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
