/**
 * A resource created inside a helper function under a condition, a loop or a jump that reads a reference
 * (issue 10, third new-user trial f32/f38): JavaScript decided it once, on placeholders, for every instance.
 * Every helper the composition calls is read from source (helper-calls.ts), so the taken and the skipped
 * branch are refused the same way, at the condition: same file or imported, arrow or declaration, called
 * from a helper, under `if`, `!`, `&&`, `||`, `??`, a ternary, `switch`, a loop. Exact messages in
 * golden/helper-guards-rejections.txt (this file's path written `<this file>`, the fixture's `<fixtures>`;
 * UPDATE_GOLDEN=1 rewrites it, review the diff). What compiles is in test/differential/skipped-helper-cases.ts.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionSyntaxError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { assertGolden } from '../support/golden.js';
import { whenLarge } from '../differential/fixtures/modules/factory-helpers.js';

const FIXTURES = fileURLToPath(new URL('../differential/fixtures/modules/', import.meta.url));
const FEATURE = true;
const definition = {
  apiVersion: 'guards.typekro.dev/v1alpha1',
  kind: 'Guards',
  spec: type({ enabled: 'boolean', list: 'string[]', 'o?': 'string', n: 'number.integer', env: 'string' }),
  status: type({ 'v?': 'string' }),
};
type Spec = typeof definition.spec.infer;

function whenDisabled(s: Spec) { if (!s.enabled) ConfigMap({ name: 'maybe', data: {} }); }
function whenEnabled(s: Spec) { if (s.enabled) ConfigMap({ name: 'maybe', data: {} }); }
const orElse = (s: Spec) => s.enabled || ConfigMap({ name: 'or', data: {} });
const andThen = (s: Spec) => s.enabled && ConfigMap({ name: 'and', data: {} });
function unlessSet(s: Spec) { return s.o ?? ConfigMap({ name: 'unset', data: {} }); }
function chosen(s: Spec) { return s.n > 1 ? ConfigMap({ name: 'many', data: {} }) : undefined; }
function switched(s: Spec) {
  switch (s.env) {
    case 'dev':
      ConfigMap({ name: 'dev', data: {} });
  }
}
function eachItem(list: readonly string[]) { for (const x of list) ConfigMap({ name: `each-${x}`, data: {} }); }
function inner(s: Spec) { if (!s.enabled) ConfigMap({ name: 'inner', data: {} }); }
function outer(s: Spec) { inner(s); }
function flagged(s: Spec) { if (FEATURE) ConfigMap({ name: `flag-${s.n}`, data: {} }); }

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly (readonly [string, () => unknown, string])[] = [
  ['if (!s.enabled) in a helper (JavaScript skipped the call)', () => kubernetesComposition({ ...definition, name: 'not' }, (spec) => {
    whenDisabled(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['if (s.enabled) in a helper (JavaScript made the call)', () => kubernetesComposition({ ...definition, name: 'taken' }, (spec) => {
    whenEnabled(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['|| in an arrow helper', () => kubernetesComposition({ ...definition, name: 'or' }, (spec) => {
    orElse(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['&& in an arrow helper', () => kubernetesComposition({ ...definition, name: 'and' }, (spec) => {
    andThen(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['?? in a helper', () => kubernetesComposition({ ...definition, name: 'nullish' }, (spec) => {
    unlessSet(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['a ternary in a helper', () => kubernetesComposition({ ...definition, name: 'ternary' }, (spec) => {
    chosen(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['switch in a helper', () => kubernetesComposition({ ...definition, name: 'switch' }, (spec) => {
    switched(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['a loop over a spec list in a helper called in a skipped branch', () => kubernetesComposition({ ...definition, name: 'loop' }, (spec) => {
    if (!spec.enabled) eachItem(spec.list);
    return {};
  }), 'a resource is created in a loop over a reference inside a helper function'],
  ['a condition in a helper called from a helper', () => kubernetesComposition({ ...definition, name: 'chain' }, (spec) => {
    outer(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['a condition in an imported helper', () => kubernetesComposition({ ...definition, name: 'imported' }, (spec) => {
    whenLarge(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['a condition in a helper declared in the composition', () => kubernetesComposition({ ...definition, name: 'local' }, (spec) => {
    const local = (s: Spec) => { if (!s.enabled) ConfigMap({ name: 'local', data: {} }); };
    local(spec);
    return {};
  }), 'a resource is created under a condition on a reference inside a helper function'],
  ['a constant condition in a helper called in a skipped branch', () => kubernetesComposition({ ...definition, name: 'flagged' }, (spec) => {
    if (!spec.enabled) flagged(spec);
    return {};
  }), 'did not run when the composition was defined'],
];

test('a resource under a condition on a reference inside a helper is refused, taken or skipped (golden/helper-guards-rejections.txt)', (t) => {
  const wrong: string[] = [];
  const blocks = ROWS.map(([name, run, why]) => {
    let message: string | undefined;
    try {
      run();
    } catch (error) {
      if (!(error instanceof CompositionSyntaxError)) wrong.push(`${name}: not a CompositionSyntaxError: ${String(error)}`);
      message = (error as Error).message.split(import.meta.filename).join('<this file>').split(FIXTURES).join('<fixtures>/');
    }
    if (message === undefined) wrong.push(`${name} was defined; it must be refused`);
    else if (!message.includes(why) || !/^<(this file|fixtures)>\/?[^:]*:\d+:\d+: /.test(message)) wrong.push(`${name}: ${message}\n  should say: ${why}, after the place`);
    return `${name}\n${(message ?? '(defined)').split('\n').map((line) => `  ${line}`).join('\n')}\n`;
  });
  assert.deepEqual(wrong, [], 'each composition is refused for its own reason, at its place');
  if (assertGolden(new URL('./golden/helper-guards-rejections.txt', import.meta.url), blocks.join('\n')) === 'written') t.diagnostic('rewrote helper-guards-rejections.txt');
});
