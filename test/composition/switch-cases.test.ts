/**
 * A `switch` around factory calls (issue 10): a plain switch on a reference compiles to an includeWhen per
 * case (test/differential/switch-env-cases.ts holds it to JavaScript). What a case cannot say stays refused,
 * each with its exact message (golden/switch-refusals.txt, this file's path written `<this file>`, the line
 * counted from the row's first; UPDATE_GOLDEN=1 rewrites it, review the diff): a jump inside a case, which
 * decides whether the rest of the switch runs; a `throw` in a case; what is refused under an `if` on a
 * reference (a nested composition JavaScript skipped, a condition method on a handle made outside, a key
 * written into an object, a `let` assigned, a list pushed to, a `var` bound to a handle) is refused under a
 * case the same way, naming the switch.
 */
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const definition = {
  apiVersion: 'switch.typekro.dev/v1alpha1',
  kind: 'Switches',
  spec: type({ name: 'string', tier: "'dev' | 'prod'", n: 'number.integer', on: 'boolean' }),
  status: type({ 'v?': 'string' }),
};

const child = kubernetesComposition({ ...definition, name: 'switch-child', kind: 'SwitchChild' }, (spec) => {
  ConfigMap({ name: `${spec.name}-child`, data: {} });
  return {};
});

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['a break inside a case, under an if', () => kubernetesComposition({ ...definition, name: 'inner-break' }, (spec) => {
    switch (spec.tier) {
      case 'dev':
        ConfigMap({ name: 'dev', data: {} });
        if (spec.on) break;
        ConfigMap({ name: 'dev-off', data: {} });
        break;
      default:
        ConfigMap({ name: 'other', data: {} });
    }
    return {};
  }), '`break` before the end of its `case` in the switch on `spec.tier`'],
  ['a break in a case before more of it, on a switch over a number', () => kubernetesComposition({ ...definition, name: 'early-break' }, (spec) => {
    switch (spec.n) {
      case 1: { ConfigMap({ name: 'one', data: {} }); break; }
      case 2:
        break;
        ConfigMap({ name: 'dead', data: {} });
    }
    return {};
  }), '`break` before the end of its `case` in the switch on `spec.n`'],
  ['a continue ending a case in a loop over constants', () => kubernetesComposition({ ...definition, name: 'tail-continue' }, (spec) => {
    for (const region of ['eu', 'us']) {
      switch (spec.tier) {
        case 'dev':
          continue;
        default:
          ConfigMap({ name: `cm-${region}`, data: {} });
      }
      ConfigMap({ name: `after-${region}`, data: {} });
    }
    return {};
  }), '`continue` under `switch (spec.tier)`, which reads a reference'],
  ['a throw in a case', () => kubernetesComposition({ ...definition, name: 'throw' }, (spec) => {
    switch (spec.tier) {
      case 'dev':
        throw new Error('no dev here');
      default:
        ConfigMap({ name: 'other', data: {} });
    }
    return {};
  }), '`throw` under `switch (spec.tier)`, which reads a reference'],
  ['a nested composition in a case JavaScript skipped', () => kubernetesComposition({ ...definition, name: 'nested' }, (spec) => {
    switch (spec.tier) {
      case 'prod':
        child({ name: spec.name, tier: spec.tier, n: 1, on: true });
        break;
      default:
        ConfigMap({ name: 'other', data: {} });
    }
    return {};
  }), "it runs where `spec.tier === 'prod'` holds"],
  ['withIncludeWhen in a case on a handle made outside the switch', () => kubernetesComposition({ ...definition, name: 'aspect' }, (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx' });
    switch (spec.tier) {
      case 'dev':
        web.withIncludeWhen(spec.on);
        break;
    }
    return {};
  }), "`web.withIncludeWhen(!(spec.tier === 'dev') || <your condition>)`"],
  ['a key written into an object in a case', () => kubernetesComposition({ ...definition, name: 'folded' }, (spec) => {
    const data: Record<string, string> = { level: 'info' };
    switch (spec.tier) {
      case 'dev':
        data.level = 'debug';
        break;
    }
    ConfigMap({ name: spec.name, data });
    return {};
  }), 'a key is written under the condition `switch (spec.tier)`'],
  ['a list pushed to in a case', () => kubernetesComposition({ ...definition, name: 'pushed' }, (spec) => {
    const maps = [];
    for (const region of ['eu', 'us']) {
      switch (spec.tier) {
        case 'prod':
          maps.push(ConfigMap({ name: `cm-${region}`, data: {} }));
          break;
      }
    }
    return { v: `${maps.length}` };
  }), '`maps` is filled under a condition on a reference (`switch (spec.tier)`'],
  ['a var bound to a handle in a case', () => kubernetesComposition({ ...definition, name: 'var' }, (spec) => {
    switch (spec.tier) {
      case 'prod':
        var web: ReturnType<typeof Deployment> | undefined = Deployment({ name: spec.name, image: 'nginx' });
        break;
    }
    return { v: web ? 'web' : 'none' };
  }), '`web` is declared with `var` under a condition or loop'],
];

test('what a case of a switch cannot say is refused, with its exact message (golden/switch-refusals.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/switch-refusals.txt', import.meta.url));
});
