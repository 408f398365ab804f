/**
 * Hints whose code a user copies (trial 12 M1, M2): a hint built around a compound expression parenthesises
 * it (`a && b ?? d` does not parse, and `a && b !== undefined` tests something else), and `key in map` with a
 * computed key names the form that compiles, checked to give JavaScript's value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', on: 'boolean', 'flag?': 'boolean', key: 'string', m: 'Record<string, string>' });
const status = type({ v: 'string' });

test('a hint around `spec.on && spec.flag` parenthesises it', () => {
  const message = refusal(() => kubernetesComposition({ name: 'hint-and', kind: 'HintAnd', spec, status }, (s) => ({ v: String(s.on && s.flag) })));
  assert.equal(
    message,
    `${at("'hint-and'", 's.on && s.flag')}: \`s.on && s.flag\` reads an optional spec field without a default, made into text here: when the instance leaves it out, JavaScript makes it the text "undefined", but KRO waits for it forever\n    s.on && s.flag\n  hint: give it a default where it is used (\`(s.on && s.flag) ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or test it first (\`(s.on && s.flag) !== undefined ? ... : ...\`)`,
  );
  // The way out parses and compiles, and gives JavaScript's value.
  const fixed = kubernetesComposition({ name: 'hint-and-fixed', kind: 'HintAndFixed', spec, status }, (s) => ({ v: String((s.on && s.flag) ?? false) }));
  for (const input of [{ on: false }, { on: true }, { on: true, flag: false }, { on: true, flag: true }]) {
    const value = { name: 'n', key: 'k', m: {}, ...input } as { name: string; on: boolean; flag?: boolean; key: string; m: Record<string, string> };
    assert.equal(simulate(fixed, value).status['v'], String((value.on && value.flag) ?? false));
  }
});

test('`key in map` with a computed key names Object.keys(...).includes(...)', () => {
  const message = refusal(() => kubernetesComposition({ name: 'hint-in', kind: 'HintIn', spec, status }, (s) => ({ v: s.key in s.m ? 'y' : 'n' })));
  assert.equal(
    message,
    `${at("'hint-in'", 's.key in s.m')}: \`in\` with a computed key: JavaScript also finds the names every object inherits (\`"toString" in {}\` is true), CEL only the map's keys\n    s.key in s.m\n  hint: test the map's own keys: \`Object.keys(s.m).includes(s.key)\``,
  );
  const fixed = kubernetesComposition({ name: 'hint-in-fixed', kind: 'HintInFixed', spec, status }, (s) => ({ v: Object.keys(s.m).includes(s.key) ? 'y' : 'n' }));
  for (const [key, m] of [['a', {}], ['a', { a: '1' }], ['toString', {}], ['b', { a: '1', b: '' }]] as [string, Record<string, string>][]) {
    assert.equal(simulate(fixed, { name: 'n', on: true, key, m }).status['v'], Object.keys(m).includes(key) ? 'y' : 'n');
  }
});
