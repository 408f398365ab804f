/**
 * The JavaScript-to-CEL table (README region `cel-table`, which the site's "References and JavaScript to CEL"
 * page includes) against the generated-program tests: every method and function the generator writes into
 * compositions (test/differential/generated-expressions.ts, and the unsupported constructs it draws from
 * generated-rejections.ts) is documented there, as supported in the table or as rejected in the paragraph after
 * it. A construct the generator exercises but the table leaves out fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { root } from './site.js';

function celTable(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const region = /<!-- #region cel-table -->([\s\S]*?)<!-- #endregion cel-table -->/.exec(readme)?.[1];
  assert.ok(region, 'README.md has no region cel-table (the JavaScript-to-CEL table)');
  return region;
}

/** Methods (`$0.trim(`) and global functions (`Math.max(`, `String(`) in the generator's expression templates. */
function generated(): string[] {
  const source = ['generated-expressions.ts', 'generated-rejections.ts'].map((file) => readFileSync(join(root, 'test', 'differential', file), 'utf8')).join('\n');
  const methods = [...source.matchAll(/\$\d\.([a-zA-Z]+)\(/g)].map((m) => `.${m[1]}`);
  const functions = [...source.matchAll(/(?<![\w.])(Math\.[a-z]+|String|Number|parseInt)\(/g)].map((m) => m[1] ?? '');
  return [...new Set([...methods, ...functions])].sort();
}

/** Whether the table names `construct`: a method by its name, `Math.min` also as `Math.max/min`. */
function documents(table: string, construct: string): boolean {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (construct.startsWith('.')) return new RegExp(`\\b${escape(construct.slice(1))}\\b`).test(table);
  const [object, name] = construct.split('.');
  if (name === undefined) return new RegExp(`\\b${escape(construct)}\\(`).test(table);
  return new RegExp(`\\b${escape(object ?? '')}\\.(?:\\w+/)*${escape(name)}\\b`).test(table);
}

describe('the JavaScript-to-CEL table', () => {
  it('documents every method and function the generated-program tests compile', () => {
    const constructs = generated();
    assert.ok(constructs.length >= 20, `the generator's constructs were found (${constructs.join(', ')})`);
    const table = celTable();
    assert.deepEqual(constructs.filter((c) => !documents(table, c)), []);
  });

  it('would notice a construct it does not name', () => {
    // (`.padStart` served here until the refusal paragraph named it with its way out.)
    assert.equal(documents(celTable(), '.codePointAt'), false);
    assert.equal(documents(celTable(), '.padStart'), true);
    assert.equal(documents(celTable(), 'Math.min'), true);
    assert.equal(documents(celTable(), 'Math.round'), false);
  });
});
