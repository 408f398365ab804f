/**
 * Guards through `||` and `&&` that TypeKro used to refuse (issue 10): a ternary whose test is `!x || ...`
 * reads `x` in its other branch, where JavaScript has shown it set (`(!spec.a || spec.a === '') ? 'nginx' :
 * spec.a`, `(!spec.x || !spec.x.z) ? 'none' : spec.x.z`, in a template and in a Deployment's image), and
 * `spec.a || spec.b` where `spec.b` is known set. Also a Service's ports read through `!` and mapped
 * (`svc.spec.ports!.map((p) => p.port)`): `port` is required on every ServicePort the API server keeps.
 * Several specs each, every optional field absent, empty and set. Held to JavaScript by guard-or.test.ts and
 * to KRO's cel-go by guard-or-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const base = { apiVersion: 'guards.typekro.dev/v1alpha1' };

const guardOr = kubernetesComposition(
  {
    ...base, name: 'guard-or', kind: 'GuardOr',
    spec: type({ name: 'string', 'opt?': 'string[]', 'a?': 'string', 'b?': 'string', 'x?': { y: 'number.integer', 'z?': 'string' } }),
    status: type({ list: 'string', z: 'string', pick: 'string', image: 'string', both: 'string', nested: 'string', text: 'string', positive: 'boolean' }),
  },
  (spec) => {
    const image = (!spec.a || spec.a === '') ? 'nginx' : spec.a;
    Deployment({ name: spec.name, image, replicas: !spec.x || spec.x.y < 1 ? 1 : spec.x.y });
    ConfigMap({ name: `${spec.name}-cm`, data: { z: (!spec.x || !spec.x.z) ? 'none' : spec.x.z, text: `v-${(spec.a === undefined || spec.a === '') ? '-' : spec.a}` } });
    return {
      list: (!spec.opt || spec.opt.length === 0) ? 'none' : spec.opt.join(','),
      z: (!spec.x || !spec.x.z) ? 'none' : spec.x.z,
      pick: spec.b !== undefined ? (spec.a || spec.b) : 'q',
      image,
      both: (!spec.a || !spec.b) ? 'n' : spec.a + spec.b,
      nested: (!spec.x || (spec.x.z === undefined || spec.x.z === '')) ? 'n' : spec.x.z,
      text: `v-${(!spec.x || !spec.x.z) ? 'none' : spec.x.z}`,
      positive: !spec.x || spec.x.y > 0,
    };
  },
);

const ports = kubernetesComposition(
  { ...base, name: 'guard-ports', kind: 'GuardPorts', spec: type({ name: 'string', port: 'number.integer' }), status: type({ ports: 'string', count: 'number', first: 'number' }) },
  (spec) => {
    const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ name: 'http', port: spec.port }, { port: 443 }] });
    return { ports: svc.spec.ports!.map((p) => p.port).join(','), count: svc.spec.ports!.filter((p) => p.port > 100).length, first: svc.spec.ports![0]!.port };
  },
);

export const guardOrCases: Record<string, CaseInput> = {
  'guard-or': {
    composition: guardOr as never,
    spec: { name: 'a' },
    specs: [
      { name: 'a' },
      { name: 'b', opt: [], a: '', b: '', x: { y: 0 } },
      { name: 'c', opt: ['p', 'q'], a: 'img', x: { y: 3, z: '' } },
      { name: 'd', a: 'img', b: 'B', x: { y: -2, z: 'zz' } },
      { name: 'e', b: 'B', opt: ['only'], x: { y: 5, z: 'w' } },
    ],
  },
  'guard-ports': { composition: ports as never, spec: { name: 'p', port: 80 }, specs: [{ name: 'p', port: 80 }, { name: 'q', port: 8080 }] },
};
