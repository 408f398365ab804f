/**
 * Spreads into helpers that create resources (issue 10, a new-user trial): `mk(...[spec.name, spec.n])` passes
 * the literal's items, so the helper's parameters are bound to them as in `mk(spec.name, spec.n)`, whether
 * JavaScript ran the helper (helper-scope.ts) or skipped it in a branch (helper-calls.ts); nested spreads,
 * holes (`undefined`), defaults, rest parameters and an imported helper. A spread of a list from the spec is
 * refused (test/composition/spread-helpers.test.ts).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { labelled } from './fixtures/modules/factory-helpers.js';
import type { CaseInput } from './harness.js';

function mk(name: string, n: number | undefined, tag = 'plain') {
  return ConfigMap({ name: `${name}-${tag}`, data: { n: `${n}`, tag } });
}

const joined = (name: string, ...parts: string[]) => ConfigMap({ name: `${name}-rest`, data: { joined: parts.join('+'), count: `${parts.length}` } });

const spreads = kubernetesComposition(
  {
    name: 'spread-helpers',
    apiVersion: 'spread.typekro.dev/v1alpha1',
    kind: 'SpreadHelpers',
    spec: type({ name: 'string', n: 'number.integer', flag: 'boolean', 'o?': 'string' }),
    status: type({ v: 'string' }),
  },
  (spec) => {
    mk(...[spec.name, spec.n]);
    mk(...[spec.name], ...[spec.n * 3, spec.flag ? 'on' : 'off']);
    mk(...[spec.name, , 'hole']);
    mk(spec.name, ...[spec.n + 1, ...['nested']]);
    joined(...[spec.name, spec.o ?? 'none', `${spec.n}`]);
    if (!spec.flag) mk(...[spec.name, spec.n - 1, 'skipped']);
    labelled(...[spec, 'spread'] as const);
    return { v: 'ok' };
  },
);

export const spreadHelperCases: Readonly<Record<string, CaseInput>> = {
  'spread-helpers': { composition: spreads as never, spec: { name: 'alpha', n: 4, flag: true, o: 'x' } },
  'spread-helpers-off': { composition: spreads as never, spec: { name: 'beta', n: -2, flag: false } },
};
