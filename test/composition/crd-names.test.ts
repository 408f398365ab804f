/**
 * `shortNames` and `categories` (KRO v0.9.4 `schema.shortNames`/`schema.categories`): typed in the definition,
 * checked when the composition is defined (in both modes, before anything is rendered), written into the RGD.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { CompositionError, kubernetesComposition, type CompositionDefinition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

type Aliases = Pick<CompositionDefinition, 'shortNames' | 'categories'>;

const base = {
  apiVersion: 'names.typekro.dev/v1alpha1',
  kind: 'Named',
  spec: type({ name: 'string' }),
  status: type({ ready: 'boolean' }),
};

function define(extra: Aliases, name = 'named') {
  return kubernetesComposition({ ...base, ...extra, name }, (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { ready: true };
  });
}

test('shortNames and categories are written into the RGD schema, in the order given', () => {
  const rgd = parse(define({ shortNames: ['nm', 'named-app'], categories: ['typekro', 'all'] }).toYaml()) as {
    spec: { schema: Record<string, unknown> };
  };
  assert.deepEqual(rgd.spec.schema['shortNames'], ['nm', 'named-app']);
  assert.deepEqual(rgd.spec.schema['categories'], ['typekro', 'all']);
  assert.deepEqual(Object.keys(rgd.spec.schema).slice(0, 6), ['apiVersion', 'kind', 'group', 'shortNames', 'categories', 'spec']);
});

test('absent or empty, they are not written (a KRO before v0.9.4 refuses the fields)', () => {
  for (const extra of [{}, { shortNames: [], categories: [] }]) {
    const schema = (parse(define(extra).toYaml()) as { spec: { schema: Record<string, unknown> } }).spec.schema;
    assert.ok(!('shortNames' in schema) && !('categories' in schema), JSON.stringify(schema));
  }
});

test('a bad entry fails when the composition is defined, naming the composition, the entry and the rule', () => {
  const cases: [Aliases, RegExp][] = [
    [{ shortNames: ['Nm'] }, /composition "named": shortNames\[0\] "Nm" must be a lower-case DNS label .*e\.g\. "nm"/],
    [{ shortNames: ['nm', 'n_m'] }, /shortNames\[1\] "n_m" must be a lower-case DNS label/],
    [{ categories: ['apps', 'apps'] }, /categories lists "apps" twice/],
    [{ categories: ['my.apps'] }, /categories\[0\] "my\.apps" must be a lower-case DNS label/],
  ];
  for (const [extra, message] of cases) {
    assert.throws(() => define(extra), (error: unknown) => error instanceof CompositionError && error.name === 'InvalidDefinitionError' && message.test(error.message), JSON.stringify(extra));
  }
});

test('JavaScript callers that bypass the types get the same clear errors', () => {
  const loose = (value: unknown) => ({ shortNames: value }) as unknown as Aliases;
  assert.throws(() => define(loose('nm')), /composition "named": shortNames must be a list of strings, e\.g\. \["wa"\]/);
  assert.throws(() => define(loose(['nm', 7])), /shortNames\[1\] must be a string, got number/);
});

test('the definition keeps its own copy: changing the array afterwards changes nothing', () => {
  const shortNames = ['nm'];
  const composition = define({ shortNames });
  shortNames.push('Bad');
  assert.deepEqual((parse(composition.toYaml()) as { spec: { schema: { shortNames: string[] } } }).spec.schema.shortNames, ['nm']);
});
