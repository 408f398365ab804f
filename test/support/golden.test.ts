/** The golden helper fails when it must: a difference, a missing file, a bad UPDATE_GOLDEN, an update under CI. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assertGolden, goldenUpdate } from './golden.js';

describe('assertGolden', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-golden-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content?: string): string => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };

  it('passes on the same bytes and fails on a difference, naming the file', () => {
    assert.equal(assertGolden(file('same.yaml', 'a: 1\n'), 'a: 1\n', {}), 'same');
    assert.throws(() => assertGolden(file('differs.yaml', 'a: 1\n'), 'a: 2\n', {}), /differs\.yaml differs from the output; .*UPDATE_GOLDEN=1/);
    assert.throws(() => assertGolden(file('missing.yaml'), 'a: 1\n', {}), /missing golden file .*missing\.yaml/);
    assert.equal(readFileSync(join(dir, 'differs.yaml'), 'utf8'), 'a: 1\n', 'a comparison never writes');
    assert.ok(!existsSync(join(dir, 'missing.yaml')));
  });

  it('UPDATE_GOLDEN=1 writes a different or missing file, outside CI only', () => {
    assert.equal(assertGolden(file('update.yaml', 'a: 1\n'), 'a: 2\n', { UPDATE_GOLDEN: '1' }), 'written');
    assert.equal(readFileSync(join(dir, 'update.yaml'), 'utf8'), 'a: 2\n');
    assert.equal(assertGolden(file('new.yaml'), 'b: 1\n', { UPDATE_GOLDEN: '1', CI: 'false' }), 'written');
    assert.throws(() => assertGolden(file('ci.yaml', 'a: 1\n'), 'a: 2\n', { UPDATE_GOLDEN: '1', CI: 'true' }), /UPDATE_GOLDEN=1 is refused because CI is set \(CI=true\)/);
    assert.throws(() => assertGolden(file('ci-same.yaml', 'a: 1\n'), 'a: 1\n', { UPDATE_GOLDEN: '1', CI: '1' }), /refused because CI is set/, 'refused even when nothing differs');
    assert.equal(readFileSync(join(dir, 'ci.yaml'), 'utf8'), 'a: 1\n', 'nothing written under CI');
  });

  it('any UPDATE_GOLDEN other than 1 or empty is an error, not silently a comparison', () => {
    assert.equal(goldenUpdate({ UPDATE_GOLDEN: '' }), false);
    assert.throws(() => goldenUpdate({ UPDATE_GOLDEN: 'true' }), /UPDATE_GOLDEN must be 1 or unset, was "true"/);
  });
});
