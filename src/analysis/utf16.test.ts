import assert from 'node:assert/strict';
import { test } from 'node:test';
import { E } from '../ir/expr.js';
import { printCel } from '../compile/cel/print.js';
import { utf16IndexOfFrom, utf16LastIndexOfFrom, utf16Length, utf16Order, utf16Search } from './utf16.js';

const s = E.path('schema', 'spec', 's');
const t = E.path('schema', 'spec', 't');
const p = E.path('schema', 'spec', 'p');
const doubled = (text: string): string => `${text}.split("").map(c, c > "\\uffff" ? c + c : c).join("")`;

test('a length: size plus the characters outside the BMP; a constant one is computed', () => {
  assert.equal(printCel(utf16Length(s)), 'size(schema.spec.s) + size(schema.spec.s.split("").filter(c, c > "\\uffff"))');
  assert.equal(printCel(utf16Length(E.template([s, '-']))), 'size(schema.spec.s + "-") + size((schema.spec.s + "-").split("").filter(c, c > "\\uffff"))');
  assert.deepEqual(utf16Length(E.str('é😀')), E.int(3));
  assert.deepEqual(utf16Length(E.template(['a', '😀'])), E.int(3));
});

test('a search: the doubled text, a constant one doubled when the composition is defined', () => {
  assert.equal(printCel(utf16Search('indexOf', s, E.str('-'))), `${doubled('schema.spec.s')}.indexOf("-")`);
  assert.equal(printCel(utf16Search('lastIndexOf', s, t)), `${doubled('schema.spec.s')}.lastIndexOf(${doubled('schema.spec.t')})`);
  assert.equal(printCel(utf16Search('indexOf', E.str('a😀'), E.str('😀b'))), '"a😀😀".indexOf("😀😀b")');
});

test('a search from a position: raised to 0 unless a literal; a literal at most 0 is the search from the start', () => {
  assert.equal(printCel(utf16IndexOfFrom(s, E.str('a'), p)), `${doubled('schema.spec.s')}.indexOf("a", [schema.spec.p, 0].max())`);
  assert.equal(printCel(utf16IndexOfFrom(s, E.str('a'), E.int(2))), `${doubled('schema.spec.s')}.indexOf("a", 2)`);
  assert.equal(printCel(utf16IndexOfFrom(s, E.str('a'), E.int(-2))), `${doubled('schema.spec.s')}.indexOf("a")`);
  assert.equal(printCel(utf16LastIndexOfFrom(s, t, E.int(0))), 'schema.spec.s.startsWith(schema.spec.t) ? 0 : -1');
  assert.equal(
    printCel(utf16LastIndexOfFrom(s, E.str('ab'), E.int(3))),
    `${doubled('schema.spec.s')}.substring(0, [5, size(schema.spec.s) + size(schema.spec.s.split("").filter(c, c > "\\uffff"))].min()).lastIndexOf("ab")`,
  );
});

test('from a position, a search text that starts outside the BMP is searched with _ as the second half', () => {
  assert.equal(printCel(utf16IndexOfFrom(s, E.str('😀a'), p)), 'schema.spec.s.split("").map(c, c > "\\uffff" ? c + "_" : c).join("").indexOf("😀_a", [schema.spec.p, 0].max())');
  // A text read at run time chooses; the macro's variable is one the choice does not read.
  const c = E.select(E.ident('c'), 'name');
  assert.equal(
    printCel(utf16IndexOfFrom(s, c, p)),
    'schema.spec.s.split("").map(c0, c0 > "\\uffff" ? c0 + (c.name > "\\uffff" ? "_" : c0) : c0).join("").indexOf(c.name.split("").map(c0, c0 > "\\uffff" ? c0 + (c.name > "\\uffff" ? "_" : c0) : c0).join(""), [schema.spec.p, 0].max())',
  );
});

test('text without characters above U+FFFF: CEL\'s own size, indexOf and lastIndexOf', () => {
  const [s, t, p] = [E.path('schema', 'spec', 's'), E.path('schema', 'spec', 't'), E.path('schema', 'spec', 'p')];
  assert.equal(printCel(utf16Length(s, 0xffff)), 'size(schema.spec.s)');
  assert.equal(printCel(utf16Length(s, 0x10000)), 'size(schema.spec.s) + size(schema.spec.s.split("").filter(c, c > "\\uffff"))');
  assert.equal(printCel(utf16Search('lastIndexOf', s, E.str('😀'), 0x7f)), 'schema.spec.s.lastIndexOf("😀")');
  assert.equal(printCel(utf16IndexOfFrom(s, t, p, 0x7f)), 'schema.spec.s.indexOf(schema.spec.t, [schema.spec.p, 0].max())');
  assert.equal(printCel(utf16IndexOfFrom(s, t, E.int(-1), 0x7f)), 'schema.spec.s.indexOf(schema.spec.t)');
  assert.equal(printCel(utf16LastIndexOfFrom(s, t, p, 0x7f)), 'schema.spec.s.substring(0, [[schema.spec.p, 0].max() + size(schema.spec.t), size(schema.spec.s)].min()).lastIndexOf(schema.spec.t)');
  assert.equal(printCel(utf16LastIndexOfFrom(s, E.str('a😀'), E.int(2), 0x7f)), 'schema.spec.s.substring(0, [5, size(schema.spec.s)].min()).lastIndexOf("a😀")');
});

test('the order of two values of unknown type: texts by their order keys, other values as CEL orders them', () => {
  // the printer writes U+D7FF as it is
  const key = (v: string) => `${v}.split("").map(c, c > "\\uffff" ? "\ud7ff" + c : c == "\ud7ff" ? "\ud7ff\ud7ff" : c).join("")`;
  assert.equal(printCel(utf16Order('<', E.ident('a'), E.ident('b'))), `type(a) == type("") && type(b) == type("") ? ${key('a')} < ${key('b')} : a < b`);
});
