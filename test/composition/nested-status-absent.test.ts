/**
 * A nested composition's optional status field read as a value that may be absent: `c.status.ready ?? -1`,
 * `c.status.tier !== undefined`, `c.status.obj?.a ?? 'x'`. The parent compiled these as CEL optionals on the
 * handle, and inlining put the child's expression in the handle's place: `double(d.status.readyReplicas)
 * .orValue(-1.0)` and `schema.spec.tier.orValue("none")`, which no CEL engine compiles (direct mode called it a
 * TypeKro bug; KRO refuses the RGD). Now the child's value is read as an optional, empty where a field it reads
 * is absent (src/composition/nest-status-reads.ts); the differential harness holds it to JavaScript on every
 * spec and observed state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { absentParent as parent } from './fixtures/nested-status-absent.js';

test("a child's optional status fields read with ??, !== undefined and ?. compile, and mean what JavaScript means", () => {
  const yaml = parent.toYaml();
  assert.match(yaml, /ready: "\$\{\(cD\.\?status\.\?readyReplicas\.hasValue\(\) \? optional\.of\(double\(cD\.status\.readyReplicas\)\) : optional\.none\(\)\)\.orValue\(-1\.0\)\}"/);
  assert.match(yaml, /tier: \$\{schema\.\?spec\.\?tier\.orValue\("none"\)\}/);
  const specs = [
    { name: 'n', tier: 'gold', flag: true },
    { name: 'n', flag: true },
    { name: 'n', tier: '', flag: false },
  ];
  const report = runCase('absent-parent', { composition: parent as never, spec: specs[0]!, specs });
  assert.ok(report.evaluations >= specs.length);
  assert.deepEqual(report.findings, []);
});

test('a value the child computes from fields that may be absent (&&, ||, arithmetic) is never absent: JavaScript computes it, or it is pending', () => {
  const orChild = kubernetesComposition(
    { name: 'or-child', kind: 'OrChild', spec: type({ name: 'string', 'a?': 'string', 'b?': 'string' }), status: type({ 'either?': 'boolean', 'half?': 'number' }) },
    (spec) => {
      const d = Deployment({ name: spec.name, image: 'nginx' });
      return { either: spec.a === 'x' || spec.b === 'y', half: d.status.readyReplicas / 2 };
    },
  );
  const orParent = kubernetesComposition({ name: 'or-parent', kind: 'OrParent', spec: type({ name: 'string', 'a?': 'string' }), status: type({ either: 'boolean', half: 'number' }) }, (spec) => {
    const c = orChild({ name: spec.name, a: spec.a });
    return { either: c.status.either ?? false, half: c.status.half ?? -1 };
  });
  const specs = [{ name: 'n', a: 'x' }, { name: 'n' }];
  assert.deepEqual(runCase('or-parent', { composition: orParent as never, spec: specs[0]!, specs }).findings, []);
});
