/**
 * The package as users get it: build, `npm pack`, install the tarball into a fresh project, run the seed
 * example with plain Node, and type-check a TypeScript version of it against the package's own
 * declarations (resolved through the `exports` map). Every step fails loudly with its full output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

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

/** The seed example, exactly as in the README, as plain JavaScript. */
const seed = `import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { Deployment, Service } from 'typekro/simple';

const webapp = kubernetesComposition(
  {
    name: 'webapp',
    apiVersion: 'example.com/v1',
    kind: 'WebApp',
    spec: type({ replicas: 'number' }),
    status: type({ ready: 'boolean' })
  },
  (spec) => {
    const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
    const service = Service({ name: 'webapp-service', selector: { app: 'webapp' }, ports: [{ port: 80 }] });
    return {
      // Natural JavaScript - automatically converted to CEL
      ready: deployment.status.readyReplicas > 0
    };
  }
);
`;

/** The same seed in TypeScript, with the types the package must give it. */
const seedTs = `${seed}
export const yaml: string = webapp.toYaml();
export const instance: string = webapp.toYaml({ replicas: 3 });
`;

/** Errors the package's types must produce: a typo in a status field and a path outside the exports map. */
const typoTs = `import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { Deployment } from 'typekro/simple';
import type { Ref } from 'typekro/dist/model/types.js';

export type Unused = Ref<number>;
export const broken = kubernetesComposition(
  { name: 'broken', apiVersion: 'example.com/v1', kind: 'Broken', spec: type({ replicas: 'number' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const deployment = Deployment({ name: 'broken', image: 'nginx', replicas: spec.replicas });
    return { ready: deployment.status.readyReplica > 0 };
  },
);
`;

test('the packed package installs into a fresh project, runs the seed example and type-checks it', { timeout: 15 * 60_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'typekro-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

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
  const unexpected = [...files].filter((path) => path.startsWith('src/') || path.startsWith('test/') || /\.test\.(js|d\.ts)$/.test(path));
  assert.deepEqual(unexpected, [], 'sources and tests must not be packed');

  // 2. A fresh project that knows nothing of this repository.
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'typekro-pack-check', private: true, type: 'module' }, null, 2));
  run('npm', ['install', tarball, 'arktype@2.2.9', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  assert.ok(existsSync(join(app, 'node_modules/typekro/package.json')), 'typekro is not in the fresh project after npm install');

  await t.test('the seed example runs with plain node', () => {
    writeFileSync(join(app, 'index.mjs'), `${seed}\nconsole.log(webapp.toYaml());\n`);
    const yaml = run(process.execPath, ['index.mjs'], app).stdout;
    assert.match(yaml, /^kind: ResourceGraphDefinition$/m);
    assert.ok(yaml.includes('replicas: ${int(schema.spec.replicas)}'), `no replicas expression in:\n${yaml}`);
    assert.match(yaml, /^ {4}status:\n {6}ready: \$\{.*readyReplicas.*> 0\}$/m, `no status ready expression in:\n${yaml}`);
  });

  await t.test('the TypeScript seed type-checks against the package types, and a typo does not', () => {
    writeFileSync(join(app, 'index.ts'), seedTs);
    writeFileSync(join(app, 'typo.ts'), typoTs);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false },
      files: ['index.ts', 'typo.ts'],
    }, null, 2));
    const { status, output } = run(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], app, true);
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    const ours = errors.filter((line) => line.startsWith('index.ts') || line.startsWith('node_modules/typekro/'));
    const foreign = errors.filter((line) => !line.startsWith('typo.ts') && !ours.includes(line));
    assert.deepEqual(ours, [], `the seed or the package's own declarations do not type-check:\n${output}`);
    assert.ok(errors.some((line) => line.startsWith('typo.ts') && /TS2551.*'readyReplica'.*'readyReplicas'/.test(line)), `the status typo was not caught; the types did not resolve:\n${output}`);
    assert.ok(errors.some((line) => line.startsWith('typo.ts') && /TS2307.*typekro\/dist\/model\/types\.js/.test(line)), `a path outside the exports map resolved:\n${output}`);
    assert.notEqual(status, 0);
    // With skipLibCheck off, other packages' declarations are checked too; show what they report.
    for (const line of foreign) t.diagnostic(`in a dependency's declarations (not TypeKro's): ${line}`);
  });
});
