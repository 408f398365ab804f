// A collection held in a variable and read as a list: in status and in another resource.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'collections',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Collections',
    spec: type({ regions: 'string[]' }),
    status: type({ total: 'number', names: 'string', allTagged: 'boolean', anyEu: 'boolean', euCount: 'number', first: 'string', summary: 'string' }),
  },
  (spec) => {
    const regionConfigs = spec.regions.map((region) => ConfigMap({ name: `region-${region}`, data: { region } }));
    const summary = ConfigMap({
      name: 'regions-summary',
      data: { names: regionConfigs.map((c) => c.metadata.name).join(','), count: String(regionConfigs.length) },
    });
    return {
      total: regionConfigs.length,
      names: regionConfigs.map((c) => c.metadata.name).join(', '),
      allTagged: regionConfigs.every((c) => c.data.region !== ''),
      anyEu: regionConfigs.some((c) => c.data.region === 'eu'),
      euCount: regionConfigs.filter((c) => c.data.region === 'eu').length,
      first: regionConfigs[0]!.metadata.name,
      summary: summary.data.names!,
    };
  },
);

export default corpusCase(app, {
  covers: ['a .map collection named after its variable', 'size/map/join/all/exists/filter over a collection', 'a collection read by another resource'],
  spec: { regions: ['eu', 'us'] },
  expectedStatus: { total: 2, names: 'region-eu, region-us', allTagged: true, anyEu: true, euCount: 1, first: 'region-eu', summary: 'region-eu,region-us' },
});
