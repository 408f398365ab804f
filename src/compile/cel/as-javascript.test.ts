import assert from 'node:assert/strict';
import { test } from 'node:test';
import { E } from '../../ir/expr.js';
import { printAsJavaScript } from './as-javascript.js';

const spec = (...path: string[]) => E.path('schema', 'spec', ...path);

test('references read as the composition wrote them', () => {
  assert.equal(printAsJavaScript(spec('migrate')), 'spec.migrate');
  assert.equal(printAsJavaScript(E.path('schema', 'metadata', 'name')), 'instance.metadata.name');
  assert.equal(printAsJavaScript(E.path('db', 'status', 'readyReplicas')), 'db.status.readyReplicas');
});

test('CEL operators and functions print as their JavaScript', () => {
  assert.equal(printAsJavaScript(E.binary('&&', spec('a'), E.binary('==', spec('env'), E.str('prod')))), 'spec.a && spec.env === "prod"');
  assert.equal(printAsJavaScript(E.unary('!', E.binary('!=', spec('n'), E.int(0)))), '!(spec.n !== 0)');
  assert.equal(printAsJavaScript(E.call('has', [spec('x')])), 'spec.x !== undefined');
  assert.equal(printAsJavaScript(E.call('orValue', [E.int(0)], E.select(E.path('db', 'status'), 'readyReplicas', true))), 'db.status?.readyReplicas ?? 0');
  assert.equal(printAsJavaScript(E.binary('>', E.call('size', [spec('tags')]), E.int(2))), 'spec.tags.length > 2');
  assert.equal(printAsJavaScript(E.binary('in', E.str('a'), spec('tags'))), 'spec.tags.includes("a")');
  assert.equal(printAsJavaScript(E.call('lowerAscii', [], spec('name'))), 'spec.name.toLowerCase()');
  assert.equal(printAsJavaScript(E.macro('all', spec('users'), 'u', E.select(E.ident('u'), 'admin'))), 'spec.users.every((u) => u.admin)');
  assert.equal(printAsJavaScript(E.macro('transformMap', spec('creds'), 'v', E.call('size', [E.ident('v')]), 'k')), 'Object.fromEntries(Object.entries(spec.creds).map(([k, v]) => [k, v.length]))');
  assert.equal(printAsJavaScript(E.template(['web-', E.call('string', [spec('n')])])), '`web-${spec.n}`');
  assert.equal(printAsJavaScript(E.cond(spec('on'), E.str('a'), E.str('b'))), 'spec.on ? "a" : "b"');
  assert.equal(printAsJavaScript(E.binary('*', E.binary('+', spec('a'), E.int(1)), E.int(2))), '(spec.a + 1) * 2');
  assert.equal(printAsJavaScript(E.call('merge', [spec('labels')], E.map([{ key: E.str('app'), value: E.str('web') }]))), '{ ...{ app: "web" }, ...spec.labels }');
});

test('what JavaScript has no spelling for stays CEL, marked as such', () => {
  assert.equal(printAsJavaScript(E.raw('random.seededString(8, schema.spec.name)')), 'Cel.expr("random.seededString(8, schema.spec.name)")');
  assert.equal(printAsJavaScript(E.call('base64.encode', [spec('x')])), 'base64.encode(spec.x)');
});
