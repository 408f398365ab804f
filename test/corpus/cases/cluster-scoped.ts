// Cluster-scoped children (Namespace, ClusterRole) of a namespaced instance.
import { type } from 'arktype';
import { clusterRole, kubernetesComposition } from '../../../src/index.js';
import { Namespace } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'cluster-scoped',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Tenant',
    spec: type({ tenant: 'string' }),
    status: type({ namespace: 'string', phase: 'string' }),
  },
  (spec) => {
    const ns = Namespace({ name: `tenant-${spec.tenant}` });
    clusterRole({
      metadata: { name: `tenant-${spec.tenant}-reader` },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    return { namespace: ns.metadata.name, phase: ns.status.phase ?? 'Unknown' };
  },
);

export default corpusCase(app, {
  covers: ['cluster-scoped children', 'Namespace status'],
  spec: { tenant: 'acme' },
  expectedStatus: { namespace: 'tenant-acme', phase: 'Active' },
});
