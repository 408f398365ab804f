import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readUseAt, templateUseAt, type ReadUse } from './read-context.js';
import { parseSource } from './source.js';

const file = '/virtual/read-context-case.ts';
const lines = [
  'const a = (web.status.conditions ?? []).length;', // 1
  'const b = web.status.conditions?.some((c) => c.ok);', // 2
  'const c = `r-${web.status.ready}` + web.status.spare;', // 3
  'const d = web.status.conditions.map((x) => x);', // 4
  'if (web.status.ready === undefined || !web.status.spare) f(Cel.default(web.status.list, []), g(web.status.other));', // 5
  'const e = (web.status.ready as number) * 2;', // 6
  'const { x } = web.status.inner;', // 7
  'const conds = web.status.conditions; const n = (conds ?? []).length;', // 8
  'const { ready, spare = 1, other } = web.status; const t = `r-${ready}`; g(other, { other }); h(spare);', // 9
  'const both = web.status.both; if (both) { both.length; }', // 10
];
parseSource(lines.join('\n'), file);

/** The use of the read of `name` at its (1-based) line, found at the first occurrence of `.name` on it. */
function useOf(line: number, name: string, occurrence = 0): ReadUse | undefined {
  const text = lines[line - 1]!;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(`.${name}`, at + 1);
  return readUseAt(file, line, at + 2, name);
}

test('the use of a property read, from the source at the position V8 reports', () => {
  assert.deepEqual(
    [useOf(1, 'conditions'), useOf(1, 'status'), useOf(2, 'conditions'), useOf(3, 'ready'), useOf(3, 'spare'), useOf(4, 'conditions'), useOf(4, 'map')],
    ['tested', 'through', 'tested', 'text', 'text', 'through', 'through'],
  );
  assert.deepEqual([useOf(5, 'ready'), useOf(5, 'spare'), useOf(5, 'list'), useOf(5, 'other'), useOf(6, 'ready'), useOf(7, 'inner')], ['tested', 'tested', 'tested', 'other', 'text', 'through']);
});

test('a read bound to a local (also by destructuring, reported at the binding) has the uses of the local', () => {
  const at = (line: number, text: string): number => lines[line - 1]!.indexOf(text) + 1;
  assert.deepEqual(
    [useOf(8, 'conditions'), readUseAt(file, 9, at(9, 'ready'), 'ready'), readUseAt(file, 9, at(9, 'spare'), 'spare'), readUseAt(file, 9, at(9, 'other'), 'other')],
    ['tested', 'through', 'tested', 'other'],
  );
  // tested and read through: the caller's default
  assert.equal(useOf(10, 'both'), 'other');
});

test('inside an optional chain V8 reports the object name: the property name picks the read', () => {
  // `web.status.conditions?.some`: the read of `some` is reported where `conditions` starts
  assert.equal(readUseAt(file, 2, lines[1]!.indexOf('.conditions') + 2, 'some'), 'through');
  // no read of that name there, or no such file: no answer (the caller keeps its default)
  assert.equal(readUseAt(file, 1, lines[0]!.indexOf('.conditions') + 2, 'nothing'), undefined);
  assert.equal(readUseAt('/virtual/missing-file.ts', 1, 1, 'x'), undefined);
});

test('whether a read is a Cel.template argument: as written, through a local, a destructured local or a local function; a local used both ways is both', () => {
  const templateFile = '/virtual/template-use-case.ts';
  const source = [
    "const a = Cel.template('%s', sec.data.pw);", // 1
    "const b = Cel.template('%s', (sec.data!['pw'] as string));", // 2
    "const c = Cel.template(sec.data.pw, 'x');", // 3: the format is not an argument
    'const d = `${sec.data.pw}`;', // 4
    "const pw = sec.data.pw; const e = Cel.template('<%s>', pw);", // 5
    "const mixed = sec.data.pw; const f = Cel.template('%s', mixed) + mixed;", // 6
    "const { pw: p } = sec.data; const g = Cel.template('%s', p);", // 7
    "const decode = (x) => Cel.template('%s', x); const h = decode(sec.data.pw);", // 8
    'function quote(x) { return `"${x}"`; } const i = quote(sec.data.pw);', // 9
  ];
  parseSource(source.join('\n'), templateFile);
  const use = (line: number, text: string, name = 'pw'): string | undefined => templateUseAt(templateFile, line, source[line - 1]!.indexOf(text) + 1, name);
  assert.deepEqual(
    [use(1, 'pw)'), use(2, "'pw'"), use(3, 'pw,'), use(4, 'pw}'), use(5, 'pw;'), use(6, 'pw;'), use(7, 'p }'), use(8, 'pw)'), use(9, 'pw)')],
    ['cel', 'cel', 'javascript', 'javascript', 'cel', 'both', 'cel', 'cel', 'javascript'],
  );
});
