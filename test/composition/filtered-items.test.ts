/**
 * A callback over a filtered list (trial 20 F9): `l.filter((x) => (x.v ?? 0) > 0).map((x) => `${x.n}=${x.v}`)`.
 * Every item the callback gets made the filter's test true, so an optional field the test shows present
 * (`(x.v ?? 0) > 0`, `x.v !== undefined`, `x.v` truthy, `!(x.v === undefined)`, the terms of an `&&` chain, two
 * filters in a row) needs no default there. Each accepted form is held to JavaScript on items with the field and
 * without; a test that does not show the field present (`||`, a default that passes, `=== undefined`, `!x.v`,
 * another field, another item) still refuses the read, with its message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = (name: string) => ({
  name,
  apiVersion: 'filtered.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()),
  spec: type({ l: type({ n: 'string', 'v?': 'number.integer', 'w?': 'string' }).array() }),
  status: type({ v: 'string' }),
});
/** Items with and without each field, and values each test treats differently (0, negative, empty text). */
const SPECS = [
  { l: [] },
  { l: [{ n: 'a' }, { n: 'b', v: 2 }] },
  { l: [{ n: 'a', v: 0 }, { n: 'b', v: -1, w: '' }, { n: 'c', w: 'q' }, { n: 'd', v: 5, w: 'z' }] },
];

const FIELD = (read: string) =>
  `\`${read}\` reads an optional spec field without a default, made into text here: when the instance leaves it out, JavaScript makes it the text "undefined", but KRO waits for it forever\n    ${read}\n  hint: give it a default where it is used (\`${read} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or test it first (\`${read} !== undefined ? ... : ...\`)`;

test('a field the filter shows present is read without a default in the callback after it, as JavaScript computes', () => {
  const accepted = {
    defaultFails: kubernetesComposition(definition('f-default-fails'), (s) => {
      ConfigMap({ name: 'x', data: { k: s.l.filter((x) => (x.v ?? 0) > 0).map((x) => `${x.n}=${x.v}`).join(',') } });
      return { v: s.l.filter((x) => (x.v ?? 0) > 0).map((x) => `${x.n}=${x.v}`).join(',') };
    }),
    notUndefined: kubernetesComposition(definition('f-not-undefined'), (s) => ({ v: s.l.filter((x) => x.v !== undefined).map((x) => x.v).join(',') })),
    truthy: kubernetesComposition(definition('f-truthy'), (s) => ({ v: s.l.filter((x) => x.w).map((x) => `${x.n}:${x.w}`).join(',') })),
    negated: kubernetesComposition(definition('f-negated'), (s) => ({ v: s.l.filter((x) => !(x.v === undefined)).map((x) => String(x.v! * 2)).join(',') })),
    andChain: kubernetesComposition(definition('f-and'), (s) => ({ v: s.l.filter((x) => x.n !== '' && x.v !== undefined && x.w !== undefined).map((x) => `${x.v}${x.w}`).join(',') })),
    twoFilters: kubernetesComposition(definition('f-two'), (s) => ({ v: s.l.filter((x) => x.v !== undefined).filter((x) => x.w !== undefined).map((x) => `${x.v}${x.w}`).join(',') })),
    some: kubernetesComposition(definition('f-some'), (s) => ({ v: String(s.l.filter((x) => x.v !== undefined).some((x) => `${x.v}` === '5')) })),
  };
  for (const [name, composition] of Object.entries(accepted)) {
    const report = runCase(name, { composition: composition as never, spec: SPECS[0]!, specs: SPECS });
    assert.ok(report.evaluations >= SPECS.length, name);
    assert.deepEqual(report.findings, [], name);
  }
  assert.match(accepted.defaultFails.toYaml(), /v: \$\{schema\.spec\.l\.filter\(x, x\.\?v\.orValue\(0\) > 0\)\.map\(x, x\.n \+ "=" \+ string\(x\.v\)\)\.join\(","\)\}/);
  assert.match(accepted.notUndefined.toYaml(), /\.filter\(x, has\(x\.v\)\)\.map\(x, x\.v\)/);
});

test('a filter that does not show the field present leaves its read refused', () => {
  assert.equal(refusal(() => kubernetesComposition(definition('r-or'), (s) => ({ v: s.l.filter((x) => x.v !== undefined || x.w !== undefined).map((x) => `${x.v}`).join(',') }))), `${at("'r-or'", 'x.v}')}: ${FIELD('x.v')}`);
  // `undefined ?? 5` is 5 > 0: items without `v` pass.
  assert.equal(refusal(() => kubernetesComposition(definition('r-default-passes'), (s) => ({ v: s.l.filter((x) => (x.v ?? 5) > 0).map((x) => `${x.v}`).join(',') }))), `${at("'r-default-passes'", 'x.v}')}: ${FIELD('x.v')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('r-undefined'), (s) => ({ v: s.l.filter((x) => x.v === undefined).map((x) => `${x.v}`).join(',') }))), `${at("'r-undefined'", 'x.v}')}: ${FIELD('x.v')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('r-falsy'), (s) => ({ v: s.l.filter((x) => !x.v).map((x) => `${x.v}`).join(',') }))), `${at("'r-falsy'", 'x.v}')}: ${FIELD('x.v')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('r-other-field'), (s) => ({ v: s.l.filter((x) => x.v !== undefined).map((x) => `${x.w}`).join(',') }))), `${at("'r-other-field'", 'x.w}')}: ${FIELD('x.w')}`);
  // The filter tests the outer item `x`; the inner callback's `x` is another item.
  assert.equal(refusal(() => kubernetesComposition(definition('r-outer-item'), (s) => ({ v: s.l.map((x) => s.l.filter((y) => x.v !== undefined && y.n !== '').map((x) => `${x.v}`).join('+')).join(',') }))), `${at("'r-outer-item'", 'x.v}')}: ${FIELD('x.v')}`);
});
