/**
 * Resources and nested compositions made over a constant list, read in aggregate (trial 8 T10): `every`,
 * `some`, `map(...).join`, `filter(...).length`, `length` and `ds[0]` over the handles JavaScript's array holds,
 * in the status and in another resource's arguments. Each has a twin written out by hand, one read per
 * resource (same ids), which the aggregate must match on every spec and observed state (constant-list.test.ts).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const apiVersion = 'constlist.typekro.dev/v1alpha1';
const deploymentsStatus = type({ ready: 'boolean', any: 'boolean', names: 'string', n: 'number', readyCount: 'number', first: 'string' });

/** Trial 8's T12b, with every aggregate the issue names. */
export const perEnvDeployments = kubernetesComposition(
  { name: 'constlist-deployments', apiVersion, kind: 'ConstListDeployments', spec: type({ name: 'string', replicas: 'number.integer' }), status: deploymentsStatus },
  (spec) => {
    const ds = (['dev', 'prod'] as const).map((e) => Deployment({ name: `${spec.name}-${e}`, image: 'nginx', replicas: e === 'prod' ? spec.replicas : 2 }));
    return {
      ready: ds.every((d) => d.status.readyReplicas >= 2),
      any: ds.some((d) => d.status.readyReplicas >= 2),
      names: ds.map((d) => d.metadata.name).join(','),
      n: ds.length,
      readyCount: ds.filter((d) => d.status.readyReplicas >= 2).length,
      first: ds[0]!.metadata.name,
    };
  },
);

/** The same, one read per resource. */
export const perEnvDeploymentsByHand = kubernetesComposition(
  { name: 'constlist-deployments-hand', apiVersion, kind: 'ConstListDeploymentsHand', spec: type({ name: 'string', replicas: 'number.integer' }), status: deploymentsStatus },
  (spec) => {
    const dev = Deployment({ id: 'ds', name: `${spec.name}-dev`, image: 'nginx', replicas: 2 });
    const prod = Deployment({ id: 'deployment', name: `${spec.name}-prod`, image: 'nginx', replicas: spec.replicas });
    return {
      ready: dev.status.readyReplicas >= 2 && prod.status.readyReplicas >= 2,
      any: dev.status.readyReplicas >= 2 || prod.status.readyReplicas >= 2,
      names: [dev.metadata.name, prod.metadata.name].join(','),
      n: 2,
      readyCount: (dev.status.readyReplicas >= 2 ? 1 : 0) + (prod.status.readyReplicas >= 2 ? 1 : 0),
      first: dev.metadata.name,
    };
  },
);

/** The child of trial 8's T12: a Deployment and a Service, ready when the Deployment is. */
export const stackChild = kubernetesComposition(
  { name: 'web-stack', apiVersion, kind: 'WebStack', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ ready: 'boolean', url: 'string' }) },
  (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { ready: d.status.readyReplicas >= spec.replicas, url: `http://${svc.metadata.name}` };
  },
);

export const envStatus = type({ ready: 'boolean', n: 'number', urls: 'string', last: 'string' });
const envSpec = type({ name: 'string', envs: "('dev' | 'prod')[]" });

/** Trial 8's T12: one nested composition per environment, rolled up. */
export const envStacks = kubernetesComposition({ name: 'constlist-stacks', apiVersion, kind: 'ConstListStacks', spec: envSpec, status: envStatus }, (spec) => {
  const stacks = (['dev', 'prod'] as const).map((e) => stackChild({ name: `${spec.name}-${e}`, replicas: spec.envs.includes(e) ? 2 : 0 }));
  return {
    ready: stacks.every((st) => st.status.ready),
    n: stacks.length,
    urls: stacks.map((st) => st.status.url).join(','),
    last: stacks[1]!.status.url,
  };
});

/** The same, one nested composition per variable, named as the loop's are prefixed (so the same ids). */
export const envStacksByHand = kubernetesComposition({ name: 'constlist-stacks-hand', apiVersion, kind: 'ConstListStacksHand', spec: envSpec, status: envStatus }, (spec) => {
  const webStack = stackChild({ name: `${spec.name}-dev`, replicas: spec.envs.includes('dev') ? 2 : 0 });
  const webStack2 = stackChild({ name: `${spec.name}-prod`, replicas: spec.envs.includes('prod') ? 2 : 0 });
  return {
    ready: webStack.status.ready && webStack2.status.ready,
    n: 2,
    urls: [webStack.status.url, webStack2.status.url].join(','),
    last: webStack2.status.url,
  };
});

/** Pushed in a `for...of` (one item skipped by a condition on the item alone), walked by another loop, read in an argument. */
const pushedAndWalked = kubernetesComposition(
  { name: 'constlist-pushed', apiVersion, kind: 'ConstListPushed', spec: type({ name: 'string', prod: 'boolean' }), status: type({ n: 'number', all: 'boolean' }) },
  (spec) => {
    const ds = [] as ReturnType<typeof Deployment>[];
    for (const e of ['a', 'b', 'c']) if (e !== 'b') ds.push(Deployment({ name: `${spec.name}-${e}`, image: 'nginx', replicas: spec.prod ? 3 : 1 }));
    for (const d of ds) ConfigMap({ name: `${d.metadata.name}-seen`, data: { ready: String(d.status.readyReplicas ?? 0) } });
    ConfigMap({ name: `${spec.name}-summary`, data: { names: ds.map((d) => d.metadata.name).join(' '), n: `${ds.length}`, some: ds.some((d) => (d.status.readyReplicas ?? 0) > 1) ? 'y' : 'n' } });
    return { n: ds.length, all: ds.every((d) => d.status.availableReplicas === d.spec.replicas) };
  },
);

export const constantListCases: Record<string, CaseInput> = {
  'constlist deployments': { composition: perEnvDeployments as never, spec: { name: 'web', replicas: 3 } },
  'constlist deployments by hand': { composition: perEnvDeploymentsByHand as never, spec: { name: 'web', replicas: 3 } },
  'constlist stacks': { composition: envStacks as never, spec: { name: 'web', envs: ['dev'] } },
  'constlist pushed': { composition: pushedAndWalked as never, spec: { name: 'web', prod: true } },
};
