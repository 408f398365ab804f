/**
 * `a || b` and `a && b` made text (`String(...)`, a template literal) with operands of different types: the
 * chosen operand's text, chosen by `a`'s truthiness, as JavaScript computes it (trial 17: `String(spec.flag ?? 'no')`
 * compiled while `String(spec.flag || 'no')` was refused, though `||` on a boolean means exactly its value).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';

interface Spec {
  flag: boolean;
  count: number;
  label: string;
}
const SPECS: Spec[] = [
  { flag: false, count: 0, label: '' },
  { flag: true, count: 5, label: 'x' },
  { flag: false, count: -2, label: 'false' },
  { flag: true, count: 0, label: '' },
];

test('|| and && made text choose the operand JavaScript chooses, each as its text', () => {
  const js = (spec: Spec) => ({
    or: String(spec.flag || 'no'),
    and: String(spec.flag && 'yes'),
    count: String(spec.count || 'none'),
    label: `${spec.label || 7}`,
    andCount: `${spec.count && spec.flag}`,
    nested: String(spec.flag || (spec.count || 'zero')),
  });
  const app = kubernetesComposition(
    {
      name: 'logical-text',
      kind: 'LogicalText',
      spec: type({ flag: 'boolean', count: 'number.integer', label: 'string' }),
      status: type({ or: 'string', and: 'string', count: 'string', label: 'string', andCount: 'string', nested: 'string' }),
    },
    (spec) => ({
      or: String(spec.flag || 'no'),
      and: String(spec.flag && 'yes'),
      count: String(spec.count || 'none'),
      label: `${spec.label || 7}`,
      andCount: `${spec.count && spec.flag}`,
      nested: String(spec.flag || (spec.count || 'zero')),
    }),
  );
  // simulate also holds the compiled CEL to the composition's JavaScript (its cross-check).
  for (const spec of SPECS) assert.deepEqual(simulate(app, spec).status, js(spec), JSON.stringify(spec));
});
