/**
 * Compositions the definition refuses for their shape (returns, loops, parameters, helpers, conditions,
 * values built around references, calls JavaScript skipped), each with its exact message: the messages are
 * a golden file (golden/definition-rejections.txt, this file's path written `<this file>` and the line
 * counted from the row's first, `<row>+1`; UPDATE_GOLDEN=1 rewrites it, review the diff). Each row also names a fragment of its own rejection. Single expressions the
 * compiler refuses are in compile-rejections.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const definition = {
  apiVersion: 'rejections.typekro.dev/v1alpha1',
  kind: 'Rejected',
  spec: type({ name: 'string', replicas: 'number.integer', enabled: 'boolean', tags: 'string[]', workers: type({ name: 'string' }).array() }),
  status: type({ 'n?': 'number' }),
};
type Spec = typeof definition.spec.infer;

function makeInHelperLoop(spec: Spec): void {
  for (const t of spec.tags) ConfigMap({ name: `h-${t}`, data: { t } });
}

const kinds = { ConfigMap };

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['two returns', () => kubernetesComposition({ ...definition, name: 'two-returns' }, (spec) => {
    if (spec.enabled) return { n: 1 };
    return { n: 2 };
  }), 'a composition must return its status once, at the end'],
  // `const status = { ... }; return status as T` and spreads of local literals are status literals (status-literals.test.ts).
  ['status not a literal', () => kubernetesComposition({ ...definition, name: 'status-variable' }, () => {
    const status = JSON.parse('{"n":1}') as { n: number };
    return status;
  }), 'the composition must return an object literal (its status)'],
  ['status spread', () => kubernetesComposition({ ...definition, name: 'status-spread' }, () => ({ ...(JSON.parse('{}') as object), n: 1 })), 'this part of the returned status does not show which fields it sets'],
  ['while loop', () => kubernetesComposition({ ...definition, name: 'while-loop' }, () => {
    let i = 0;
    while (i < 1) {
      ConfigMap({ name: 'w', data: {} });
      i++;
    }
    return {};
  }), 'a resource is created inside a loop form the compiler cannot express'],
  ['for-of assigning names declared elsewhere', () => kubernetesComposition({ ...definition, name: 'assigned-for' }, (spec) => {
    let name = '';
    for ({ name } of spec.workers) ConfigMap({ name, data: {} });
    return {};
  }), 'a for-of loop that assigns its item to names declared elsewhere is not supported'],
  ['loop callback with a rest parameter', () => kubernetesComposition({ ...definition, name: 'rest-map' }, (spec) => {
    spec.workers.map((...all) => ConfigMap({ name: all[0].name, data: {} }));
    return {};
  }), 'a loop callback must take its item as a name or a destructuring pattern'],
  ['loop in a helper', () => kubernetesComposition({ ...definition, name: 'helper-loop' }, (spec) => {
    makeInHelperLoop(spec);
    return {};
  }), 'a resource is created in a loop over a reference inside a helper function'],
  ['includeWhen on a number', () => kubernetesComposition({ ...definition, name: 'include-number' }, (spec) => {
    ConfigMap({ name: 'c', data: {} }).withIncludeWhen(spec.replicas as unknown as boolean);
    return {};
  }), 'withIncludeWhen() takes a boolean condition, got an int'],
  ['readyWhen with statements', () => kubernetesComposition({ ...definition, name: 'ready-statements' }, (spec) => {
    Deployment({ name: 'd', image: 'nginx', replicas: spec.replicas }).withReadyWhen((self) => {
      const wanted = 1;
      return (self.status.readyReplicas ?? 0) >= wanted;
    });
    return {};
  }), 'a condition callback must be a single expression or a single return statement'],
  ['list mutated after it was built', () => kubernetesComposition({ ...definition, name: 'list-push' }, (spec) => {
    const args = [spec.name];
    args.push('x');
    Deployment({ name: 'd', image: 'nginx', args });
    return {};
  }), '`args` is changed after it is declared (mutated); CEL cannot follow the order of statements'],
  ['getter over a reference', () => kubernetesComposition({ ...definition, name: 'getter' }, (spec) => {
    ConfigMap({ name: 'c', data: { get v() { return spec.name; } } });
    return {};
  }), 'methods and accessors cannot hold values from references'],
  ['computed key from a reference', () => kubernetesComposition({ ...definition, name: 'computed-key' }, (spec) => {
    ConfigMap({ name: 'c', data: { [spec.name]: 'v' } });
    return {};
  }), 'a key computed from a reference: the keys of a KRO template are fixed in the graph'],
  ['spec destructured with a rest element', () => kubernetesComposition({ ...definition, name: 'spec-rest' }, ({ name, ...rest }) => {
    ConfigMap({ name, data: { r: `${rest.replicas}` } });
    return {};
  }), '`rest` collects the remaining properties (a rest element), which CEL cannot express'],
  ['instance destructured deeper', () => kubernetesComposition({ ...definition, name: 'instance-deep' }, (spec, { metadata: { name } }) => {
    ConfigMap({ name: `${spec.name}-${name}`, data: {} });
    return {};
  }), 'the instance parameter only has `metadata`'],
  ['skipped call of a non-TypeKro function', () => kubernetesComposition({ ...definition, name: 'skipped-foreign' }, (spec) => {
    if (spec.replicas > 5) kinds.ConfigMap({ name: 'big', data: {} });
    return {};
  }), 'and it is not a TypeKro factory TypeKro can make itself'],
  ['skipped call with a spread', () => kubernetesComposition({ ...definition, name: 'skipped-spread' }, (spec) => {
    const extra = { data: { a: 'b' } };
    if (spec.replicas > 5) ConfigMap({ name: 'big', ...extra });
    return {};
  }), 'only plain properties are supported in a factory call inside a skipped branch'],
  ['skipped call with a numeric key', () => kubernetesComposition({ ...definition, name: 'skipped-key' }, (spec) => {
    if (spec.replicas > 5) ConfigMap({ name: 'big', data: { 1: 'a' } });
    return {};
  }), 'unsupported property key'],
  // A loop over an array literal in a skipped branch is made item by item (constant-loops.test.ts); this list is computed.
  ['skipped loop over a computed constant list', () => kubernetesComposition({ ...definition, name: 'skipped-constant-loop' }, (spec) => {
    if (spec.replicas > 5) for (const n of 'a,b'.split(',')) ConfigMap({ name: n, data: {} });
    return {};
  }), 'a resource in this loop over a constant list was skipped by JavaScript'],
  ['counted loop of another form', () => kubernetesComposition({ ...definition, name: 'counted-form' }, () => {
    for (let i = 0; i < 3; i *= 2) ConfigMap({ name: `c${i}`, data: {} });
    return {};
  }), 'a resource is created inside a `for` loop that is not a counted loop'],
  ['counted loop changing its variable', () => kubernetesComposition({ ...definition, name: 'counted-body' }, () => {
    for (let i = 0; i < 3; i++) { i++; ConfigMap({ name: `c${i}`, data: {} }); }
    return {};
  }), 'the body changes `i`'],
  ['counted loop over a reference', () => kubernetesComposition({ ...definition, name: 'counted-reference' }, (spec) => {
    for (let i = 0; i < spec.replicas; i++) ConfigMap({ name: 'c', data: {} });
    return {};
  }), 'a counted `for` loop whose bounds depend on a reference'],
  // `spec.name === e` on a placeholder is false for every item, `e === 'a'` true for one: JavaScript made one call of two.
  ['constant loop item under a condition JavaScript decided per item on a placeholder', () => kubernetesComposition({ ...definition, name: 'item-condition' }, (spec) => {
    for (const e of ['a', 'b']) if (spec.name === e || e === 'a') ConfigMap({ name: e, data: {} });
    return {};
  }), 'JavaScript decided its reference part on a placeholder (it created 1 of 2)'],
  // A condition on the spec alone whose placeholder texts compare differently per iteration (each iteration's
  // `indexOf` is a new reference, its marker text a new number): JavaScript took it for some items only
  // (found by the generated programs: before, the iterations JavaScript skipped were silently missing from the graph)
  ['constant loop under a spec condition JavaScript decided differently per item on placeholders', () => kubernetesComposition({ ...definition, name: 'spec-condition-varies', spec: type({ replicas: 'number.integer', 'count?': 'number.integer', 'nick?': 'string' }) }, (spec) => {
    for (const e of ['a', 'b', 'c']) if ((spec.count ?? 0) + (spec.count ?? 2) + -1 >= spec.replicas + (spec.nick ?? 'anon').indexOf(spec.nick ?? 'anon')) ConfigMap({ name: e, data: {} });
    return {};
  }), 'was decided by JavaScript on placeholders differently per item'],
  ['constant loop item after a continue', () => kubernetesComposition({ ...definition, name: 'item-continue' }, (spec) => {
    for (const e of ['a', 'b']) {
      if (e.length > 5) continue;
      ConfigMap({ name: e, data: { v: spec.name === e ? 'x' : 'y' } });
    }
    return {};
  }), 'may end an iteration before this call'],
  ['constant loop over a list the source does not show', () => kubernetesComposition({ ...definition, name: 'item-computed' }, (spec) => {
    for (const e of 'a,b'.split(',')) ConfigMap({ name: e, data: { v: spec.name === e ? 'x' : 'y' } });
    return {};
  }), 'TypeKro cannot read the items of'],
];

test('every refused composition shape has its exact message (golden/definition-rejections.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/definition-rejections.txt', import.meta.url));
});
