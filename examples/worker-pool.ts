/**
 * A pool of queue workers: one Deployment per entry of `spec.workers` (a KRO forEach collection), all
 * reading the queue settings from one ConfigMap. Adding a worker to the spec adds a Deployment; removing
 * one prunes it.
 *
 *   typekro deploy examples/worker-pool.ts -f examples/worker-pool.spec.yaml
 *   typekro logs   examples/worker-pool.ts --name orders
 */
import { type } from 'arktype';
import { Cel, kubernetesComposition } from 'typekro';
import { ConfigMap, Deployment } from 'typekro/simple';

const workerSpec = type({ name: 'string', replicas: 'number.integer = 1', 'concurrency?': 'number.integer' });

export const workerPool = kubernetesComposition(
  {
    name: 'worker-pool',
    apiVersion: 'examples.typekro.dev/v1alpha1',
    kind: 'WorkerPool',
    spec: type({ name: 'string', queue: 'string', image: "string = 'busybox:1.36'", workers: workerSpec.array() }),
    status: type({ queue: 'string', workers: 'string[]', workerCount: 'number', totalReplicas: 'number' }),
  },
  (spec) => {
    const queue = ConfigMap({ name: `${spec.name}-queue`, data: { QUEUE_URL: spec.queue } });
    for (const w of spec.workers) {
      const worker = Deployment({
        name: `${spec.name}-${w.name}`,
        image: spec.image,
        replicas: w.replicas,
        command: ['sh', '-c', 'while true; do echo "polling $QUEUE_URL as $WORKER"; sleep 30; done'],
        env: { WORKER: w.name, CONCURRENCY: `${w.concurrency ?? 4}` },
        envFrom: [{ configMapRef: { name: queue.metadata.name } }],
      });
    }
    return {
      queue: queue.data.QUEUE_URL!,
      workers: spec.workers.map((w) => `${spec.name}-${w.name}`),
      workerCount: spec.workers.length,
      // JavaScript's reduce has no CEL equivalent: the escape hatch writes the CEL (Kubernetes' list sum()).
      totalReplicas: Cel.expr<number>(spec.workers, '.map(w, w.replicas).sum()'),
    };
  },
);

export default workerPool;
