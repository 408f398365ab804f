// Array methods over spec lists: some, every, filter, map, find, includes, join.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'arrays',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Arrays',
    spec: type({ ports: 'number.integer[]', users: type({ name: 'string', admin: 'boolean' }).array() }),
    status: type({
      anyPrivileged: 'boolean', allHigh: 'boolean', highPorts: 'number[]', names: 'string', hasHttp: 'boolean', firstAdmin: 'string', adminCount: 'number',
    }),
  },
  (spec) => {
    ConfigMap({ name: 'arrays', data: { count: `${spec.ports.length}` } });
    return {
      anyPrivileged: spec.ports.some((port) => port < 1024),
      allHigh: spec.ports.every((port) => port >= 1024),
      highPorts: spec.ports.filter((port) => port > 8000),
      names: spec.users.map((user) => user.name).join(','),
      hasHttp: spec.ports.includes(80),
      firstAdmin: spec.users.find((user) => user.admin)?.name ?? 'none',
      adminCount: spec.users.filter((user) => user.admin).length,
    };
  },
);

export default corpusCase(app, {
  covers: ['some', 'every', 'filter', 'map + join', 'includes', 'find with ?. and ??', 'filter().length'],
  spec: { ports: [80, 8080, 9090], users: [{ name: 'ann', admin: false }, { name: 'bob', admin: true }] },
  expectedStatus: { anyPrivileged: true, allHigh: false, highPorts: [8080, 9090], names: 'ann,bob', hasHttp: true, firstAdmin: 'bob', adminCount: 1 },
});
