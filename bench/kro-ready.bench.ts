/**
 * KRO mode: the delay between the instance turning Ready in the cluster and `deploy()` returning the
 * hydrated status. A second, independent watch in the same process records when it first sees the
 * instance ACTIVE with Ready=True; the delay is deploy()'s return time minus that moment. Both watches get
 * the same event stream, so the figure is TypeKro's own overhead after the cluster is done (status read,
 * conversion), not KRO's reconcile time, which is reported separately.
 *
 *   node --import tsx bench/kro-ready.bench.ts [repetitions]
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../src/index.js';
import { KubeClient } from '../src/runtime/kube/client.js';
import { Deployment, Service } from '../src/simple.js';
import { startLocalCluster } from '../src/testing/index.js';

const repetitions = Number(process.argv[2] ?? 7);

const webapp = kubernetesComposition(
  { name: 'bench-webapp', apiVersion: 'bench.typekro.dev/v1', kind: 'BenchWebApp', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const deployment = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { ready: deployment.status.readyReplicas > 0 };
  },
);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const cluster = await startLocalCluster({ name: 'bench-kro' });
try {
  const client = new KubeClient(cluster.kubeconfig);
  const factory = webapp.factory('kro', { kubeConfig: cluster.kubeconfig, namespace: 'default', timeout: 120_000 });
  const delays: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i <= repetitions; i++) {
    const name = `bench-${i}`;
    const ref = { apiVersion: 'bench.typekro.dev/v1', kind: 'BenchWebApp', name, namespace: 'default' };
    const started = performance.now();
    const readySeen = client
      .waitFor(ref, (object) => {
        const status = (object as { status?: { state?: string; conditions?: { type?: string; status?: string }[] } } | undefined)?.status;
        const ready = status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        return status?.state === 'ACTIVE' && ready ? performance.now() : undefined;
      }, { timeoutMs: 120_000 })
      .catch(() => Number.NaN);
    await factory.deploy({ name, replicas: 1 });
    const returned = performance.now();
    const seen = await readySeen;
    if (i === 0) continue; // warm-up: RGD creation and CRD registration happen once
    delays.push(returned - seen);
    totals.push(returned - started);
  }
  console.log(`kro mode, ${repetitions} deploys after one warm-up (RGD already Active):`);
  console.log(`  deploy() returned after the instance was Ready: median ${median(delays).toFixed(1)} ms (min ${Math.min(...delays).toFixed(1)}, max ${Math.max(...delays).toFixed(1)})`);
  console.log(`  whole deploy() (apply instance -> Ready -> status): median ${median(totals).toFixed(0)} ms`);
} finally {
  await cluster.stop();
}
