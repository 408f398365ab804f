/**
 * Cases the corpus does not cover but the oracle must: readyWhen on collection items (`each`),
 * withIncludeWhen with a JavaScript boolean, a collection read in the status, nested loops.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const fleet = kubernetesComposition(
  {
    name: 'extra-fleet',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'Fleet',
    spec: type({ workers: 'string[]', monitoring: 'boolean', replicas: 'number.integer = 1' }),
    status: type({ count: 'number', first: 'string', monitored: 'boolean' }),
  },
  (spec) => {
    for (const worker of spec.workers) {
      Deployment({ name: `worker-${worker}`, image: 'busybox', replicas: spec.replicas }).withReadyWhen((self) => self.status.readyReplicas >= 1);
    }
    ConfigMap({ name: 'monitoring', data: { enabled: 'yes' } }).withIncludeWhen(spec.monitoring === true);
    return { count: spec.workers.length, first: spec.workers.length > 0 ? spec.workers[0]! : 'none', monitored: spec.monitoring && spec.workers.length > 1 };
  },
);

const grid = kubernetesComposition(
  {
    name: 'extra-grid',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'Grid',
    spec: type({ zones: 'string[]', tiers: 'string[]' }),
    status: type({ cells: 'number' }),
  },
  (spec) => {
    for (const zone of spec.zones) {
      for (const tier of spec.tiers) {
        ConfigMap({ name: `cell-${zone}-${tier}`, data: { zone, tier } });
      }
    }
    return { cells: spec.zones.length * spec.tiers.length };
  },
);

export const extraCases: Readonly<Record<string, CaseInput>> = {
  'extra-fleet': { composition: fleet as never, spec: { workers: ['a', 'b'], monitoring: true } },
  'extra-grid': { composition: grid as never, spec: { zones: ['eu', 'us'], tiers: ['web', 'db'] } },
};
