/**
 * NaN, which JavaScript makes of `0 / 0` (of ints or of spec doubles), where JavaScript and CEL treat it apart
 * (trial 18 F2, F2b): NaN is falsy (`r ? a : b`, `!r`, `r || 0`, `if (r)`, `Boolean(r)`, a callback's test),
 * `Math.max`/`Math.min` are NaN when any argument is (the list library's `max()` skips a NaN not first), and
 * `includes` finds NaN (SameValueZero; CEL's `in` compares with `==`); a status field that is NaN or ±Infinity
 * fails, in JavaScript's run (evaluateConcrete's failedStatus) as in both modes (trial 18 F3). Specs with 0 / 0, with finite ratios,
 * with -0 and with an infinite one. Held to JavaScript by differential.test.ts and to KRO's cel-go by
 * nan-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const base = { apiVersion: 'nan.typekro.dev/v1alpha1' };
const spec = type({ name: 'string', ready: 'number.integer', total: 'number.integer', x: 'number', y: 'number', l: 'number.integer[]', d: 'number[]' });

const truthiness = kubernetesComposition(
  {
    ...base, name: 'nan-truthiness', kind: 'NanTruthiness', spec,
    status: type({ label: 'string', inverted: 'boolean', guarded: 'boolean', both: 'boolean', bool: 'boolean', twice: 'boolean', kept: 'number', some: 'boolean', every: 'boolean', spec: 'string' }),
  },
  (spec) => {
    const ratio = spec.ready / spec.total;
    const q = spec.x / spec.y;
    ConfigMap({ name: spec.name, data: { state: ratio ? 'some' : 'none', inverted: `${!ratio}` } });
    if (ratio) ConfigMap({ id: 'extra', name: `${spec.name}-extra`, data: { on: 'yes' } });
    if (!q) ConfigMap({ id: 'none', name: `${spec.name}-none`, data: { on: 'yes' } });
    return {
      label: ratio ? 'some' : 'none',
      inverted: !ratio,
      guarded: (ratio || 0) < 1,
      both: ratio && q ? true : false,
      bool: Boolean(q),
      twice: !!ratio,
      kept: spec.l.filter((v) => v / spec.total).length,
      some: spec.d.some((v) => v / spec.y),
      every: spec.d.every((v) => v / spec.y),
      spec: q ? 'q' : 'no q',
    };
  },
);

const extremes = kubernetesComposition(
  {
    ...base, name: 'nan-extremes', kind: 'NanExtremes', spec,
    status: type({ max1: 'boolean', max2: 'boolean', min1: 'boolean', min2: 'boolean', mixed: 'boolean', incl: 'boolean', pair: 'boolean', items: 'boolean', ints: 'boolean', lit: 'boolean' }),
  },
  (spec) => {
    const r = spec.ready / spec.total;
    const q = spec.x / spec.y;
    ConfigMap({ name: spec.name, data: { max: `${Math.max(1, r) > 0.5}`, min: `${Math.min(5, q) < 10}` } });
    return {
      max1: Math.max(r, 1) > 0.5,
      max2: Math.max(1, r) > 0.5,
      min1: Math.min(q, 5) < 10,
      min2: Math.min(5, q, spec.x) < 10,
      mixed: Math.max(spec.ready, q) >= Math.min(spec.total, r),
      incl: [r].includes(r),
      pair: [1.5, q].includes(q),
      items: spec.d.map((v) => v / spec.y).includes(q),
      ints: spec.l.includes(r),
      lit: [q, 2].includes(2),
    };
  },
);

/** Status fields that are NaN or ±Infinity for some specs: failed in both modes and in the JavaScript run. */
const numbers = kubernetesComposition(
  { ...base, name: 'nan-status', kind: 'NanStatus', spec, status: type({ ratio: 'number', q: 'number', list: 'number[]', nested: { frac: 'number' }, ok: 'number' }) },
  (spec) => {
    const web = Deployment({ id: 'web', name: spec.name, image: 'nginx', replicas: spec.total });
    return {
      ratio: spec.ready / spec.total,
      q: spec.x / spec.y,
      list: [spec.x / spec.y, 1],
      nested: { frac: (web.status.readyReplicas ?? 0) / spec.total },
      ok: spec.total + 1,
    };
  },
);

const SPECS = [
  { name: 'zero', ready: 0, total: 0, x: 0, y: 0, l: [0, 1], d: [0, 1.5] },
  { name: 'half', ready: 1, total: 2, x: 1.5, y: 3, l: [1, 2], d: [1.5, 0] },
  { name: 'none', ready: 0, total: 3, x: -0, y: 2, l: [], d: [] },
  { name: 'inf', ready: 3, total: 0, x: 2.5, y: 0, l: [3], d: [2.5, -1] },
  { name: 'neg', ready: -2, total: 4, x: -1, y: -0.5, l: [-2, 0], d: [0, 0.5] },
];

export const nanCases: Record<string, CaseInput> = {
  'nan-truthiness': { composition: truthiness as never, spec: SPECS[0]!, specs: SPECS },
  'nan-extremes': { composition: extremes as never, spec: SPECS[0]!, specs: SPECS },
  'nan-status': { composition: numbers as never, spec: SPECS[0]!, specs: SPECS },
};
