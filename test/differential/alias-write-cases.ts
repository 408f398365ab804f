/**
 * Aliases that stay accepted after writes through an alias became writes of the object it shares (issue
 * 10, trial 7a H19/H20/H21): a copy changed at its top level under a condition on the spec leaves the list it
 * copied as it was; an alias changed with constants only, destructured reads and a loop item read compile
 * from the object's value. The refused shapes are in test/composition/alias-writes.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const definition = {
  apiVersion: 'alias.typekro.dev/v1alpha1',
  spec: type({ name: 'string', zones: 'string[]', 'debug?': 'boolean' }),
  status: type({ base: 'string', flags: 'string', first: 'string', zones: 'string' }),
};

const aliases = kubernetesComposition({ ...definition, name: 'alias-kept', kind: 'AliasKept' }, (spec) => {
  const base = ['--log=info', '--color'];
  const extra = base.slice();
  if (spec.debug) extra.push('--verbose');
  const cfg = { flags: ['--a'], server: { port: 80, host: 'web' } };
  const flags = cfg.flags;
  flags.push('--b');
  const { port, host } = cfg.server;
  const items = [{ n: 'one' }, { n: 'two' }];
  for (const item of items) ConfigMap({ name: `${spec.name}-${item.n}`, data: { at: `${host}:${port}`, zone: spec.zones[0] ?? 'none' } });
  const zones = spec.zones.filter((z) => z !== 'old');
  if (spec.debug) zones.sort();
  return { base: `${base.join(' ')} ${spec.name}`, flags: cfg.flags.join(' '), first: items[0]!.n, zones: spec.zones.join(',') };
});

export const aliasWriteCases: Readonly<Record<string, CaseInput>> = {
  'alias-kept': { composition: aliases as never, spec: { name: 'web', zones: ['eu-west', 'eu-central'], debug: true } },
  'alias-kept-off': { composition: aliases as never, spec: { name: 'api', zones: ['old', 'us'] } },
};
