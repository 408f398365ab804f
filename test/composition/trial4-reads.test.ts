/**
 * Reads the compiler must own rather than take from the placeholder JavaScript ran on (trial 4): a list's
 * `['length']` is size(), like `.length` (F09), and an inherited name read straight into a field is
 * refused like any other read of it (F01), not pasted as a field select.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ list: 'string[]', s: 'string', m: 'Record<string, string>' });

test("a list's ['length'] is its size, in a manifest and in the status (F09)", () => {
  const app = kubernetesComposition({ name: 'bracket-length', kind: 'BracketLength', spec, status: type({ v: 'number' }) }, (spec) => {
    ConfigMap({ name: 'n', data: { n: String(spec.list['length']), s: String(spec.s['length']) } });
    return { v: spec.list['length'] };
  });
  const yaml = app.toYaml();
  assert.match(yaml, /v: \$\{size\(schema\.spec\.list\)\}/);
  assert.match(yaml, /"n": \$\{string\(size\(schema\.spec\.list\)\)\}/);
  const result = simulate(app, { list: ['a', 'b', 'c'], s: 'xy', m: {} });
  assert.deepEqual(result.status, { v: 3 });
});

test('an inherited name read straight into a field is refused (F01)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'inherited-exact', kind: 'InheritedExact', spec, status: type({ v: 'string' }) }, (spec) => {
      ConfigMap({ name: 'n', data: { a: 'b' } });
      return { v: spec.m['toString'] as unknown as string };
    }),
  );
  assert.equal(
    message.split('\n')[0],
    `${at("'inherited-exact'", "spec.m['toString']")}: \`toString\` is a member every JavaScript object inherits: \`spec.m['toString']\` reads the inherited function when the map has no key \`toString\`, which a CEL map cannot mean`,
  );
});

test('a JavaScript list of handles is refused with the way out, not an includeWhen hint (F18)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'handle-list', kind: 'HandleList', spec, status: type({ ready: 'boolean' }) }, () => {
      const maps = [ConfigMap({ name: 'a', data: {} }), ConfigMap({ name: 'b', data: {} })];
      return { ready: maps.every((m) => m.metadata.name !== '') };
    }),
  );
  assert.equal(
    message,
    [
      `${at("'handle-list'", 'maps.every')}: \`maps\` is a JavaScript list of resources created here, which CEL cannot hold, and its value depends on a reference`,
      '    maps',
      '  hint: bind each resource to its own const and combine their fields: `api.status.readyReplicas > 0 && web.status.readyReplicas > 0`',
    ].join('\n'),
  );
});
