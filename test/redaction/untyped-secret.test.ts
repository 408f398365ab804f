/**
 * A secret read from inside an untyped spec field (`'Record<string, unknown>'`) is that field, not its whole
 * parent: the read goes through the test that the parent is a map (src/ir/untyped-target.ts), which the secret
 * flow sees through (review 43: before, `cfg.a` was secret whole and unrelated values were redacted).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Secret } from '../../src/simple.js';
import { redactorFor, redactStatus, sensitivePaths } from '../../src/api/sensitive.js';

type Fields = { b?: string; c?: string; d?: string };

const app = kubernetesComposition(
  { name: 'untyped-secret', kind: 'UntypedSecret', spec: type({ name: 'string', cfg: 'Record<string, unknown>' }), status: type({ pw: 'string', other: 'string', n: 'string' }) },
  (spec) => {
    const a = spec.cfg.a as Fields;
    Secret({ name: `${spec.name}-s`, stringData: { pw: a.b ?? 'none' } });
    ConfigMap({ name: a.c ?? 'cm', data: { x: 'y' } });
    return { pw: a.b ?? 'none', other: a.d ?? 'none', n: a.c ?? 'cm' };
  },
);

test('only the field a Secret holds is secret, when it is read through an untyped value', () => {
  assert.deepEqual(sensitivePaths(app.graph), [['cfg', 'a', 'b']]);
  const spec = { name: 'n', cfg: { a: { b: 'hunter2', c: 'cmname', d: 'public-value' } } };
  assert.equal(redactorFor(app.graph, spec).text('b=hunter2 c=cmname d=public-value'), 'b=[redacted] c=cmname d=public-value');
  assert.deepEqual(redactStatus(app.graph, { pw: 'hunter2', other: 'public-value', n: 'cmname' }), { pw: '[redacted]', other: 'public-value', n: 'cmname' });
});
