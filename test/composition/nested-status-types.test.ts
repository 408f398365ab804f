/**
 * A parent reads a nested composition's status typed by the child's status schema: a field declared
 * `'number'` whose value is an integer expression is a double to the parent, so `k.status.n + 1` (compiled as
 * `+ 1.0`) must find a double there (trial 2, B4: it compiled to `int + 1.0`, which CEL refuses, and the field
 * stayed pending forever). simulate's cross-check holds the compiled status to the JavaScript one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const child = kubernetesComposition(
  { name: 'kid', kind: 'Kid', spec: type({ name: 'string' }), status: type({ ready: 'boolean', n: 'number', fixed: 'number', whole: 'number.integer' }) },
  (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx', replicas: 2 });
    return { ready: (d.status.readyReplicas ?? 0) >= 2, n: d.status.readyReplicas ?? 0, fixed: 2, whole: d.status.readyReplicas ?? 0 };
  },
);

const parent = kubernetesComposition(
  { name: 'kid-parent', kind: 'KidParent', spec: type({ name: 'string' }), status: type({ next: 'number', sum: 'number', whole: 'number.integer' }) },
  (spec) => {
    const k = child({ name: `${spec.name}-kid` });
    return { next: k.status.n + 1, sum: k.status.n + k.status.fixed, whole: k.status.whole + 1 };
  },
);

test("a nested status field declared 'number' is a double to the parent; integer fields stay integers", () => {
  const yaml = parent.toYaml();
  assert.ok(yaml.includes('next: ${double(kD.?status.?readyReplicas.orValue(0)) + 1.0}'), yaml);
  assert.ok(yaml.includes('whole: ${kD.?status.?readyReplicas.orValue(0) + 1}'), yaml);
  for (const [readyReplicas, next] of [[2, 3], [undefined, 1], [0, 1]] as const) {
    const observed = { kD: { status: readyReplicas === undefined ? {} : { readyReplicas } } };
    const result = simulate(parent, { name: 'a' }, { observed });
    assert.deepEqual(result.status, { next, sum: next + 1, whole: next }, JSON.stringify(observed));
  }
});
