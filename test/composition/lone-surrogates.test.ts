/**
 * A text with half of a UTF-16 surrogate pair written into CEL (trial 18 F1): `s.startsWith('\ud83d')` was
 * printed as `startsWith("\ufffd")`, a different text, with no word at definition time. CEL text is Unicode code
 * points; the printer refuses such a text, and the definition names the literal that holds it, wherever the
 * text stands (a method's argument, a template's text, a comparison, a key of a lookup, a folded constant).
 * Whole characters (a surrogate pair) keep compiling.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render } from '../../src/testing/index.js';
import { quote, printFieldValue } from '../../src/compile/cel/print.js';
import { E } from '../../src/ir/expr.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);

const def = (name: string) => ({
  name,
  apiVersion: 'trial18.typekro.dev/v1',
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ s: 'string' }),
  status: type({ v: 'unknown' }),
});

const WHY = (unit: string, index: number): string =>
  `a text holds a lone UTF-16 surrogate (${unit} at index ${index}, half of a character such as an emoji) that CEL text cannot hold: CEL strings are Unicode code points, where it would become U+FFFD, a different text`;
const HINT = "search for the whole character (the pair '\\ud83d\\ude00' is '😀'), or test a range of characters in CEL with Cel.expr(...)";

test('a lone surrogate in a method argument is refused at the literal, with the way out', () => {
  const message = refusal(() => kubernetesComposition(def('lone-starts'), (spec) => ({ v: spec.s.startsWith('\ud83d') })));
  assert.equal(message, `${at("'lone-starts'", "'\\ud83d'")}: ${WHY('\\ud83d', 0)}\n    '\\ud83d'\n  hint: ${HINT}`);
});

test('a lone low surrogate in indexOf, in a template part and in includes are refused alike', () => {
  const index = refusal(() => kubernetesComposition(def('lone-index'), (spec) => {
    ConfigMap({ id: 'cm', name: 'x', data: { at: `${spec.s.indexOf('\ude00')}` } });
    return { v: 1 };
  }));
  assert.equal(index, `${at("'lone-index'", "'\\ude00'")}: ${WHY('\\ude00', 0)}\n    '\\ude00'\n  hint: ${HINT}`);
  const includes = refusal(() => kubernetesComposition(def('lone-includes'), (spec) => ({ v: spec.s.includes('a\ud83d') })));
  assert.equal(includes, `${at("'lone-includes'", "'a\\ud83d'")}: ${WHY('\\ud83d', 1)}\n    'a\\ud83d'\n  hint: ${HINT}`);
});

test('a text JavaScript builds at definition (a template of references) is refused by the graph backstop', () => {
  const status = definitionError(() => kubernetesComposition(def('lone-template'), (spec) => ({ v: `${spec.s}-\udc00` })));
  assert.equal(status, `status.v: ${WHY('\\udc00', 1)}\n  hint: ${HINT}`);
  const field = definitionError(() => kubernetesComposition(def('lone-field'), (spec) => {
    ConfigMap({ id: 'cm', name: 'x', data: { k: `\ud83d${spec.s}` } });
    return { v: 1 };
  }));
  assert.equal(field, `${at("'lone-field'", 'ConfigMap(')}: resource "cm": ${WHY('\\ud83d', 0)}\n  hint: ${HINT}`);
});

test('a lone surrogate from a constant is refused at the expression that writes it into CEL', () => {
  const HALF = '\ud83d';
  const message = refusal(() => kubernetesComposition(def('lone-constant'), (spec) => ({ v: spec.s === HALF })));
  assert.equal(message, `${at("'lone-constant'", 'spec.s === HALF')}: ${WHY('\\ud83d', 0)}\n    spec.s === HALF\n  hint: ${HINT}`);
});

test('whole characters, a surrogate pair, still compile and agree with JavaScript', () => {
  const app = kubernetesComposition(def('whole-pair'), (spec) => {
    ConfigMap({ id: 'cm', name: 'x', data: { first: `${spec.s.startsWith('\ud83d\ude00')}`, at: `${spec.s.indexOf('😀')}` } });
    return { v: spec.s.includes('\ud83d\ude00') };
  });
  const data = (render(app, { s: 'x😀' }).manifests[0] as { data: Record<string, string> }).data;
  assert.deepEqual(data, { first: 'false', at: '1' });
});

test('the printer itself refuses a lone surrogate in a CEL literal and in KRO field text', () => {
  assert.throws(() => quote('a\udfff'), { name: 'LoneSurrogateError', message: `${WHY('\\udfff', 1)}; ${HINT}` });
  assert.throws(() => printFieldValue(E.template(['x-\ud800', E.ident('y')])), { name: 'LoneSurrogateError', message: `${WHY('\\ud800', 2)}; ${HINT}` });
  assert.equal(quote('pair \ud83d\ude00'), '"pair 😀"');
});
