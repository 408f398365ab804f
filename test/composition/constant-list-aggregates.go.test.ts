/**
 * The CEL of aggregates over resources made over a constant list (trial 8 T10) type-checks in KRO's cel-go
 * (tools/cel-oracle, KRO v0.9.4's environment) with each resource typed by its own schema, as KRO types a
 * resource (each its own named type: a list literal of two of them is one cel-go has to join), and gives what
 * our engine and JavaScript give once both Deployments are observed. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConcrete } from '../../src/index.js';
import { printCel } from '../../src/compile/cel/print.js';
import { isExprValue } from '../../src/ir/value.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { perEnvDeployments } from '../differential/constant-list-cases.js';

const int = { type: 'integer' };
const deploymentSchema = {
  type: 'object',
  properties: {
    metadata: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
    spec: { type: 'object', properties: { replicas: int } },
    status: { type: 'object', properties: { replicas: int, readyReplicas: int, availableReplicas: int } },
  },
} as OpenApiSchema;
const specSchema = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' }, replicas: int } }, metadata: { type: 'object', properties: { name: { type: 'string' } } } } } as OpenApiSchema;

const spec = { name: 'web', replicas: 3 };
const deployment = (name: string, ready: number | undefined): TaggedJson => ({
  metadata: { name, namespace: 'default' },
  spec: { replicas: 2 },
  status: ready === undefined ? { replicas: 2 } : { replicas: 2, readyReplicas: ready, availableReplicas: ready },
});

test('aggregates over a constant list type-check in KRO\'s cel-go and agree with our engine and JavaScript', () => {
  // `n` (`ds.length`) is the number 2 itself, no expression.
  const status = perEnvDeployments.graph.status as Record<string, unknown>;
  assert.equal(status.n, 2);
  const fields = Object.entries(status).flatMap(([field, value]) => (isExprValue(value) ? [[field, printCel(value.expr)] as const] : []));
  assert.deepEqual(fields.map(([field]) => field), ['ready', 'any', 'names', 'readyCount', 'first']);
  const states: [number | undefined, number | undefined][] = [[2, 2], [2, undefined], [undefined, 3], [1, 2]];
  const vectors: Vector[] = fields.flatMap(([field, expr]) =>
    states.map(([dev, prod], n) => ({
      id: `${field}-${n}`,
      expr,
      vars: { ds: deployment('web-dev', dev), deployment: deployment('web-prod', prod), schema: { spec, metadata: { name: 'web' } } },
      schemas: { ds: deploymentSchema, deployment: deploymentSchema, schema: specSchema },
    })),
  );
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `our engine and cel-go differ on ${vector.expr}: ${JSON.stringify(ours)} / ${JSON.stringify(go)}`);
    const [field, n] = vector.id.split('-') as [string, string];
    const observed = new Map(Object.entries(vector.vars!).filter(([id]) => id !== 'schema').map(([id, object]) => [id, object as object]));
    const js = evaluateConcrete(perEnvDeployments, spec as never, { observed, name: 'web', namespace: 'default' }).status as Record<string, unknown>;
    assert.deepEqual(go.value, js[field], `${field} in state ${n}: ${vector.expr}`);
  }
});
