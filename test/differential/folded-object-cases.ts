/**
 * A config object built from a constant table with per-key values from the spec (issue 10, trial 9 T08): an
 * object literal then written with constant keys, in straight-line code and in loops over constant lists, is
 * one object literal (folded-object.ts); `Object.keys` of a constant object outside a loop (T03) is its keys.
 * Several specs each, with the optionals absent. The refused shapes are in test/composition/folded-object.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const BASE = { LOG_LEVEL: 'info', TIMEOUT: '30', REGION: 'eu' };
const KEYS = ['LOG_LEVEL', 'TIMEOUT'] as const;

const definition = {
  apiVersion: 'folded.typekro.dev/v1alpha1',
  spec: type({ name: 'string', 'overrides?': 'Record<string, string>', 'level?': 'string', 'region?': 'string' }),
  status: type({ level: 'string', timeout: 'string', region: 'string' }),
};

const loopKeys = kubernetesComposition({ ...definition, name: 'folded-loop-keys', kind: 'FoldedLoopKeys' }, (spec) => {
  const data: Record<string, string> = {};
  for (const k of KEYS) {
    data[k] = spec.level ?? BASE[k];
  }
  const cm = ConfigMap({ name: spec.name, data });
  return { level: cm.data.LOG_LEVEL ?? 'none', timeout: data.TIMEOUT ?? 'none', region: data.REGION ?? 'none' };
});

const loopEntries = kubernetesComposition({ ...definition, name: 'folded-loop-entries', kind: 'FoldedLoopEntries' }, (spec) => {
  const data: Record<string, string> = { EXTRA: 'x' };
  for (const [k, v] of Object.entries(BASE)) {
    const fallback = `${v}`;
    data[k] = spec.overrides?.[k] ?? fallback;
  }
  data.REGION = spec.region ?? BASE.REGION;
  const cm = ConfigMap({ name: spec.name, data });
  return { level: cm.data.LOG_LEVEL ?? 'none', timeout: data.TIMEOUT ?? 'none', region: cm.data.REGION ?? 'none' };
});

const spreadThenAssign = kubernetesComposition({ ...definition, name: 'folded-spread-assign', kind: 'FoldedSpreadAssign' }, (spec) => {
  const data = { ...BASE };
  data.LOG_LEVEL = spec.level ?? 'info';
  data['TIMEOUT'] = '60';
  KEYS.forEach((k) => {
    if (k !== 'TIMEOUT') data[k] = `${spec.level ?? BASE[k]}-${k.length}`;
  });
  const cm = ConfigMap({ name: spec.name, data });
  return { level: cm.data.LOG_LEVEL ?? 'none', timeout: data.TIMEOUT, region: data.REGION };
});

const tableCalls = kubernetesComposition({ ...definition, name: 'folded-table-calls', kind: 'FoldedTableCalls' }, (spec) => {
  const fromEntries = Object.fromEntries(Object.entries(BASE).map(([k, v]) => [k, spec.overrides?.[k] ?? v]));
  const assigned = Object.assign({}, BASE, { LOG_LEVEL: spec.level ?? 'info' });
  ConfigMap({ name: spec.name, data: fromEntries });
  ConfigMap({ id: 'assigned', name: `${spec.name}-a`, data: assigned });
  const known = Object.keys(BASE).includes(spec.region ?? 'none');
  return { level: assigned.LOG_LEVEL ?? 'none', timeout: fromEntries.TIMEOUT ?? 'none', region: known ? 'known' : 'unknown' };
});

export const foldedObjectCases: Readonly<Record<string, CaseInput>> = {
  'folded-loop-keys': { composition: loopKeys as never, spec: { name: 'a', level: 'warn' } },
  'folded-loop-keys-absent': { composition: loopKeys as never, spec: { name: 'b' } },
  'folded-loop-entries': { composition: loopEntries as never, spec: { name: 'c', overrides: { LOG_LEVEL: 'debug', REGION: 'us' } } },
  'folded-loop-entries-region': { composition: loopEntries as never, spec: { name: 'd', region: 'ap', overrides: {} } },
  'folded-loop-entries-absent': { composition: loopEntries as never, spec: { name: 'e' } },
  'folded-spread-assign': { composition: spreadThenAssign as never, spec: { name: 'f', level: 'debug' } },
  'folded-table-calls': { composition: tableCalls as never, spec: { name: 'h', level: 'warn', region: 'REGION', overrides: { TIMEOUT: '5' } } },
  'folded-table-calls-absent': { composition: tableCalls as never, spec: { name: 'i' } },
  'folded-spread-assign-absent': { composition: spreadThenAssign as never, spec: { name: 'g' } },
};
