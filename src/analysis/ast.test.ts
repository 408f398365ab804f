/**
 * `eachChild` reads a node's children through a table of child keys per node type instead of `Object.keys`.
 * This test holds it to the `Object.keys` definition (same children, same order) on every node of the
 * repository's sources and of a snippet of rarer syntax, and holds the table to Babel's `VISITOR_KEYS`, so a
 * child key that the sources happen not to use is not missed either.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@babel/parser';
import { VISITOR_KEYS, type Node } from '@babel/types';
import { childKeysOf, eachChild } from './ast.js';

const SKIPPED = new Set(['type', 'loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens']);
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** The definition: every non-position key's nodes, in `Object.keys` order. */
function referenceChildren(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED.has(key)) continue;
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
  }
  return out;
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  eachChild(node, out, undefined, (child, _parent, list) => list.push(child));
  return out;
}

const rare = `
a?.b<T>(x); a?.<T>(x); f<T>(x); new C<T>(x); x ??= y; a?.[b]; import.meta.url; (0, eval)('x'); void 0;
const g = async function <T>(this: void, a: T = f(), ...r: T[]): Promise<T> { return a; };
const h = async <T,>(a: T): Promise<T> => a;
class K<T> extends B<T> implements I { m<U>(a: U): U { return a; } p: T = f(); static { f(); } #q = 1; get z(): number { return 1; } constructor(private readonly w: string) { super(); } }
const o = { m<T>(a: T): T { return a; }, async *n() { yield 1; }, [k]: 1, ...s };
lbl: for (const [a, b] of xs) { switch (a) { case f(): g(); break lbl; default: h(); } }
enum E { A = 1, B = f() } namespace N { export const x = 1; }
const t = tag\`a\${b}c\${d}\`; let u = x as unknown satisfies Y; let w2 = z!;
export default function ({ a = 1, b: [c] }: P = {}) { try { throw new Error(); } catch ({ message }) {} finally {} }
for (let i = 0, j = 1; i < j; i++, j--) {} do { x++; } while (x < 3); for (const k in o) {}
import type { Q } from './q'; export * from './r'; export { s as t } from './u'; import * as ns from 'v';
declare function df<T>(a: T): T; abstract class AC { abstract m(): void; }
type M = { [K in keyof T]?: T[K] } & ((a: string) => void) & (new () => X) & \`t\${string}\`;
function* gen() { yield* other(); } var re = /x/g; 10n; null; 'use strict';
`;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function checkTree(root: Node, where: string, seen: Set<string>): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    seen.add(node.type);
    const expected = referenceChildren(node);
    assert.deepEqual(children(node), expected, `${where}: children of ${node.type} at ${node.loc?.start.line}:${node.loc?.start.column}`);
    stack.push(...expected);
  }
}

test('eachChild gives the children Object.keys gives, in the same order, on every node of the sources', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const seen = new Set<string>();
  checkTree(parse(rare, { sourceType: 'module', plugins: ['typescript'], attachComment: false }), 'snippet', seen);
  for (const file of sources(root)) {
    const plugins: ('typescript' | 'jsx')[] = file.endsWith('x') ? ['typescript', 'jsx'] : ['typescript'];
    checkTree(parse(readFileSync(file, 'utf8'), { sourceType: 'unambiguous', plugins, attachComment: false }), file, seen);
  }
  // The walk went through the table, not only the Object.keys fallback.
  for (const type of ['CallExpression', 'SwitchCase', 'TemplateLiteral', 'Identifier']) {
    assert.ok(seen.has(type) && childKeysOf(type), type);
  }
});

test('the child-key table lists every key of VISITOR_KEYS for the types it has', () => {
  for (const [type, keys] of Object.entries(VISITOR_KEYS)) {
    const listed = childKeysOf(type);
    if (!listed) continue;
    // `predicate` is Flow's; the parser gives TypeScript and JavaScript only.
    const missing = keys.filter((key) => key !== 'predicate' && !listed.includes(key));
    assert.deepEqual(missing, [], type);
  }
  assert.deepEqual(childKeysOf('Program'), ['interpreter', 'directives', 'body']);
  // Their key order depends on the parser's path (see ast.ts): Object.keys answers for them.
  assert.equal(childKeysOf('ArrowFunctionExpression'), undefined);
});
