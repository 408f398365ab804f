/**
 * The package as users get it: build, `npm pack`, install the tarball into a fresh project the way the README
 * says (`npm install typekro arktype`, with the newest arktype and TypeScript the registry offers), run the
 * seed example with plain Node, type-check it and the README's first example, check that a wrong spec is
 * rejected by validation (not by the network), and that the project holds one arktype. Then the same with
 * the oldest arktype of the peer range. Every step fails loudly with its full output. The two projects install
 * at once, from npm's cache where it has what they need (`--prefer-offline`); arktype and TypeScript are asked
 * of the registry first and installed at those exact versions, so they are the newest all the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { typecheckProject } from '../support/typecheck.js';
import { planBuild } from '../../src/testing/cluster/build-plan.js';
import { root, run, brokenLinks, freshProject, installedVersion } from './npm-project.js';
import { checkUserProject } from './user-project-checks.js';

/** The seed example, examples/webapp.ts without its export: plain JavaScript, and exactly as in the README. */
const seed = readFileSync(join(root, 'examples', 'webapp.ts'), 'utf8').replace(/\nexport default webapp;\n$/, '\n');
assert.ok(readFileSync(join(root, 'README.md'), 'utf8').includes(seed), 'the README shows examples/webapp.ts (without its export) as the seed example');

/** The same seed in TypeScript, with the types the package must give it. */
const seedTs = `${seed}
export const yaml: string = webapp.toYaml();
export const instance: string = webapp.toYaml({ replicas: 3 });
import { evaluateConcrete } from 'typekro/testing';
export const resources: number = evaluateConcrete(webapp, { replicas: 3 }).resources.length;
`;

/** Errors the package's types must produce: a typo in a status field and a path outside the exports map. */
const typoTs = `import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { Deployment } from 'typekro/simple';
import type { Ref } from 'typekro/dist/model/types.js';

export type Unused = Ref<number>;
export const broken = kubernetesComposition(
  { name: 'broken', apiVersion: 'example.com/v1', kind: 'Broken', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const deployment = Deployment({ name: 'broken', image: 'nginx', replicas: spec.replicas });
    return { ready: deployment.status.readyReplica > 0 };
  },
);
`;

test('the packed package installs into a fresh project, runs the seed example and type-checks it', { timeout: 15 * 60_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'typekro-pack-'));
  let installs: Promise<string>[] = [];
  t.after(async () => {
    // no install is left running into the removal, whichever step failed
    await Promise.allSettled(installs);
    rmSync(work, { recursive: true, force: true });
  });

  // 1. Build and pack exactly what `npm publish` would.
  run('npm', ['run', 'build'], root);
  assert.ok(existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'dist/index.d.ts')), 'npm run build did not produce dist/index.js and dist/index.d.ts');
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root).stdout) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = join(work, packed[0]!.filename);
  assert.ok(existsSync(tarball), `npm pack did not write ${tarball}`);
  const files = new Set(packed[0]!.files.map((f) => f.path));
  for (const required of ['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/simple.js', 'dist/simple.d.ts']) {
    assert.ok(files.has(required), `the tarball lacks ${required}`);
  }
  // `typekro cluster start` builds the control plane from the wrappers' Go files: every wrapper the build plan
  // reads ships whole (an installed package once lacked tools/cert-manager and could not start any cluster).
  for (const wrapper of Object.values(planBuild(join(root, 'tools')).wrappers)) {
    for (const file of readdirSync(wrapper).filter((name) => /^go\.(mod|sum)$|\.go$/.test(name))) {
      const path = relative(root, join(wrapper, file));
      assert.ok(files.has(path), `the tarball lacks ${path}: add it to package.json "files"`);
    }
  }
  const unexpected = [...files].filter((path) => path.startsWith('src/') || path.startsWith('test/') || /\.test\.(js|d\.ts)$/.test(path));
  assert.deepEqual(unexpected, [], 'sources and tests must not be packed');
  // The README (and the docs it links to) as npm shows and installs them: every relative link must reach a file
  // of the tarball (docs/*.md were once linked but not packed).
  const broken = [...files].filter((path) => path.endsWith('.md')).flatMap((page) => brokenLinks(page, readFileSync(join(root, page), 'utf8'), files));
  assert.ok(files.has('README.md') && broken.length === 0, `relative links to files the tarball lacks (add them to package.json "files", or link elsewhere):\n${broken.join('\n')}`);

  // 2. Two fresh projects that know nothing of this repository: the newest arktype (a peer dependency) and the
  // oldest the peer range allows, each with the newest TypeScript. Both install now; the checks wait for theirs.
  const latest = run('npm', ['view', 'arktype', 'version'], root).stdout.trim();
  const typescript = run('npm', ['view', 'typescript', 'version'], root).stdout.trim();
  const range = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> }).peerDependencies?.['arktype'];
  const oldest = /^\^(\d+\.\d+\.\d+)$/.exec(range ?? '')?.[1];
  assert.ok(oldest, `package.json must declare arktype as a peer dependency with a caret range like ^2.1.0, got ${String(range)}`);
  installs = [freshProject(work, 'app', tarball, latest, typescript), freshProject(work, 'app-oldest', tarball, oldest, typescript)];
  // a failure is reported where its project is awaited, not as an unhandled rejection while the other is checked
  for (const install of installs) install.catch(() => undefined);
  const app = await installs[0]!;
  assert.equal(installedVersion(app, 'arktype'), latest, `npm installed arktype ${installedVersion(app, 'arktype')}, the registry's newest is ${latest}`);
  assert.equal(installedVersion(app, 'typescript'), typescript);

  await t.test('the seed example runs with plain node', () => {
    writeFileSync(join(app, 'index.mjs'), `${seed}\nconsole.log(webapp.toYaml());\n`);
    const yaml = run(process.execPath, ['index.mjs'], app).stdout;
    assert.match(yaml, /^kind: ResourceGraphDefinition$/m);
    assert.ok(yaml.includes('replicas: ${schema.spec.replicas}'), `no replicas expression in:\n${yaml}`);
    assert.match(yaml, /^ {4}status:\n {6}ready: \$\{.*readyReplicas.*> 0\}$/m, `no status ready expression in:\n${yaml}`);
  });

  await t.test("typekro/testing has the test kit's evaluateConcrete, the very function typekro exports (trial 15 F3)", () => {
    writeFileSync(join(app, 'kit.mjs'), `${seed}\nimport * as root from 'typekro';\nimport { evaluateConcrete } from 'typekro/testing';\nconsole.log(evaluateConcrete === root.evaluateConcrete, evaluateConcrete(webapp, { replicas: 3 }).resources.length);\n`);
    assert.equal(run(process.execPath, ['kit.mjs'], app).stdout.trim(), 'true 2');
  });

  await t.test('require() loads the package where Node can require ES modules, and says what to change where it cannot', () => {
    writeFileSync(join(app, 'required.cjs'), "const { kubernetesComposition } = require('typekro');\nconst { Deployment } = require('typekro/simple');\nconsole.log(typeof kubernetesComposition, typeof Deployment);\n");
    assert.equal(run(process.execPath, ['required.cjs'], app).stdout.trim(), 'function function');
    // Node before 20.19 (here: with require(esm) turned off) cannot: Node's own message names the exports map.
    const old = run(process.execPath, ['--no-experimental-require-module', 'required.cjs'], app, true);
    assert.notEqual(old.status, 0);
    assert.match(old.output, /typekro is an ES module package and was loaded with require\(\).*npm pkg set type=module/);
  });

  await t.test('the TypeScript seed type-checks against the package types, and a typo does not', () => {
    writeFileSync(join(app, 'index.ts'), seedTs);
    writeFileSync(join(app, 'typo.ts'), typoTs);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false },
      files: ['index.ts', 'typo.ts'],
    }, null, 2));
    // With skipLibCheck off, as a user may have it: TypeKro's declarations are checked too (other packages'
    // declarations are not ours to fix, and are left out).
    const { errors: found, checked } = typecheckProject(join(app, 'tsconfig.json'), app, { alsoCheck: (file) => file.includes('/node_modules/typekro/') });
    assert.ok(checked.includes('node_modules/typekro/dist/index.d.ts'), `TypeKro's declarations were not checked: ${checked.join(', ')}`);
    const errors = found.map((e) => e.line);
    const output = errors.join('\n');
    const ours = errors.filter((line) => !line.startsWith('typo.ts'));
    assert.deepEqual(ours, [], `the seed or the package's own declarations do not type-check:\n${output}`);
    assert.ok(errors.some((line) => line.startsWith('typo.ts') && /TS2551.*'readyReplica'.*'readyReplicas'/.test(line)), `the status typo was not caught; the types did not resolve:\n${output}`);
    assert.ok(errors.some((line) => line.startsWith('typo.ts') && /TS2307.*typekro\/dist\/model\/types\.js/.test(line)), `a path outside the exports map resolved:\n${output}`);
  });

  await t.test(`with arktype ${latest}: the README example type-checks, a wrong spec is rejected, one arktype`, async (t) => {
    await checkUserProject(t, app);
  });

  // 3. The oldest arktype the peer range allows.
  await t.test(`with arktype ${oldest} (the oldest of the peer range ${range}): the same checks`, async (t) => {
    const oldApp = await installs[1]!;
    assert.equal(installedVersion(oldApp, 'arktype'), oldest);
    await checkUserProject(t, oldApp);
  });
});
