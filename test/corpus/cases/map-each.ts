// `.map` over a spec array of objects becomes a forEach collection.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'map-each',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'MapEach',
    spec: type({ workers: type({ name: 'string', image: 'string' }).array() }),
    status: type({ names: 'string[]' }),
  },
  (spec) => {
    const workers = spec.workers.map((worker) => Deployment({ name: `worker-${worker.name}`, image: worker.image }));
    return { names: spec.workers.map((worker) => worker.name) };
  },
);

export default corpusCase(app, {
  covers: ['.map over a spec array of objects (forEach)', 'array of structs in the schema', '.map in status'],
  spec: { workers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] },
  expectedStatus: { names: ['a', 'b'] },
});
