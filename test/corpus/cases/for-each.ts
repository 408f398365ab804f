// A for...of loop over a spec array becomes a forEach collection.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'for-each',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'ForEachLoop',
    spec: type({ regions: 'string[]' }),
    status: type({ regionCount: 'number' }),
  },
  (spec) => {
    for (const region of spec.regions) {
      ConfigMap({ name: `region-${region}`, data: { region } });
    }
    return { regionCount: spec.regions.length };
  },
);

export default corpusCase(app, {
  covers: ['for...of over a spec array (forEach)', '.length on a spec array', 'iterator in a template'],
  spec: { regions: ['eu', 'us'] },
  expectedStatus: { regionCount: 2 },
});
