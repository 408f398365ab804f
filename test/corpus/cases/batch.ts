// Jobs and CronJobs.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { CronJob, Job } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'batch',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Batch',
    spec: type({ schedule: 'string', completions: 'number.integer' }),
    status: type({ schedule: 'string', completions: 'number' }),
  },
  (spec) => {
    const migrate = Job({ name: 'migrate', image: 'busybox', command: ['true'], completions: spec.completions, backoffLimit: 2 });
    const nightly = CronJob({ name: 'nightly', image: 'busybox', schedule: spec.schedule, command: ['true'] });
    return { schedule: nightly.spec.schedule, completions: migrate.spec.completions };
  },
);

export default corpusCase(app, {
  covers: ['Job', 'CronJob', 'spec fields read back from resources'],
  spec: { schedule: '0 3 * * *', completions: 1 },
  expectedStatus: { schedule: '0 3 * * *', completions: 1 },
});
