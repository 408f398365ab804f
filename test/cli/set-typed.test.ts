/**
 * `--set` follows the spec schema: a string field keeps its text (`007`, `true`), keys with dots are written
 * with `\.` (as in helm), and a path the schema does not have is an error naming the key and the fields
 * there are. Unit tests of the typing, then the CLI end to end (`render --instance`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { UsageError } from '../../src/cli/errors.js';
import { applySets, parsePath } from '../../src/cli/spec.js';
import type { SchemaNode } from '../../src/index.js';
import composition from './fixtures/set-typed.js';
import { transcript, typekro } from './run.js';

const schema: SchemaNode = composition.graph.spec;

describe('--set paths', () => {
  it('a dot escaped with a backslash stays in the key', () => {
    assert.deepEqual(parsePath('labels.app\\.kubernetes\\.io/name'), ['labels', 'app.kubernetes.io/name']);
    assert.deepEqual(parsePath('a\\\\.b'), ['a\\', 'b']);
    assert.deepEqual(parsePath('list[0].x\\.y'), ['list', 0, 'x.y']);
  });
});

describe('--set typed by the spec schema', () => {
  it('a string field keeps 007, true and 1e3 as written; numbers elsewhere are numbers', () => {
    assert.deepEqual(applySets({}, ['code=007', 'name=true', 'ports=[80, 0443]', 'tags=[007, x]'], false, schema), {
      code: '007',
      name: 'true',
      ports: [80, 443],
      tags: ['007', 'x'],
    });
    assert.deepEqual(applySets({}, ['labels.app\\.kubernetes\\.io/version=1.10'], false, schema), { labels: { 'app.kubernetes.io/version': '1.10' } });
    assert.deepEqual(applySets({}, ['labels={a: 007}'], false, schema), { labels: { a: '007' } });
  });
  it('a free-form object takes YAML values', () => {
    assert.deepEqual(applySets({}, ['extra.n=007', 'extra.deep.x=true'], false, schema), { extra: { n: 7, deep: { x: true } } });
  });
  it('a path the schema does not have is left to the API spec check (one message: the closest field)', () => {
    assert.deepEqual(applySets({}, ['lables.app=x'], false, schema), { lables: { app: 'x' } });
    assert.throws(() => applySets({}, ['code[0]=x'], false, schema), { message: '--set code[0]: code is not a list (it is a string), so [0] does not exist' });
    assert.throws(() => applySets({}, ['code.x=1'], false, schema), { message: '--set code.x: code is a string, so it has no field "x"' });
  });
});

describe('typekro render --set', { concurrency: 2 }, () => {
  it('keeps 007 a string and writes a key with dots', async () => {
    const result = await typekro(['render', 'test/cli/fixtures/set-typed.ts', '--instance', '--set', 'name=web', '--set', 'code=007', '--set', 'labels.app\\.kubernetes\\.io/name=web']);
    assert.equal(result.code, 0, transcript(result));
    assert.deepEqual((parse(result.stdout) as { spec: unknown }).spec, { name: 'web', code: '007', labels: { 'app.kubernetes.io/name': 'web' } });
  });
  it('refuses a path the schema does not have with the API message, exit 2', async () => {
    const result = await typekro(['render', 'test/cli/fixtures/set-typed.ts', '--instance', '--set', 'name=web', '--set', 'label.app=x']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /spec\.label is not a field of the spec; did you mean spec\.labels\?/);
  });
});
