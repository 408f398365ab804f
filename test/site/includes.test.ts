/**
 * Pages of the site include README sections (`<!--@include: ../../README.md#errors-->`), so each table is written
 * once. VitePress includes the whole file when a region is missing, silently: every include must name a file and
 * a region that exist, with both markers.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { sitePages } from '../docs/extract.js';
import { root } from './site.js';

const INCLUDE = /<!--\s*@include:\s*(.*?)\s*-->/g;

/** Every include of every page: where it is, the file it names and the region. */
function includes(): { page: string; file: string; region: string | undefined }[] {
  return sitePages(root).flatMap((page) =>
    [...readFileSync(join(root, page), 'utf8').matchAll(INCLUDE)].map((m) => {
      const [, target = ''] = m;
      const [file = '', region] = target.split('#');
      return { page, file: join(dirname(join(root, page)), file), region };
    }),
  );
}

describe('includes of the site', () => {
  it('name files and regions that exist', () => {
    const found = includes();
    assert.ok(found.length >= 5, `the pages include the README's tables (found ${found.length} includes)`);
    const problems = found.flatMap(({ page, file, region }) => {
      if (!existsSync(file)) return [`${page}: ${file} does not exist`];
      if (region === undefined) return [`${page}: include ${file} whole; name a region (#name) so a page takes only its part`];
      const text = readFileSync(file, 'utf8');
      const open = text.includes(`<!-- #region ${region} -->`);
      const close = text.includes(`<!-- #endregion ${region} -->`);
      return open && close ? [] : [`${page}: ${file} has no region ${region} (<!-- #region ${region} --> ... <!-- #endregion ${region} -->)`];
    });
    assert.deepEqual(problems, []);
  });
});
