/**
 * The README's reliability table stays true to the fault suite: every row names a test file that exists
 * and a test in it by its exact name, and the totals line counts the rows. (Whether each case holds is
 * what those cluster tests check.)
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

it('the README reliability table names existing fault tests, and its totals count its rows', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /<!-- faults:begin -->([\s\S]*?)<!-- faults:end -->/.exec(readme)?.[1];
  assert.ok(section, 'README.md has the faults section markers');
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| fault '));
  assert.ok(rows.length >= 15, `${rows.length} rows`);
  for (const row of rows) {
    const match = /`(test\/[^`]+\.cluster\.test\.ts)` › (.+?) \|$/.exec(row);
    assert.ok(match, `a row names a cluster test file and a test: ${row}`);
    const [, file, name] = match;
    assert.ok(existsSync(join(root, file!)), `${file} exists`);
    const source = readFileSync(join(root, file!), 'utf8');
    assert.ok(source.includes(`it('${name}'`) || source.includes(`it("${name}"`), `${file} has a test named: ${name}`);
  }
  const totals = /\*\*(\d+) cases, (\d+) held\*\*/.exec(section);
  assert.ok(totals, 'a totals line');
  assert.equal(Number(totals[1]), rows.length, 'cases = rows');
  assert.equal(Number(totals[2]), rows.length, 'every case listed holds (a case that does not is not listed as held)');
});
