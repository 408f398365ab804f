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
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { typecheckProject } from '../support/typecheck.js';
import { planBuild } from '../../src/testing/cluster/build-plan.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The environment without npm's per-run variables (set when this runs under `npm test`). */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function run(command: string, args: readonly string[], cwd: string, allowFailure = false): { status: number; stdout: string; output: string } {
  const result = spawnSync(command, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`\`${command} ${args.join(' ')}\` could not run in ${cwd}: ${result.error.message}`);
  const status = result.status ?? 1;
  if (status !== 0 && !allowFailure) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${status}${result.signal ? `, ${result.signal}` : ''}):\n${output}`);
  }
  return { status, stdout: result.stdout ?? '', output };
}

/** `command args` in `cwd` without blocking this process (two installs run at once); fails with its full output. */
async function runAsync(command: string, args: readonly string[], cwd: string): Promise<void> {
  try {
    await promisify(execFile)(command, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (${String(code)}):\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

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

/** `page`'s relative Markdown links (outside code blocks) whose target is not in `files`, as `page -> target`. */
function brokenLinks(page: string, text: string, files: ReadonlySet<string>): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].flatMap(([, target]) => {
    if (/^[a-z][a-z+.-]*:|^#|^\//i.test(target!)) return [];
    const path = posix.normalize(posix.join(posix.dirname(page), target!.split('#')[0]!));
    return files.has(path) ? [] : [`${page} -> ${target}`];
  });
}

/** A new project with the tarball, the given arktype and TypeScript, as the README installs them. */
async function freshProject(work: string, name: string, tarball: string, arktype: string, typescript: string): Promise<string> {
  const app = join(work, name);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `typekro-${name}`, private: true, type: 'module' }, null, 2));
  await runAsync('npm', ['install', tarball, `arktype@${arktype}`, `typescript@${typescript}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  assert.ok(existsSync(join(app, 'node_modules/typekro/package.json')), `typekro is not in ${app} after npm install`);
  return app;
}

function installedVersion(app: string, name: string): string {
  return (JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The first ```ts block of README.md, read now so the test always checks what users read. */
function readmeExample(): string {
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(readFileSync(join(root, 'README.md'), 'utf8'));
  const example = block?.[1];
  if (!example?.includes('kubernetesComposition')) assert.fail('README.md has no first ```ts block with kubernetesComposition');
  return example;
}

/** A direct factory whose kubeconfig points at a closed local port: validation must fail before any request. */
const validateScript = `import { type } from 'arktype';
import { kubernetesComposition, SpecValidationError } from 'typekro';
import { Deployment } from 'typekro/simple';

const webapp = kubernetesComposition(
  { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
    return { ready: deployment.status.readyReplicas > 0 };
  },
);
const factory = webapp.factory('direct', { kubeconfig: process.argv[2], timeout: 60_000 });
async function outcome(spec) {
  try {
    await factory.deploy(spec);
    return { resolved: true };
  } catch (error) {
    return { name: error?.name, specValidationError: error instanceof SpecValidationError, message: String(error?.message) };
  }
}
console.log(JSON.stringify({ invalid: await outcome({ replicas: 'three' }), valid: await outcome({ replicas: 3 }) }));
`;

function kubeconfigFor(port: number): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster: { server: 'https://127.0.0.1:${port}', insecure-skip-tls-verify: true }
users:
- name: nobody
  user: { token: not-a-token }
contexts:
- name: nowhere
  context: { cluster: nowhere, user: nobody, namespace: default }
current-context: nowhere
`;
}

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

/** Every installed copy of a package under node_modules, nested ones included. */
function copiesOf(dir: string, name: string): string[] {
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return [];
  return readdirSync(modules).flatMap((entry) => {
    const packages = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((child) => join(modules, entry, child)) : [join(modules, entry)];
    return packages.flatMap((path) => {
      const manifest = join(path, 'package.json');
      const own = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name ? [path] : [];
      return [...own, ...copiesOf(path, name)];
    });
  });
}

async function checkUserProject(t: import('node:test').TestContext, app: string): Promise<void> {
  await t.test("the README's first example type-checks with the project's own tsc", () => {
    writeFileSync(join(app, 'readme.ts'), readmeExample());
    writeFileSync(join(app, 'tsconfig.readme.json'), JSON.stringify({
      // skipLibCheck as `tsc --init` sets it: other packages' declarations are not ours to fix (TypeKro's own are
      // checked with it off above).
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true },
      files: ['readme.ts'],
    }, null, 2));
    const started = performance.now();
    const { status, output } = run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.readme.json', '--pretty', 'false'], app, true);
    t.diagnostic(`tsc ${installedVersion(app, 'typescript')} with arktype ${installedVersion(app, 'arktype')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(status, 0, `the README example does not type-check:\n${output}`);
  });

  await t.test('deploy({ replicas: \'three\' }) is a SpecValidationError naming spec.replicas, before any network call', async () => {
    const port = await closedPort();
    writeFileSync(join(app, 'kubeconfig.yaml'), kubeconfigFor(port));
    writeFileSync(join(app, 'validate.mjs'), validateScript);
    const stdout = run(process.execPath, ['validate.mjs', 'kubeconfig.yaml'], app).stdout;
    const { invalid, valid } = JSON.parse(stdout) as Record<'invalid' | 'valid', { name?: string; specValidationError?: boolean; message?: string }>;
    assert.equal(invalid.specValidationError, true, `not a SpecValidationError: ${stdout}`);
    assert.match(invalid.message ?? '', /spec\.replicas must be a number \(was a string\)/);
    // The same factory with a valid spec does go to the network: the kubeconfig is live, so the rejection above came first.
    assert.equal(valid.name, 'KubeApiError', `a valid spec did not reach for the cluster: ${stdout}`);
    assert.match(valid.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  await t.test('the project holds exactly one arktype', () => {
    const copies = copiesOf(app, 'arktype').map((path) => relative(app, path));
    // npm's account of why, asked only when there is something to explain
    if (copies.length !== 1 || copies[0] !== 'node_modules/arktype') assert.fail(`arktype is installed at ${copies.join(', ')}:\n${run('npm', ['ls', 'arktype', '--all'], app, true).output}`);
  });
}
