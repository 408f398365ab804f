/**
 * Every error TypeKro throws extends TypeKroError with a documented code: no `extends Error` and no bare
 * `new Error(` / `new TypeError(` thrown, returned or rejected in src (the CLI's own errors, src/cli, are
 * classified there). The README's error table lists exactly the codes of ERROR_CODES.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, isTypeKroError, KubeApiError, SpecValidationError, TypeKroError, type TypeKroErrorCode } from '../../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path.endsWith(join('src', 'cli')) ? [] : sources(path);
    if (path === join(root, 'src', 'util', 'errors.ts')) return []; // TypeKroError itself
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const BARE = /\b(?:throw|return|reject\(|destroy\(|abort\()\s*new (?:Type|Range|Syntax|Reference)?Error\(|class \w+ extends (?:Type|Range)?Error\b/g;

function bareErrors(text: string): string[] {
  return [...text.matchAll(BARE)].map((m) => `line ${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
}

test('no error class or thrown error in src bypasses TypeKroError', () => {
  const found = sources(join(root, 'src')).flatMap((file) => bareErrors(readFileSync(file, 'utf8')).map((hit) => `${relative(root, file)} ${hit}`));
  assert.deepEqual(found, []);
});

test('negative control: the scan finds bare errors', () => {
  assert.equal(bareErrors("if (x) throw new Error('no');\nclass Oops extends Error {}\nreturn new TypeError(`t`);").length, 3);
});

test('thrown errors carry their code', () => {
  assert.equal(new SpecValidationError('app', ['spec.x: required']).code, 'SPEC_INVALID');
  assert.equal(new KubeApiError('get x failed', 404).code, 'NOT_FOUND');
  assert.equal(new KubeApiError('apply x failed', 409).code, 'CONFLICT');
  assert.equal(new KubeApiError('apply x failed', 422).code, 'REJECTED');
  assert.ok(isTypeKroError(new SpecValidationError('app', [])));
  assert.ok(new SpecValidationError('app', []) instanceof TypeKroError);
});

test('the README error table lists every code, and only those', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...rows].sort(), (Object.keys(ERROR_CODES) as TypeKroErrorCode[]).sort());
});
