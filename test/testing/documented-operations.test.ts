/**
 * A documented difference one operation later (trial 9 T09): `s.toLowerCase() === s` with `Äb`,
 * `s.substring(0, 3)` with `😀ab`. simulate finds the documented operation in the compiled expression and
 * evaluates what it is applied to: only an input on which that operation differs (a letter outside ASCII
 * whose case JavaScript maps, a character outside the BMP, U+FEFF/U+0085 for trim) explains the difference,
 * and the report names the operation and the input. Everything else still throws.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { E, type Expr } from '../../src/ir/expr.js';
import { simulate } from '../../src/testing/index.js';
import { crossCheck } from '../../src/testing/offline/cross-check.js';
import { documentedOperation } from '../../src/testing/offline/documented.js';
import { utf16IndexOfFrom, utf16LastIndexOfFrom, utf16Length, utf16Search } from '../../src/analysis/utf16.js';
import { printCel } from '../../src/compile/cel/print.js';

const SECTION = 'README.md, "Where the CEL differs"';
const CASE = `${SECTION}: toLowerCase()/toUpperCase() are lowerAscii()/upperAscii(), letters outside ASCII keep their case`;
const POSITIONS = `${SECTION}: the positions of substring() and charAt() count code points in CEL and UTF-16 code units in JavaScript (a character outside the BMP)`;
const ORDER = `${SECTION}: <, <=, >, >= on strings compare code points in CEL and UTF-16 code units in JavaScript (a character outside the BMP against one from U+E000 to U+FFFF)`;
const TRIM = `${SECTION}: trim() keeps U+FEFF, which JavaScript strips, and strips U+0085, which JavaScript keeps`;

const later = kubernetesComposition(
  {
    name: 'later',
    kind: 'Later',
    spec: type({ name: 'string', 'other?': 'string' }),
    status: type({ isLower: 'boolean', short: 'string', order: 'string', trimmedLength: 'number' }),
  },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'later', data: { short: `x-${spec.name.substring(0, 3)}` } });
    return {
      isLower: spec.name.toLowerCase() === spec.name,
      short: spec.name.substring(0, 3),
      order: spec.name < (spec.other ?? '') ? 'before' : 'after',
      trimmedLength: spec.name.trim().length,
    };
  },
);

const reported = (spec: { name: string; other?: string }) => simulate(later, spec).documentedDifferences.map((d) => [d.aspect, d.detail, d.documented]);

describe('a documented difference inside an expression', () => {
  it('toLowerCase() compared with its input: the case mapping, naming the operation and the input', () => {
    assert.deepEqual(simulate(later, { name: 'Äb' }).status, { isLower: true, short: 'Äb', order: 'after', trimmedLength: 2 });
    assert.deepEqual(reported({ name: 'Äb' }), [['status.isLower', 'compiled true, JavaScript false', `${CASE} (here toLowerCase() of "Äb")`]]);
  });

  it('substring() over a character outside the BMP, in the status and in a template of a manifest; trim().length agrees', () => {
    assert.deepEqual(reported({ name: '😀ab' }), [
      ['resource cm: manifest', '[0].data.short: compiled "x-😀ab", JavaScript "x-😀a"', `${POSITIONS} (here substring() of "😀ab")`],
      ['status.short', 'compiled "😀ab", JavaScript "😀a"', `${POSITIONS} (here substring() of "😀ab")`],
    ]);
    assert.equal(simulate(later, { name: '😀ab' }).status.trimmedLength, 4);
  });

  it('a string ordering in a ternary test, and trim() before .length', () => {
    assert.deepEqual(reported({ name: '\uff61', other: '\u{1f600}' }), [['status.order', 'compiled "before", JavaScript "after"', `${ORDER} (here "｡" < "😀")`]]);
    assert.deepEqual(reported({ name: '\ufeffab' }), [['status.trimmedLength', 'compiled 3, JavaScript 2', `${TRIM} (here trim() of "\\ufeffab")`]]);
  });

  it('the operation must differ on its input: ASCII, BMP-only text or an unevaluable part explain nothing', () => {
    const name = E.path('schema', 'spec', 'name');
    const valueOf = (value: unknown) => () => value;
    assert.equal(documentedOperation(E.binary('==', E.call('lowerAscii', [], name), name), valueOf('Ab')), undefined);
    assert.equal(documentedOperation(E.call('upperAscii', [], name), valueOf('ß')), `${CASE} (here toUpperCase() of "ß")`);
    assert.equal(documentedOperation(E.call('substring', [E.int(0n), E.int(3n)], name), valueOf('éab')), undefined);
    assert.equal(documentedOperation(E.call('size', [name]), valueOf(['😀'])), undefined);
    // `.length`, `indexOf`, `lastIndexOf` of text count UTF-16 code units (analysis/utf16.ts): their size, split(""),
    // order test and substring explain nothing, while what they read still may.
    const t = E.path('schema', 'spec', 't');
    // A literal is its value, any other part the given text.
    const literalOr = (value: string) => (part: Expr) => (part.kind === 'literal' && part.literal.kind === 'string' ? part.literal.value : value);
    for (const form of [utf16Length(name), utf16Search('indexOf', name, t), utf16IndexOfFrom(name, t, E.int(1n)), utf16LastIndexOfFrom(name, t, E.path('schema', 'spec', 'p'))]) {
      assert.equal(documentedOperation(form, literalOr('😀\uffff')), undefined, printCel(form));
    }
    assert.equal(documentedOperation(utf16Length(E.call('lowerAscii', [], name)), literalOr('Ä😀')), `${CASE} (here toLowerCase() of "Ä😀")`);
    const split = `${SECTION}: split('') and replaceAll('', x) cut text into code points in CEL and into UTF-16 code units in JavaScript (a character outside the BMP becomes two lone surrogates, which no manifest can hold) (here split('') of "a😀")`;
    assert.equal(documentedOperation(E.call('size', [], E.call('split', [E.str('')], name)), literalOr('a😀')), split);
    assert.equal(documentedOperation(E.macro('filter', E.call('split', [E.str('')], name), 'c', E.binary('!=', E.ident('c'), E.str('a'))), literalOr('a😀')), split);
    assert.equal(documentedOperation(E.binary('<', name, name), valueOf('😀a')), undefined);
    assert.equal(documentedOperation(E.call('trim', [], name), valueOf(' x ')), undefined);
    assert.equal(documentedOperation(E.call('lowerAscii', [], name), valueOf(undefined)), undefined);
  });

  it('a difference the explainer does not explain is still a TypeKro bug', () => {
    const plan = { order: [], nodes: new Map(), ready: true };
    const graph = { dependencies: () => [], mayWait: () => false, explain: () => undefined };
    const divergences = crossCheck(plan, { status: { isLower: true }, pending: [] }, { resources: [], status: { isLower: false }, pendingStatus: [] }, graph);
    assert.deepEqual(divergences, [{ aspect: 'status.isLower', detail: 'compiled true, JavaScript false' }]);
  });
});
