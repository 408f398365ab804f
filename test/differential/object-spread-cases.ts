/**
 * Spreads in object literals (trial 9 T02): a choice between local literals (`...(c ? { k: 'v' } : {})`,
 * `...(c && { k: 'v' })`, a local holding the choice), and spec maps merged with KRO's `map.merge`
 * (`...spec.labels`, `...(spec.labels ?? {})`), in factory arguments (labels, env, data) and in the status.
 * The specs cover absent and empty optional maps and key collisions in both orders.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const spec = type({ name: 'string', 'debug?': 'boolean', n: 'number.integer', 'labels?': 'Record<string, string>', 'config?': 'Record<string, string>', tier: "'gold' | 'silver'" });
const base = { apiVersion: 'spreads.typekro.dev/v1alpha1', spec };

function baseLabels(team: string, app: string) {
  return { team, app };
}

const choices = kubernetesComposition(
  { ...base, name: 'object-spread-choices', kind: 'SpreadChoices', status: type({ level: 'string', keys: 'string' }) },
  (spec) => {
    Deployment({ id: 'web', name: spec.name, image: 'nginx', labels: { a: '1', ...(spec.debug ? { debug: 'true' } : {}) } });
    const extra = spec.debug ? { debug: 'on' } : { debug: 'off' };
    ConfigMap({ id: 'same', name: `${spec.name}-same`, data: { ...extra, app2: spec.name } });
    ConfigMap({ id: 'and', name: `${spec.name}-and`, data: { ...(spec.n > 2 && { big: 'yes', n: `${spec.n}` }), n: 'late' } });
    const gold = spec.tier === 'gold' ? { tier: 'gold', support: '24/7' } : { tier: spec.tier };
    ConfigMap({ id: 'nested', name: `${spec.name}-nested`, data: { support: 'none', ...gold, ...(spec.debug ? { support: 'debug' } : {}) } });
    Deployment({ id: 'env', name: `${spec.name}-env`, image: 'nginx', env: { A: 'x', ...(spec.debug ? { DEBUG: '1' } : { QUIET: '1' }) } });
    // Past 16 combinations of branches the choices are merged one by one (object-spread.ts MAX_CHOICES).
    ConfigMap({ id: 'many', name: `${spec.name}-many`, data: { a: 'x', ...(spec.debug && { d: '1' }), ...(spec.n > 1 && { b: 'y' }), ...(spec.n > 2 ? { a: 'z' } : {}), ...(spec.tier === 'gold' && { g: 'g' }), ...(spec.n > 4 && { b: 'w', e: 'e' }) } });
    const status = { level: 'info', ...(spec.debug ? { level: 'debug' } : {}) };
    return { level: status.level, keys: spec.name };
  },
);

const merges = kubernetesComposition(
  { ...base, name: 'object-spread-merges', kind: 'SpreadMerges', status: type({ labels: 'Record<string, string>', flags: 'Record<string, string>' }) },
  (spec) => {
    Deployment({ id: 'web', name: spec.name, image: 'nginx', labels: { ...baseLabels('t', spec.name), ...spec.labels } });
    ConfigMap({ id: 'team', name: `${spec.name}-team`, data: { team: 't', ...(spec.labels ?? {}) } });
    ConfigMap({ id: 'extra', name: `${spec.name}-extra`, data: { ...spec.config, extra: 'x' } });
    ConfigMap({ id: 'both', name: `${spec.name}-both`, data: { ...spec.labels, ...(spec.debug ? { debug: 'true' } : {}), ...spec.config } });
    return { labels: { team: 't', ...spec.labels }, flags: { ...(spec.debug && { debug: 'on' }), mode: 'x' } };
  },
);

const full = { name: 'shop', debug: true, n: 3, labels: { team: 'u', extra: 'l' }, config: { extra: 'c', team: 'c' }, tier: 'gold' };
export const objectSpreadCases: Readonly<Record<string, CaseInput>> = {
  'object-spread-choices': {
    composition: choices as never,
    spec: full,
    specs: [full, { name: 'a', n: 1, tier: 'silver' }, { name: 'b', debug: false, n: 5, tier: 'gold' }, { name: 'c', debug: true, n: 2, tier: 'silver' }],
  },
  'object-spread-merges': {
    composition: merges as never,
    spec: full,
    specs: [full, { name: 'a', n: 1, tier: 'silver' }, { name: 'b', n: 1, tier: 'gold', labels: {}, config: {} }, { name: 'c', debug: false, n: 1, tier: 'gold', labels: { team: 'mine' }, config: { debug: 'no' } }, { name: 'd', debug: true, n: 1, tier: 'gold', config: { debug: 'cfg' } }],
  },
};
