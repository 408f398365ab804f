/**
 * The optional reads of a nested composition's status (nested-status-absent.test.ts) in KRO's own cel-go
 * (tools/cel-oracle, KRO v0.9.4's environment, the instance's spec and the Deployment typed by their schemas):
 * KRO's checker takes `schema.?spec.?tier` and the guarded `optional.of(double(...))`, and cel-go, our engine
 * and JavaScript give the same status on every spec and observed Deployment. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { evaluateConcrete } from '../../src/index.js';
import type { OpenApiSchema, TaggedJson } from '../cel/vectors.js';
import { answersAgree } from '../cel/compare.js';
import { celGoAndOurs, untag } from '../support/cel-oracle.js';
import { absentParent } from './fixtures/nested-status-absent.js';

const specSchema = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' }, tier: { type: 'string' }, flag: { type: 'boolean' } } } } } as OpenApiSchema;
const deploymentSchema = { type: 'object', properties: { status: { type: 'object', properties: { readyReplicas: { type: 'integer' } } } } } as OpenApiSchema;

test("a child's optional status read as absent: cel-go, our engine and JavaScript agree", () => {
  const status = (parse(absentParent.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  const specs = [{ name: 'n', tier: 'gold', flag: true }, { name: 'n', flag: true }, { name: 'n', tier: '', flag: false }];
  const deployments: readonly Record<string, TaggedJson>[] = [{ status: { readyReplicas: 3 } }, { status: {} }, {}];
  const vectors = specs.flatMap((spec, i) =>
    deployments.flatMap((cD, j) =>
      Object.entries(status)
        .filter(([, text]) => text.startsWith('${') && text.endsWith('}'))
        .map(([field, text]) => ({ id: `${field}-${i}-${j}`, field, spec, cD, expr: text.slice(2, -1), vars: { schema: { spec } as TaggedJson, cD: cD as TaggedJson }, schemas: { schema: specSchema, cD: deploymentSchema } })),
    ),
  );
  assert.ok(vectors.length >= 60);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    const js = (evaluateConcrete(absentParent, vector.spec, { observed: { cD: vector.cD } }).status as Record<string, unknown>)[vector.field];
    const context = `${vector.id}: ${vector.expr}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}, JavaScript ${JSON.stringify(js)}`;
    assert.ok(go && answersAgree(ours, go), context);
    if (js === undefined) assert.notEqual(go.class, 'value', context);
    else assert.deepEqual([go.class, untag(go.value)], ['value', js], context);
  }
});
