/**
 * One nested composition's status passed into another's spec, and the second's status read by the parent
 * (trial 9 T07: db -> api -> the stack's status). The second child's status held the first child's pseudo
 * root, and the definition failed with an internal name (`status.host references "nested$data"`).
 * simulate's cross-check holds the compiled status to the JavaScript one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const db = kubernetesComposition(
  { name: 'db', kind: 'Db', spec: type({ name: 'string', port: 'number.integer' }), status: type({ host: 'string', port: 'number.integer' }) },
  (spec) => {
    const cm = ConfigMap({ name: `${spec.name}-db`, data: { port: `${spec.port}` } });
    return { host: `${cm.metadata.name}.svc`, port: spec.port };
  },
);

const api = kubernetesComposition(
  { name: 'api', kind: 'Api', spec: type({ name: 'string', dbHost: 'string', dbPort: 'number.integer' }), status: type({ endpoint: 'string', host: 'string' }) },
  (spec) => {
    Deployment({ name: spec.name, image: 'api', env: { DB: `${spec.dbHost}:${spec.dbPort}` } });
    return { endpoint: `http://${spec.name}:${spec.dbPort}`, host: spec.dbHost };
  },
);

const stack = kubernetesComposition(
  { name: 'stack', kind: 'Stack', spec: type({ name: 'string' }), status: type({ host: 'string', endpoint: 'string' }) },
  (spec) => {
    const data = db({ name: spec.name, port: 5432 });
    const a = api({ name: `${spec.name}-api`, dbHost: data.status.host, dbPort: data.status.port });
    return { host: a.status.host, endpoint: a.status.endpoint };
  },
);

test("a child's status built from another child's status reaches the parent's status", () => {
  const yaml = stack.toYaml();
  assert.ok(!yaml.includes('nested$'), yaml);
  for (const name of ['s', 'web']) {
    const observed = { dataCm: { metadata: { name: `${name}-db` } } };
    const result = simulate(stack, { name }, { observed });
    assert.deepEqual(result.status, { host: `${name}-db.svc`, endpoint: `http://${name}-api:5432` });
  }
});

test('a nested composition assigned to a name that is not an id (web_, $db) takes its kind as the ids\' prefix', () => {
  const named = kubernetesComposition(
    { name: 'named', kind: 'Named', spec: type({ name: 'string' }), status: type({ host: 'string' }) },
    (spec) => {
      const db_ = db({ name: spec.name, port: 5432 });
      const $api = api({ name: `${spec.name}-api`, dbHost: db_.status.host, dbPort: 5432 });
      return { host: $api.status.host };
    },
  );
  // Before, the ids were `db_Cm` and `$apiDeployment`, refused as not lowerCamelCase.
  assert.deepEqual(named.graph.resources.map((resource) => resource.id), ['dbCm', 'apiDeployment']);
  const result = simulate(named, { name: 'x' }, { observed: { dbCm: {}, apiDeployment: { status: { readyReplicas: 1 } } } });
  assert.deepEqual(result.status, { host: 'x-db.svc' });
});
