// Type tests: compiled by test/types/types.test.ts with tsc. Every @ts-expect-error must be needed.
import { type } from 'arktype';
import { deployment, kubernetesComposition } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';

kubernetesComposition(
  {
    name: 'typed',
    kind: 'Typed',
    spec: type({ replicas: 'number.integer', name: 'string', 'tags?': 'string[]' }),
    status: type({ ready: 'boolean', ip: 'string' }),
  },
  // @ts-expect-error the returned status has a field the status schema does not declare (extra, below)
  (spec) => {
    const replicas: number = spec.replicas;
    const name: string = spec.name;
    const tags: string[] = spec.tags;
    const web = Deployment({ name, image: 'nginx', replicas });
    const svc = Service({ name, selector: { app: name }, ports: [{ port: 80 }] });

    // References are typed from the Kubernetes model of their kind.
    const ready: number = web.status.readyReplicas;
    const ip: string = svc.spec.clusterIP;
    const image: string = web.spec.template.spec.containers[0]!.image;
    const labels: Record<string, string> = web.metadata.labels;
    void [tags, image, labels];

    // @ts-expect-error readyReplicas is a number reference, not a string
    const wrongType: string = web.status.readyReplicas;
    // @ts-expect-error misspelled status field
    void web.status.readyReplica;
    // @ts-expect-error misspelled spec field
    void web.spec.replica;
    // @ts-expect-error misspelled spec field of the composition
    void spec.replica;
    // @ts-expect-error unknown field on a Service
    void svc.spec.clusterIp;
    void wrongType;

    return { ready: ready > 0, ip, extra: 1 };
  },
);

kubernetesComposition(
  { name: 'typed2', kind: 'Typed2', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  // @ts-expect-error the status must match the status schema (ready is boolean)
  (spec) => ({ ready: spec.replicas }),
);

// Low-level factories take the manifest as the Kubernetes API defines it.
deployment({
  metadata: { name: 'x' },
  // @ts-expect-error misspelled field in a low-level manifest
  spec: { replica: 1, selector: {}, template: {} },
});

// shortNames and categories (KRO v0.9.4) are lists of strings in the definition
kubernetesComposition(
  {
    name: 'aliases',
    kind: 'Aliases',
    shortNames: ['al'],
    // @ts-expect-error categories is a list of strings, not one string
    categories: 'apps',
    spec: type({ name: 'string' }),
    status: type({ ready: 'boolean' }),
  },
  () => ({ ready: true }),
);
