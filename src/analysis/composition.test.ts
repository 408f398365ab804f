import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '@babel/types';
import { walk } from './ast.js';
import { argumentProperty } from './argument-property.js';
import { enclosingContext, factoryCallsIn, returnedStatus, type FunctionNode } from './composition.js';
import { CompositionSyntaxError } from './errors.js';
import { parseSource, snippetOf } from './source.js';

let counter = 0;

/** Parses `const fn = <source>` and returns the function node. */
function fnOf(source: string): FunctionNode {
  const ast = parseSource(`const fn = ${source};`, `/virtual/composition-${counter++}.ts`);
  let found: FunctionNode | undefined;
  walk(ast, (node) => {
    if (!found && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression')) found = node;
  });
  assert.ok(found);
  return found;
}

function callNamed(fn: FunctionNode, name: string): Node {
  const call = factoryCallsIn(fn).find((c) => c.callee.type === 'Identifier' && c.callee.name === name);
  assert.ok(call, `no call to ${name}`);
  return call;
}

const statusCases: [string, string, string | undefined][] = [
  ['expression body', '(spec) => ({ ready: true })', '{ ready: true }'],
  ['block with final return', '(spec) => { const d = D(); return { ready: d.x }; }', '{ ready: d.x }'],
  ['nested function returns are ignored', '(spec) => { const f = () => { return 1; }; return { a: 1 }; }', '{ a: 1 }'],
  ['no return', '(spec) => { D(); }', undefined],
  ['function expression', 'function (spec) { return { a: spec.a }; }', '{ a: spec.a }'],
  // A name and TypeScript wrappers: the status module resolves the name to its literal (or refuses it there).
  ['a name, through `as`', '(spec) => { const s = { a: 1 }; return s as S; }', 's'],
  ['expression body, through `satisfies`', '(spec) => ({ a: spec.a } satisfies S)', '{ a: spec.a }'],
  ['returns in callbacks, getters and methods are ignored', '(spec) => { const a = xs.map((x) => { return x; }); const o = { get g() { return 1; }, m() { return 2; } }; const c = class { m() { return 3; } }; return { a: 1 }; }', '{ a: 1 }'],
];

test('returnedStatus', async (t) => {
  for (const [name, source, expected] of statusCases) {
    await t.test(name, () => {
      const status = returnedStatus(fnOf(source));
      assert.equal(status && snippetOf(status), expected);
    });
  }
  const rejected: [string, string, RegExp][] = [
    ['early return', '(spec) => { if (spec.a) return { a: 1 };\n return { a: 2 }; }', /:1:\d+: a composition must return its status once/],
    ...[
      'for (const x of xs) { return { a: 1 }; }',
      'for (;;) return { a: 1 };',
      'while (spec.a) { if (spec.b) { return { a: 1 }; } }',
      'do { return { a: 1 }; } while (spec.a);',
      'for (const k in spec) return { a: 1 };',
      'try { return { a: 1 }; } catch (e) { }',
      'try { } catch (e) { return { a: 1 }; }',
      'try { } finally { return { a: 1 }; }',
      'switch (spec.a) { case 1: return { a: 1 }; default: }',
      'outer: { return { a: 1 }; }',
      '{ { return { a: 1 }; } }',
    ].map((early): [string, string, RegExp] => [`early return in \`${early}\``, `(spec) => { ${early}\n return { a: 2 }; }`, /:1:\d+: a composition must return its status once/]),
  ];
  for (const [name, source, pattern] of rejected) {
    await t.test(`rejects ${name}`, () => assert.throws(() => returnedStatus(fnOf(source)), (e) => e instanceof CompositionSyntaxError && pattern.test(e.message)));
  }
});

interface ContextView {
  declaredAs?: string;
  conditions: string[];
  loops: string[];
  helper?: boolean;
}

function view(fn: FunctionNode, name: string): ContextView {
  const ctx = enclosingContext(fn, callNamed(fn, name));
  return {
    ...(ctx.declaredAs !== undefined && { declaredAs: ctx.declaredAs }),
    conditions: ctx.conditions.map((c) => `${c.negated ? '!' : ''}${snippetOf(c.test)}`),
    loops: ctx.loops.map((l) => `${l.kind} ${l.variable}${l.index ? `,${l.index}` : ''} of ${snippetOf(l.source)}`),
    ...(ctx.insideHelper && { helper: true }),
  };
}

const contextCases: [string, string, string, ContextView][] = [
  ['plain const', '(spec) => { const dep = D({}); }', 'D', { declaredAs: 'dep', conditions: [], loops: [] }],
  ['fluent chain', '(spec) => { const dep = D({}).withReadyWhen(() => true); }', 'D', { declaredAs: 'dep', conditions: [], loops: [] }],
  ['not bound directly', '(spec) => { const x = wrap(D({})); }', 'D', { conditions: [], loops: [] }],
  ['if', '(spec) => { if (spec.host) { const i = I({}); } }', 'I', { declaredAs: 'i', conditions: ['spec.host'], loops: [] }],
  ['else', '(spec) => { if (spec.a) { A(); } else { B(); } }', 'B', { conditions: ['!spec.a'], loops: [] }],
  ['else if', '(spec) => { if (spec.a) A(); else if (spec.b) B(); }', 'B', { conditions: ['!spec.a', 'spec.b'], loops: [] }],
  // The handle a ternary chooses is named by the const holding it (or nothing): trial 8 T04.
  ['ternary', '(spec) => { const x = spec.a ? A() : null; }', 'A', { declaredAs: 'x', conditions: ['spec.a'], loops: [] }],
  ['ternary else', '(spec) => { spec.a ? null : B(); }', 'B', { conditions: ['!spec.a'], loops: [] }],
  ['and', '(spec) => { spec.a && A(); }', 'A', { conditions: ['spec.a'], loops: [] }],
  ['or', '(spec) => { spec.a || A(); }', 'A', { conditions: ['!spec.a'], loops: [] }],
  ['for-of', '(spec) => { for (const w of spec.workers) { if (w) W({}); } }', 'W', { conditions: ['w'], loops: ['for-of w of spec.workers'] }],
  ['map', '(spec) => spec.workers.map((w) => W({ name: w }))', 'W', { conditions: [], loops: ['map w of spec.workers'] }],
  ['forEach with index', '(spec) => { spec.ws.forEach((w, i) => { W(); }); }', 'W', { conditions: [], loops: ['forEach w,i of spec.ws'] }],
  ['nested loops outermost first', '(spec) => { for (const a of spec.as) { spec.bs.map((b) => W()); } }', 'W', { conditions: [], loops: ['for-of a of spec.as', 'map b of spec.bs'] }],
  ['helper function', '(spec) => { const mk = (n) => W({ n }); mk(1); }', 'W', { conditions: [], loops: [], helper: true }],
];

test('enclosingContext', async (t) => {
  for (const [name, source, callee, expected] of contextCases) {
    await t.test(name, () => assert.deepEqual(view(fnOf(source), callee), expected));
  }
  await t.test('rejects while loops', () => {
    const fn = fnOf('(spec) => { while (spec.a) { W(); } }');
    assert.throws(() => enclosingContext(fn, callNamed(fn, 'W')), /loop form the compiler cannot express/);
  });
});

test('factoryCallsIn lists calls that never ran, in source order', () => {
  const fn = fnOf('(spec) => { if (false) A(B()); C(); }');
  assert.deepEqual(factoryCallsIn(fn).map((c) => snippetOf(c.callee)), ['A', 'B', 'C']);
});

test('factoryCallsIn: only the body, a fresh list each time, contexts still found', () => {
  const fn = fnOf('(spec = P()) => { const d = D(); return { a: d }; }');
  const first = factoryCallsIn(fn);
  assert.deepEqual(first.map((c) => snippetOf(c.callee)), ['D']);
  first.pop();
  assert.equal(factoryCallsIn(fn).length, 1);
  assert.equal(enclosingContext(fn, callNamed(fn, 'D')).declaredAs, 'd');
});

const argumentCases: [string[] | (string | number)[], string | undefined][] = [
  [['name'], '`web-${spec.env}`'],
  [['spec', 'image'], "spec.env === 'prod' ? 'a' : 'b'"],
  [['ports', 1, 'port'], '8443'],
  [['quoted-key'], '1'],
  [['missing'], undefined],
  [['spread', 'x'], undefined],
];

test('argumentProperty', async (t) => {
  const fn = fnOf("(spec) => D({ name: `web-${spec.env}`, spec: { image: spec.env === 'prod' ? 'a' : 'b' }, ports: [{ port: 80 }, { port: 8443 }], 'quoted-key': 1, spread: { x: 1, ...o } })");
  const call = callNamed(fn, 'D');
  const arg = call.type === 'CallExpression' ? call.arguments[0] : undefined;
  assert.ok(arg);
  for (const [path, expected] of argumentCases) {
    await t.test(path.join('.'), () => {
      const node = argumentProperty(arg, path);
      assert.equal(node && snippetOf(node), expected);
    });
  }
});
