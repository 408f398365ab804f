/**
 * Objects folded from constant tables with `reduce` (issue 10): `KEYS.reduce((acc, k) => ({ ...acc, [k]: v }), {})`
 * over a constant list, `Object.entries(TABLE).reduce(...)` with a destructured entry, an initial object holding
 * references, and later items overriding earlier keys, as JavaScript builds the object step by step.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const KEYS = ['a', 'b', 'a'] as const;
const TABLE = { dev: 'd', prod: 'p' };

const reduce = kubernetesComposition(
  { name: 'object-reduce', apiVersion: 'reduce.typekro.dev/v1alpha1', kind: 'ObjectReduce', spec: type({ name: 'string', level: 'string', n: 'number.integer' }), status: type({ keys: 'string', size: 'string' }) },
  (spec) => {
    const byKey = KEYS.reduce((acc, k) => ({ ...acc, [k]: `${k}-${spec.level}` }), { base: spec.name } as Record<string, string>);
    const byEntry = Object.entries(TABLE).reduce((acc, [env, short]) => ({ ...acc, [`${env}Level`]: spec.n > 2 ? short : spec.level, [short]: env }), {} as Record<string, string>);
    ConfigMap({ name: spec.name, data: { ...byKey, ...byEntry } });
    return { keys: `${byKey.a}|${byKey.base}`, size: `${byEntry.devLevel}:${byEntry.p}` };
  },
);

export const objectReduceCases: Record<string, CaseInput> = {
  'object-reduce': { composition: reduce as never, spec: { name: 'a', level: 'x', n: 1 }, specs: [{ name: 'a', level: 'x', n: 1 }, { name: 'b', level: '', n: 3 }] },
};
