/**
 * A condition on the item of a loop over a constant list and on a reference (issue 10, third new-user
 * trial): `for (const e of ['dev', 'prod']) { if (spec.env === e) ConfigMap(...) }` compiles to one resource
 * per item, each under its own includeWhen with the item folded in (`schema.spec.env == "dev"`), and the
 * `else` branch to the negation. JavaScript skipped the `if` branch for every item (TypeKro makes it from
 * source) and took the `else` for every item (each call is its item's, as the count of calls shows); one on
 * the item alone that TypeKro cannot fold (`!t.toUpperCase()`) was decided by JavaScript. A
 * condition JavaScript decided differently per item on a placeholder is refused (definition-rejections.test.ts).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const definition = {
  apiVersion: 'conditions.typekro.dev/v1alpha1',
  spec: type({ env: "'dev' | 'prod' | 'test'", enabled: 'boolean', n: 'number.integer', name: 'string' }),
  status: type({ v: 'string' }),
};
const TIERS = ['web', 'api'] as const;

const ifOnItem = kubernetesComposition({ ...definition, name: 'cond-item-if', kind: 'CondItemIf' }, (spec) => {
  for (const e of ['dev', 'prod']) {
    if (spec.env === e) ConfigMap({ name: `cm-${e}`, data: { env: e, n: `${spec.n}` } });
  }
  return { v: 'ok' };
});

const ifElseOnItem = kubernetesComposition({ ...definition, name: 'cond-item-else', kind: 'CondItemElse' }, (spec) => {
  for (const e of ['dev', 'prod', 'test']) {
    if (spec.env === e && e !== 'test') {
      ConfigMap({ name: `only-${e}`, data: { e } });
    } else if (spec.enabled) {
      ConfigMap({ name: `enabled-${e}`, data: {} });
    } else {
      ConfigMap({ name: `other-${e}`, data: { n: `${spec.n > 1 ? 'many' : 'few'}` } });
    }
  }
  return { v: 'ok' };
});

const mixed = kubernetesComposition({ ...definition, name: 'cond-item-mixed', kind: 'CondItemMixed' }, (spec) => {
  // JavaScript made both calls (`e === 'b'` true, or a truthy placeholder): each item's includeWhen decides.
  for (const e of ['a', 'b']) if (e === 'b' || spec.enabled) ConfigMap({ name: e, data: { v: spec.name === e ? 'x' : 'y' } });
  for (const n of ['a', 'b']) if (spec.name === n) ConfigMap({ name: `named-${n}`, data: {} });
  TIERS.forEach((tier) => {
    if (spec.env !== 'test' && tier === 'web') ConfigMap({ name: `tier-${tier}`, data: { tier } });
  });
  return { v: 'ok' };
});

const decidedInJavaScript = kubernetesComposition({ ...definition, name: 'cond-item-js', kind: 'CondItemJs' }, (spec) => {
  // An earlier loop over the spec with a variable of the same name: the constant loop's `t` is its own.
  for (const t of spec.name.split('-')) ConfigMap({ name: `part-${t}`, data: { t } });
  // Conditions on the item alone that TypeKro does not fold (a method call): JavaScript decided them exactly.
  for (const t of ['a', 'b-c', 'Zz']) {
    if (!t.toUpperCase()) ConfigMap({ name: `never-${t.toLowerCase()}`, data: { v: String(spec.enabled) } });
    else ConfigMap({ name: `always-${t.toLowerCase()}`, data: { v: spec.env } });
    if (t.length > 2) ConfigMap({ name: `long-${t.toLowerCase()}`, data: {} });
  }
  return { v: 'ok' };
});

const unfoldedAndReused = kubernetesComposition({ ...definition, name: 'cond-item-unfolded', kind: 'CondItemUnfolded' }, (spec) => {
  // The for-const-if generator position's findings: an item condition CEL does not fold, decided per item by
  // JavaScript; a name reused by the next loop; names that are literal only once folded, or not at all.
  for (const t of ['a', 'b-c', 'Zz']) {
    if (0 >= t.length) ConfigMap({ name: `never-${t}`, data: { v: spec.name } });
    else if (t.length > 1) ConfigMap({ name: `long-${t.toLowerCase()}`, data: { v: spec.name || t } });
    else ConfigMap({ name: `short-${t.toLowerCase()}`, data: { v: spec.enabled ? t : 'off' } });
  }
  for (const t of ['a', 'b-c', 'Zz']) {
    const v = spec.n > 1 ? t : spec.env;
    if (spec.name === t) ConfigMap({ name: `named-${t.toLowerCase()}`, data: { v } });
    else ConfigMap({ name: `${spec.env}-other-${t.toLowerCase()}`, data: { v } });
  }
  return { v: 'ok' };
});

export const constantConditionCases: Readonly<Record<string, CaseInput>> = {
  'cond-item-if': { composition: ifOnItem as never, spec: { env: 'dev', enabled: false, n: 1, name: 'a' } },
  'cond-item-else': { composition: ifElseOnItem as never, spec: { env: 'prod', enabled: false, n: 2, name: 'b' } },
  'cond-item-mixed': { composition: mixed as never, spec: { env: 'test', enabled: true, n: 0, name: 'a' } },
  'cond-item-js': { composition: decidedInJavaScript as never, spec: { env: 'dev', enabled: true, n: 0, name: 'a' } },
  'cond-item-unfolded': { composition: unfoldedAndReused as never, spec: { env: 'prod', enabled: false, n: 2, name: 'Zz' } },
};
