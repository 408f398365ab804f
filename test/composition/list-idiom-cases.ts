/**
 * List idioms JavaScript runs and TypeKro used to refuse (trial 10): a destructured callback parameter with
 * defaults (R03), `[..., c ? 'line' : null].filter(Boolean)` (R14), `concat` (R15), a numeric sort (R12) and
 * `Buffer.from(text).toString('base64')` (R11). The specs cover absent and empty lists, empty strings (which
 * `filter(Boolean)` drops), negative and repeated numbers, and text outside ASCII and the BMP for base64.
 * Held to JavaScript by list-idioms.test.ts (the differential harness) and to KRO's cel-go by list-idioms.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from '../differential/harness.js';

export const spec = type({
  name: 'string',
  port: 'number.integer',
  'debug?': 'boolean',
  'features?': 'string[]',
  'nums?': 'number.integer[]',
  'tags?': 'string[]',
  workers: type({ name: 'string', 'replicas?': 'number.integer', 'label?': 'string' }).array(),
});
const base = { apiVersion: 'lists.typekro.dev/v1alpha1', spec };

const destructured = kubernetesComposition(
  { ...base, name: 'list-destructured', kind: 'ListDestructured', status: type({ n: 'string', big: 'boolean', all: 'boolean', labels: 'string', first: 'string', others: 'string' }) },
  (spec) => {
    const suffix = spec.debug ? '-dbg' : '';
    ConfigMap({ name: `${spec.name}-workers`, data: { list: spec.workers.map(({ name, replicas = 1 }) => `${name}x${replicas}`).join(' ') } });
    return {
      n: spec.workers.map(({ name, replicas = 1 }) => `${name}x${replicas}`).join(' '),
      big: spec.workers.some(({ replicas: r = 2 }) => r > 1),
      all: spec.workers.every(({ name }) => name.length > 1),
      // A default that reads a name before it and one from outside the callback.
      labels: spec.workers.map(({ name, label = `${name}${suffix}` }) => label).join(','),
      first: spec.workers.find(({ replicas = 1 }) => replicas > 2)?.name ?? 'none',
      // An inner destructured callback inside an outer one: each reads its own item.
      others: spec.workers.map(({ name }) => spec.workers.filter(({ name: other }) => other !== name).length).join(','),
    };
  },
);

const truthyLines = kubernetesComposition(
  { ...base, name: 'list-truthy-lines', kind: 'ListTruthyLines', status: type({ v: 'string', n: 'number', ports: 'string', local: 'string' }) },
  (spec) => {
    const parts = [spec.name, spec.debug ? 'debug' : null, spec.tags?.[0]];
    const lines = [`server.port=${spec.port}`, spec.debug ? 'logging.level=DEBUG' : null, spec.debug ? undefined : '', ...(spec.features ?? []).map((f) => `feature.${f}=true`), ...(spec.tags ?? [])].filter(Boolean);
    ConfigMap({ name: `${spec.name}-props`, data: { 'app.properties': lines.join('\n') } });
    return {
      v: lines.join('\n'),
      n: [spec.name, spec.debug ? spec.name : null].filter(Boolean).length,
      // Integers: 0 is dropped as well.
      ports: [spec.port, spec.debug ? 1 : null, ...(spec.nums ?? [])].filter(Boolean).join(','),
      local: parts.filter(Boolean).join('-'),
    };
  },
);

const concats = kubernetesComposition(
  { ...base, name: 'list-concat', kind: 'ListConcat', status: type({ cond: 'string', first: 'string', last: 'string', items: 'string', mixed: 'string' }) },
  (spec) => ({
    cond: (spec.features ?? []).concat(spec.debug ? ['debug'] : []).join(';'),
    first: ['z'].concat(spec.features ?? []).join(';'),
    last: (spec.features ?? []).concat(['z']).join(';'),
    // Items that are not arrays are appended as they are; arrays are flattened one level.
    items: (spec.tags ?? []).concat(spec.name, ['a', 'b'], spec.features ?? []).join(','),
    mixed: (spec.tags ?? []).concat((spec.nums ?? []).map((n) => String(n))).join(','),
  }),
);

const sorts = kubernetesComposition(
  { ...base, name: 'list-sort', kind: 'ListSort', status: type({ up: 'string', down: 'string', copy: 'string', min: 'number' }) },
  (spec) => {
    const nums = spec.nums ?? [];
    return {
      up: [...nums].sort((a, b) => a - b).join(','),
      down: [...nums].sort((a, b) => b - a).join(','),
      copy: `${nums.toSorted((x, y) => { return x - y; }).join(',')}|${nums.join(',')}`,
      min: [...nums, spec.port].sort((a, b) => a - b)[0] ?? 0,
    };
  },
);

const encoded = kubernetesComposition(
  { ...base, name: 'list-base64', kind: 'ListBase64', status: type({ auth: 'string', name: 'string' }) },
  (spec) => {
    const auth = Buffer.from(`${spec.name}:${spec.port}`).toString('base64');
    ConfigMap({ name: `${spec.name}-auth`, data: { auth } });
    return { auth, name: Buffer.from(String(spec.name), 'utf8').toString('base64') };
  },
);

/** A destructured callback over the handles a loop over a constant list made: unrolled to each resource's reads. */
const handles = kubernetesComposition(
  { ...base, name: 'list-handles', kind: 'ListHandles', status: type({ ready: 'boolean', names: 'string' }) },
  (spec) => {
    const ds = ['dev', 'prod'].map((env) => Deployment({ name: `${spec.name || 'x'}-${env}`, image: 'nginx' }));
    return { ready: ds.every(({ status }) => (status.readyReplicas ?? 0) > 0), names: ds.map(({ metadata: { name } }) => name).join(',') };
  },
);

const member = (name: string, replicas?: number, label?: string) => ({ name, ...(replicas === undefined ? {} : { replicas }), ...(label === undefined ? {} : { label }) });
const specs: readonly Record<string, unknown>[] = [
  { name: 'shop', port: 8080, debug: true, features: ['a', 'b'], nums: [10, 9, -3, 9, 100], tags: ['x', ''], workers: [member('web', 3), member('q'), member('db', 0, 'data')] },
  { name: 'a', port: 80, workers: [] },
  { name: '', port: 0, debug: false, features: [], nums: [0, 3], tags: [], workers: [member('ab', 1, '')] },
  { name: 'é😀ü', port: -1, features: ['', 'c'], nums: [2, 1], workers: [member('x', 5), member('y', 2)] },
];

export const listIdiomCases: Readonly<Record<string, CaseInput>> = Object.fromEntries(
  Object.entries({ destructured, truthyLines, concats, sorts, encoded, handles }).map(([name, composition]) => [name, { composition: composition as never, spec: specs[0]!, specs }]),
);
