/**
 * A parent passes integers into a nested composition's `'number'` fields (trial 20 F3). The child was
 * compiled for doubles (`part / whole`, `x + 0.5`), and an integer dropped in as it is made CEL divide as
 * integers (3 / 4 is 0, where JavaScript gives 0.75: a status, a manifest's value, a resource's includeWhen)
 * or find no overload (`dyn<int> + double`). The passed value is converted (`double(x)`), as a literal is.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const apiVersion = 'nestnumbers.typekro.dev/v1alpha1';

/** A share of two doubles, in a status, a manifest and a condition. */
const ratio = kubernetesComposition(
  { name: 'nn-ratio', apiVersion, kind: 'NnRatio', spec: type({ id: /^[a-z]+$/, part: 'number', whole: 'number' }), status: type({ share: 'number', half: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: spec.id, data: { big: spec.part / spec.whole > 0.5 ? 'yes' : 'no' } });
    if (spec.part / spec.whole > 0.8) ConfigMap({ name: `${spec.id}-alert`, data: { level: 'warn' } });
    return { share: spec.part / spec.whole, half: spec.part / spec.whole >= 0.5 };
  },
);

/** The parent's integer spec fields, and an integer literal beside one. */
const fromSpec = kubernetesComposition(
  { name: 'nn-from-spec', apiVersion, kind: 'NnFromSpec', spec: type({ ready: 'number.integer >= 0', total: 'number.integer >= 1' }), status: type({ share: 'number', half: 'boolean', mixed: 'number' }) },
  (spec) => {
    const r = ratio({ id: 'a', part: spec.ready, whole: spec.total });
    const m = ratio({ id: 'b', part: 3, whole: spec.total });
    return { share: r.status.share, half: r.status.half, mixed: m.status.share };
  },
);

/** A Deployment's integer status field (`readyReplicas ?? 0`). */
const fromStatus = kubernetesComposition(
  { name: 'nn-from-status', apiVersion, kind: 'NnFromStatus', spec: type({ replicas: 'number.integer >= 1' }), status: type({ share: 'number', half: 'boolean' }) },
  (spec) => {
    const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
    const r = ratio({ id: 'w', part: web.status.readyReplicas ?? 0, whole: spec.replicas });
    return { share: r.status.share, half: r.status.half };
  },
);

/** Mixed with double literals in the child, and an integer list into a `'number[]'` field. */
const mixed = kubernetesComposition(
  { name: 'nn-mixed', apiVersion, kind: 'NnMixed', spec: type({ id: /^[a-z]+$/, x: 'number', l: 'number[]' }), status: type({ y: 'number', z: 'number', w: 'boolean', inc: 'boolean', sum: 'number' }) },
  (spec) => {
    ConfigMap({ name: spec.id, data: { a: 'b' } });
    return { y: spec.x + 0.5, z: spec.x / 4, w: spec.x > 1.5, inc: spec.l.includes(spec.x), sum: spec.l.filter((v) => v / 2 > 1).length + (spec.l.some((v) => v / 2 === 1.5) ? 0.5 : 0) };
  },
);

const fromList = kubernetesComposition(
  { name: 'nn-from-list', apiVersion, kind: 'NnFromList', spec: type({ n: 'number.integer', ns: 'number.integer[]', 'o?': 'number.integer' }), status: type({ y: 'number', z: 'number', w: 'boolean', inc: 'boolean', sum: 'number', oz: 'number' }) },
  (spec) => {
    const c = mixed({ id: 'c', x: spec.n, l: spec.ns });
    const d = mixed({ id: 'd', x: spec.o ?? 1, l: [spec.n, 3] });
    return { y: c.status.y, z: c.status.z, w: c.status.w, inc: c.status.inc, sum: c.status.sum, oz: d.status.z + d.status.sum };
  },
);

export const nestedNumberCases: Record<string, CaseInput> = {
  'nested-numbers-spec': {
    composition: fromSpec as never,
    spec: { ready: 3, total: 4 },
    specs: [{ ready: 3, total: 4 }, { ready: 1, total: 2 }, { ready: 9, total: 10 }, { ready: 0, total: 3 }, { ready: 5, total: 5 }],
  },
  'nested-numbers-status': {
    composition: fromStatus as never,
    spec: { replicas: 4 },
    specs: [{ replicas: 4 }, { replicas: 1 }, { replicas: 3 }],
  },
  'nested-numbers-mixed': {
    composition: fromList as never,
    spec: { n: 3, ns: [3, 4] },
    specs: [{ n: 3, ns: [3, 4] }, { n: 1, ns: [] }, { n: 2, ns: [1, 2, 5], o: 7 }, { n: -3, ns: [-3], o: 0 }],
  },
};
