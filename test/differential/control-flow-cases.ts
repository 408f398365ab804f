/**
 * Control flow that compiles exactly (issue 10, second new-user trial A1-A4): a factory on the right of `??`
 * (created only when the left side is not set), jumps JavaScript decides on constants in a loop over
 * constants, and a last `continue`/`return` in a loop over a reference (it skips nothing). The refused
 * shapes are in test/composition/control-flow.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const definition = {
  apiVersion: 'flow.typekro.dev/v1alpha1',
  spec: type({ enabled: 'boolean', list: 'string[]', 'o?': 'string', n: 'number.integer' }),
  status: type({ v: 'string' }),
};

const nullish = kubernetesComposition({ ...definition, name: 'flow-nullish', kind: 'FlowNullish' }, (spec) => {
  const name = spec.o ?? ConfigMap({ id: 'whenAbsent', name: 'when-absent', data: { n: `${spec.n}` } }).metadata.name;
  const either = spec.o || ConfigMap({ id: 'whenEmpty', name: 'when-empty', data: {} });
  return { v: spec.o ?? 'none' };
});

const exactJumps = kubernetesComposition({ ...definition, name: 'flow-exact-jumps', kind: 'FlowExactJumps' }, (spec) => {
  for (const e of ['a', 'b', 'c']) {
    if (e === 'b') continue;
    ConfigMap({ id: 'keep', name: `keep-${e}`, data: { v: spec.enabled ? 'on' : 'off' } });
    break;
  }
  ['x', 'y'].forEach((e) => {
    if (e === 'x') return;
    ConfigMap({ id: 'kept', name: `kept-${e}`, data: { n: `${spec.n}` } });
  });
  for (const x of spec.list) {
    ConfigMap({ id: 'everyItem', name: `each-${x}`, data: { x } });
    continue;
  }
  spec.list.map((x) => {
    return ConfigMap({ id: 'mapped', name: `mapped-${x}`, data: { x } });
  });
  return { v: 'ok' };
});

const MODE = 'b' as string;

/**
 * Writes and jumps under conditions JavaScript decides exactly (constants), and a `var` read in its own branch:
 * control-flow-guards.ts guards them without refusing them (trial 7a; the refused shapes are in
 * test/composition/flow-guards.test.ts).
 */
const guardedExact = kubernetesComposition({ ...definition, name: 'flow-guarded-exact', kind: 'FlowGuardedExact' }, (spec) => {
  if (spec.enabled) {
    var label = `on-${spec.n}`;
    ConfigMap({ id: 'flag', name: 'flag', data: { label } });
  }
  let tier = 'none';
  switch (MODE) {
    case 'a': tier = 'A'; break;
    default: tier = 'D';
  }
  let last = 'none';
  for (const e of ['a', 'b', 'c']) {
    if (e === 'c') continue;
    last = e;
  }
  let track = 'x';
  for (track of ['p', 'q']) { /* the head assigns */ }
  blk: {
    if (MODE === 'b') break blk;
    ConfigMap({ id: 'skipped', name: 'skipped', data: {} });
  }
  ConfigMap({ id: 'summary', name: 'summary', data: { tier, last, track } });
  return { v: `${tier}-${last}-${track}` };
});

export const controlFlowCases: Readonly<Record<string, CaseInput>> = {
  'flow-nullish': { composition: nullish as never, spec: { enabled: true, list: ['a'], n: 1, o: 'x' } },
  'flow-exact-jumps': { composition: exactJumps as never, spec: { enabled: false, list: ['a', 'b'], n: 2 } },
  'flow-guarded-exact': { composition: guardedExact as never, spec: { enabled: true, list: [], n: 3 } },
  'flow-guarded-exact-off': { composition: guardedExact as never, spec: { enabled: false, list: ['a'], n: 0 } },
};
