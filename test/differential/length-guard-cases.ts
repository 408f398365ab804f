/**
 * A spec list's first item read under a test of the list's length (trial 13 finding 9): `l.length ? l[0] : d`
 * (truthy length: at least one item), `!l.length ? d : l[0]`, `l.length !== 0`, `l.length > 0`, `l.length >= 1`,
 * in a manifest field, a template and a status field. Specs with no item, one, and several (an empty string
 * first). Held to JavaScript by differential.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const guarded = kubernetesComposition(
  {
    apiVersion: 'gaps.typekro.dev/v1alpha1', name: 'length-guard', kind: 'LengthGuard',
    spec: type({ name: 'string', list: 'string[]', nums: 'number.integer[]' }),
    status: type({ a: 'string', b: 'string', c: 'number', d: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { first: spec.list.length ? spec.list[0]! : 'none', text: `${spec.list.length !== 0 ? spec.list[0] : '-'}/${!spec.nums.length ? 'no' : spec.nums[0]}` } });
    return {
      a: spec.list.length ? spec.list[0]! : 'none',
      b: `${spec.list.length > 0 ? spec.list[0] : 'x'}:${spec.nums.length >= 1 ? spec.nums[0] : 'y'}`,
      c: spec.nums.length ? spec.nums[0]! + 1 : -1,
      d: spec.list.length && spec.nums.length ? `${spec.list[0]}${spec.nums[0]}` : 'neither',
    };
  },
);

export const lengthGuardCases: Readonly<Record<string, CaseInput>> = {
  'length-guard': {
    composition: guarded as never,
    spec: { name: 'a', list: [], nums: [] },
    specs: [
      { name: 'a', list: [], nums: [] },
      { name: 'b', list: ['x'], nums: [0] },
      { name: 'c', list: ['', 'y'], nums: [] },
      { name: 'd', list: [], nums: [-5, 7] },
    ],
  },
};
