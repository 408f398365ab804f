/**
 * The CEL a parent's reads of a nested composition's defaulted and optional fields compile to
 * (nested-default-cases.ts: `schema.spec.?db.?size.orValue("small")`, `has(schema.spec.opt) ? ... : "std"`,
 * `o.hasValue() && o.value() == "large"`; nested-item-default-cases.ts: list items rebuilt with their defaults,
 * `schema.spec.ports.map(item, {"name": item.name, "port": item.?port.orValue(80)})`) means the same in KRO v0.9.4's cel-go (tools/cel-oracle) as in our
 * engine, on every spec of the cases (defaults applied, as the API server does). Our engine is held to
 * JavaScript by nested-defaults.test.ts. Needs Go.
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
import { nestedDefaultCases } from './nested-default-cases.js';
import { nestedItemDefaultCases } from './nested-item-default-cases.js';

test("cel-go and our engine agree on the parent's reads of a nested composition's defaulted fields", () => {
  const vectors: Vector[] = Object.entries({ ...nestedDefaultCases, ...nestedItemDefaultCases }).flatMap(([name, { composition, specs }]) => {
    const { graph } = composition as Composition<never, unknown>;
    const definition = concreteSourceOf(composition)!.definition;
    const schema = { type: 'object' as const, properties: { spec: openApiOf(graph.spec) } };
    return instanceExpressions(graph).flatMap((expr, i) =>
      specs!.map((spec, j) => ({ id: `${name}-${i}-${j}`, expr, vars: { schema: { spec: validateSpec(definition, graph, spec) as TaggedJson } }, schemas: { schema } })),
    );
  });
  assert.ok(vectors.length >= 60, `only ${vectors.length} vectors`);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, 'value', `${vector.expr} on ${JSON.stringify(vector.vars)}: ${JSON.stringify(go)}`);
  }
});
