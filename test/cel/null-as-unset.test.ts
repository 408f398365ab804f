/**
 * Issue 10, A10: a JSON null in an observed object. JavaScript's `x ?? d` and `x?.f` treat null like
 * undefined; KRO types observed objects by their OpenAPI schema (`UnstructuredToVal`), where a null field
 * is not set, so the compiled `x.?f.orValue(d)` gives the default. Direct mode converts observed objects
 * the same way (`openApiToCel`). The expected values are JavaScript's, and the cel-oracle (KRO v0.9.4's
 * environment, same schema and data) answered the same: -1, "none", false.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCelEngine, openApiToCel, type OpenApiSchema } from '../../src/runtime/cel/index.js';

const schema: OpenApiSchema = {
  type: 'object',
  properties: {
    status: {
      type: 'object',
      properties: {
        readyReplicas: { type: 'integer' },
        conditions: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, reason: { type: 'string' } } } },
      },
    },
  },
};
const observed = { status: { readyReplicas: null, conditions: [{ type: 'A', reason: null }] } };

test('a JSON null in a typed observed object reads as not set, so `??` and `?.` give the JavaScript default', () => {
  const cel = createCelEngine();
  const web = openApiToCel(schema, observed);
  const js = observed.status as { readyReplicas: number | null; conditions: { reason: string | null }[] };
  const cases: [string, unknown][] = [
    ['web.status.?readyReplicas.orValue(-1)', BigInt(js.readyReplicas ?? -1)],
    ['web.status.?conditions[?0].?reason.orValue("none")', js.conditions?.[0]?.reason ?? 'none'],
    ['web.status.?readyReplicas.orValue(0) > 0', (js.readyReplicas ?? 0) > 0],
    ['has(web.status.readyReplicas)', false],
  ];
  for (const [expr, expected] of cases) {
    assert.deepEqual(cel.evaluate(cel.compile(expr, { variables: ['web'] }), { web }), { kind: 'value', value: expected }, expr);
  }
});
