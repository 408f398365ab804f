/**
 * Helper calls JavaScript skipped (issue 10, third new-user trial): `if (!spec.enabled) helper(spec)` never
 * runs the helper on placeholders, so TypeKro reads its factory calls from source (helper-calls.ts) and makes
 * them under the branch's condition, as it does for a factory call written in the branch. Helpers in the
 * same file, imported, arrow or declaration, called from helpers, under `if`/`else`, `&&`, `||`, `??`, a
 * ternary, in a loop over a spec list and over constants. The refused shapes (a condition on a reference
 * inside a helper) are in test/composition/helper-guards.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { labelled, relay } from './fixtures/modules/factory-helpers.js';
import type { CaseInput } from './harness.js';

const definition = {
  apiVersion: 'skip.typekro.dev/v1alpha1',
  spec: type({ enabled: 'boolean', list: 'string[]', 'o?': 'string', n: 'number.integer', env: "'dev' | 'prod' | 'test'" }),
  status: type({ v: 'string' }),
};

function always(s: { enabled: boolean; n: number }, name: string) {
  const data = { on: s.enabled ? 'yes' : 'no', n: `${s.n * 2}` };
  return ConfigMap({ name: `always-${name}`, data });
}

const arrow = (s: { o?: string }) => ConfigMap({ name: 'arrow', data: { o: s.o ?? 'unset' } });

function outer(s: { enabled: boolean; n: number }) {
  return always(s, 'outer');
}

function item(x: string) {
  return ConfigMap({ name: `item-${x}`, data: { x } });
}

const branches = kubernetesComposition({ ...definition, name: 'skip-branches', kind: 'SkipBranches' }, (spec) => {
  if (!spec.enabled) always(spec, 'not');
  if (spec.n > 2) always(spec, 'big');
  else always(spec, 'small');
  spec.enabled || arrow(spec);
  spec.o ?? outer(spec);
  spec.env === 'prod' ? always(spec, 'prod') : undefined;
  if (spec.env === 'test') {
    const make = (n: string) => ConfigMap({ name: n, data: {} });
    make('local');
  }
  return { v: 'ok' };
});

const imported = kubernetesComposition({ ...definition, name: 'skip-imported', kind: 'SkipImported' }, (spec) => {
  if (spec.env === 'dev') labelled(spec, 'dev');
  if (!spec.enabled) relay(spec);
  return { v: 'ok' };
});

const loops = kubernetesComposition({ ...definition, name: 'skip-loops', kind: 'SkipLoops' }, (spec) => {
  for (const x of spec.list) {
    if (x === 'a') item(x);
  }
  for (const e of ['one', 'two']) {
    if (!spec.enabled) item(e);
  }
  return { v: 'ok' };
});

export const skippedHelperCases: Readonly<Record<string, CaseInput>> = {
  'skip-branches': { composition: branches as never, spec: { enabled: false, list: [], n: 1, env: 'dev' } },
  'skip-imported': { composition: imported as never, spec: { enabled: true, list: ['a'], n: 3, env: 'dev', o: 'x' } },
  'skip-loops': { composition: loops as never, spec: { enabled: false, list: ['a', 'b'], n: 0, env: 'prod' } },
};
