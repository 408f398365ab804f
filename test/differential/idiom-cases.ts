/**
 * Common JavaScript idioms next to references (trial 7 H11, H26, H27): module constants JavaScript computed
 * (`process.env`, `Math`, `Date`, `JSON.parse`, imported), TypeScript enums and namespaces, and spreads
 * of lists in array literals (the conditional list `[...BASE, ...(spec.tls ? [x] : [])]`), readiness
 * callbacks passed by name (H23).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';
import isServing, { IMPORTED_REGISTRY, PORTS, Size } from './fixtures/idioms/settings.js';

// Module constants computed by JavaScript the compiler does not repeat: taken as the values they held.
process.env.TYPEKRO_IDIOM_REGISTRY = 'ghcr.io/acme';
const REGISTRY = process.env.TYPEKRO_IDIOM_REGISTRY ?? 'docker.io';
const MISSING = process.env.TYPEKRO_IDIOM_UNSET_VARIABLE ?? 'fallback';
const YEAR = new Date(Date.UTC(2024, 5, 1)).toISOString().slice(0, 4);
const CPU = Math.floor(2.5);
const LIMIT = JSON.parse('{"max": 7}').max as number;
const RADIX = Number.parseInt('12', 10);
const VERBOSE = JSON.parse('true') as boolean;
// Changed after the constant was computed: the constant keeps the value the module computed, as in JavaScript.
process.env.TYPEKRO_IDIOM_REGISTRY = 'changed.example.com';

const spec = type({ name: 'string', version: 'string', n: 'number.integer', 'tls?': 'boolean', tier: "'gold' | 'silver' | 'bronze'", size: "'small' | 'large'" });
const base = { apiVersion: 'idioms.typekro.dev/v1alpha1', spec };

const moduleConstants = kubernetesComposition(
  { ...base, name: 'idiom-module-constants', kind: 'IdiomModuleConstants', status: type({ image: 'string', replicas: 'number', stamp: 'string', verbose: 'boolean' }) },
  (spec) => {
    const web = Deployment({ id: 'web', name: spec.name, image: `${REGISTRY}/${spec.name}:${spec.version}`, replicas: CPU + spec.n });
    ConfigMap({ id: 'cfg', name: `${spec.name}-cfg`, data: { missing: `${MISSING}-${spec.name}`, imported: `${IMPORTED_REGISTRY}/${spec.version}`, upper: spec.n > LIMIT ? REGISTRY.toUpperCase() : 'small' } });
    return { image: web.spec.template.spec.containers[0]!.image, replicas: spec.n * RADIX, stamp: `${YEAR}-${spec.version}`, verbose: VERBOSE && spec.n > 2 };
  },
);

enum Tier {
  Gold = 'gold',
  Silver = 'silver',
}
enum Level {
  Low = 1,
  Mid,
  High = Mid * 3,
  Top,
}
const enum Region {
  East = 'us-east',
}
// eslint-disable-next-line @typescript-eslint/no-namespace
namespace Naming {
  export const SEPARATOR = '--';
  const hidden = 'x';
  export function label(s: string): string {
    return `${s}${SEPARATOR}${hidden}`;
  }
}

const enums = kubernetesComposition(
  { ...base, name: 'idiom-enums', kind: 'IdiomEnums', status: type({ tier: 'string', level: 'number', label: 'string', size: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'tiers', name: `${spec.name}-${Region.East}`, data: { gold: spec.tier === Tier.Gold ? 'yes' : 'no', level: `${Level.Top + spec.n}`, name: Level[6] + spec.name } });
    if (spec.size === Size.Large) ConfigMap({ id: 'large', name: `${spec.name}-large`, data: { size: Size.Large } });
    return { tier: spec.tier === Tier.Silver ? Tier.Silver : `${Tier.Gold}-${spec.tier}`, level: spec.n > 1 ? Level.High : Level.Low, label: Naming.label(spec.name), size: `${Size.Small}/${spec.size}` };
  },
);

const EXTRA_LABELS = ['a', 'b'];
const spreads = kubernetesComposition(
  { ...base, name: 'idiom-spreads', kind: 'IdiomSpreads', status: type({ count: 'number', names: 'string' }) },
  (spec) => {
    Service({ id: 'svc', name: spec.name, selector: { app: spec.name }, ports: [...PORTS, ...(spec.tls ? [{ port: 443 }] : [])] });
    const extra = spec.tls ? [{ port: 8443 }] : [];
    Service({ id: 'local', name: `${spec.name}-local`, selector: { app: spec.name }, ports: [{ port: 81 }, ...PORTS, ...extra] });
    const names = [...EXTRA_LABELS, spec.name, ...(spec.n > 2 ? [spec.version] : [])];
    ConfigMap({ id: 'names', name: `${spec.name}-names`, data: { all: names.join(','), n: `${names.length}` } });
    return { count: [...EXTRA_LABELS, ...names].length, names: [...(spec.tls ? ['tls'] : []), ...names].join('+') };
  },
);

function available(self: { status: { availableReplicas?: number } }): boolean {
  return (self.status.availableReplicas ?? 0) > 0;
}
/** Readiness callbacks passed by name (trial 7 H23): a function declaration, an imported default export. */
const namedReady = kubernetesComposition(
  { ...base, name: 'idiom-named-ready', kind: 'IdiomNamedReady', status: type({ ready: 'boolean' }) },
  (spec) => {
    const web = Deployment({ id: 'web', name: spec.name, image: 'nginx', replicas: spec.n }).withReadyWhen(isServing);
    Deployment({ id: 'api', name: `${spec.name}-api`, image: 'node' }).withReadyWhen(available);
    return { ready: (web.status.readyReplicas ?? 0) > 1 };
  },
);

const specOf = { name: 'shop', version: '1.2', n: 3, tls: true, tier: 'gold', size: 'large' };
export const idiomCases: Readonly<Record<string, CaseInput>> = {
  'idiom-module-constants': { composition: moduleConstants as never, spec: specOf },
  'idiom-enums': { composition: enums as never, spec: { ...specOf, tier: 'silver', n: 1 } },
  'idiom-spreads': { composition: spreads as never, spec: { ...specOf, tls: false } },
  'idiom-named-ready': { composition: namedReady as never, spec: specOf },
};
