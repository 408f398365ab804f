/**
 * A nested composition called over a constant list, one item given `undefined` by a choice the item decides
 * (trial 20 F2): `['a', 'b'].map((n) => child({ name: n, replicas: n === 'a' ? spec.r : undefined }))`. The
 * list is unrolled, so for `'b'` the value is `undefined` whatever the instance, as a literal `undefined` is:
 * the child's default applies, as in JavaScript (held to it in test/differential/nested-default-cases.ts). A
 * `null` there stays refused: the child's default would replace it, where JavaScript keeps `null`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const child = kubernetesComposition(
  { name: 'loop-child', kind: 'LoopChild', spec: type({ name: /^[a-z]+$/, replicas: 'number.integer = 2' }), status: type({ label: 'string' }) },
  (spec) => {
    Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    return { label: `${spec.name}x${spec.replicas}` };
  },
);
const definition = (name: string) => ({ name, kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()), spec: type({ r: 'number.integer' }), status: type({ labels: 'string' }) });

test('an item of a constant loop given undefined by its own choice gets the child default, as in JavaScript', () => {
  const parent = kubernetesComposition(definition('loop-undefined'), (spec) => {
    const kids = ['a', 'b'].map((n) => child({ name: n, replicas: n === 'a' ? spec.r : undefined }));
    return { labels: kids.map((k) => k.status.label).join(',') };
  });
  const specs = [{ r: 5 }, { r: 0 }];
  const report = runCase('loop-undefined', { composition: parent as never, spec: specs[0]!, specs });
  assert.deepEqual(report.findings, []);
  assert.match(parent.toYaml(), /labels: \$\{\["ax" \+ string\(schema\.spec\.r\), "bx" \+ string\(2\)\]\.join\(","\)\}/);
});

test('an item given null that way stays refused', () => {
  assert.equal(
    refusal(() =>
      kubernetesComposition(definition('loop-null'), (spec) => {
        const kids = ['a', 'b'].map((n) => child({ name: n, replicas: n === 'a' ? spec.r : (null as unknown as number) }));
        return { labels: kids.map((k) => k.status.label).join(',') };
      }),
    ),
    `${at("'loop-null'", "n === 'a' ?")}: \`undefined\`/\`null\` alone is not a value KRO can hold\n    n === 'a' ? spec.r : (null as unknown as number)\n  hint: leave the field out, or use a ternary with a real value`,
  );
});
