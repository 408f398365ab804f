/**
 * Local constants (issue 10, trial D25/D29/D30). Loops over lists known at definition time: an array literal, a module constant,
 * `Object.keys`/`Object.entries` of a local literal, a counted `for`, `.map` over a literal into a helper,
 * a condition on the item alone, `.withIncludeWhen` on the item, and a loop in a branch JavaScript skipped.
 * Inside each iteration the item is a constant folded into the compiled expressions. Statuses built from
 * spreads of local literals and returned through a name (`return status as T`). Lookup tables over enumerated keys.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const definition = {
  apiVersion: 'constants.typekro.dev/v1alpha1',
  spec: type({ env: 'string', n: 'number.integer', prod: 'boolean' }),
  status: type({ v: 'number' }),
};
const ENVS = ['dev', 'prod'] as const;
const tiers = { web: 'nginx', api: 'node', 2: 'two', 1: 'one' };

function modeMap(name: string, on: boolean, level: string) {
  return ConfigMap({ name, data: { mode: on ? 'on' : 'off', level: level.toUpperCase() } });
}

const arrayLiteral = kubernetesComposition({ ...definition, name: 'constant-array', kind: 'ConstantArray' }, (spec) => {
  for (const e of ['dev', 'prod']) ConfigMap({ id: e, name: `cm-${e}`, data: { mine: spec.env === e ? 'me' : 'other', both: `${e}-${spec.env}` } });
  return { v: 1 };
});

const moduleConstant = kubernetesComposition({ ...definition, name: 'constant-module', kind: 'ConstantModule' }, (spec) => {
  for (const e of ENVS) {
    const mine = spec.env === e;
    ConfigMap({ name: `m-${e}`, data: { mine: mine ? 'yes' : 'no', long: e.length > 3 && spec.prod ? 'long' : 'short' } });
  }
  return { v: ENVS.length };
});

const objectKeys = kubernetesComposition({ ...definition, name: 'constant-keys', kind: 'ConstantKeys' }, (spec) => {
  for (const k of Object.keys(tiers) as (keyof typeof tiers)[]) ConfigMap({ name: `k-${k}`, data: { img: spec.env === 'prod' ? tiers[k] : `dev-${tiers[k]}` } });
  Object.entries({ a: 1, b: 2 }).forEach((entry) => ConfigMap({ name: `e-${entry[0]}`, data: { big: spec.n > entry[1] ? 'big' : 'small' } }));
  return { v: 1 };
});

const counted = kubernetesComposition({ ...definition, name: 'constant-counted', kind: 'ConstantCounted' }, (spec) => {
  for (let i = 0; i < 3; i++) ConfigMap({ name: `c${i}`, data: { a: spec.prod ? `p${i}` : 'n', b: spec.n > i ? 'gt' : 'le' } });
  for (let j = 4; j >= 2; j -= 2) ConfigMap({ name: `d${j}`, data: { b: spec.n === j ? 'eq' : 'ne' } });
  return { v: 1 };
});

const mapIntoHelper = kubernetesComposition({ ...definition, name: 'constant-map', kind: 'ConstantMap' }, (spec) => {
  ['x', 'y'].map((n) => modeMap(`cm-${n}`, n === 'x' ? spec.prod : !spec.prod, n));
  return { v: 1 };
});

const conditions = kubernetesComposition({ ...definition, name: 'constant-conditions', kind: 'ConstantConditions' }, (spec) => {
  for (const e of ['dev', 'stage', 'prod']) {
    // Decided per item at definition time, as JavaScript does.
    if (e !== 'stage') ConfigMap({ name: `only-${e}`, data: { on: spec.env === e ? e : 'no' } });
    // A condition on the item and the spec: one resource per item, each under its own includeWhen.
    ConfigMap({ name: `selected-${e}`, data: { e, prod: spec.prod ? e : 'no' } }).withIncludeWhen(spec.env === e);
  }
  if (spec.n > 3) {
    // A loop in a branch JavaScript skipped (decided on a placeholder): made item by item under the branch's condition.
    for (const e of ['a', 'b']) ConfigMap({ name: `big-${e}`, data: { e, big: spec.prod ? e : 'no' } });
  }
  return { v: 1 };
});

const statusDefinition = {
  apiVersion: 'constants.typekro.dev/v1alpha1',
  spec: type({ prod: 'boolean', n: 'number.integer' }),
  status: type({ ready: 'boolean', img: 'string', n: 'number', tag: 'string' }),
};

/** A status built from a spread of a local literal, returned through a name with `satisfies` / `as` (trial D29). */
const statusSpread = kubernetesComposition({ ...statusDefinition, name: 'constant-status-spread', kind: 'StatusSpread' }, (spec) => {
  const web = Deployment({ id: 'web', name: 'web', image: spec.prod ? 'a' : 'b' });
  const base = { ready: (web.status.readyReplicas ?? 0) > 0, img: spec.prod ? 'a' : 'b', tag: 'base' };
  const status = { ...base, n: spec.n > 0 ? spec.n : 0, tag: spec.prod ? 'prod' : 'dev' } satisfies typeof statusDefinition.status.infer;
  return status as typeof statusDefinition.status.infer;
});

/** The same status read field by field from the local, and spread straight into the returned literal. */
const statusFields = kubernetesComposition({ ...statusDefinition, name: 'constant-status-fields', kind: 'StatusFields' }, (spec) => {
  const web = Deployment({ id: 'web', name: 'web', image: spec.prod ? 'a' : 'b' });
  const base = { ready: (web.status.readyReplicas ?? 0) > 0, img: spec.prod ? 'a' : 'b' };
  const status = { ...base, n: spec.n > 0 ? spec.n : 0 };
  ConfigMap({ name: 'copy', data: { ...{ img: status.img }, ready: status.ready ? 'yes' : 'no' } });
  return { ...base, n: status.n, tag: `${status.img}-${status.n}` };
});

/** Lookup tables over an enumerated spec field (trial D30): every value a key, or `?? default` for the missing ones. */
const lookups = kubernetesComposition(
  {
    apiVersion: 'constants.typekro.dev/v1alpha1', name: 'constant-lookups', kind: 'ConstantLookups',
    spec: type({ size: "'small' | 'large'", tier: "'web' | 'api' | 'batch'", 'opt?': "'small' | 'large'" }),
    status: type({ replicas: 'number', image: 'string', ratio: 'number' }),
  },
  (spec) => {
    const sizes = { small: 1, large: 3 };
    const images: Record<string, string> = { web: 'nginx', api: 'node' };
    const ratios = { small: 0.5, large: 2 };
    ConfigMap({ name: 'sized', data: { replicas: `${sizes[spec.size]}`, image: images[spec.tier] ?? 'busybox', opt: `${sizes[spec.opt ?? 'small']}` } });
    return { replicas: sizes[spec.size] * 2, image: images[spec.tier] ?? 'busybox', ratio: ratios[spec.size] };
  },
);

export const constantCases: Readonly<Record<string, CaseInput>> = {
  'constant-array': { composition: arrayLiteral as never, spec: { env: 'dev', n: 1, prod: false } },
  'constant-module': { composition: moduleConstant as never, spec: { env: 'prod', n: 1, prod: true } },
  'constant-keys': { composition: objectKeys as never, spec: { env: 'prod', n: 2, prod: false } },
  'constant-counted': { composition: counted as never, spec: { env: 'x', n: 2, prod: true } },
  'constant-map': { composition: mapIntoHelper as never, spec: { env: 'x', n: 0, prod: true } },
  'constant-conditions': { composition: conditions as never, spec: { env: 'prod', n: 0, prod: false } },
  'constant-status-spread': { composition: statusSpread as never, spec: { prod: true, n: -1 } },
  'constant-status-fields': { composition: statusFields as never, spec: { prod: false, n: 4 } },
  'constant-lookups': { composition: lookups as never, spec: { size: 'large', tier: 'batch' } },
};
