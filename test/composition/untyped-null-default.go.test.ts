/**
 * `x ?? d` over an untyped field (x-kubernetes-preserve-unknown-fields: a spec `unknown`/record field, an
 * untyped custom resource's status) that holds JSON null: JavaScript gives `d`. KRO keeps a null in an untyped
 * part (`UnstructuredToVal` types nothing there), and CEL's optional keeps it too: `x.?f.orValue(d)` is null
 * in cel-go (tools/cel-oracle, KRO v0.9.4's environment) as in our engine. So `??` over an untyped value
 * compiles to a test for null as well (`dyn(x.?f).orValue(null) == null ? d : x.?f.orValue(d)`), which both
 * engines answer as JavaScript does for null, absent and present values of every JSON kind; `dyn(...)` keeps it
 * valid where KRO knows the field's type (cel-go refuses `orValue(null)` on `optional(string)`). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';

const schema: OpenApiSchema = { type: 'object', properties: { status: { type: 'object', properties: { values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } };
const OLD = 'cr.?status.?values.?level.orValue("d")';
const NEW = 'dyn(cr.?status.?values.?level).orValue(null) == null ? "d" : cr.?status.?values.?level.orValue("d")';
/** The same over a field KRO types (a string), where our compiler sees an untyped handle (a YAML file's ConfigMap). */
const typed: OpenApiSchema = { type: 'object', properties: { status: { type: 'object', properties: { values: { type: 'object', additionalProperties: { type: 'string' } } } } } };
const TYPED_LEVELS: { readonly values: Record<string, TaggedJson> }[] = [{ values: { level: 'x' } }, { values: {} }];
const LEVELS: { readonly values: Record<string, TaggedJson> }[] = [{ values: { level: null } }, { values: {} }, { values: { level: 'x' } }, { values: { level: 0 } }, { values: { level: false } }, { values: { level: { a: 1 } } }];
const js = (values: Record<string, TaggedJson>): TaggedJson => (values.level as TaggedJson | undefined) ?? 'd';

test('`??` over an untyped field holding null: cel-go, our engine and JavaScript agree on the compiled null test', () => {
  const vectors: Vector[] = [
    ...[OLD, NEW].flatMap((expr, i) => LEVELS.map((status, j) => ({ id: `n-${i}-${j}`, expr, vars: { cr: { status } }, schemas: { cr: schema } }))),
    ...TYPED_LEVELS.map((status, j) => ({ id: `t-${j}`, expr: NEW, vars: { cr: { status } }, schemas: { cr: typed } })),
  ];
  const answers = celGoAndOurs(vectors).map(({ vector, go, ours }) => {
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    return go.value;
  });
  // the plain optional keeps the null (what `??` compiled to before); the null test gives JavaScript's answer
  assert.deepEqual(answers.slice(0, LEVELS.length), [null, 'd', 'x', 0, false, { a: 1 }]);
  assert.deepEqual(answers.slice(LEVELS.length, 2 * LEVELS.length), LEVELS.map((status) => js(status.values)));
  assert.deepEqual(answers.slice(2 * LEVELS.length), ['x', 'd']);
});
