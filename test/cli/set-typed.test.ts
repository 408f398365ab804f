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
    assert.deepEqual(applySets({}, ['code=007', 'name=true', 'ports=[80, 0x1BB]', 'tags=[007, x]'], false, schema), {
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

describe('--set refuses what go-yaml reads otherwise, as a spec file does (review of issue 10)', () => {
  const refusal = (origin: string, source: string, reading: string): string =>
    `--set ${origin}: ${source} is read as ${reading} here, but kubectl and Helm (YAML 1.1, Go's number syntax) read it otherwise; quote it ("${source}") for the string, write a number in decimal without a leading zero or "_", a boolean as true or false (--set-string keeps any value as its text)`;
  it('a number, a list item, a free-form value: 010 (octal 8 to go-yaml), yes, 1_000, .inf', () => {
    const cases: [string, string, string, string][] = [
      ['ports=[80, 0443]', 'ports', '0443', '443'],
      ['ports[0]=010', 'ports[0]', '010', '10'],
      ['ports[0]=1_000', 'ports[0]', '1_000', '"1_000"'],
      ['ports[0]=.inf', 'ports[0]', '.inf', 'Infinity'],
      ['extra.n=010', 'extra.n', '010', '10'],
      ['extra.on=yes', 'extra.on', 'yes', '"yes"'],
      ['extra.mode=+0o17', 'extra.mode', '+0o17', '"+0o17"'],
      ['extra.deep={a: [Off]}', 'extra.deep', 'Off', '"Off"'],
    ];
    for (const [pair, origin, source, reading] of cases) {
      assert.throws(() => applySets({}, [pair], false, schema), (error: unknown) => error instanceof UsageError && error.message === refusal(origin, source, reading), pair);
    }
    assert.throws(() => applySets({}, ['extra.m={1e3: x}'], false, schema), { message: '--set extra.m: the key 1e3 is read as the number 1000, which each YAML reader writes back as text its own way; quote it ("1e3") (--set-string keeps any value as its text)' });
  });
  it('a string field keeps the text as written, so nothing is refused there; read alike, quoted or --set-string passes', () => {
    assert.deepEqual(applySets({}, ['code=010', 'tags=[010, yes, 1_000]', 'labels={a: yes}'], false, schema), { code: '010', tags: ['010', 'yes', '1_000'], labels: { a: 'yes' } });
    assert.deepEqual(applySets({}, ['ports=[0o17, 0x1F, 007]', 'extra.a="010"', 'extra.b=true', 'extra.c=a: yes'], false, schema), { ports: [15, 31, 7], extra: { a: '010', b: true, c: 'a: yes' } });
    assert.deepEqual(applySets({}, ['extra.a=010'], true, schema), { extra: { a: '010' } });
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
