/**
 * A process with more than one copy of arktype (a composition file resolving its own, a test runner loading
 * several) names the registries `$ark`, `$ark2`...: function defaults must resolve through their own one.
 * A child process claims `$ark` first, so the arktype it imports registers as `$ark2`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { resolveDefault } from './ark-json.js';

const arktypeModule = pathToFileURL(new URL('./arktype.ts', import.meta.url).pathname).href;

test('a function default resolves when arktype registered as $ark2', () => {
  const script = [
    'globalThis.$ark = {};',
    "const { type } = await import('arktype');",
    `const { arktypeToSchema } = await import(${JSON.stringify(arktypeModule)});`,
    "const root = arktypeToSchema(type({ x: type('string[]').default(() => ['a']) }), { name: 'spec' });",
    "console.log(JSON.stringify({ registry: Object.keys(globalThis).filter((k) => k.startsWith('$ark')), x: root.fields.x.markers.default }));",
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout.trim()), { registry: ['$ark', '$ark2'], x: ['a'] });
});

test('strings that only look like references stay as written', () => {
  assert.equal(resolveDefault('$ark9.fn1'), '$ark9.fn1');
  assert.equal(resolveDefault('$arkish.fn1'), '$arkish.fn1');
  assert.equal(resolveDefault('plain'), 'plain');
});
