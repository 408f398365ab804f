/**
 * Constructs a new user writes that TypeKro used to refuse although exact CEL exists (false refusals): a
 * list item narrowed by the ternary around it, `indexOf`/`lastIndexOf` with a position, the count and the
 * order-free methods of a map's keys and values, `String(x ?? d)`. Each with explicit specs: absent optional
 * fields, empty strings and maps, negative positions, non-ASCII text.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const spec = type({
  name: 'string',
  'cmd?': 'string',
  'flag?': 'string',
  'expose?': 'boolean',
  text: 'string',
  search: 'string',
  at: 'number.integer',
  config: 'Record<string, string>',
  counts: 'Record<string, number.integer>',
});
const base = { apiVersion: 'refuse.typekro.dev/v1alpha1', spec };

const narrowedItem = kubernetesComposition(
  { ...base, name: 'refuse-narrowed-item', kind: 'RefuseNarrowedItem', status: type({ args: 'string[]' }) },
  (spec) => {
    Deployment({ id: 'web', name: spec.name, image: 'busybox', command: spec.cmd ? ['sh', '-c', spec.cmd] : [] });
    return { args: spec.flag !== undefined ? [spec.name, spec.flag] : [spec.name] };
  },
);

const positions = kubernetesComposition(
  {
    ...base, name: 'refuse-positions', kind: 'RefusePositions',
    status: type({ first: 'number', fromTwo: 'number', last: 'number', lastBefore: 'number', lastAtZero: 'number', flag: 'string' }),
  },
  (spec) => ({
    first: spec.text.indexOf(spec.search, spec.at),
    fromTwo: spec.text.indexOf(spec.search, 2),
    last: spec.text.lastIndexOf(spec.search),
    lastBefore: spec.text.lastIndexOf(spec.search, spec.at),
    lastAtZero: spec.text.lastIndexOf(spec.search, 0),
    flag: String(spec.flag ?? 'x'),
  }),
);

const mapEnumerations = kubernetesComposition(
  {
    ...base, name: 'refuse-map-enumerations', kind: 'RefuseMapEnumerations',
    status: type({ keys: 'number', values: 'number', entries: 'number', any: 'boolean', hasName: 'boolean', allShort: 'boolean', someBig: 'boolean', keyIsValue: 'boolean', sorted: 'number[]' }),
  },
  (spec) => {
    Deployment({ id: 'web', name: spec.name, image: 'busybox', replicas: Object.keys(spec.counts).length });
    return {
      keys: Object.keys(spec.config).length,
      values: Object.values(spec.counts).length,
      entries: Object.entries(spec.config).length,
      any: Object.keys(spec.config).length > 0,
      hasName: Object.keys(spec.config).includes(spec.name),
      allShort: Object.values(spec.config).every((v) => v.length < 3),
      someBig: Object.values(spec.counts).some((n) => n > 2),
      keyIsValue: Object.keys(spec.config).some((k) => spec.config[k] === k),
      sorted: Object.values(spec.counts).sort((a, b) => a - b),
    };
  },
);

// `test && Factory(...)` binds the handle where the test holds, as `test ? Factory(...) : undefined` and `if` do.
const andHandle = kubernetesComposition(
  { ...base, name: 'refuse-and-handle', kind: 'RefuseAndHandle', status: type({ ip: 'string', port: 'number' }) },
  (spec) => {
    const svc = spec.expose && Service({ id: 'svc', name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    // TypeScript types `svc` as `false | undefined | handle`, so a read under the test names the handle's type.
    type Handle = Exclude<typeof svc, false | undefined>;
    return { ip: spec.expose ? (svc as Handle).spec.clusterIP ?? 'pending' : 'none', port: spec.expose ? (svc as Handle).spec.ports.length : 0 };
  },
);

const specs: Record<string, unknown>[] = [
  { name: 'a', text: '', search: '', at: 0, config: {}, counts: {} },
  { name: 'a', cmd: '', flag: '', text: 'abcabc', search: 'bc', at: -3, config: { a: 'a' }, counts: { x: -1 } },
  { name: 'b', cmd: 'echo hi', flag: 'on', text: 'abcabc', search: 'bc', at: 4, config: { b: 'long', a: 'x' }, counts: { y: 3, x: 1, z: 3 } },
  { name: 'zz', cmd: 'ls', text: 'abc', search: 'a', at: 3, config: { zz: 'zz', k: '' }, counts: { a: 0 } },
  { name: 'c', text: 'abc', search: '', at: 7, config: { c: 'cc' }, counts: { q: 2, r: -5 } },
  { name: 'c', flag: 'y', text: 'aaa', search: 'a', at: 1, config: { b: 'b', c: 'c' }, counts: {} },
  { name: 'é', text: 'éaé', search: 'é', at: 2, config: { é: 'é' }, counts: { é: 9 } },
  { name: 'd', text: 'abc', search: 'abcd', at: 100, config: {}, counts: { a: 1 } },
];

export const refusalCases: Record<string, CaseInput> = {
  andHandle: { composition: andHandle as never, spec: specs[2]!, specs },
  narrowedItem: { composition: narrowedItem as never, spec: specs[2]!, specs },
  positions: { composition: positions as never, spec: specs[2]!, specs },
  mapEnumerations: { composition: mapEnumerations as never, spec: specs[2]!, specs },
};
