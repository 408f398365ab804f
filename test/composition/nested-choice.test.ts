/**
 * A nested composition chosen by a ternary is refused like a factory chosen by one: its handle holds
 * resources created here, and the way out is creating it inside `if (condition) { ... }`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
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
