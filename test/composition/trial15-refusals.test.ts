/**
 * Refusals a new user (trial 15, F4) found without a reason or with a way out that does not exist: a spread in
 * call arguments that is no array literal, a call of a function value (a closure kept in a list), and the
 * string methods KRO's CEL has no function for (`repeat`, `padStart`, `padEnd`, `trimStart`, `trimEnd`, `at`),
 * whose hint pointed at Cel.expr(...). Each with its exact message; each way out a hint names, compiled and
 * held to JavaScript's value of the refused form.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const def = (name: string) => ({
  name,
  apiVersion: 'trial15.typekro.dev/v1',
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ s: 'string', code: /^[a-z0-9]*$/, nums: 'number.integer[]' }),
  status: type({ v: 'unknown' }),
});

interface Spec {
  s: string;
  code: string;
  nums: number[];
}

const SPECS: Spec[] = [
  { s: '', code: '', nums: [] },
  { s: 'a', code: 'x', nums: [3] },
  { s: 'ab😀', code: 'abc', nums: [1, 5, 2] },
  { s: 'abcdef', code: 'a1b2c3', nums: [-4, -9] },
  { s: ' É ', code: '0', nums: [0, 0] },
];

/** The status the composition gives in our engine, and JavaScript's. */
function agree(app: unknown, expected: (spec: Spec) => unknown, specs: readonly Spec[] = SPECS): void {
  for (const spec of specs) {
    assert.deepEqual(simulate(app as never, spec as never, { crossCheck: false }).status['v'], expected(spec), JSON.stringify(spec));
    assert.deepEqual(evaluateConcrete(app as never, spec as never).status['v'], expected(spec), JSON.stringify(spec));
  }
}

test('a spread of anything but an array literal in call arguments says why, and Math.max(...list) names KRO\'s max()', () => {
  const list = refusal(() => kubernetesComposition(def('spread-list'), (spec) => ({ v: Math.max(...spec.nums) })));
  assert.equal(list, `${at("'spread-list'", '...spec.nums')}: \`...spec.nums\` passes each item of \`spec.nums\` as an argument: a compiled call has the arguments written in it, and TypeKro reads a spread only of an array literal written in place, whose items are those arguments
    ...spec.nums
  hint: pass the values one by one (\`f(a, b)\`), or spread an array literal written in place (\`f(...[a, b])\`); for the largest item of a list, KRO's \`Cel.expr<number>(list, '.max()')\` (it fails on an empty list, where JavaScript gives -Infinity)`);
  const local = refusal(() => kubernetesComposition(def('spread-local'), (spec) => {
    const parts = [spec.s, 'x'] as const;
    return { v: spec.s.concat(...parts) };
  }));
  assert.equal(local, `${at("'spread-local'", '...parts')}: \`...parts\` passes each item of \`parts\` as an argument: a compiled call has the arguments written in it, and TypeKro reads a spread only of an array literal written in place, whose items are those arguments
    ...parts
  hint: pass the values one by one (\`f(a, b)\`), or spread an array literal written in place (\`f(...[a, b])\`)`);
  // eslint-disable-next-line no-sparse-arrays
  const hole = refusal(() => kubernetesComposition(def('spread-hole'), (spec) => ({ v: Math.min(...[spec.nums.length, , 2] as number[]) })));
  assert.equal(hole, `${at("'spread-hole'", '...[')}: \`...[spec.nums.length, , 2] as number[]\` has a hole, which passes \`undefined\`
    ...[spec.nums.length, , 2] as number[]
  hint: write the value that belongs there`);
  // The way out for a list: KRO's max(), equal to JavaScript's wherever the list has an item.
  const max = kubernetesComposition(def('list-max'), (spec) => ({ v: Cel.expr<number>(spec.nums, '.max()') }));
  for (const spec of SPECS.filter((s) => s.nums.length > 0)) assert.equal(simulate(max, spec, { crossCheck: false }).status['v'], Math.max(...spec.nums), JSON.stringify(spec));
});

/** The helper the way out calls by name. */
const make = (t: string, name: string): string => `${t}-${name}`;

test('a call of a function value says which function it is and names the helper as the way out', () => {
  const stored = refusal(() => kubernetesComposition(def('stored-closure'), (spec) => {
    const makers: (() => string)[] = [];
    for (const t of ['a', 'b']) makers.push(() => `${t}-${spec.s}`);
    return { v: makers[0]!() };
  }));
  assert.equal(stored, `${at("'stored-closure'", 'makers[0]!()')}: this call cannot be compiled to CEL: \`makers[0]\` is a function value (a list item, an object's entry or a call's result), and which function it holds is decided when JavaScript runs; TypeKro compiles a call by inlining the body of a helper the call names
    makers[0]!()
  hint: call a helper by its name with the values it needs (\`const make = (t: string) => t + '-' + spec.name;\` then \`make('a')\`), instead of keeping functions in a list or an object and calling them later`);
  const inPlace = refusal(() => kubernetesComposition(def('called-in-place'), (spec) => ({ v: ((t: string) => `${t}-${spec.s}`)('a') })));
  assert.equal(inPlace, `${at("'called-in-place'", '((t')}: this call cannot be compiled to CEL: it calls a function written where it is called, and TypeKro inlines the functions it can name
    ((t: string) => \`\${t}-\${spec.s}\`)('a')
  hint: give the function a name (\`const f = (x: string) => ...\`) and call \`f(...)\`, or write its expression in place`);
  // The way out: the helper called by name, with every value.
  agree(kubernetesComposition(def('named-helper'), (spec) => ({ v: [make('a', spec.s), make('b', spec.s)].join(',') })), (spec) => `a-${spec.s},b-${spec.s}`);
});

test('string methods KRO\'s CEL lacks name what compiles to the same value, or that it comes from outside', () => {
  const hint = (name: string, call: string, define: () => unknown): string => refusal(define).replace(`${at(`'${name}'`, `${call}(`)}: `, '');
  const outside = 'compute the text before the composition runs and pass it in the spec';
  assert.equal(hint('repeat', 'spec.s.repeat', () => kubernetesComposition(def('repeat'), (spec) => ({ v: spec.s.repeat(2) }))), `the string method \`repeat\` has no CEL equivalent
    spec.s.repeat(2)
  hint: KRO's CEL has no repeat: for a count written in the code, join the text to itself (\`s + s\` is \`s.repeat(2)\`); for a count from the spec, ${outside}`);
  assert.equal(hint('pad-start', 'spec.s.padStart', () => kubernetesComposition(def('pad-start'), (spec) => ({ v: spec.s.padStart(4, '0') }))), `the string method \`padStart\` has no CEL equivalent
    spec.s.padStart(4, '0')
  hint: KRO's CEL has no padding function: cut the padding from a literal at least as wide, \`'0000'.substring(0, 4 - s.length) + s\` is \`s.padStart(4, '0')\` (substring clamps as padStart does); or ${outside}`);
  assert.equal(hint('pad-end', 'spec.s.padEnd', () => kubernetesComposition(def('pad-end'), (spec) => ({ v: spec.s.padEnd(4) }))), `the string method \`padEnd\` has no CEL equivalent
    spec.s.padEnd(4)
  hint: KRO's CEL has no padding function: cut the padding from a literal at least as wide, \`s + '    '.substring(0, 4 - s.length)\` is \`s.padEnd(4)\` (substring clamps as padEnd does); or ${outside}`);
  assert.equal(hint('trim-start', 'spec.s.trimStart', () => kubernetesComposition(def('trim-start'), (spec) => ({ v: spec.s.trimStart() }))), `the string method \`trimStart\` has no CEL equivalent
    spec.s.trimStart()
  hint: KRO's CEL strips spaces only from both ends (\`trim()\`): write \`s.trim()\` if the end may go too; to strip one end only, ${outside}`);
  assert.equal(hint('trim-end', 'spec.s.trimEnd', () => kubernetesComposition(def('trim-end'), (spec) => ({ v: spec.s.trimEnd() }))), `the string method \`trimEnd\` has no CEL equivalent
    spec.s.trimEnd()
  hint: KRO's CEL strips spaces only from both ends (\`trim()\`): write \`s.trim()\` if the start may go too; to strip one end only, ${outside}`);
  assert.equal(hint('text-at', 'spec.s.at', () => kubernetesComposition(def('text-at'), (spec) => ({ v: spec.s.at(-1) ?? '' }))), `the string method \`at\` has no CEL equivalent
    spec.s.at(-1)
  hint: \`s.charAt(s.length - 1)\` for \`s.at(-1)\` and \`s.charAt(i)\` for \`s.at(i)\` with \`i >= 0\` (both give '' past the end, where \`at\` gives \`undefined\`)`);
  assert.equal(hint('list-at', 'spec.nums.at', () => kubernetesComposition(def('list-at'), (spec) => ({ v: spec.nums.at(-1) ?? 0 }))), `the array method \`at\` has no CEL equivalent
    spec.nums.at(-1)
  hint: \`list[list.length - 1]\` for \`list.at(-1)\` and \`list[i]\` for \`list.at(i)\` with \`i >= 0\` (each \`undefined\` past the end, as with \`at\`)`);
});

test('the ways out the string and list hints name compile to JavaScript\'s value of the refused form', () => {
  agree(kubernetesComposition(def('repeat-out'), (spec) => ({ v: spec.s + spec.s })), (spec) => spec.s.repeat(2));
  agree(kubernetesComposition(def('pad-start-out'), (spec) => ({ v: '0000'.substring(0, 4 - spec.s.length) + spec.s })), (spec) => spec.s.padStart(4, '0'));
  agree(kubernetesComposition(def('pad-end-out'), (spec) => ({ v: spec.s + '    '.substring(0, 4 - spec.s.length) })), (spec) => spec.s.padEnd(4));
  // charAt counts as JavaScript does only on text without characters above U+FFFF: the pattern says so.
  agree(kubernetesComposition(def('last-char-out'), (spec) => ({ v: spec.code.charAt(spec.code.length - 1) })), (spec) => spec.code.at(-1) ?? '');
  agree(kubernetesComposition(def('first-char-out'), (spec) => ({ v: spec.code.charAt(1) })), (spec) => spec.code.at(1) ?? '');
  agree(kubernetesComposition(def('last-item-out'), (spec) => ({ v: spec.nums[spec.nums.length - 1] ?? 'none' })), (spec) => spec.nums.at(-1) ?? 'none');
  agree(kubernetesComposition(def('item-out'), (spec) => ({ v: spec.nums[1] ?? 'none' })), (spec) => spec.nums.at(1) ?? 'none');
});
