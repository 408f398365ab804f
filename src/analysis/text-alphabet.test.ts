import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, type CelType } from '../ir/types.js';
import { ANY_CHAR, keepText, textClass, textClassName } from './text-alphabet.js';

const tiers: CelType = { kind: 'string', values: ['gold', 'free'] };

test('keepText: an enumeration holds only when both sides are that enumeration', () => {
  assert.deepEqual(keepText(tiers, { kind: 'string', values: ['gold', 'free'] }), tiers);
  // A value of `{ ...enumMap, ...textMap }` may be any text: not the enumeration, whose alphabet is ASCII.
  assert.deepEqual(keepText(tiers, T.string), T.string);
  assert.deepEqual(keepText(tiers, { kind: 'string', highestChar: 0xe9 }), { kind: 'string', highestChar: 0xe9 });
  assert.deepEqual(keepText(tiers, { kind: 'string', values: ['gold'] }), { kind: 'string', highestChar: 0x72 });
  assert.deepEqual(keepText(T.int, T.string), T.int);
});

test('textClass: text compiles alike between two decision bounds, and differently across one', () => {
  assert.deepEqual(
    [0, 0x7f, 0x80, 0x84, 0x85, 0xd7ff, 0xd800, 0xffff, 0x10000, ANY_CHAR].map(textClass),
    [0, 0, 1, 1, 2, 2, 3, 3, 4, 4],
  );
  assert.equal(textClassName(textClass(0x7a)), 'ASCII');
  assert.equal(textClassName(textClass(ANY_CHAR)), 'Unicode');
});
