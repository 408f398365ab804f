/**
 * The layering of docs/architecture.md: imports point down only and there are no import cycles.
 * dependency-cruiser checks src/ against .dependency-cruiser.cjs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

test('imports follow the layers and form no cycles', () => {
  const result = spawnSync(process.execPath, [cli, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

test('negative control: an upward import and a cycle are reported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-layers-'));
  try {
    mkdirSync(join(dir, 'src', 'ir'), { recursive: true });
    mkdirSync(join(dir, 'src', 'model'), { recursive: true });
    writeFileSync(join(dir, 'src', 'ir', 'low.ts'), "import { high } from '../model/high.js';\nexport const low = high;\n");
    writeFileSync(join(dir, 'src', 'model', 'high.ts'), "import { low } from '../ir/low.js';\nexport const high = 1;\nexport const again = low;\n");
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true } }));
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    const result = spawnSync(process.execPath, [cli, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    assert.notEqual(result.status, 0, output);
    assert.match(output, /layer-ir/);
    assert.match(output, /no-circular/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
