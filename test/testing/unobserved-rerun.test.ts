/**
 * `unobservedValues` come from running the composition function again with each unobserved resource observed
 * without a status (composition/concrete.ts valuesWithoutStatus). That run cannot fail where the first did not
 * (its observed objects are the first run's resources; what would throw on an absent value is refused at
 * definition), so an error there is a bug: it is thrown. It used to be swallowed, and the first run's values,
 * computed on placeholders (`missing ? a : b` is `a`), were returned as the values a cluster may show.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, TypeKroError } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runConcrete } from '../../src/composition/concrete.js';
import { attachConcreteSource, concreteSourceOf } from '../../src/composition/concrete-source.js';

const app = kubernetesComposition(
  { name: 'rerun', kind: 'Rerun', spec: type({ name: 'string' }), status: type({ phase: 'string' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx' });
    return { phase: web.status.readyReplicas ? 'serving' : 'starting' };
  },
);
const input = { spec: { name: 'a' }, observed: new Map(), instance: { name: 'a' } };

test('the value with the resource there without a status, not the placeholder\'s answer', () => {
  // On the placeholder (truthy) JavaScript says 'serving'; with the Deployment there without a status, 'starting'.
  assert.deepEqual(evaluateConcrete(app, { name: 'a' }).unobservedValues, { phase: 'starting' });
});

test('an error in the second run is thrown, not replaced by the first run\'s values', () => {
  const source = concreteSourceOf(app);
  assert.ok(source?.form === 'composition');
  let calls = 0;
  const failing = attachConcreteSource({}, {
    ...source,
    compose: (spec, instance) => {
      calls += 1;
      if (calls === 2) throw new Error('second run failed');
      return source.compose(spec, instance);
    },
  });
  // The composition's own error, reported with its place (concrete-throws.ts) and kept as the cause.
  assert.throws(() => runConcrete(failing, app.graph, input), (error: unknown) => {
    assert.ok(error instanceof TypeKroError);
    assert.match(error.message, /: its JavaScript throws for this spec and cluster state \(Error: second run failed\)/);
    assert.ok(error.cause instanceof Error && error.cause.message === 'second run failed');
    return true;
  });
  assert.equal(calls, 2);
});
