/**
 * Control flow JavaScript decided on placeholders (issue 10, second new-user trial, A1-A4): each shape that
 * would change which resources exist without the graph saying so is refused at its place, with its exact
 * message (golden/control-flow-rejections.txt, this file's path written `<this file>` and the line counted
 * from the row's first, `<row>+1`; UPDATE_GOLDEN=1 rewrites it, review the diff). The shapes that compile are compared with JavaScript in
 * test/differential/control-flow-cases.ts; the graph shapes they compile to are checked here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, pod } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';
import { controlFlowCases } from '../differential/control-flow-cases.js';

const definition = {
  apiVersion: 'flow.typekro.dev/v1alpha1',
  kind: 'Flow',
  spec: type({ enabled: 'boolean', list: 'string[]', 'o?': 'string', n: 'number.integer' }),
  status: type({ 'n?': 'number' }),
};

function enabledOnly(spec: typeof definition.spec.infer): void {
  if (!spec.enabled) return;
  ConfigMap({ name: 'enabled-only', data: {} });
}

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['break in a loop over a spec list', () => kubernetesComposition({ ...definition, name: 'break' }, (spec) => {
    for (const x of spec.list) {
      if (x === 'stop') break;
      ConfigMap({ name: `c-${x}`, data: { x } });
    }
    return {};
  }), '`break` ends the loop over `spec.list` early'],
  ['continue in a loop over a spec list', () => kubernetesComposition({ ...definition, name: 'continue' }, (spec) => {
    for (const x of spec.list) {
      if (x === 'stop') continue;
      ConfigMap({ name: `c-${x}`, data: { x } });
    }
    return {};
  }), '`continue` skips items of the loop over `spec.list`'],
  ['early return in a forEach callback', () => kubernetesComposition({ ...definition, name: 'foreach-return' }, (spec) => {
    spec.list.forEach((x) => {
      if (x === 'stop') return;
      ConfigMap({ name: `e-${x}`, data: { x } });
    });
    return {};
  }), '`return` skips items of the loop over `spec.list`'],
  ['return null in a map callback', () => kubernetesComposition({ ...definition, name: 'map-null' }, (spec) => {
    spec.list.map((x) => {
      if (x === 'stop') return null;
      return ConfigMap({ name: `m-${x}`, data: { x } });
    });
    return {};
  }), '`return` skips items of the loop over `spec.list`'],
  ['unconditional break after the factory, over a filtered list', () => kubernetesComposition({ ...definition, name: 'filter-break' }, (spec) => {
    for (const x of spec.list.filter((y) => y !== '')) {
      ConfigMap({ name: `g-${x}`, data: {} });
      break;
    }
    return {};
  }), '`break` ends the loop over `spec.list.filter((y) => y !== \'\')` early'],
  ['break under a condition on the spec, in a loop over constants', () => kubernetesComposition({ ...definition, name: 'constant-break' }, (spec) => {
    for (const e of ['a', 'b']) {
      ConfigMap({ name: `l-${e}`, data: {} });
      if (spec.enabled) break;
    }
    return {};
  }), '`break` under `spec.enabled`, which reads a reference'],
  ['continue under a condition on the spec and the item, in a loop over constants', () => kubernetesComposition({ ...definition, name: 'constant-continue' }, (spec) => {
    for (const e of ['a', 'b']) {
      if (spec.enabled && e === 'b') continue;
      ConfigMap({ name: `k-${e}`, data: {} });
    }
    return {};
  }), '`continue` under `spec.enabled && e === \'b\'`, which reads a reference'],
  ['return under a condition on the spec, in a forEach over constants', () => kubernetesComposition({ ...definition, name: 'constant-return' }, (spec) => {
    ['a', 'b'].forEach((e) => {
      if (spec.n > 1) return;
      ConfigMap({ name: `r-${e}`, data: {} });
    });
    return {};
  }), '`return` under `spec.n > 1`, which reads a reference'],
  ['break in a loop over constants under a condition on the item of a loop over a spec list', () => kubernetesComposition({ ...definition, name: 'inner-break' }, (spec) => {
    for (const x of spec.list) {
      for (const e of ['a', 'b']) {
        if (x === 'stop') break;
        ConfigMap({ name: `i-${x}-${e}`, data: {} });
      }
    }
    return {};
  }), '`break` under `x === \'stop\'`, which reads a reference'],
  ['try/catch around a factory', () => kubernetesComposition({ ...definition, name: 'try' }, (spec) => {
    try {
      ConfigMap({ name: spec.o ?? 'none', data: { a: '1' } });
    } catch {
      ConfigMap({ name: 'fallback', data: {} });
    }
    return {};
  }), 'a resource is created inside `try`/`catch`'],
  ['try with an empty catch around a factory', () => kubernetesComposition({ ...definition, name: 'try-empty' }, (spec) => {
    try {
      ConfigMap({ name: spec.o ?? 'none', data: { a: '1' } });
    } catch {
      // nothing
    }
    return {};
  }), 'a resource is created inside `try`/`catch`'],
  ['throw under a condition on the spec', () => kubernetesComposition({ ...definition, name: 'throw' }, (spec) => {
    if (spec.n < 0) throw new Error('n must be >= 0');
    ConfigMap({ name: 'c', data: {} });
    return {};
  }), '`throw` under `spec.n < 0`, which reads a reference'],
  ['throw in a loop over a spec list', () => kubernetesComposition({ ...definition, name: 'throw-loop' }, (spec) => {
    for (const x of spec.list) {
      ConfigMap({ name: `t-${x}`, data: {} });
      if (x.length > 10) throw new Error('too long');
    }
    return {};
  }), '`throw` under `x.length > 10`, which reads a reference'],
  ['early return in a helper under a condition on the spec', () => kubernetesComposition({ ...definition, name: 'helper-return' }, (spec) => {
    enabledOnly(spec);
    return {};
  }), '`return` under `!spec.enabled` in a helper, which reads a reference'],
  ['a collection changed outside its loop', () => kubernetesComposition({ ...definition, name: 'push-after' }, (spec) => {
    const pods = [];
    for (const w of spec.list) pods.push(pod({ metadata: { name: `p-${w}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
    if (spec.enabled) pods.push(pod({ metadata: { name: 'p-extra' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
    ConfigMap({ name: 'summary', data: { n: `${pods.length}` } });
    return { n: pods.length };
  }), '`pods` is a KRO collection made by a loop, and `pods.push('],
];

test('every refused control-flow shape has its exact message (golden/control-flow-rejections.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/control-flow-rejections.txt', import.meta.url));
});

test('`left ?? Factory(...)` creates the resource only when `left` is not set (includeWhen !(left != null))', () => {
  const graph = controlFlowCases['flow-nullish']!.composition.graph;
  const whenAbsent = graph.resources.find((r) => r.id === 'whenAbsent');
  assert.ok(whenAbsent, graph.resources.map((r) => r.id).join(', '));
  assert.equal(whenAbsent.includeWhen.length, 1);
  const ids = (spec: Record<string, unknown>) => evaluateConcrete(controlFlowCases['flow-nullish']!.composition, spec as never).resources.map((r) => r.id);
  assert.ok(ids({ enabled: false, list: [], n: 0 }).includes('whenAbsent'));
  assert.ok(!ids({ enabled: false, list: [], n: 0, o: '' }).includes('whenAbsent'));
});

test('jumps JavaScript decides exactly compile: on constants in a loop over constants, and a last continue/return in a loop over a reference', () => {
  const graph = controlFlowCases['flow-exact-jumps']!.composition.graph;
  assert.deepEqual(graph.resources.map((r) => [r.id, r.forEach.length]), [['keep', 0], ['kept', 0], ['everyItem', 1], ['mapped', 1]]);
});
