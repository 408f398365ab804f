/**
 * Helpers from other files that TypeKro cannot compile fail the definition where they are used, with
 * file:line:column, the construct and the way out: a package's function reached through a local barrel, a
 * CommonJS module, a namespace used as a value, a rest pattern of a helper's parameter. (What compiles is
 * held to JavaScript in test/differential/helper-modules.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { stringify } from '../differential/fixtures/modules/foreign.js';
import { stringify as relativeStringify } from '../../node_modules/yaml/dist/index.js';
import * as H from '../differential/fixtures/modules/lib.js';
import * as G from '../differential/fixtures/modules/grouped.js';
import { Naming, fmt, shorthand } from '../differential/fixtures/modules/grouped.js';
// @ts-expect-error  a CommonJS helper without types
import shout from '../differential/fixtures/modules/common.cjs';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'mod.typekro.dev/v1alpha1',
  kind: 'Refused',
  spec: type({ prod: 'boolean', s: 'string', 'opt?': 'string' }),
  status: type({ 'v?': 'string' }),
};

test('a package function re-exported by a local barrel is refused as JavaScript', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'foreign' }, (spec) => {
      ConfigMap({ name: 'x', data: { a: stringify(spec.prod ? 'a' : 'b') } });
      return {};
    })),
    at("'foreign'", 'stringify') + ': `stringify(...)` comes from the package "yaml": its code runs in JavaScript only (TypeKro does not read it), so what it computes from a reference cannot be compiled to CEL\n    stringify(spec.prod ? \'a\' : \'b\')\n  hint: compute the value in the composition or in a helper of your own source files (TypeKro reads those), or write Cel.expr(...)',
  );
});

test('a CommonJS helper is refused with the reason and the way out', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'common' }, (spec) => {
    ConfigMap({ name: 'x', data: { a: (shout as (s: string) => string)(spec.prod ? 'a' : 'b') } });
    return {};
  }));
  assert.equal(
    message.replace(/\S*\/test\/differential\//g, '<dir>/'),
    at("'common'", '(shout as') + ': `shout(...)` cannot be compiled: <dir>/fixtures/modules/common.cjs has no export named "default" that TypeKro can follow\n' +
      '    (shout as (s: string) => string)(spec.prod ? \'a\' : \'b\')\n' +
      '  hint: import the helper from a local source file that exports it (by name, as default, through a namespace or a re-export), or compute the value in the composition',
  );
});

test('a namespace used as a value is refused', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'namespace-value' }, (spec) => {
    return { v: spec.prod ? (H as unknown as string) : 'x' };
  }));
  assert.equal(
    message.replace(/\S*\/test\/differential\//g, '<dir>/'),
    at("'namespace-value'", 'H as unknown') + ': `H` is the namespace of <dir>/fixtures/modules/lib.ts; a module is not a value CEL can hold\n    H\n  hint: read or call one of its exports (`H.name`)',
  );
});

test('a static method of a class and a shorthand method are refused naming the called member and the way out (trial 8 T07)', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'class-static' }, (spec) => ({ v: Naming.dns(spec.s, 'prod') }))),
    at("'class-static'", 'Naming.dns(') + ": `Naming.dns(...)` calls a static method of the class `Naming`: static methods of classes are not followed\n    Naming.dns(spec.s, 'prod')\n  hint: export `dns` as a function (`export function dns(...)`) and call it",
  );
  const shorthandWhy = 'calls a method written in the shorthand form (`lower(...) { ... }`), which TypeKro does not follow into';
  const shorthandHint = '  hint: write it as a property holding an arrow function (`lower: (...) => ...`), or export `lower` as a function';
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'shorthand' }, (spec) => ({ v: shorthand.lower(spec.s) }))),
    `${at("'shorthand'", 'shorthand.lower(')}: \`shorthand.lower(...)\` ${shorthandWhy}\n    shorthand.lower(spec.s)\n${shorthandHint}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'shorthand-ns' }, (spec) => ({ v: G.shorthand.lower(spec.s) }))),
    `${at("'shorthand-ns'", 'G.shorthand.lower(')}: \`G.shorthand.lower(...)\` ${shorthandWhy}\n    G.shorthand.lower(spec.s)\n${shorthandHint}`,
  );
  // A member of a helper object read as a value, not called: named as itself (not another member's code).
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'member-value' }, (spec) => ({ v: spec.prod ? String(fmt.upper) : 'x' }))),
    `${at("'member-value'", 'fmt.upper)')}: \`fmt.upper\` is a function; a function is not a value CEL can hold\n    fmt.upper\n  hint: call it, or compute the value in the expression`,
  );
});

test('a rest pattern in a helper\'s parameter is refused where its value depends on a reference', () => {
  const rest = ({ p, ...others }: { p: boolean; q?: string }) => (p ? 'p' : others.q ?? 'none');
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'rest-pattern' }, (spec) => {
      return { v: rest({ p: spec.prod, q: spec.s }) }; // m:restCall
    })),
    at('const rest =', 'others.q') + ': `others` collects the remaining properties (a rest pattern), which CEL cannot express, and its value depends on a reference\n    others\n  hint: read the properties you need by name (`const { a, b } = value`)\n  in `rest(...)` called at ' + at('m:restCall', 'rest('),
  );
});

test('an async composition function is refused at the function, before it runs (trial C22)', () => {
  let ran = false;
  const message = refusal(() =>
    // An async function type-checks (the status type is inferred as a Promise).
    kubernetesComposition({ ...definition, name: 'async-fn' }, async (spec) => {
      ran = true;
      return { v: spec.prod ? 'p' : 'd' };
    }),
  );
  assert.equal(
    message,
    at("'async-fn'", 'async (spec') + ': composition "async-fn": the composition function must be synchronous (it is async)\n    async (spec) => { ran = true; return { v: spec.prod ? \'p\' : \'d\' }; }\n' +
      '  hint: remove `async` and return the status object itself: TypeKro runs the function once, synchronously, when the composition is defined; await what you need before defining it and pass it in as a constant',
  );
  assert.equal(ran, false);
});

test('a composition function that returns a Promise is refused at the function', () => {
  const message = refusal(() =>
    // A Promise for a status type-checks likewise.
    kubernetesComposition({ ...definition, name: 'promise-fn' }, (spec) => Promise.resolve({ v: spec.prod ? 'p' : 'd' })),
  );
  const first = `${at("'promise-fn'", '(spec) =>')}: composition "promise-fn": the composition function must be synchronous (it returned a Promise)\n`;
  assert.ok(message.startsWith(first), message);
});

test('a function imported by a relative path into node_modules is a package\'s: refused as JavaScript', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'relative-package' }, (spec) => {
    ConfigMap({ name: 'x', data: { a: (relativeStringify as (v: string) => string)(spec.prod ? 'a' : 'b') } });
    return {};
  }));
  assert.match(message, /^<this file>:\d+:\d+: `relativeStringify\(\.\.\.\)` comes from "\.\.\/\.\.\/node_modules\/yaml\/dist\/index\.js": its code runs in JavaScript only \(TypeKro does not read it\)/);
});
