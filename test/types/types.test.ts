/**
 * Type tests: references are typed from the Kubernetes model, so misspelled fields and wrong types are
 * compile errors. `references.typecheck.ts` marks each expected error with @ts-expect-error (an unneeded
 * one fails tsc too); the negative control proves a typo without the marker is reported.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function typecheck(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('typed references: every expected type error occurs, and nothing else fails', () => {
  const { status, output } = typecheck(join(here, 'tsconfig.json'));
  assert.equal(status, 0, output);
});

test('negative control: a misspelled field without @ts-expect-error fails to compile', () => {
  const dir = mkdtempSync(join(here, '.tmp-'));
  try {
    const src = relative(dir, join(root, 'src')).split('\\').join('/');
    writeFileSync(
      join(dir, 'typo.typecheck.ts'),
      `import { type } from 'arktype';\nimport { kubernetesComposition } from '${src}/index.js';\nimport { Deployment } from '${src}/simple.js';\n` +
        `kubernetesComposition({ name: 't', kind: 'T', spec: type({ n: 'number' }), status: type({ ready: 'boolean' }) }, (spec) => {\n` +
        `  const d = Deployment({ name: 'd', image: 'nginx', replicas: spec.n });\n  return { ready: d.status.readyReplicaz > 0 };\n});\n`,
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['./*.ts'] }));
    const { status, output } = typecheck(join(dir, 'tsconfig.json'));
    assert.notEqual(status, 0);
    assert.match(output, /readyReplicaz/);
    assert.match(output, /TS2551|TS2339/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
