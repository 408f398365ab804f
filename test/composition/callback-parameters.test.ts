/**
 * A list callback's parameters after the item (issue 10). JavaScript passes `.map`/`.forEach` callbacks the item,
 * its index and the list: a default of the index or the list never applies, and a parameter after the list is
 * never passed, so it is always its default. The placeholder run computed such a default in JavaScript, once, on
 * placeholders: `(w, _i, _a, n = \`${spec.tag}\`.length)` rendered `9` (the placeholder text's length). Now:
 * - a collection's callback (a resource per item): the list is the loop's source, a later parameter its default,
 *   compiled where it is read; the index (with or without a default) is refused as before;
 * - a loop over a constant list: the index is the item's position, the list the literal, a default compiled;
 * - a value callback (`.map(...)` inside a value): CEL's macros give the item alone, so other parameters are refused,
 *   with the defaults to inline named; a default of the item itself is refused with the body's equivalent.
 * Held to JavaScript by the differential harness.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, pod } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = {
  apiVersion: 'cbparams.typekro.dev/v1alpha1',
  kind: 'CallbackParams',
  spec: type({ name: 'string', tag: 'string', n: 'number', items: 'string[]', objs: type({ 'a?': 'string', b: 'string' }).array(), workers: type({ name: 'string' }).array() }),
};
const SPECS = [
  { name: 'a', tag: 't', n: 1, items: [], objs: [], workers: [] },
  { name: 'b', tag: 'long-tag', n: 0, items: ['x', 'yy'], objs: [{ b: 'q' }, { a: 'p', b: 'r' }], workers: [{ name: 'w1' }, { name: 'w2' }] },
];

function assertSameAsJavaScript(name: string, app: unknown): void {
  const report = runCase(name, { composition: app as never, spec: SPECS[0]!, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, [], name);
}
const container = [{ name: 'c', image: 'busybox' }];

test("a collection callback's parameter after the list is its default, compiled: not JavaScript's value on placeholders", () => {
  const app = kubernetesComposition({ ...definition, name: 'cb-after-list' }, (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx' });
    spec.workers.map((w, _i, _a, n = `${spec.tag}`.length) => pod({ id: 'sized', metadata: { name: `${w.name}-${n}` }, spec: { containers: container } }));
    spec.workers.forEach((w, _i, _a, size = spec.n > 0 ? 'big' : 'small') => {
      ConfigMap({ id: 'chosen', name: `${w.name}-chosen`, data: { size } });
    });
    spec.workers.map((w, _i, _a, ready = `${d.status.readyReplicas ?? 0}`) => ConfigMap({ id: 'observed', name: `${w.name}-observed`, data: { ready } }));
  });
  const yaml = app.toYaml();
  // Before: `w1-9` and `big` whatever the spec said.
  assert.ok(yaml.includes('name: ${w.name}-${string(size(schema.spec.tag) + size(schema.spec.tag.split("").filter(c, c > "\\uffff")))}'), yaml);
  assert.match(yaml, /size: '\$\{schema\.spec\.n > 0\.0 \? "big" : "small"\}'/);
  assertSameAsJavaScript('cb-after-list', app);
});

test("a collection callback's third parameter is the list it walks; a default of the index does not make it the default", () => {
  const app = kubernetesComposition({ ...definition, name: 'cb-list' }, (spec) => {
    spec.workers.map((w, _i, all = []) => ConfigMap({ name: w.name, data: { of: String(all.length) } }));
  });
  assert.match(app.toYaml(), /of: \$\{string\(size\(schema\.spec\.workers\)\)\}/);
  assertSameAsJavaScript('cb-list', app);
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'cb-index-default' }, (spec) => {
    spec.workers.map((w, i = spec.n) => ConfigMap({ name: `${w.name}-${i}`, data: {} }));
  }));
  // It rendered `${w.name}-0` for every item.
  assert.equal(message.split('\n')[0], `${at("'cb-index-default'", 'i}`')}: \`i\` is the index of a loop over a reference: KRO's forEach gives each item, not its position`);
});

test('a parameter after the list without a default is always undefined: refused where it is read', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'cb-undefined' }, (spec) => {
    spec.workers.map((w, _i, _a, label?: string) => ConfigMap({ name: w.name, data: { label: label ?? 'none' } }));
  }));
  assert.equal(message.split('\n')[0], `${at("'cb-undefined'", 'label ??')}: \`label\` is always \`undefined\`: a list method passes its callback three arguments (the item, its index and the list)`);
  assert.match(message, /hint: give `label` a default, or declare it as a `const` in the callback/);
});

test("a loop over a constant list: the index is the item's position, the list the literal, a default compiled", () => {
  const app = kubernetesComposition({ ...definition, name: 'cb-constant' }, (spec) => {
    ['a', 'b'].map((e, i, all, n = `${spec.tag}`.length) => ConfigMap({ name: `${e}-${spec.name}-${i}`, data: { n: String(n), of: String(all.length) } }));
  });
  const yaml = app.toYaml();
  assert.match(yaml, /name: b-\$\{schema\.spec\.name\}-1/);
  assert.ok(yaml.includes('"n": ${string(size(schema.spec.tag) + size(schema.spec.tag.split("").filter(c, c > "\\uffff")))}'), yaml);
  assertSameAsJavaScript('cb-constant', app);
});

test('defaults of a destructured item over references are compiled, in loops and value callbacks', () => {
  const app = kubernetesComposition({ ...definition, name: 'cb-destructured' }, (spec) => {
    for (const { a = spec.name, b } of spec.objs) ConfigMap({ id: 'forOf', name: `for-${b}`, data: { a } });
    spec.objs.map(({ a = `${spec.tag}-x`, b }) => ConfigMap({ id: 'mapped', name: `map-${b}`, data: { a, n: String(`${spec.tag}`.length) } }));
    ConfigMap({ name: 'values', data: { v: spec.objs.map(({ a = spec.name }) => a).join(','), p: String(spec.objs.filter(({ a = spec.name }) => a === 'p').length) } });
  });
  assertSameAsJavaScript('cb-destructured', app);
});

test("a value callback's parameters after the item are refused, naming the defaults to inline", () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'cb-value-after' }, (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx' });
    ConfigMap({ name: 'v', data: { v: spec.items.map((x, _i, _a, n = d.status.readyReplicas ?? 0) => `${x}${n}`).join(',') } });
  }));
  assert.equal(
    message.split('\n')[0],
    `${at("'cb-value-after'", '(x, _i')}: \`.map\` passes its callback the item, the item's index and the list, and CEL's macros give only the item`,
  );
  assert.match(message, /hint: take the item alone \(`\(x\) => \.\.\.`\); a parameter after the list is never passed, so it is always its default: replace `n` by `d\.status\.readyReplicas \?\? 0` where it is read$/);
  const itemDefault = refusal(() => kubernetesComposition({ ...definition, name: 'cb-value-item' }, (spec) => {
    ConfigMap({ name: 'v', data: { v: spec.items.map((x = spec.tag) => x).join(',') } });
  }));
  assert.equal(itemDefault.split('\n')[0], `${at("'cb-value-item'", 'x = spec.tag')}: the default of the callback's item (\`x = spec.tag\`) applies to an item that is \`undefined\`, which TypeKro does not compile`);
  assert.match(itemDefault, /hint: take the item as it is and choose in the body: `\(x\) => \(x === undefined \? spec\.tag : x\)`$/);
});
