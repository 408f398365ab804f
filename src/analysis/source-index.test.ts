/**
 * `findCallAt` answers from an index built once per file. This test holds it to the original
 * definition (walk every call, filter, take the smallest span) at every position of real files, and
 * `callsWithin` to a walk of the node (the same calls, the same order) at every statement and function.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from '@babel/types';
import { walk } from './ast.js';
import { callsWithin, findCallAt, parseSource, type CallNode } from './source.js';

type Position = readonly [number, number];
const before = (a: Position, b: Position): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
const contains = (node: Node, at: Position): boolean =>
  !!node.loc && before([node.loc.start.line, node.loc.start.column], at) && before(at, [node.loc.end.line, node.loc.end.column]);
const keyNode = (call: CallNode): Node => {
  if (call.type === 'NewExpression') return call;
  const callee = call.callee;
  return callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? callee.property : callee;
};
const spanSize = (node: Node): number => (node.end ?? 0) - (node.start ?? 0);

/** The definition: a linear scan over every call of the file. */
function reference(calls: CallNode[], line: number, column: number): CallNode | undefined {
  const at: Position = [line, column - 1];
  const innermost = (list: CallNode[]): CallNode | undefined => [...list].sort((a, b) => spanSize(a) - spanSize(b))[0];
  const exact = calls.filter((call) => {
    const start = keyNode(call).loc?.start;
    return start?.line === at[0] && start.column === at[1];
  });
  return (
    innermost(exact) ??
    innermost(calls.filter((call) => call.type !== 'NewExpression' && contains(call.callee, at))) ??
    innermost(calls.filter((call) => contains(call, at)))
  );
}

const tricky = [
  'f()(g())(h(i()));',
  'new A()(new B(c()));',
  'a?.b?.(c)?.d.e(f?.(g))',
  'x.y.z(w => w.map(v => q(v)).filter(Boolean)).then(r => r);',
  'const t = `${f(1)}${g(2)}`; const u = (h)(k)(l);',
  'const v = cond ? F({ a: G(1) }) : H(new I(J()));',
  '',
  '  outer(',
  '    inner(1),',
  '    other(2)',
  '  )',
].join('\n');

const root = fileURLToPath(new URL('../..', import.meta.url));
const files: [string, string][] = [['/virtual/tricky.ts', tricky]];
for (const dir of ['src/analysis', 'test/corpus/cases']) {
  for (const name of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ts')).sort()) {
    const path = join(root, dir, name);
    files.push([`/virtual/index-check/${dir}/${name}`, readFileSync(path, 'utf8')]);
  }
}

test('findCallAt agrees with the linear definition at every position', async (t) => {
  for (const [file, code] of files) {
    await t.test(file, () => {
      const ast = parseSource(code, file);
      const calls: CallNode[] = [];
      walk(ast, (node) => {
        if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression') calls.push(node);
      });
      const lines = code.split('\n');
      let checked = 0;
      for (let line = 0; line <= lines.length + 1; line++) {
        const width = (lines[line - 1]?.length ?? 0) + 3;
        for (let column = 0; column <= width; column++) {
          const expected = reference(calls, line, column);
          const actual = findCallAt(file, line, column);
          if (actual !== expected) assert.fail(`${file}:${line}:${column}: expected ${expected?.start}-${expected?.end}, got ${actual?.start}-${actual?.end}`);
          checked++;
        }
      }
      assert.ok(checked > 0);
    });
  }
});

const isCall = (node: Node): node is CallNode => node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression';

test('callsWithin gives the calls a walk of the node meets, in its order, at every statement and function', async (t) => {
  for (const [file, code] of files) {
    await t.test(file, () => {
      const ast = parseSource(code, file);
      let checked = 0;
      walk(ast, (node) => {
        if (!node.type.endsWith('Statement') && !node.type.startsWith('Function') && node.type !== 'ArrowFunctionExpression' && !isCall(node)) return;
        const expected: CallNode[] = [];
        walk(node, (inner) => void (isCall(inner) && expected.push(inner)));
        const actual = callsWithin(node);
        if (!actual || actual.length !== expected.length || actual.some((call, i) => call !== expected[i])) {
          assert.fail(`${file}:${node.loc?.start.line}: ${node.type}: expected ${expected.length} calls, got ${actual?.length}`);
        }
        checked++;
      });
      assert.ok(checked > 0);
    });
  }
});

test('callsWithin does not answer for a node made by the analysis or of another text (the caller walks)', () => {
  const ast = parseSource('f(g());\nh(k());', '/virtual/calls-within/made.ts');
  const statement = ast.program.body[1]!;
  assert.equal(callsWithin(statement)?.length, 2);
  assert.equal(callsWithin({ ...statement, extra: { synthesized: true } } as Node), undefined);
  assert.equal(callsWithin({ ...statement, loc: statement.loc && { ...statement.loc, filename: '/virtual/calls-within/unparsed.ts' } } as Node), undefined);
  // The file's text changed: the statement's place no longer fits it.
  parseSource('ff(g());\nh(k());', '/virtual/calls-within/made.ts');
  assert.equal(callsWithin(statement), undefined);
});
