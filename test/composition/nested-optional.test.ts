/**
 * An optional parent spec field passed to a nested composition: when the child's field is optional too, the
 * absence passes through (the child's field stays unset, as JavaScript passes `undefined` and the child
 * defaults it); when the child's field is required, the definition fails as for a manifest field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionSyntaxError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';

const child = kubernetesComposition(
  {
    name: 'opt-child',
    apiVersion: 'nested.typekro.dev/v1alpha1',
    kind: 'OptChild',
    spec: type({ name: 'string', 'replicas?': 'number.integer', 'note?': 'string' }),
    status: type({ ready: 'boolean', 'note?': 'string', noted: 'boolean' }),
  },
  (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas ?? 2 });
    if (spec.note) ConfigMap({ name: `${spec.name}-note`, data: { note: spec.note } });
    return { ready: d.status.readyReplicas >= (spec.replicas ?? 2), note: spec.note, noted: spec.note !== undefined };
  },
);

const parentDefinition = {
  apiVersion: 'nested.typekro.dev/v1alpha1',
  spec: type({ name: 'string', 'n?': 'number.integer', 'note?': 'string' }),
  status: type({ ready: 'boolean', 'note?': 'string', noted: 'boolean' }),
};

test('an optional parent field passed to an optional child field stays unset when absent; JavaScript and CEL agree', () => {
  const parent = kubernetesComposition({ ...parentDefinition, name: 'opt-parent', kind: 'OptParent' }, (spec) => {
    const c = child({ name: spec.name, replicas: spec.n, note: spec.note });
    return { ready: c.status.ready, note: c.status.note, noted: c.status.noted };
  });
  const yaml = parent.toYaml();
  assert.match(yaml, /replicas: \$\{schema\.spec\.\?n\.orValue\(2\)\}/);
  assert.match(yaml, /includeWhen:\n\s+- \$\{has\(schema\.spec\.note\) && schema\.spec\.note != ""\}/);
  const specs = [{ name: 'a' }, { name: 'b', n: 3 }, { name: 'c', note: 'hi' }, { name: 'd', n: 0, note: '' }];
  const report = runCase('opt-parent', { composition: parent as never, spec: specs[0]!, specs });
  assert.ok(report.evaluations >= specs.length);
  assert.deepEqual(report.findings, []);
});

test('an optional parent field passed to a required child field is refused', () => {
  const strict = kubernetesComposition(
    { name: 'strict-child', apiVersion: 'nested.typekro.dev/v1alpha1', kind: 'StrictChild', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ ok: 'boolean' }) },
    (spec) => {
      Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
      return { ok: true };
    },
  );
  assert.throws(
    () => kubernetesComposition({ ...parentDefinition, name: 'strict-parent', kind: 'StrictParent' }, (spec) => {
      strict({ name: spec.name, replicas: spec.n! });
      return { ready: true, noted: false };
    }),
    (error: Error) => {
      assert.ok(error instanceof CompositionSyntaxError);
      assert.match(error.message, /nested-optional\.test\.ts:\d+:\d+: `replicas` is set from an optional spec field without a default: when the instance leaves it out, JavaScript passes `undefined`, where the nested composition's spec requires a value\n    spec\.n\n  hint: give it a default where it is used \(`spec\.n \?\? <default>`\)/);
      return true;
    },
  );
});
