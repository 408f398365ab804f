/**
 * Two shapes a new user met refused (issue 10): a `switch` around factory calls, and `process.env.NAME` read
 * inside the composition where a value is compiled. A plain switch (each case ending with its `break`, or
 * running into the next) compiles to an includeWhen per case, written from the `===` tests that lead into it
 * (analysis/switch-cases.ts): grouped labels, `default` anywhere, fallthrough, a label written twice, labels
 * that are not literals (`switch (true)`), a switch on observed state, in a loop over a spec list (a forEach
 * filter), in a loop over constants, nested, and on a constant (decided by JavaScript). `process.env.NAME` is
 * the value the variable holds when the composition is defined (analysis/process-env.ts): set, unset with a
 * default, compared, through `import { env } from 'node:process'` and `process.env['NAME']`, and a module
 * constant holding an unset variable. Several specs each (specVariants: every enum value, both booleans,
 * numbers at the thresholds), under the observed states of the harness. Held to JavaScript by
 * switch-env.test.ts; the refused shapes, with their exact messages, are in test/composition/switch-cases.test.ts.
 */
import { env } from 'node:process';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

// Set before the compositions below are defined, as a deploy script's environment would be.
process.env.TYPEKRO_SWITCH_REGISTRY = 'ghcr.io/acme';
delete process.env.TYPEKRO_SWITCH_UNSET;
const UNSET_REGISTRY = process.env.TYPEKRO_SWITCH_UNSET;

const base = { apiVersion: 'switch.typekro.dev/v1alpha1' };
const MODE = 'blue' as string;

const tiers = kubernetesComposition(
  {
    ...base, name: 'switch-tiers', kind: 'SwitchTiers',
    spec: type({ name: 'string', tier: "'dev' | 'qa' | 'test' | 'prod' | 'edge'", replicas: 'number.integer', 'tag?': 'string' }),
    status: type({ url: 'string', ready: 'boolean' }),
  },
  (spec) => {
    switch (spec.tier) {
      case 'dev':
        ConfigMap({ name: `${spec.name}-dev`, data: { tier: spec.tier, tag: spec.tag ?? 'latest' } });
        break;
      case 'qa':
      case 'test': {
        Deployment({ name: `${spec.name}-check`, image: `nginx:${spec.tag ?? 'stable'}`, replicas: spec.replicas > 2 ? 2 : spec.replicas });
        break;
      }
      default:
        ConfigMap({ name: `${spec.name}-other`, data: { tier: spec.tier } });
        break;
      case 'prod':
        Deployment({ name: `${spec.name}-prod`, image: 'nginx:1.27', replicas: spec.replicas });
        Service({ name: `${spec.name}-prod`, selector: { app: `${spec.name}-prod` }, ports: [{ port: 80 }] });
    }
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: 1 });
    return { url: `http://${spec.name}`, ready: web.status.readyReplicas >= 1 };
  },
);

const fallthrough = kubernetesComposition(
  {
    ...base, name: 'switch-fallthrough', kind: 'SwitchFallthrough',
    spec: type({ n: 'number.integer', label: 'string' }),
    status: type({ n: 'number.integer' }),
  },
  (spec) => {
    switch (spec.n) {
      // @ts-expect-error this project's tsconfig forbids fallthrough (noFallthroughCasesInSwitch); users' may not
      case 1:
        ConfigMap({ name: 'one', data: { label: spec.label } });
      case 2:
        ConfigMap({ name: 'one-or-two', data: {} });
        break;
      // @ts-expect-error as above: `default` runs into `case 3`
      default:
        ConfigMap({ name: 'none-or-three', data: {} });
      case 3:
        ConfigMap({ name: 'three', data: {} });
        break;
      case 1:
        ConfigMap({ name: 'never', data: {} });
        break;
      case -1:
        ConfigMap({ name: 'minus-one', data: {} });
    }
    return { n: spec.n };
  },
);

const firstMatch = kubernetesComposition(
  {
    ...base, name: 'switch-first-match', kind: 'SwitchFirstMatch',
    spec: type({ n: 'number.integer', on: 'boolean', name: 'string' }),
    status: type({ n: 'number.integer' }),
  },
  (spec) => {
    // Labels that are not literals: execution enters at the first that is `===` the discriminant.
    switch (true) {
      case spec.n > 3:
        ConfigMap({ name: 'large', data: {} });
        break;
      case spec.n > 1:
        ConfigMap({ name: 'medium', data: {} });
        break;
      case spec.on:
        ConfigMap({ name: 'small-on', data: {} });
        break;
      default:
        ConfigMap({ name: 'small', data: {} });
    }
    switch (spec.name) {
      case `a`:
        ConfigMap({ name: 'named-a', data: {} });
        break;
      case MODE:
        ConfigMap({ name: 'named-mode', data: {} });
        break;
    }
    return { n: spec.n };
  },
);

const observedState = kubernetesComposition(
  {
    ...base, name: 'switch-observed', kind: 'SwitchObserved',
    spec: type({ name: 'string', want: "'Bound' | 'Pending'" }),
    status: type({ phase: 'string' }),
  },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: 2 });
    switch (web.status.readyReplicas) {
      case 2:
        ConfigMap({ name: `${spec.name}-all-ready`, data: {} });
        break;
      case 0:
        ConfigMap({ name: `${spec.name}-none-ready`, data: {} });
        break;
      default:
        ConfigMap({ name: `${spec.name}-some-ready`, data: { want: spec.want } });
    }
    return { phase: spec.want };
  },
);

const inLoops = kubernetesComposition(
  {
    ...base, name: 'switch-loops', kind: 'SwitchLoops',
    spec: type({ env: "'dev' | 'prod'", workers: type({ name: 'string', kind: "'web' | 'job' | 'cron'" }).array() }),
    status: type({ count: 'number.integer' }),
  },
  (spec) => {
    for (const worker of spec.workers) {
      switch (worker.kind) {
        case 'web':
          Deployment({ name: worker.name, image: 'nginx', replicas: 1 });
          break;
        default:
          ConfigMap({ name: worker.name, data: { kind: worker.kind } });
      }
    }
    for (const region of ['eu', 'us']) {
      switch (spec.env) {
        case 'prod':
          ConfigMap({ name: `prod-${region}`, data: { region } });
          break;
        case 'dev':
          switch (region) {
            case 'eu':
              ConfigMap({ name: `dev-${region}`, data: { region } });
              break;
          }
          break;
      }
    }
    switch (MODE) {
      case 'green':
        ConfigMap({ name: 'mode-green', data: { env: spec.env } });
        break;
      case 'blue':
        ConfigMap({ name: 'mode-blue', data: { env: spec.env } });
        break;
    }
    return { count: spec.workers.length };
  },
);

const environment = kubernetesComposition(
  {
    ...base, name: 'switch-env', kind: 'SwitchEnv',
    spec: type({ name: 'string', tag: 'string', pinned: 'boolean', n: 'number.integer' }),
    status: type({ image: 'string', registry: 'string', unset: 'boolean', fromImport: 'string', label: 'string' }),
  },
  (spec) => {
    Deployment({
      name: spec.name,
      image: spec.pinned ? `${process.env.TYPEKRO_SWITCH_REGISTRY}/app:${spec.tag}` : `${process.env['TYPEKRO_SWITCH_REGISTRY']}/app:latest`,
      replicas: spec.n > 1 ? spec.n : 1,
    });
    ConfigMap({ name: `${spec.name}-env`, data: { mirror: `${spec.pinned ? process.env.TYPEKRO_SWITCH_UNSET ?? 'docker.io' : 'none'}/${spec.tag}` } });
    return {
      image: `${process.env.TYPEKRO_SWITCH_REGISTRY}/app:${spec.tag}`,
      registry: spec.n > 2 ? (process.env.TYPEKRO_SWITCH_UNSET ?? process.env.TYPEKRO_SWITCH_REGISTRY ?? 'none') : spec.name,
      unset: spec.pinned && process.env.TYPEKRO_SWITCH_UNSET === undefined,
      fromImport: spec.pinned ? `${env.TYPEKRO_SWITCH_REGISTRY}:${spec.tag}` : spec.tag,
      label: spec.n > 0 ? `${UNSET_REGISTRY ?? 'docker.io'}-${spec.n}` : (UNSET_REGISTRY ?? spec.name),
    };
  },
);

/**
 * A `let` each case assigns (analysis/branch-assigned.ts) passed as a factory option, so where no case assigns it
 * the field is left out (`omit()`), with arms JavaScript never enters: the case after the enumeration's last
 * value, a label written again (whose `undefined` would be omitted), and a case after `default` that the
 * chain asks last without a test (trial 15 F4). The never-entered arms are never evaluated: the graph
 * agrees with JavaScript, and switch-env.test.ts holds the CEL of each.
 */
const omitted = kubernetesComposition(
  {
    ...base, name: 'switch-omitted-option', kind: 'SwitchOmittedOption',
    spec: type({ name: 'string', tier: "'dev' | 'prod'", n: 'number.integer' }),
    status: type({ replicas: 'number.integer', other: 'number.integer' }),
  },
  (spec) => {
    let replicas: number | undefined;
    switch (spec.tier) {
      case 'dev':
        replicas = 1;
        break;
      case 'prod':
        replicas = 3;
        break;
    }
    let other: number | undefined;
    switch (spec.n) {
      case 1:
        other = 2;
        break;
      case 1:
        other = undefined;
        break;
      default:
        other = spec.n;
        break;
      case 3:
        other = undefined;
        break;
    }
    Deployment({ name: spec.name, image: 'nginx', replicas });
    Deployment({ id: 'other', name: `${spec.name}-other`, image: 'nginx', replicas: other });
    return { replicas: replicas ?? -1, other: other ?? -1 };
  },
);

export const switchEnvCases: Readonly<Record<string, CaseInput>> = {
  'switch-tiers': { composition: tiers as never, spec: { name: 'web', tier: 'qa', replicas: 3, tag: 'v1' } },
  'switch-tiers-untagged': { composition: tiers as never, spec: { name: 'web', tier: 'prod', replicas: 1 } },
  'switch-fallthrough': {
    composition: fallthrough as never,
    spec: { n: 1, label: 'x' },
    specs: [-1, 0, 1, 2, 3, 4].map((n) => ({ n, label: `l${n}` })),
  },
  'switch-first-match': {
    composition: firstMatch as never,
    spec: { n: 0, on: false, name: 'a' },
    specs: [0, 1, 2, 3, 4, 5].flatMap((n) => [{ n, on: n % 2 === 0, name: 'a' }, { n, on: n % 2 === 1, name: MODE }, { n, on: true, name: 'b' }]),
  },
  'switch-observed': { composition: observedState as never, spec: { name: 'web', want: 'Bound' } },
  'switch-loops': {
    composition: inLoops as never,
    spec: { env: 'dev', workers: [] },
    specs: [
      { env: 'dev', workers: [] },
      { env: 'prod', workers: [{ name: 'a', kind: 'web' }, { name: 'b', kind: 'job' }] },
      { env: 'dev', workers: [{ name: 'c', kind: 'cron' }, { name: 'd', kind: 'web' }, { name: 'e', kind: 'web' }] },
    ],
  },
  'switch-omitted-option': {
    composition: omitted as never,
    spec: { name: 'a', tier: 'dev', n: 0 },
    specs: [-1, 0, 1, 2, 3].flatMap((n) => [{ name: 'a', tier: 'dev', n }, { name: 'b', tier: 'prod', n }]),
  },
  'switch-env': { composition: environment as never, spec: { name: 'app', tag: 'v2', pinned: true, n: 3 } },
};
