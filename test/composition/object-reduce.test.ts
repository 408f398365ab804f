/**
 * `reduce` over a constant list folds to the object JavaScript builds (`{ ...init, [k1]: v1, ... }`), also
 * when spread; the forms it cannot fold exactly, and `Object.assign` into something other than a fresh
 * literal (JavaScript writes into the target), are refused with the way out. The JavaScript agreement is
 * test/differential/object-reduce-cases.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', level: 'string' });
const status = type({ ok: 'boolean' });
const KEYS = ['a', 'b'];
const BASE: Record<string, string> = { x: '1' };

test('`KEYS.reduce((acc, k) => ({ ...acc, [k]: v }), {})` is the object literal of its items', () => {
  const app = kubernetesComposition({ name: 'reduce-keys', kind: 'ReduceKeys', spec, status }, (s) => {
    ConfigMap({ name: s.name, data: { ...KEYS.reduce((acc, k) => ({ ...acc, [k]: `${k}-${s.level}` }), {} as Record<string, string>), z: 'z' } });
    return { ok: true };
  });
  assert.match(app.toYaml(), /data: '\$\{\{"a": "a-" \+ schema\.spec\.level, "b": "b-" \+ schema\.spec\.level, "z": "z"\}\}'/);
  assert.deepEqual(simulate(app, { name: 'n', level: 'l' }).manifests.map((m) => (m as { data: unknown }).data), [{ a: 'a-l', b: 'b-l', z: 'z' }]);
});

test('a reduce whose body reads the accumulator otherwise is refused, with the form that compiles', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'reduce-reads-acc', kind: 'ReduceReadsAcc', spec, status }, (s) => {
      ConfigMap({ name: s.name, data: KEYS.reduce((acc, k) => ({ ...acc, [k]: `${Object.keys(acc).length}${s.level}` }), {} as Record<string, string>) });
      return { ok: true };
    }),
  );
  assert.equal(
    message,
    `${at("'reduce-reads-acc'", 'KEYS.reduce(')}: \`reduce\` over a constant list compiles only as \`(acc, k) => ({ ...acc, [k]: value })\`, each value not reading the accumulator\n    KEYS.reduce((acc, k) => ({ ...acc, [k]: \`\${Object.keys(acc).length}\${s.level}\` }), {} as Record<string, string>)\n  hint: write it in that form, or build the object with \`Object.fromEntries(list.map((k) => [k, value]))\``,
  );
});

test('`Object.assign` into a local is refused: JavaScript writes into it (a module table is refused as any outer write)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'assign-local', kind: 'AssignLocal', spec, status }, (s) => {
      const base: Record<string, string> = { x: s.name };
      ConfigMap({ name: s.name, data: Object.assign(base, { l: s.level }) });
      return { ok: true };
    }),
  );
  assert.equal(
    message,
    `${at("'assign-local'", 'base, {')}: \`Object.assign\` writes into its first argument, which is not a fresh object literal: the target changes for every later read (and for the next definition, if it is shared)\n    base\n  hint: build a new object instead: \`{ ...target, ...other }\` or \`Object.assign({}, target, other)\``,
  );
});

test('`Object.assign({}, BASE, {...})` with a fresh target compiles, spread too', () => {
  const app = kubernetesComposition({ name: 'assign-fresh', kind: 'AssignFresh', spec, status }, (s) => {
    ConfigMap({ name: s.name, data: { ...Object.assign({}, BASE, { l: s.level }) } });
    return { ok: true };
  });
  assert.deepEqual(simulate(app, { name: 'n', level: 'l' }).manifests.map((m) => (m as { data: unknown }).data), [{ x: '1', l: 'l' }]);
});
