/**
 * Secret flow through a collection whose forEach list is a CEL filter (`spec.workers.filter(...).map(...)`, or
 * an `if` on the loop item): the filter's own variable has the loop variable's name, and following it back to
 * the loop used to recurse without end (a status reading the collection crashed deploy and status after the
 * objects were applied: "Maximum call stack size exceeded").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, sensitive } from '../../src/index.js';
import { ConfigMap, Secret } from '../../src/simple.js';
import { redactStatus, sensitivePaths } from '../../src/api/sensitive.js';
import { REDACTED } from '../../src/util/redact.js';

const Worker = type({ name: 'string', token: sensitive(type('string')) });
const app = kubernetesComposition(
  { name: 'filtered', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'Filtered', spec: type({ workers: Worker.array(), keys: type({ id: 'string', value: 'string' }).array() }), status: type({ names: 'string', tokens: 'string', count: 'number' }) },
  (spec) => {
    const cms = spec.workers.filter((w) => w.name.length > 1).map((w) => ConfigMap({ id: 'longs', name: `long-${w.name}`, data: { token: w.token } }));
    for (const k of spec.keys) {
      if (k.id !== 'skip') Secret({ id: 'keys', name: `key-${k.id}`, stringData: { value: k.value } });
    }
    return { names: cms.map((c) => c.metadata.name).join(','), tokens: cms.map((c) => c.data.token ?? '').join(','), count: cms.length };
  },
);

test('the secret paths of a composition with filtered collections are found, without endless recursion', () => {
  const paths = sensitivePaths(app.graph).map((p) => p.join('.'));
  assert.ok(paths.includes('workers.*.token'), paths.join(' '));
  // a Secret's stringData read from the filtered list marks the list's items
  assert.ok(paths.includes('keys.*.value'), paths.join(' '));
  // the items' ids name the Secrets: not secret for being read in the same loop
  assert.ok(!paths.some((p) => p.startsWith('keys.*.id')), paths.join(' '));
});

test('a status field computed from a filtered collection is redacted when it reads a secret, kept when not', () => {
  const status = redactStatus(app.graph, { names: 'long-bb,long-cc', tokens: 't1,t2', count: 2 });
  assert.deepEqual(status, { names: 'long-bb,long-cc', tokens: REDACTED, count: 2 });
});
