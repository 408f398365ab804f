/**
 * Arguments chosen by a condition on the spec that TypeKro compiles (issue 10, third new-user trial g21): a
 * helmRelease whose chart.repository is `spec.prod ? prodCharts : devCharts` gets a sourceRef whose name and
 * namespace are the same choice over the two handles (JavaScript alone would always see the first). The
 * refused forms are in test/composition/argument-choices.test.ts.
 */
import { type } from 'arktype';
import { helmRelease, helmRepository, kubernetesComposition } from '../../src/index.js';
import type { CaseInput } from './harness.js';

const repositoryChoice = kubernetesComposition(
  { name: 'choice-repository', apiVersion: 'choice.typekro.dev/v1alpha1', kind: 'ChoiceRepository', spec: type({ prod: 'boolean', version: 'string' }), status: type({ source: 'string' }) },
  (spec) => {
    const prodCharts = helmRepository({ name: 'prod-charts', url: 'https://prod.example.com/charts' });
    const devCharts = helmRepository({ name: 'dev-charts', namespace: 'flux-system', url: 'https://dev.example.com/charts' });
    const cache = helmRelease({ name: 'cache', chart: { repository: spec.prod ? prodCharts : devCharts, name: 'redis', version: spec.version } });
    return { source: cache.spec.chart.spec.sourceRef.name };
  },
);

export const argumentChoiceCases: Readonly<Record<string, CaseInput>> = {
  'choice-repository': { composition: repositoryChoice as never, spec: { prod: true, version: '1.x' } },
};
