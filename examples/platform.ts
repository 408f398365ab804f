/**
 * Nested compositions: a team platform made of two web application stacks (examples/webapp-stack.ts), a
 * shared worker pool (examples/worker-pool.ts) wired to the API's database, and the status of all three
 * rolled into one. Calling a composition inside another inlines its resources (ids prefixed with the
 * variable name), so the result is still one ResourceGraphDefinition.
 *
 *   typekro render examples/platform.ts
 *   typekro deploy examples/platform.ts -f examples/platform.spec.yaml
 */
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { webappStack } from './webapp-stack.js';
import { workerPool } from './worker-pool.js';

export const platform = kubernetesComposition(
  {
    name: 'platform',
    apiVersion: 'examples.typekro.dev/v1alpha1',
    kind: 'Platform',
    spec: type({ team: 'string', domain: 'string', databasePassword: 'string', workers: 'number.integer = 1' }),
    status: type({ site: 'string', api: 'string', ready: 'boolean', workerCount: 'number' }),
  },
  (spec) => {
    const site = webappStack({ name: `${spec.team}-site`, host: `${spec.team}.${spec.domain}`, database: { password: spec.databasePassword } });
    const api = webappStack({ name: `${spec.team}-api`, environment: 'staging', database: { password: spec.databasePassword } });
    const jobs = workerPool({
      name: `${spec.team}-jobs`,
      queue: `postgres://${spec.team}-api-db:5432/jobs`,
      workers: [{ name: 'default', replicas: spec.workers }],
    });
    return {
      site: site.status.url,
      api: api.status.url,
      ready: site.status.ready && api.status.ready,
      workerCount: jobs.status.workerCount,
    };
  },
);

export default platform;
