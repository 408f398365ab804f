import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, type CelType } from '../ir/types.js';
import { keepText } from './text-alphabet.js';

const tiers: CelType = { kind: 'string', values: ['gold', 'free'] };

test('keepText: an enumeration holds only when both sides are that enumeration', () => {
  assert.deepEqual(keepText(tiers, { kind: 'string', values: ['gold', 'free'] }), tiers);
  // A value of `{ ...enumMap, ...textMap }` may be any text: not the enumeration, whose alphabet is ASCII.
  assert.deepEqual(keepText(tiers, T.string), T.string);
  assert.deepEqual(keepText(tiers, { kind: 'string', highestChar: 0xe9 }), { kind: 'string', highestChar: 0xe9 });
  assert.deepEqual(keepText(tiers, { kind: 'string', values: ['gold'] }), { kind: 'string', highestChar: 0x72 });
  assert.deepEqual(keepText(T.int, T.string), T.int);
});
