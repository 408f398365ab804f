/**
 * What stays refused around the idioms trial 7 found refused though JavaScript runs them (H11, H26, H27):
 * a module `let` reassigned while the composition is defined in a function (which may run before the
 * change, so the value read from the running function may not be the one it keeps; generator-values.test.ts
 * has the ones taken), an enum member computed by code TypeKro does not run, an enum used as a value, and
 * spreads that are no list. An object constant JavaScript computed is now taken as its JSON (generator-values.test.ts).
 * Exact messages in golden/idiom-refusals.txt (UPDATE_GOLDEN=1 rewrites it; review the diff).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const definition = {
  apiVersion: 'idioms.typekro.dev/v1alpha1',
  kind: 'Refused',
  spec: type({ name: 'string', n: 'number.integer', tags: 'string[]', 'extra?': 'string[]' }),
  status: type({ 'v?': 'string' }),
};

let counter = Number.parseInt('1', 10);
counter += 1;
const computed = (): number => 2;
enum Computed {
  First = computed(),
}
enum Tier {
  Gold = 'gold',
}

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['a module let reassigned', () => kubernetesComposition({ ...definition, name: 'module-let' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: spec.n > 1 ? `${counter}` : 'none' } });
    return {};
  }), '`counter` is changed (at line'],
  ['an enum member computed by a function', () => kubernetesComposition({ ...definition, name: 'enum-computed' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: `${Computed.First + spec.n}` } });
    return {};
  }), 'the member `Computed.First` is computed by code TypeKro does not run'],
  ['an enum as a value', () => kubernetesComposition({ ...definition, name: 'enum-value' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: spec.n > 1 ? (Tier as unknown as string) : 'x' } });
    return {};
  }), '`Tier` is a TypeScript enum, an object CEL cannot hold'],
  ['a spread of a string', () => kubernetesComposition({ ...definition, name: 'spread-string' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: [...spec.name].join(',') } });
    return {};
  }), 'a spread of a string: only lists can be spread'],
  ['a spread of a list that may be undefined', () => kubernetesComposition({ ...definition, name: 'spread-optional' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: [...spec.tags, ...spec.extra!].join(',') } });
    return {};
  }), 'a spread of a value that may be undefined'],
];

test('what stays refused has its exact message (golden/idiom-refusals.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/idiom-refusals.txt', import.meta.url));
});

test('a module constant keeps the value the module computed, whatever process.env holds at definition', () => {
  process.env.TYPEKRO_IDIOM_LATE = 'late';
  try {
    const yaml = kubernetesComposition({ ...definition, name: 'late-env' }, (spec) => {
      ConfigMap({ name: 'a', data: { v: `${LATE_MODULE}/${spec.name}` } });
      return {};
    }).toYaml();
    assert.match(yaml, /v: early-module\/\$\{schema\.spec\.name\}/);
  } finally {
    delete process.env.TYPEKRO_IDIOM_LATE;
  }
});

// Computed when this module ran; the test above changes the variable afterwards, before its definition.
process.env.TYPEKRO_IDIOM_LATE = 'early-module';
const LATE_MODULE = process.env.TYPEKRO_IDIOM_LATE ?? 'unset';
