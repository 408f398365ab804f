/**
 * Spec data that may be absent (an optional field, an item past the end of a spec list) is there from the
 * start or never: JavaScript goes on with `undefined`. Every position either compiles to JavaScript's meaning
 * (`?? d`, a guard, a schema minimum length; a bare read as a factory option is the factory's answer to
 * `undefined`, absent-reads.test.ts) or fails at definition (text and arithmetic: "undefined", NaN).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionSyntaxError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';

const definition = (name: string) => ({
  name,
  apiVersion: 'absent.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()),
  spec: type({ name: 'string', 'o?': 'string', l: 'string[]', l2: type('string[]').atLeastLength(2) }),
  status: type({ 'v?': 'string', 'ok?': 'boolean' }),
});
const SPECS = [
  { name: 'x', l: [], l2: ['a', 'b'] },
  { name: 'x', l: ['a'], l2: ['a', 'b'] },
  { name: 'x', l: ['a', 'b'], o: 'q', l2: ['a', 'b', 'c'] },
];

const COMPUTED = 'JavaScript computes with `undefined` (the text "undefined", NaN in arithmetic), and TypeKro refuses to write such a value';
const ITEM = (at: string, status: boolean, snippet: string, list: string, index: number) =>
  `${at} is set from a spec list item that may be missing (the list may be shorter): ${COMPUTED}\n    ${snippet}\n  hint: give it a default (\`${snippet} ?? <default>\`), ${status ? `test the length first (\`${list}.length > ${index} ? ... : ...\`)` : `create the resource only when the list is long enough (\`if (${list}.length > ${index}) ...\`)`}, or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(${index + 1})\`)`;
const OPTIONAL = (at: string, status: boolean, snippet: string) =>
  `${at} is set from an optional spec field without a default: when the instance leaves it out, ${COMPUTED}\n    ${snippet}\n  hint: give it a default where it is used (\`${snippet} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or ${status ? `test it first (\`${snippet} !== undefined ? ... : ...\`)` : `create the resource only when it is set (\`if (${snippet}) ...\`)`}`;

function refused(define: () => unknown, message: string): void {
  assert.throws(define, (error: Error) => {
    assert.ok(error instanceof CompositionSyntaxError, String(error));
    assert.match(error.message, /absent-spec-data\.test\.ts:\d+:\d+: /);
    assert.equal(error.message.replace(/^.*?absent-spec-data\.test\.ts:\d+:\d+: /, ''), message);
    return true;
  });
}

test('an index past the end of a spec list is refused in a template, arithmetic and a status template', () => {
  refused(() => kubernetesComposition(definition('ix-template'), (s) => {
    ConfigMap({ name: s.name, data: { second: `${s.l[1]}` } });
    return {};
  }), ITEM('`data.second`', false, 's.l[1]', 's.l', 1));
  refused(() => kubernetesComposition(definition('ix-plus'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.l[2] + '-x' } });
    return {};
  }), ITEM('`data.a`', false, 's.l[2]', 's.l', 2));
  refused(() => kubernetesComposition(definition('ix-status'), (s) => {
    ConfigMap({ name: s.name, data: {} });
    return { v: `first ${s.l[1]}` };
  }), ITEM('`v`', true, 's.l[1]', 's.l', 1));
});

test('an index past the end of a spec list as a manifest field is what the factory makes of undefined: the key left out', () => {
  const field = kubernetesComposition(definition('ix-field'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.l[1]! } });
    return {};
  });
  assert.match(field.toYaml(), /a: "\$\{size\(schema\.spec\.l\) > 1 \? schema\.spec\.l\[1\] : omit\(\)\}"/);
  assert.deepEqual(runCase('ix-field', { composition: field as never, spec: SPECS[0]!, specs: SPECS }).findings, []);
});

test('an optional spec field in status text or arithmetic is refused (a plain read stays pending, as undefined)', () => {
  refused(() => kubernetesComposition(definition('opt-status'), (s) => {
    ConfigMap({ name: s.name, data: {} });
    return { v: `${s.o}` };
  }), OPTIONAL('`v`', true, 's.o'));
  refused(() => kubernetesComposition(definition('opt-plus'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.o + '-x' } });
    return {};
  }), OPTIONAL('`data.a`', false, 's.o'));
});

test('defaults, length guards and a schema minimum length compile to what JavaScript does, for every spec', () => {
  const accepted = {
    defaulted: kubernetesComposition(definition('ix-default'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.l[1] ?? 'none', b: `${s.l[1] ?? 'x'}-${s.o ?? 'y'}` } });
      return { v: s.l[1], ok: s.l[1] === 'b' };
    }),
    guarded: kubernetesComposition(definition('ix-guard'), (s) => {
      if (s.l.length > 1) ConfigMap({ name: s.name, data: { a: s.l[1]!, b: `${s.l[1]}` } });
      if (s.l.length >= 2) ConfigMap({ name: `${s.name}-ge`, data: { a: s.l[1]! } });
      return { v: s.l.length > 1 ? `${s.l[1]}-x` : 'none' };
    }),
    minimum: kubernetesComposition(definition('ix-minimum'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.l2[1]!, b: `${s.l2[0]}-${s.l2[1]}` } });
      return { v: `${s.l2[1]}` };
    }),
  };
  const yaml = accepted.defaulted.toYaml();
  assert.match(yaml, /a: \$\{schema\.spec\.l\[\?1\]\.orValue\("none"\)\}/);
  assert.match(accepted.minimum.toYaml(), /a: \$\{schema\.spec\.l2\[1\]\}/);
  for (const [name, composition] of Object.entries(accepted)) {
    const report = runCase(name, { composition: composition as never, spec: SPECS[0]!, specs: SPECS });
    assert.ok(report.evaluations >= SPECS.length, name);
    assert.deepEqual(report.findings, [], name);
  }
});

test('a length guard shorter than the index does not make the index safe: the index keeps its own length test', () => {
  const short = kubernetesComposition(definition('ix-short-guard'), (s) => {
    if (s.l.length > 0) ConfigMap({ name: s.name, data: { a: s.l[1]! } });
    return {};
  });
  assert.match(short.toYaml(), /a: "\$\{size\(schema\.spec\.l\) > 1 \? schema\.spec\.l\[1\] : omit\(\)\}"/);
  assert.deepEqual(runCase('ix-short-guard', { composition: short as never, spec: SPECS[0]!, specs: SPECS }).findings, []);
});

test('a truthy length test guards the first item only (trial 13 finding 9)', () => {
  const first = kubernetesComposition(definition('ix-truthy'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.l.length ? s.l[0]! : 'none', b: `${!s.l.length ? 'none' : s.l[0]}` } });
    return { v: s.l.length ? s.l[0] : 'none' };
  });
  const yaml = first.toYaml();
  assert.match(yaml, /a: '\$\{size\(schema\.spec\.l\) != 0 \? schema\.spec\.l\[0\] : "none"\}'/);
  assert.match(yaml, /b: '\$\{!\(size\(schema\.spec\.l\) != 0\) \? "none" : schema\.spec\.l\[0\]\}'/);
  assert.deepEqual(runCase('ix-truthy', { composition: first as never, spec: SPECS[0]!, specs: SPECS }).findings, []);
  const guarded = kubernetesComposition(definition('ix-truthy-if'), (s) => {
    if (s.l.length) ConfigMap({ name: s.name, data: { a: s.l[0]! } });
    return {};
  });
  assert.match(guarded.toYaml(), /a: \$\{schema\.spec\.l\[0\]\}/);
  assert.deepEqual(runCase('ix-truthy-if', { composition: guarded as never, spec: SPECS[0]!, specs: SPECS }).findings, []);
  const second = kubernetesComposition(definition('ix-truthy-second'), (s) => {
    if (s.l.length) ConfigMap({ name: s.name, data: { a: s.l[1]! } });
    return {};
  });
  assert.match(second.toYaml(), /a: "\$\{size\(schema\.spec\.l\) > 1 \? schema\.spec\.l\[1\] : omit\(\)\}"/);
  assert.deepEqual(runCase('ix-truthy-second', { composition: second as never, spec: SPECS[0]!, specs: SPECS }).findings, []);
});
