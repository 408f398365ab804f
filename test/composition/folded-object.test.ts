/**
 * What stays refused around a config object built by statements (issue 10, trial 9 T08/T03): a key written
 * under a condition on a reference, in a loop over spec data, under a key not known at definition time,
 * after the object is read, inside a helper, or after a jump; `Object.assign`, `reduce` and
 * `Object.fromEntries` over a constant table name the object literal that works. The forms that compile are
 * differential cases (test/differential/folded-object-cases.ts). Exact messages in golden/folded-object.txt
 * (UPDATE_GOLDEN=1 rewrites it; review the diff).
 */
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const BASE = { LOG_LEVEL: 'info', TIMEOUT: '30', REGION: 'eu' };
const KEYS = ['LOG_LEVEL', 'TIMEOUT'] as const;

const definition = {
  apiVersion: 'folded.typekro.dev/v1alpha1',
  kind: 'Refused',
  spec: type({ name: 'string', 'debug?': 'boolean', keys: 'string[]', 'level?': 'string' }),
  status: type({ 'v?': 'string' }),
};

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['a key written under a condition on a reference', () => kubernetesComposition({ ...definition, name: 'cond' }, (spec) => {
    const data = { ...BASE };
    if (spec.debug) data.LOG_LEVEL = 'debug';
    ConfigMap({ name: 'a', data });
    return {};
  }), 'is written under the condition `spec.debug`'],
  ['a key written in a loop over spec data', () => kubernetesComposition({ ...definition, name: 'spec-loop' }, (spec) => {
    const data: Record<string, string> = {};
    for (const k of spec.keys) data[k] = spec.name;
    ConfigMap({ name: 'a', data });
    return {};
  }), 'is written in a loop whose items are not known at definition time'],
  ['a key not known at definition time', () => kubernetesComposition({ ...definition, name: 'spec-key' }, (spec) => {
    const data: Record<string, string> = { ...BASE };
    data[spec.name] = 'x';
    ConfigMap({ name: 'a', data });
    return {};
  }), 'the key `spec.name`'],
  ['a read before the last write', () => kubernetesComposition({ ...definition, name: 'early-read' }, (spec) => {
    const data: Record<string, string> = {};
    data.A = spec.name;
    const first = data.A;
    data.B = 'x';
    ConfigMap({ name: 'a', data: { first } });
    return {};
  }), 'before its last write'],
  ['a key written inside a helper', () => kubernetesComposition({ ...definition, name: 'helper' }, (spec) => {
    const data: Record<string, string> = {};
    const set = (v: string): void => {
      data.A = v;
    };
    set(spec.name);
    ConfigMap({ name: 'a', data });
    return {};
  }), 'is written inside a function'],
  ['a jump before a write in the loop', () => kubernetesComposition({ ...definition, name: 'jump' }, (spec) => {
    const data: Record<string, string> = {};
    for (const k of KEYS) {
      if (k === 'TIMEOUT') break;
      data[k] = spec.name;
    }
    ConfigMap({ name: 'a', data });
    return {};
  }), 'may end an iteration of the loop'],
];

test('what stays refused has its exact message (golden/folded-object.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/folded-object.txt', import.meta.url));
});
