/**
 * The CEL an option JavaScript may leave `undefined` compiles to (`has(schema.spec.replicas) ? schema.spec.replicas
 * : omit()`, `size(schema.spec.items) > 2 ? schema.spec.items[2] : omit()`, the factory's default in place of
 * `omit()`, `c ? 3 : omit()`) means the same in KRO v0.9.4's cel-go (tools/cel-oracle) as in our engine, on
 * every spec of the cases, each field set and left out: `omit()` is KRO's sentinel on both sides. Our engine
 * is held to JavaScript by absent-reads.test.ts and absent-options.test.ts (the differential harness). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSpec } from '../../src/api/spec.js';
import { concreteSourceOf } from '../../src/composition/concrete-source.js';
import type { Composition } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { instanceExpressions, openApiOf } from '../support/instance-cel.js';
import { ABSENT_READ_SPECS, bareReads, missingItems } from './absent-read-cases.js';
import { rawOmitted, simpleDefaults } from './absent-option-cases.js';

const OPTION_SPECS = [true, false].flatMap((c) => [1, 3, 5].flatMap((r) => [{ name: 'a', c, r }, { name: 'a', c, r, o: 'always' }]));

test('cel-go and our engine agree on the options JavaScript may leave undefined, omit() included', () => {
  const cases = { bareReads: [bareReads, ABSENT_READ_SPECS], missingItems: [missingItems, ABSENT_READ_SPECS], simpleDefaults: [simpleDefaults, OPTION_SPECS], rawOmitted: [rawOmitted, OPTION_SPECS] } as const;
  const vectors: Vector[] = Object.entries(cases).flatMap(([name, [composition, specs]]) => {
    const { graph } = composition as unknown as Composition<never, unknown>;
    const definition = concreteSourceOf(composition as never)!.definition;
    const schema = { type: 'object' as const, properties: { spec: openApiOf(graph.spec) } };
    // The expressions this feature writes, choices (the other reads are plain, pending where absent: not these tests').
    const chosen = instanceExpressions(graph).filter((expr) => expr.includes(' ? '));
    return chosen.flatMap((expr, i) =>
      (specs as readonly Record<string, unknown>[]).map((spec, j) => ({ id: `${name}-${i}-${j}`, expr, vars: { schema: { spec: validateSpec(definition, graph, spec) as TaggedJson } }, schemas: { schema } })),
    );
  });
  const exprs = new Set(vectors.map((v) => v.expr));
  for (const expected of ['has(schema.spec.replicas) ? schema.spec.replicas : omit()', 'size(schema.spec.items) > 2 ? schema.spec.items[2] : omit()', 'has(schema.spec.policy) ? schema.spec.policy : "OnFailure"', 'schema.spec.c ? 3 : omit()']) {
    assert.ok(exprs.has(expected), `${expected} not among ${[...exprs].join('\n')}`);
  }
  let omitted = 0;
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, 'value', `${vector.expr} on ${JSON.stringify(vector.vars)}: ${JSON.stringify(go)}`);
    if (JSON.stringify(go.value) === '{"$omit":true}') omitted++;
  }
  // Both branches were taken: the field set, and left out.
  assert.ok(omitted > 0 && omitted < vectors.length, `${omitted} of ${vectors.length} omitted`);
});
