import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '@babel/types';
import { walk } from './ast.js';
import { parentsOf, type FunctionNode } from './function-facts.js';
import { LazyParentLinks } from './parent-links.js';
import { parseSource } from './source.js';
import { synthesize } from './synthesized.js';

// Holes, shorthand properties (key and value share a span), a pattern default, annotations, a nested callback.
const SOURCE = `
export const f = (spec: { a: number; list: string[] }, { b = 1 }: { b?: number } = {}) => {
  const [x, , y] = spec.list;
  const o = { x, y, z: [1, , 3] };
  if (spec.a > 1) throw new Error(\`\${x}\`);
  return spec.list.map((item: string) => ({ item, n: o.z.length }));
};
`;

function firstFunction(file: string): FunctionNode {
  let fn: FunctionNode | undefined;
  walk(parseSource(SOURCE, file), (node) => {
    if (!fn && node.type === 'ArrowFunctionExpression') fn = node;
  });
  return fn!;
}

function everyLink(fn: Node): Map<Node, Node> {
  const links = new Map<Node, Node>();
  walk(fn, (node, parent) => void (parent && links.set(node, parent)));
  return links;
}

test('a node asked alone finds the same parent as a walk links', () => {
  const fn = firstFunction('/virtual/parent-links-alone.ts');
  const links = everyLink(fn);
  assert.ok(links.size > 60, `${links.size} links`);
  for (const [node, parent] of links) assert.equal(new LazyParentLinks(fn).get(node), parent, `${node.type} at ${node.start}`);
});

test("a function's parents (links from its walk, the rest found) are the walk's, asked in any order", () => {
  const fn = firstFunction('/virtual/parent-links-facts.ts');
  const parents = parentsOf(fn);
  for (const [node, parent] of [...everyLink(fn)].reverse()) assert.equal(parents.get(node), parent, `${node.type} at ${node.start}`);
});

test('the function itself, a node outside it and a synthesized node have no parent', () => {
  const fn = firstFunction('/virtual/parent-links-outside.ts');
  const parents = new LazyParentLinks(fn);
  const body = (fn.body as Extract<Node, { type: 'BlockStatement' }>).body;
  const inside = body[0]!;
  assert.equal(parents.get(fn), undefined);
  const other = firstFunction('/virtual/parent-links-other.ts');
  assert.equal(parents.get((other.body as Extract<Node, { type: 'BlockStatement' }>).body[0]!), undefined);
  assert.equal(parents.get(synthesize(inside, { type: 'Identifier', name: 'x' })), undefined);
  assert.equal(parents.get(inside), fn.body);
});
