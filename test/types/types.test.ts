/**
 * Type tests: references are typed from the Kubernetes model, so misspelled fields and wrong types are
 * compile errors. `references.typecheck.ts` marks each expected error with @ts-expect-error (an unneeded
 * one fails too); the negative control proves a typo without the marker is reported. Both are checked in
 * one program, as `tsc -p test/types/tsconfig.json` would with the control file added (src/ gives their
 * types; `npm run typecheck` checks src/ itself). One test, so the runner's duration record counts the check.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { typecheckProject } from '../support/typecheck.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

test('type tests', async (t) => {
  const control = mkdtempSync(join(here, '.tmp-'));
  t.after(() => rmSync(control, { recursive: true, force: true }));
  const controlFile = join(control, 'typo.typecheck.ts');
  const src = relative(control, join(root, 'src')).split('\\').join('/');
  writeFileSync(
    controlFile,
    `import { type } from 'arktype';\nimport { kubernetesComposition } from '${src}/index.js';\nimport { Deployment } from '${src}/simple.js';\n` +
      `kubernetesComposition({ name: 't', kind: 'T', spec: type({ n: 'number' }), status: type({ ready: 'boolean' }) }, (spec) => {\n` +
      `  const d = Deployment({ name: 'd', image: 'nginx', replicas: spec.n });\n  return { ready: d.status.readyReplicaz > 0 };\n});\n`,
  );
  const controlName = relative(root, controlFile).split('\\').join('/');
  const { errors } = typecheckProject(join(here, 'tsconfig.json'), root, { extraFiles: [controlFile] });

  await t.test('typed references: every expected type error occurs, and nothing else fails', () => {
    assert.deepEqual(errors.filter((e) => e.file !== controlName).map((e) => e.line), []);
  });

  await t.test('negative control: a misspelled field without @ts-expect-error fails to compile', () => {
    const found = errors.filter((e) => e.file === controlName);
    assert.ok(found.some((e) => /readyReplicaz/.test(e.line) && (e.code === 2551 || e.code === 2339)), `the typo was not reported:\n${errors.map((e) => e.line).join('\n')}`);
  });
});
