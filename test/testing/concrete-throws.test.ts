/**
 * A composition whose own JavaScript throws for a spec (`spec.tags![0]` with `tags` left out): evaluateConcrete
 * and simulate report it as a TypeKroError naming the line that threw and what it threw (trial 21 F10: a bare
 * TypeError with no code, file or way out), and keep the cause.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, TypeKroError } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn, where } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);

const tags = kubernetesComposition(
  { name: 'first-tag', kind: 'FirstTag', spec: type({ name: 'string', 'tags?': 'string[]' }), status: type({ first: 'string' }) },
  (spec) => ({ first: spec.tags![0]! }),
);

test("the composition's own JavaScript throwing is reported with the line that threw", () => {
  const place = where(locate("'first-tag'", 'tags![0]!'));
  const expected = (error: unknown): boolean => {
    assert.ok(error instanceof TypeKroError);
    assert.equal(error.code, 'DEFINITION_INVALID');
    assert.equal(
      error.message,
      `${place}: composition "first-tag": its JavaScript throws for this spec and cluster state (TypeError: Cannot read properties of undefined (reading '0')); a deploy's CEL would wait or fail where JavaScript throws\n  hint: guard what may be missing there (\`x?.[0] ?? <default>\`, a test around it), or give the spec field a default`,
    );
    assert.ok(error.cause instanceof TypeError);
    return true;
  };
  assert.throws(() => evaluateConcrete(tags, { name: 'a' }), expected);
  assert.throws(() => simulate(tags, { name: 'a' }), expected);
  assert.deepEqual(evaluateConcrete(tags, { name: 'a', tags: ['x'] }).status, { first: 'x' });
});
