import assert from 'node:assert/strict';
import { test } from 'node:test';
import { celLiteralText } from './kro-carried.js';

test('celLiteralText decodes cel-spec escapes: code points in strings, UTF-8 bytes in bytes literals', () => {
  assert.equal(celLiteralText('a\\u0085b', false), 'a\u0085b');
  assert.equal(celLiteralText('\\U0000ffff\\x7f\\237', false), '\uffff\u007f\u009f');
  assert.equal(celLiteralText('\\n\\t\\"\\\\\\`\\?\\a\\v', false), '\n\t"\\`?\u0007\u000b');
  assert.equal(celLiteralText('😀\\u2028', false), '😀\u2028');
  assert.equal(celLiteralText('\\xc2\\x85é', true), '\u0085é');
  // \x85 alone is no UTF-8: the decoder's replacement character, which KRO carries.
  assert.equal(celLiteralText('\\x85', true), '\ufffd');
  assert.equal(celLiteralText('\\U00110000', false), '');
});
