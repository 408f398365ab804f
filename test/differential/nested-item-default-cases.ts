/**
 * A nested composition's defaults inside list items, map values and objects read whole (issue 10): the
 * child's function sees `[{ name: 'http', port: 80 }]` for `ports: [{ name: 'http' }]` (the API server for
 * an instance, arktype's own defaults and evaluateConcrete all fill them in), while the compiled child reads
 * `p.port` without a guard. The parent's value is rebuilt with the defaults (nest-fill.ts): its own list
 * whose item type lacks them, a literal list, a list built by `.map`, an item field that may be absent
 * without a default, a literal map, an object holding such a list, and an optional list. A map's missing key
 * and an optional object without a default of its own stay absent (their fields' defaults do not apply).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const apiVersion = 'nestitems.typekro.dev/v1alpha1';

const port = type({ name: 'string', port: 'number.integer = 80', 'protocol?': 'string', weight: 'number = 1' });

/** The child: defaulted fields in list items (an integer, a double), in map values, and in an optional list. */
export const portsChild = kubernetesComposition(
  {
    name: 'ports-child',
    apiVersion,
    kind: 'PortsChild',
    spec: type({ name: 'string', ports: port.array(), 'tiers?': { '[string]': { size: 'number.integer = 3' } }, 'extra?': port.array(), 'wrap?': { inner: port.array() } }),
    status: type({ first: 'number.integer', all: 'string', tiers: { '[string]': { size: 'number.integer' } }, extra: 'string', wrapped: 'string' }),
  },
  (spec) => {
    const text = (ports: { name: string; port: number; protocol?: string; weight: number }[]) => ports.map((p) => `${p.name}:${p.port}/${p.protocol ?? 'TCP'}*${p.weight > 1 ? "heavy" : "light"}`).join(',');
    ConfigMap({ name: spec.name, data: { ports: text(spec.ports) } });
    return {
      first: spec.ports[0]?.port ?? 0,
      all: spec.ports.map((p) => `${p.port}`).join(','),
      tiers: spec.tiers ?? { none: { size: 0 } },
      extra: spec.extra?.map((p) => `${p.name}=${p.port}`).join(',') ?? 'none',
      wrapped: spec.wrap?.inner.map((p) => `${p.port}`).join(',') ?? 'none',
    };
  },
);

const status = type({ first: 'number.integer', all: 'string', tiers: { '[string]': { size: 'number.integer' } }, extra: 'string', wrapped: 'string' });
type Child = ReturnType<typeof portsChild>;
const relay = (c: Child) => ({ first: c.status.first, all: c.status.all, tiers: c.status.tiers, extra: c.status.extra, wrapped: c.status.wrapped });
const parentPort = type({ name: 'string', 'port?': 'number.integer', 'protocol?': 'string', 'weight?': 'number' });

/** The parent's own list, whose item type leaves `port` optional without a default. */
const passList = kubernetesComposition(
  { name: 'ni-pass-list', apiVersion, kind: 'NiPassList', spec: type({ name: 'string', ports: parentPort.array(), 'extra?': parentPort.array(), 'wrap?': { inner: parentPort.array() } }), status },
  (spec) => relay(portsChild({ name: spec.name, ports: spec.ports, extra: spec.extra, wrap: spec.wrap })),
);

/** Literal items without `port`, and a literal map of objects without `size`. */
const passLiteral = kubernetesComposition(
  { name: 'ni-pass-literal', apiVersion, kind: 'NiPassLiteral', spec: type({ name: 'string', https: 'number.integer' }), status },
  (spec) => relay(portsChild({ name: spec.name, ports: [{ name: 'http' }, { name: 'https', port: spec.https, weight: 0.5 }], tiers: { gold: {}, silver: { size: 1 } }, wrap: { inner: [{ name: spec.name }] } })),
);

/** A list the parent builds with `.map`, and the parent's list whose item type has the same defaults. */
const passMapped = kubernetesComposition(
  { name: 'ni-pass-mapped', apiVersion, kind: 'NiPassMapped', spec: type({ name: 'string', names: 'string[]', ports: port.array() }), status },
  (spec) => relay(portsChild({ name: spec.name, ports: spec.names.map((n) => ({ name: n })), extra: spec.ports })),
);

/** A child that reads a map's value by key, and a field of an optional object that has no default of its own. */
export const keyedChild = kubernetesComposition(
  {
    name: 'keyed-child',
    apiVersion,
    kind: 'KeyedChild',
    spec: type({ name: 'string', tiers: { '[string]': { size: 'number.integer = 3' } }, 'opt?': { id: 'string', level: "string = 'std'" } }),
    status: type({ gold: 'number.integer', level: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { gold: `${spec.tiers.gold?.size ?? 0}`, level: spec.opt?.level ?? 'none' } });
    return { gold: spec.tiers.gold?.size ?? -1, level: spec.opt?.level ?? 'unset' };
  },
);

/** The parent's map whose values may lack `size`, its optional object, and literals of both. */
const passKeyed = kubernetesComposition(
  {
    name: 'ni-pass-keyed',
    apiVersion,
    kind: 'NiPassKeyed',
    spec: type({ name: 'string', tiers: { '[string]': { 'size?': 'number.integer' } }, 'opt?': { id: 'string', 'level?': 'string' } }),
    status: type({ gold: 'number.integer', level: 'string', literal: 'string' }),
  },
  (spec) => {
    const c = keyedChild({ name: spec.name, tiers: spec.tiers, opt: spec.opt });
    const l = keyedChild({ name: `${spec.name}-l`, tiers: { silver: {} }, opt: { id: 'x' } });
    return { gold: c.status.gold, level: c.status.level, literal: `${l.status.gold}/${l.status.level}` };
  },
);

/**
 * A resource's status field into the child's defaulted field: once the Deployment exists without
 * `readyReplicas` (none ready: the API server leaves it out), JavaScript passes `undefined` and the child
 * takes its default; before the Deployment exists, it is pending (`dep.status.?readyReplicas.orValue(2)`).
 */
const sizeChild = kubernetesComposition(
  { name: 'size-child', apiVersion, kind: 'SizeChild', spec: type({ name: 'string', size: 'number.integer = 2', 'note?': 'string' }), status: type({ size: 'number.integer', note: 'string' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { size: `${spec.size}`, note: spec.note ?? 'none' } });
    return { size: spec.size, note: spec.note ?? 'none' };
  },
);

const passStatus = kubernetesComposition(
  { name: 'ni-pass-status', apiVersion, kind: 'NiPassStatus', spec: type({ name: 'string' }), status: type({ size: 'number.integer', note: 'string', direct: 'number.integer' }) },
  (spec) => {
    const dep = Deployment({ name: spec.name, image: 'nginx', replicas: 3 });
    const c = sizeChild({ name: `${spec.name}-c`, size: dep.status.readyReplicas, note: dep.status.conditions?.[0]?.type });
    return { size: c.status.size, note: c.status.note, direct: dep.status.readyReplicas };
  },
);

/**
 * A literal list joined with the parent's list (`[{ name }, { name, port }, ...spec.ports]`) or a conditional one: the items' fields
 * differ per side, so the joined item type is both sides' (a field one side lacks may be absent), and the
 * child's default fills in only where an item has no `port` (found by the generated programs).
 */
const passJoined = kubernetesComposition(
  { name: 'ni-pass-joined', apiVersion, kind: 'NiPassJoined', spec: type({ name: 'string', ports: parentPort.array() }), status },
  (spec) => relay(portsChild({ name: spec.name, ports: [{ name: spec.name }, { name: 'b', port: 3 }, ...spec.ports], extra: [{ name: 'e', port: 5 }, ...spec.ports], wrap: { inner: [{ name: 'w' }, ...(spec.name === 'b' ? [{ name: 'x', port: 7 }] : [])] } })),
);

const ports = [{ name: 'a' }, { name: 'b', port: 8080, protocol: 'UDP', weight: 2.5 }];
export const nestedItemDefaultCases: Record<string, CaseInput> = {
  'nested-items-list': {
    composition: passList as never,
    spec: { name: 'a', ports: [] },
    specs: [{ name: 'a', ports: [] }, { name: 'b', ports, extra: ports, wrap: { inner: ports } }, { name: 'c', ports: [{ name: 'x', port: 0 }], extra: [], wrap: { inner: [] } }],
  },
  'nested-items-literal': { composition: passLiteral as never, spec: { name: 'a', https: 443 }, specs: [{ name: 'a', https: 443 }, { name: 'b', https: 0 }] },
  'nested-items-keyed': {
    composition: passKeyed as never,
    spec: { name: 'a', tiers: {} },
    specs: [{ name: 'a', tiers: {} }, { name: 'b', tiers: { gold: {} }, opt: { id: 'i' } }, { name: 'c', tiers: { gold: { size: 1 }, silver: {} }, opt: { id: 'i', level: 'x' } }],
  },
  'nested-items-joined': { composition: passJoined as never, spec: { name: 'a', ports: [] }, specs: [{ name: 'a', ports: [] }, { name: 'b', ports }] },
  'nested-status-default': { composition: passStatus as never, spec: { name: 'a' }, specs: [{ name: 'a' }] },
  'nested-items-mapped': {
    composition: passMapped as never,
    spec: { name: 'a', names: [], ports: [] },
    specs: [{ name: 'a', names: [], ports: [] }, { name: 'b', names: ['x', 'y'], ports }],
  },
};
