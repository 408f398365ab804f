/**
 * A nested composition chosen by a ternary is refused like a factory chosen by one: its handle holds
 * resources created here, and the way out is creating it inside `if (condition) { ... }`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition, toResourceGraph } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const cache = kubernetesComposition(
  { name: 'cache', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'Cache', spec: type({ name: 'string' }), status: type({ endpoint: 'string' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { endpoint: `${spec.name}:6379` };
  },
);

test('a nested composition chosen by a ternary is refused as holding resources, with the if way out', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'nested-choice', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'NestedChoice', spec: type({ name: 'string', cache: 'boolean' }), status: type({ endpoint: 'string' }) },
    (spec) => {
      const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : undefined;
      return { endpoint: c?.status.endpoint ?? 'none' };
    },
  ));
  assert.equal(
    message,
    `${at("'nested-choice'", 'c?.status')}: \`c\` holds resources created here, and its value depends on a reference\n` +
      '    c\n' +
      '  hint: create a resource that exists only under a condition with `if (condition) { Factory(...) }` (includeWhen), and test the condition itself where the handle was tested (`condition ? a : b`)',
  );
});

/** The same child built with toResourceGraph: a nested composition too (trial: it was "a JavaScript function"). */
const graphCache = toResourceGraph(
  { name: 'graph-cache', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'GraphCache', spec: type({ name: 'string' }), status: type({ endpoint: 'string' }) },
  (schema) => ({ cm: ConfigMap({ name: schema.spec.name, data: { a: 'b' } }) }),
  (schema) => ({ endpoint: `${schema.spec.name}:6379` }),
);

const HOLDS_HINT = '  hint: create a resource that exists only under a condition with `if (condition) { Factory(...) }` (includeWhen), and test the condition itself where the handle was tested (`condition ? a : b`)';

test('a toResourceGraph composition chosen by a ternary is refused as holding resources, like a kubernetesComposition', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'graph-choice', apiVersion: 'n.typekro.dev/v1alpha1', kind: 'GraphChoice', spec: type({ name: 'string', cache: 'boolean' }), status: type({ endpoint: 'string' }) },
    (spec) => {
      const c = spec.cache ? graphCache({ name: `${spec.name}-cache` }) : undefined;
      return { endpoint: c?.status.endpoint ?? 'none' };
    },
  ));
  assert.equal(message, `${at("'graph-choice'", 'c?.status')}: \`c\` holds resources created here, and its value depends on a reference\n    c\n${HOLDS_HINT}`);
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
  const messages = [
    refusal(() => kubernetesComposition({ ...definition, name: 'skipped-kc' }, (spec) => {
      if (!spec.cache) cache({ name: `${spec.name}-cache` });
      return { endpoint: 'none' };
    })),
    refusal(() => kubernetesComposition({ ...definition, name: 'skipped-rg' }, (spec) => {
      if (!spec.cache) graphCache({ name: `${spec.name}-cache` });
      return { endpoint: 'none' };
    })),
  ];
  const why = 'this nested composition did not run when the composition was defined (its branch was decided on a placeholder value: JavaScript enters only a branch whose condition is truthy for a placeholder, as a bare reference `if (spec.cache)` is), and TypeKro cannot make a composition from source';
  const hint = '  hint: put the call in a branch whose condition is a boolean spec field itself (`if (spec.withCache) { cache({ ... }) }`; add such a field for a negated or compared condition), or call its factories in the branch directly';
  assert.deepEqual(messages, [
    `${at("'skipped-kc'", 'cache(')}: ${why}\n    cache({ name: \`\${spec.name}-cache\` })\n${hint}`,
    `${at("'skipped-rg'", 'graphCache(')}: ${why}\n    graphCache({ name: \`\${spec.name}-cache\` })\n${hint}`,
  ]);
});
