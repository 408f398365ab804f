/**
 * JavaScript that throws a TypeError while the composition runs on references (a table of resources indexed
 * by the spec, `.entries()` of a spec list) fails the definition at the file, line and column where it threw,
 * with the construct and the way out, not with the raw TypeError.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

function mk(name: string, tier: string) {
  return ConfigMap({ name, data: { tier } });
}

test('a table of resources indexed by the spec is refused where it is read, with the ?. way out', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'handle-table', apiVersion: 'p.typekro.dev/v1alpha1', kind: 'HandleTable', spec: type({ env: "'dev' | 'prod'" }), status: type({ tier: 'string' }) },
    (spec) => {
      const dev = mk('dev-cm', 'bronze');
      const prod = mk('prod-cm', 'gold');
      const table = { dev, prod };
      return { tier: table[spec.env].data.tier ?? 'none' };
    },
  ));
  assert.equal(
    message,
    `${at("'handle-table'", 'table[spec.env].data')}: \`table[spec.env]\` looks up an entry by a reference, which finds none while the composition runs on references (the key is a placeholder then, whatever values its type lists), so JavaScript fails reading \`.data\` of it (Cannot read properties of undefined (reading 'data'))\n` +
      '    table[spec.env].data\n' +
      '  hint: TypeKro runs the function once with references in place of values, so an object indexed by one finds no entry: read through `?.` (`table[spec.env]?.data`), which TypeKro compiles, choose with a ternary or `if`, or write the CEL with Cel.expr(...)',
  );
});

test('the ?. way out of a read through a cast puts the cast in parentheses, so it is valid code (trial 8 T06b)', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'cast-table', apiVersion: 'p.typekro.dev/v1alpha1', kind: 'CastTable', spec: type({ env: "'dev' | 'prod'" }), status: type({ tier: 'string' }) },
    (spec) => {
      const table = { dev: mk('dev-cm', 'bronze'), prod: mk('prod-cm', 'gold') };
      return { tier: (table[spec.env] as typeof table.dev).data.tier ?? 'none' };
    },
  ));
  assert.equal(
    message,
    `${at("'cast-table'", '(table[spec.env] as')}: \`table[spec.env]\` looks up an entry by a reference, which finds none while the composition runs on references (the key is a placeholder then, whatever values its type lists), so JavaScript fails reading \`.data\` of it (Cannot read properties of undefined (reading 'data'))\n` +
      '    (table[spec.env] as typeof table.dev).data\n' +
      '  hint: TypeKro runs the function once with references in place of values, so an object indexed by one finds no entry: read through `?.` (`(table[spec.env] as typeof table.dev)?.data`), which TypeKro compiles, choose with a ternary or `if`, or write the CEL with Cel.expr(...)',
  );
});

test('.entries() of a spec list in a for...of is refused at the loop, with the way out', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'entries-loop', apiVersion: 'p.typekro.dev/v1alpha1', kind: 'EntriesLoop', spec: type({ users: type({ name: 'string' }).array() }), status: type({ v: 'string' }) },
    (spec) => {
      for (const [i, u] of spec.users.entries()) ConfigMap({ id: 'cms', name: `cm-${i}-${u.name}`, data: { i: String(i) } });
      return { v: 'x' };
    },
  ));
  assert.equal(
    message,
    `${at("'entries-loop'", 'spec.users.entries()')}: \`.entries()\` of a reference gives no [index, item] pairs: KRO's forEach gives each item, not its position\n` +
      '    spec.users.entries()\n' +
      '  hint: loop with `for (const item of list)` (or `list.map((item) => ...)`) and use the item itself (e.g. its name), or put the position into the spec list',
  );
});

const ENV_DEFAULTS = { dev: { replicas: 1, cpu: '100m' }, prod: { replicas: 3, cpu: '1' } };

test('destructuring a table read by a key the table may lack is refused at the destructuring, with the default-entry way out (trial 9 T12)', () => {
  const message = refusal(() => kubernetesComposition(
    { name: 'destructured-table', apiVersion: 'p.typekro.dev/v1alpha1', kind: 'DestructuredTable', spec: type({ name: 'string', env: 'string' }), status: type({ cpu: 'string' }) },
    (spec) => {
      const { replicas, cpu } = ENV_DEFAULTS[spec.env as 'dev'];
      ConfigMap({ name: spec.name, data: { replicas: String(replicas) } });
      return { cpu };
    },
  ));
  assert.equal(
    message,
    `${at("'destructured-table'", '{ replicas, cpu }')}: JavaScript fails here while the composition runs on references (Cannot destructure property 'replicas' of 'ENV_DEFAULTS[spec.env]' as it is undefined.)\n` +
      '    { replicas, cpu } = ENV_DEFAULTS[spec.env as \'dev\']\n' +
      '  hint: TypeKro runs the function once with references in place of values, so an object indexed by one finds no entry to destructure: destructure a value that is always there, such as the lookup with a default entry (`ENV_DEFAULTS[spec.env as \'dev\'] ?? ENV_DEFAULTS.dev`), which TypeKro compiles, or read each field through `?.`',
  );
});
