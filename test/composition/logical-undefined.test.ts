/**
 * `a && b` and `a || b` on booleans that may be undefined (an optional spec field without a default), as
 * values: JavaScript returns the operand that decided, so `undefined && x` and `false || undefined` are
 * `undefined`, which leaves a status or manifest field out. They compiled to CEL's `&&`/`||`, which gave
 * `false` there (a silent wrong value); now `a ? b : a` / `a ? a : b`. Held to JavaScript by the differential
 * harness over every combination of true, false and absent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const flags = type({ name: 'string', 'a?': 'boolean', 'b?': 'boolean', c: 'boolean' });
const definition = { apiVersion: 'l.typekro.dev/v1alpha1', kind: 'LogicalUndefined', spec: flags };
const values = [true, false, undefined];
const SPECS = values.flatMap((a) => values.flatMap((b) => [true, false].map((c) => ({ name: 'x', c, ...(a !== undefined && { a }), ...(b !== undefined && { b }) }))));

function assertSameAsJavaScript(name: string, app: unknown): void {
  const report = runCase(name, { composition: app as never, spec: { name: 'x', a: true, b: true, c: true }, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, [], name);
}

test('status fields: `&&` and `||` over booleans that may be undefined keep JavaScript\'s undefined', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'logical-status', status: type({ 'and?': 'boolean', 'or?': 'boolean', 'andRequired?': 'boolean', 'orRequired?': 'boolean', 'chain?': 'boolean', 'not': 'boolean' }) },
    (spec) => {
      configMap({ metadata: { name: spec.name }, data: { k: 'v' } });
      return { and: spec.a && spec.b, or: spec.a || spec.b, andRequired: spec.c && spec.a, orRequired: spec.c || spec.b, chain: spec.a && spec.c && spec.b, not: !spec.a && spec.c };
    },
  );
  assertSameAsJavaScript('logical-status', app);
});

test('a manifest field set from `undefined && x` is left out as JavaScript leaves it (it compiled to `false`, then was refused)', () => {
  const app = kubernetesComposition({ ...definition, name: 'logical-manifest', status: type({ name: 'string' }) }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: 'v' }, immutable: spec.a && spec.c });
    return { name: spec.name };
  });
  const set = 'has(schema.spec.a) && schema.spec.a';
  assert.ok(app.toYaml().includes(`immutable: "\${(${set} ? true : has(schema.spec.a)) ? (${set} ? schema.spec.c : schema.spec.a) : omit()}"`), app.toYaml());
  assertSameAsJavaScript('logical-manifest', app);
});

test('reading a conditional resource on the right of `&&` with a test that may be undefined', () => {
  const app = kubernetesComposition({ ...definition, name: 'logical-handle', status: type({ 'ready?': 'boolean' }) }, (spec) => {
    const cache = spec.a ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
    return { ready: spec.a && cache!.status.readyReplicas > 0 };
  });
  assertSameAsJavaScript('logical-handle', app);
});

test('text a local builds from an optional field without a default, returned as status, is refused as it is inline ("bundefined" in JavaScript)', () => {
  const status = type({ s: 'string' });
  const inline = refusal(() => kubernetesComposition({ ...definition, name: 'text-inline', status }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: 'v' } });
    return { s: `b${spec.a}` };
  }));
  const local = refusal(() => kubernetesComposition({ ...definition, name: 'text-local', status }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: 'v' } });
    const s = `b${spec.a}`;
    return { s };
  }));
  assert.equal(inline.split('\n')[0]!.replace(/^.*?: /, ''), local.split('\n')[0]!.replace(/^.*?: /, ''));
  assert.equal(local.split('\n')[0], `${at("'text-local'", 'spec.a}`;')}: \`s\` is set from an optional spec field without a default: when the instance leaves it out, JavaScript computes with \`undefined\` (the text "undefined", NaN in arithmetic), and TypeKro refuses to write such a value`);
});

test('a nested child testing an optional boolean the parent does not pass: the value is absent, its truthiness false (generated program, seed 20262231)', () => {
  const child = kubernetesComposition({ ...definition, name: 'flag-child', kind: 'FlagChild', status: type({ s: 'string' }) }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: 'v' } });
    return { s: ['x', 'y'].find((x) => (spec.a ? x === 'y' : spec.a)) ?? 'none' };
  });
  const parent = kubernetesComposition({ ...definition, name: 'flag-parent', kind: 'FlagParent', status: type({ s: 'string', t: 'string' }) }, (spec) => {
    const unpassed = child({ name: `${spec.name}-u`, c: spec.c });
    const passed = child({ name: `${spec.name}-p`, c: spec.c, a: spec.a });
    return { s: unpassed.status.s, t: passed.status.s };
  });
  assertSameAsJavaScript('flag-parent', parent);
});
