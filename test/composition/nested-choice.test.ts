/**
 * A nested composition chosen by a ternary (`spec.cache ? cache(...) : undefined`) exists where the ternary's
 * test holds, and its handle is `undefined` in JavaScript elsewhere: a read of its status outside that test is
 * refused, even of a field that reads none of its resources (conditional-handles.test.ts has the accepted
 * reads). Created inside `if (condition) { ... }`, its resources take the branch's includeWhen (checked in
 * both modes against JavaScript). In a branch JavaScript skipped it is refused, naming the condition: a
 * composition exists only as the value its definition returned.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition, toResourceGraph } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

/** JavaScript's `c?.status.endpoint ?? 'none'` is 'none' without the cache; the compiled field would be the endpoint. */
const UNGUARDED =
  'this status field reads nested composition "c", which exists only when spec.cache: when it does not, KRO leaves the field unset, while JavaScript computes it with "c" undefined (the value its ternary chose)\n' +
  "    c?.status.endpoint ?? 'none'\n" +
  '  hint: read it under the condition it is created under (`spec.cache ? <read> : <fallback>`), or do not read "c" here';

const cache = kubernetesComposition(
  { name: 'cache', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'Cache', spec: type({ name: 'string' }), status: type({ endpoint: 'string' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { endpoint: `${spec.name}:6379` };
  },
);

test('a nested composition chosen by a ternary is read only under its test, even a status field that reads no resource of it', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'nested-choice', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'NestedChoice', spec: type({ name: 'string', cache: 'boolean' }), status: type({ endpoint: 'string' }) },
    (spec) => {
      const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : undefined;
      return { endpoint: c?.status.endpoint ?? 'none' };
    },
  ));
  assert.equal(message, `${at("'nested-choice'", 'c?.status')}: ${UNGUARDED}`);
});

/** The same child built with toResourceGraph: a nested composition too (trial: it was "a JavaScript function"). */
const graphCache = toResourceGraph(
  { name: 'graph-cache', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'GraphCache', spec: type({ name: 'string' }), status: type({ endpoint: 'string' }) },
  (schema) => ({ cm: ConfigMap({ name: schema.spec.name, data: { a: 'b' } }) }),
  (schema) => ({ endpoint: `${schema.spec.name}:6379` }),
);

test('a toResourceGraph composition chosen by a ternary is read only under its test, like a kubernetesComposition', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'graph-choice', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'GraphChoice', spec: type({ name: 'string', cache: 'boolean' }), status: type({ endpoint: 'string' }) },
    (spec) => {
      const c = spec.cache ? graphCache({ name: `${spec.name}-cache` }) : undefined;
      return { endpoint: c?.status.endpoint ?? 'none' };
    },
  ));
  assert.equal(message, `${at("'graph-choice'", 'c?.status')}: ${UNGUARDED}`);
});

test('the way out, a toResourceGraph composition called inside if (spec.cache), gives its resources the condition', () => {
  const app = kubernetesComposition(
    { name: 'graph-if', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'GraphIf', spec: type({ name: 'string', cache: 'boolean' }), status: type({ endpoint: 'string' }) },
    (spec) => {
      if (spec.cache) graphCache({ name: `${spec.name}-cache` });
      return { endpoint: spec.cache ? `${spec.name}-cache:6379` : 'none' };
    },
  );
  const [cm] = (parse(app.toYaml()) as { spec: { resources: { includeWhen: string[]; template: { metadata: { name: string } } }[] } }).spec.resources;
  assert.deepEqual(cm!.includeWhen, ['${schema.spec.cache}']);
  assert.equal(cm!.template.metadata.name, '${schema.spec.name}-cache');
});

test('a nested composition in a branch JavaScript skipped is refused, not silently left out (both definers)', () => {
  const definition = { apiVersion: 'n.typekro.dev/v1alpha1', kind: 'Skipped', spec: type({ name: 'string', cache: 'boolean' }), status: type({ endpoint: 'string' }) };
  const messages: string[] = [
    refusal(() => kubernetesComposition({ ...definition, name: 'skipped-kc' }, (spec) => {
      if (!spec.cache) cache({ name: `${spec.name}-cache` });
      return { endpoint: 'none' };
    })),
    refusal(() => kubernetesComposition({ ...definition, name: 'skipped-rg' }, (spec) => {
      if (!spec.cache) graphCache({ name: `${spec.name}-cache` });
      return { endpoint: 'none' };
    })),
  ];
  const why = (condition: string, state: string) =>
    `this nested composition did not run when the composition was defined (it runs where \`${condition}\` ${state}): its branch was decided on a placeholder value (JavaScript enters only a branch whose condition is truthy for a placeholder, as a bare reference \`if (spec.cache)\` is), and TypeKro cannot make a composition from source`;
  const hint = '  hint: put the call in a branch whose condition is a spec field read as it is (`if (spec.withCache) { cache({ ... }) }`: its resources then take that includeWhen; add a boolean field for a negated or compared condition), or call its factories in the branch directly';
  messages.push(refusal(() => kubernetesComposition({ ...definition, name: 'skipped-else' }, (spec) => {
    if (spec.cache) ConfigMap({ name: 'no-cache', data: {} });
    else cache({ name: `${spec.name}-cache` });
    return { endpoint: 'none' };
  })));
  assert.deepEqual(messages, [
    `${at("'skipped-kc'", 'cache(')}: ${why('!spec.cache', 'holds')}\n    cache({ name: \`\${spec.name}-cache\` })\n${hint}`,
    `${at("'skipped-rg'", 'graphCache(')}: ${why('!spec.cache', 'holds')}\n    graphCache({ name: \`\${spec.name}-cache\` })\n${hint}`,
    `${at("'skipped-else'", 'cache(')}: ${why('spec.cache', 'is false')}\n    cache({ name: \`\${spec.name}-cache\` })\n${hint}`,
  ]);
});

test('a nested composition under if (spec.x) exists exactly where JavaScript creates it, in both modes', () => {
  const app = kubernetesComposition(
    { name: 'nested-if', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'NestedIf', spec: type({ name: 'string', cache: 'boolean', 'zone?': 'string' }), status: type({ endpoint: 'string' }) },
    (spec) => {
      if (spec.cache) {
        const c = cache({ name: `${spec.name}-cache` });
        ConfigMap({ name: `${spec.name}-ep`, data: { endpoint: c.status.endpoint } });
      }
      if (spec.zone) cache({ name: spec.zone });
      return { endpoint: spec.cache ? `${spec.name}-cache:6379` : 'none' };
    },
  );
  const resources = (parse(app.toYaml()) as { spec: { resources: { id: string; includeWhen: string[]; template: { data?: Record<string, string> } }[] } }).spec.resources;
  assert.deepEqual(resources.map((r) => [r.id, r.includeWhen]), [
    ['cConfigMap', ['${schema.spec.cache}']],
    ['configMap', ['${schema.spec.cache}']],
    ['cacheConfigMap', ['${has(schema.spec.zone) && schema.spec.zone != ""}']],
  ]);
  assert.deepEqual(resources[1]!.template.data, { endpoint: '${schema.spec.name + "-cache"}:6379' });
  // Direct mode (the planner over the same graph), held to the JavaScript run for each spec by simulate's cross-check.
  for (const spec of [{ name: 'a', cache: true }, { name: 'a', cache: false }, { name: 'a', cache: false, zone: '' }, { name: 'a', cache: false, zone: 'z' }]) {
    const result = simulate(app, spec);
    const applied = result.resources.filter((r) => r.plan !== 'skipped').map((r) => r.id);
    assert.deepEqual(applied, [...(spec.cache ? ['cConfigMap', 'configMap'] : []), ...(spec.zone ? ['cacheConfigMap'] : [])], JSON.stringify(spec));
  }
  const report = runCase('nested-if', { composition: app as never, spec: { name: 'a', cache: true, zone: 'z' } });
  assert.deepEqual(report.findings, []);
});
