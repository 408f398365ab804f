/**
 * The CLI as users get it: the package built (`dist/`, as published) and installed in a project of their
 * own, whose composition imports `typekro` from node_modules, run through the package's `bin`. Everything
 * else in test/cli runs the source; this is the one test of the shipped artifact.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { root } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'typekro-installed-'));
const pkg = join(dir, 'typekro');
const project = join(dir, 'project');
const bin = join(pkg, 'dist', 'cli', 'main.js');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built package, installed in a project', () => {
  before(() => {
    // Built in a copy, as `npm run build` then `npm pack` would: dist/ next to src/, whose source maps point
    // at ../src (a published package ships dist/ only; the maps still name those paths).
    mkdirSync(pkg, { recursive: true });
    cpSync(join(root, 'src'), join(pkg, 'src'), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
    for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) copyFileSync(join(root, file), join(pkg, file));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: pkg, encoding: 'utf8' });
    assert.equal(build.status, 0, `build failed:\n${build.stdout}${build.stderr}`);
    rmSync(join(pkg, 'src'), { recursive: true });
    // The user's project: its own package.json, typekro and arktype in its node_modules, no tsconfig paths.
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', type: 'module', private: true }));
    symlinkSync(pkg, join(project, 'node_modules', 'typekro'));
    symlinkSync(join(root, 'node_modules', 'arktype'), join(project, 'node_modules', 'arktype'));
    copyFileSync(join(root, 'examples', 'webapp.ts'), join(project, 'webapp.ts'));
    copyFileSync(join(root, 'examples', 'webapp.spec.yaml'), join(project, 'webapp.spec.yaml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders and checks a composition that imports the installed typekro', () => {
    const render = run(['render', 'webapp.ts']);
    assert.equal(render.code, 0, render.stderr);
    const rgd = parse(render.stdout) as { kind: string; spec: { schema: { status: Record<string, string> } } };
    assert.equal(rgd.kind, 'ResourceGraphDefinition');
    assert.equal(rgd.spec.schema.status.ready, '${deployment.?status.?readyReplicas.orValue(0) > 0}');
    const check = run(['check', 'webapp.ts', '-f', 'webapp.spec.yaml']);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /spec: valid; renders 2 manifests/);
  });
});
