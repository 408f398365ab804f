/**
 * A loop variable becomes the forEach iterator name, unless KRO would reject it (here: it is also the
 * resource's id). Then TypeKro picks `<name>Item`, and the RGD and direct mode use the same graph.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse, parseAllDocuments } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';

const definition = {
  apiVersion: 'loops.typekro.dev/v1alpha1',
  spec: type({ workers: type({ name: 'string', image: 'string' }).array() }),
  status: type({ 'ok?': 'boolean' }),
};

test('an iterator named like a resource id is renamed deterministically; RGD and direct mode agree', async () => {
  const app = kubernetesComposition({ ...definition, name: 'workers', kind: 'Workers' }, (spec) => {
    for (const worker of spec.workers) {
      Deployment({ id: 'worker', name: worker.name, image: worker.image });
    }
    for (const job of spec.workers) {
      ConfigMap({ name: `${job.name}-settings`, data: { image: job.image } });
    }
    return {};
  });
  const rgd = parse(app.toYaml()) as { spec: { resources: { id: string; forEach: Record<string, string>[]; template: { metadata: { name: string } } }[] } };
  const [worker, settings] = rgd.spec.resources;
  assert.equal(worker!.id, 'worker');
  assert.deepEqual(worker!.forEach, [{ workerItem: '${schema.spec.workers}' }]);
  assert.equal(worker!.template.metadata.name, '${workerItem.name}');
  assert.deepEqual(settings!.forEach, [{ job: '${schema.spec.workers}' }], 'a loop variable that collides with nothing keeps its name');
  const docs = parseAllDocuments(await app.factory('direct', { namespace: 'dev' }).toYaml({ workers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }))
    .map((doc) => doc.toJSON() as { kind: string; metadata: { name: string }; spec?: { template: { spec: { containers: { image: string }[] } } } });
  assert.deepEqual(docs.filter((d) => d.kind === 'Deployment').map((d) => [d.metadata.name, d.spec!.template.spec.containers[0]!.image]), [['a', 'x'], ['b', 'y']]);
});
