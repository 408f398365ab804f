import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Node } from '@babel/types';
import { callerLocation, findCallAt, locationOf, parseSource, parseSourceFile, snippetOf, textMayMatch } from './source.js';

const thisFile = fileURLToPath(import.meta.url);

const stackCases: [string, string, ((file: string) => boolean) | undefined, unknown][] = [
  ['named frame with path', 'Error\n    at foo (/app/src/web.ts:12:5)', undefined, { file: '/app/src/web.ts', line: 12, column: 5 }],
  ['file URL frame', 'Error\n    at file:///app/src/web%20app.ts:3:9', undefined, { file: '/app/src/web app.ts', line: 3, column: 9 }],
  ['async frame', 'Error\n    at async Promise.all (index 0)\n    at async run (/a/b.js:1:2)', undefined, { file: '/a/b.js', line: 1, column: 2 }],
  ['skips node internals and eval', 'Error\n    at node:internal/x:1:1\n    at eval (eval at f (/a.js:1:1), <anonymous>:1:1)\n    at /b.js:2:3', undefined, { file: '/b.js', line: 2, column: 3 }],
  ['skips internal files', 'Error\n    at k (/lib/model/factory.ts:10:1)\n    at Object.<anonymous> (/app/x.ts:4:7)', (f: string) => f.startsWith('/lib/'), { file: '/app/x.ts', line: 4, column: 7 }],
  ['new frame', 'Error\n    at new Thing (/t.ts:8:3)', undefined, { file: '/t.ts', line: 8, column: 3 }],
  ['nothing usable', 'Error\n    at native', undefined, undefined],
];

test('callerLocation', async (t) => {
  for (const [name, stack, internal, expected] of stackCases) {
    await t.test(name, () => assert.deepEqual(callerLocation(stack, internal ?? (() => false)), expected));
  }
});

const code = [
  'const a = Deployment({ name: "x" });',
  'const b = ns.k8s.Service({ port: outer(inner(1)) });',
  'const c = new Widget(1);',
  'const d = maybe?.call(2);',
].join('\n');
const file = '/virtual/calls.ts';
parseSource(code, file);

const calleeText = (node: Node | undefined): string => {
  if (!node || (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression')) return '-';
  return snippetOf(node.callee);
};

const findCases: [string, number, number, string][] = [
  ['identifier callee', 1, 11, 'Deployment'],
  ['member callee points at the name', 2, 18, 'ns.k8s.Service'],
  ['inner call by name', 2, 42, 'inner'],
  ['outer call by name', 2, 36, 'outer'],
  ['tolerant: inside callee object', 2, 12, 'ns.k8s.Service'],
  ['tolerant: inside arguments', 2, 30, 'ns.k8s.Service'],
  ['new expression', 3, 11, 'Widget'],
  ['optional call', 4, 18, 'maybe?.call'],
];

test('findCallAt', async (t) => {
  for (const [name, line, column, expected] of findCases) {
    await t.test(name, () => assert.equal(calleeText(findCallAt(file, line, column)), expected));
  }
  await t.test('no call at all', () => assert.equal(findCallAt(file, 1, 1), undefined));
});

function factory(_props: unknown): string {
  return new Error().stack ?? '';
}

test('a real V8 stack under tsx points at the call in this .ts file', () => {
  const stack = factory({ probe: true });
  const frames = stack.split('\n').filter((line) => line.trim().startsWith('at '));
  const caller = callerLocation(frames.slice(1).join('\n'), () => false);
  assert.equal(caller?.file, thisFile);
  const call = caller && findCallAt(caller.file, caller.line, caller.column);
  assert.equal(call && snippetOf(call), 'factory({ probe: true })');
});

test('parseSourceFile caches per path and locationOf is 1-based', () => {
  assert.equal(parseSourceFile(thisFile), parseSourceFile(thisFile));
  const ast = parseSourceFile(file);
  assert.deepEqual(locationOf(ast.program.body[1] as Node), { file, line: 2, column: 1 });
});

test('textMayMatch: false only where the text of a node of the current tree lacks the word', () => {
  const at = '/virtual/text-may-match.ts';
  const code = 'const a = 1;\r\nconst returned = () => { return a; };\u2028if (a) {}\rvar z = 2;';
  const [first, second, third, fourth] = parseSource(code, at).program.body as Node[];
  const word = /\breturn\b/;
  assert.deepEqual([first, second, third, fourth].map((node) => textMayMatch(node!, word)), [false, true, false, false]);
  assert.equal(textMayMatch(fourth!, /\bvar\b/), true);
  // Made by the analysis, or placed elsewhere in the file's current text (a tree of an older text): not known, so true.
  assert.equal(textMayMatch({ ...first!, extra: { synthesized: true } } as Node, word), true);
  parseSource(`// another text\n${code}`, at);
  assert.equal(textMayMatch(third!, word), true);
});
