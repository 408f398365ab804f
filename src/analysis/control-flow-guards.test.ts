import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '@babel/types';
import { eachChild } from './ast.js';
import { parse as babelParse } from '@babel/parser';
import { controlGuardsOf, leavingJumps } from './control-flow-guards.js';
import { parseSource, snippetOf } from './source.js';

let counter = 0;

/** The guards of the write `x = ...` in `source` (a program, or one function), outermost first, as source text. */
function guardsOfWrite(source: string): string[] {
  const program = parseSource(source, `/virtual/guards-${counter++}.ts`).program;
  // A function's own body is where local-scope.ts starts its walk.
  const first = program.body[0];
  const root = first?.type === 'FunctionDeclaration' ? first.body : program;
  let found: string[] | undefined;
  const visit = (node: Node, parent: Node, guards: string[]): void => {
    const here = [...guards, ...controlGuardsOf(parent, node).map((guard) => snippetOf(guard))];
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === 'x') found = here;
    eachChild(node, here, undefined, (child, p, g) => visit(child, p, g));
  };
  eachChild(root, [] as string[], undefined, (child, p, g) => visit(child, p, g));
  assert.ok(found, 'no write to x');
  return found;
}

test('straight-line code guards nothing', () => {
  assert.deepEqual(guardsOfWrite('let x; f(); x = g(1 + 2, [h()]);'), []);
});

test('branches, case labels and loops guard their bodies', () => {
  assert.deepEqual(guardsOfWrite('if (a) { x = 1; }'), ['a']);
  assert.deepEqual(guardsOfWrite('switch (true) { case a > 1: break; case b: x = 1; }'), ['true', 'a > 1', 'b']);
  assert.deepEqual(guardsOfWrite('for (const e of list) x = e;'), ['list']);
  assert.deepEqual(guardsOfWrite('o.p ??= (x = 1);'), ['o.p']);
  assert.deepEqual(guardsOfWrite('o?.f((x = 1));'), ['o?.f']);
});

test('a statement after a guarded jump that leaves an earlier statement is guarded by the jump', () => {
  assert.deepEqual(guardsOfWrite('blk: { if (a) break blk; x = 1; }'), ['a']);
  assert.deepEqual(guardsOfWrite('function f() { if (a) return; x = 1; }'), ['a']);
  assert.deepEqual(guardsOfWrite('for (const e of k) { if (e === a) continue; x = e; }'), ['k', 'e === a']);
  // Twice: the body's later iterations, and the statements after the jump in this one.
  assert.deepEqual(guardsOfWrite('do { if (a) break; x = 1; } while (false);'), ['false', 'a', 'a']);
  // A jump that stays inside the earlier statement (its own loop, its own label) guards nothing after it.
  assert.deepEqual(guardsOfWrite('for (const e of k) { if (a) break; } x = 1;'), []);
  assert.deepEqual(guardsOfWrite('inner: { if (a) break inner; } x = 1;'), []);
  assert.deepEqual(guardsOfWrite('try { if (a) throw e; } catch {} x = 1;'), []);
});

test('a jump that leaves a loop guards its whole body (later iterations), a continue of the loop does not', () => {
  assert.deepEqual(guardsOfWrite('for (const e of k) { x = e; if (a) break; }'), ['k', 'a']);
  assert.deepEqual(guardsOfWrite('for (const e of k) { x = e; if (a) continue; }'), ['k']);
});

test('a parent not known to run each child once guards it by itself (fail-closed)', () => {
  assert.deepEqual(guardsOfWrite('class C { p = (x = 1); }'), ['p = (x = 1);']);
});

test('statements skipped by the keyword look have no leaving jump (the same answers as a walk of each)', () => {
  const sources = [
    'f(); if (a) return; g();',
    'for (const e of k) { if (e) continue; h(e); } blk: { if (b) break blk; }',
    'const C = class { static { if (a) throw new Error("x"); } }; f();',
    'try { if (a) throw e; } catch {} const returned = breaks + continues; throwAway();',
    'while (a) {\r\n  if (b)\u2028    break;\r\n}\rconst y = () => { return 1; }; function z() { throw 1; }',
  ];
  for (const source of sources) {
    // A tree parsed without a file has no text: its statements are walked (the reference answer).
    const wrapped = `function w() {\n${source}\n}`;
    const body = (program: { body: Node[] }): Node[] => (program.body[0] as Extract<Node, { type: 'FunctionDeclaration' }>).body.body;
    const walked = body(babelParse(wrapped, { sourceType: 'module', plugins: ['typescript'] }).program);
    const looked = body(parseSource(wrapped, `/virtual/jumps-${counter++}.ts`).program);
    const kinds = (statement: Node): string[] => leavingJumps(statement).map((jump) => `${jump.kind}:${jump.guards.length}`);
    assert.deepEqual(looked.map(kinds), walked.map(kinds), source);
  }
});
