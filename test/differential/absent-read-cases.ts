/**
 * A bare read of spec data the instance may leave out, written as a factory option (issue 10, R2 at the
 * right depth): `replicas: spec.replicas` with `'replicas?'`, `spec.items[2]`, `env: { LEVEL: spec.level }`.
 * JavaScript passes `undefined`, so it is the same case as `c ? 3 : undefined` (absent-option-cases.ts): the
 * factory is asked what it makes of `undefined`, and the read compiles to
 * `has(schema.spec.replicas) ? schema.spec.replicas : omit()` (or the factory's default). The status keeps
 * a plain read, pending (left out) where JavaScript's value is `undefined`. Exact CEL and refusals are in
 * test/composition/absent-reads.test.ts; cel-go in absent-reads-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Job } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const definition = {
  apiVersion: 'absent.typekro.dev/v1alpha1',
  spec: type({
    name: 'string',
    'replicas?': 'number.integer',
    'level?': 'string',
    'cpu?': 'string',
    'policy?': "'Never' | 'OnFailure'",
    items: 'string[]',
    workers: type({ name: 'string', 'size?': 'number.integer' }).array(),
  }),
};

/** The composition: a top-level option, and options nested in `env` and `resources`. */
export const bareReads = kubernetesComposition(
  { ...definition, name: 'absent-reads', kind: 'AbsentReads', status: type({ 'level?': 'string', name: 'string' }) },
  (spec) => {
    Deployment({ id: 'web', name: spec.name, image: 'nginx', replicas: spec.replicas });
    Deployment({ id: 'tuned', name: `${spec.name}-tuned`, image: 'nginx', env: { LEVEL: spec.level!, MODE: 'x' }, resources: { limits: { cpu: spec.cpu!, memory: '64Mi' } } });
    // Job's own default (`restartPolicy ?? 'OnFailure'`) where the instance leaves the field out.
    Job({ id: 'job', name: `${spec.name}-job`, image: 'busybox', restartPolicy: spec.policy });
    return { level: spec.level, name: spec.name };
  },
);

/** A spec list item that may be missing, top-level in a map and nested in `env`; an optional field of a loop item. */
export const missingItems = kubernetesComposition(
  { ...definition, name: 'absent-items', kind: 'AbsentItems', status: type({ name: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: `${spec.name}-cm`, data: { first: 'a', third: spec.items[2]! } });
    Deployment({ id: 'env', name: `${spec.name}-env`, image: 'nginx', env: { FIRST: spec.items[0]! } });
    for (const w of spec.workers) Deployment({ id: 'worker', name: w.name, image: 'nginx', replicas: w.size });
    return { name: spec.name };
  },
);

/** Every optional field set, none set, and each list empty, short and long enough. */
export const ABSENT_READ_SPECS: readonly Record<string, unknown>[] = [
  { name: 'a', items: [], workers: [] },
  { name: 'b', replicas: 3, level: 'debug', cpu: '250m', policy: 'Never', items: ['x'], workers: [{ name: 'w1' }] },
  { name: 'c', replicas: 0, level: '', items: ['x', 'y', 'z'], workers: [{ name: 'w2', size: 2 }, { name: 'w3' }] },
  { name: 'd', cpu: '1', policy: 'OnFailure', items: ['x', 'y'], workers: [{ name: 'w4', size: 0 }] },
];

export const absentReadCases: Readonly<Record<string, CaseInput>> = {
  'absent-reads': { composition: bareReads as never, spec: ABSENT_READ_SPECS[0]!, specs: ABSENT_READ_SPECS },
  'absent-items': { composition: missingItems as never, spec: ABSENT_READ_SPECS[0]!, specs: ABSENT_READ_SPECS },
};
