/**
 * `Object.keys(m).sort()` of a map the instance holds is refused with the sort's own reason and way out, not
 * the run's "cannot be spread or enumerated" without one (trial 17); `Object.keys(m).join()` keeps its own. So
 * is a callback of the forms that compile (`filter(...).length`, `some`, over keys, values or entries) refused
 * for what it does to an entry (trial 18 F5).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ name: 'string', settings: 'Record<string, string>' }),
  status: type({ v: 'string' }),
});
const TEXT_ORDER = "JavaScript's `sort()` without a comparator compares the items as text by UTF-16 code units (`[10, 9].sort()` is [10, 9]); KRO's `sort()` compares numbers by value and text by code points (they differ between a character outside the Basic Multilingual Plane, an emoji, and one from U+E000 to U+FFFF)";

test("sorting a map's keys gives the sort's reason and way out", () => {
  const message = refusal(() => kubernetesComposition(def('keys-sort'), (spec) => {
    ConfigMap({ name: spec.name, data: { k: Object.keys(spec.settings).sort().join(',') } });
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'keys-sort'", 'Object.keys')}: ${TEXT_ORDER}
    Object.keys(spec.settings).sort()
  hint: for integers pass the numeric comparator, \`.sort((a, b) => a - b)\` (KRO's \`sort()\`); for text write the CEL with Cel.expr(list, '.sort()') if code-point order is what you mean`);
});

/** The refusal of `toUpperCase()` of `name`, text that may hold any letter (as for a list item). */
const upper = (name: string): string => `\`toUpperCase()\` of text that may hold letters outside ASCII: JavaScript maps every Unicode letter ('ä' to 'Ä', 'ß' to 'SS'), CEL's \`upperAscii()\` only A to Z
    ${name}.toUpperCase()
  hint: constrain the spec field with a pattern of ASCII characters (e.g. \`name: /^[A-Za-z0-9-]+$/\`), whose values the API server checks, or accept ASCII-only case mapping with \`Cel.expr<string>(${name}, '.upperAscii()')\``;

test("a callback over a map's entries is refused for what it does to an entry, not for the enumeration", () => {
  const keys = refusal(() => kubernetesComposition(def('keys-filter-upper'), (spec) => {
    ConfigMap({ name: spec.name, data: { n: String(Object.keys(spec.settings).filter((k) => k.toUpperCase() === 'SS').length) } });
    return { v: spec.name };
  }));
  assert.equal(keys, `${at("'keys-filter-upper'", 'k.toUpperCase')}: ${upper('k')}`);
  const entries = refusal(() => kubernetesComposition(def('entries-some-upper'), (spec) => ({
    v: String(Object.entries(spec.settings).some(([k]) => k.toUpperCase() === 'SS')),
  })));
  assert.equal(entries, `${at("'entries-some-upper'", 'k.toUpperCase')}: ${upper('k')}`);
  const values = refusal(() => kubernetesComposition(def('values-filter-upper'), (spec) => ({
    v: String(Object.entries(spec.settings).filter(([, value]) => value.toUpperCase() === 'SS').length),
  })));
  assert.equal(values, `${at("'values-filter-upper'", 'value.toUpperCase')}: ${upper('value')}`);
});
