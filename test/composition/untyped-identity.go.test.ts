/**
 * The CEL the compiler makes for a search for a value of unknown type (trial 7 V17: `list.includes(v)`,
 * `list.indexOf(v)`, false / -1 when `v` is a list or a map, as JavaScript finds no other object), evaluated
 * by cel-go with KRO's environment (tools/cel-oracle) and by our engine on the same inputs: they must agree,
 * value for value, and give what JavaScript gives. test/differential/untyped-identity.test.ts holds our
 * engine to the concrete evaluation. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printCel } from '../../src/compile/cel/print.js';
import { isExprValue } from '../../src/ir/value.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { searchApp } from '../differential/fixtures/untyped-search.js';

const untypedSchema: OpenApiSchema = { type: 'object', properties: { status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } };
/** As KRO types the spec (`list: "[]object"`): items are objects, so only objects reach it; and untyped (dyn), which lets every kind in. */
const specSchema: OpenApiSchema = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' }, list: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } } };

const VALUES: readonly TaggedJson[] = [['x'], { k: 1 }, [], {}, 'x', 1];
const isObject = (v: TaggedJson): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

test('a search for a value of unknown type: cel-go (KRO\'s environment), our engine and JavaScript agree', () => {
  const status = searchApp.graph.status as Record<string, unknown>;
  const vectors: (Vector & { readonly js: unknown })[] = [];
  for (const field of ['found', 'at']) {
    const value = status[field];
    assert.ok(isExprValue(value), field);
    const expr = printCel(value.expr);
    VALUES.forEach((a, i) => {
      for (const [j, list] of [[structuredClone(a)], ['x', a], [{ k: 2 }, a], []].entries()) {
        // The spec and the cluster object are two JSON documents: no item of the list is the object `a` read from the other.
        const separate = structuredClone(list);
        const js = field === 'found' ? separate.includes(a) : separate.indexOf(a);
        const vars = { c: { status: { a } }, schema: { spec: { name: 'c', list } } };
        vectors.push({ id: `${field}-${i}-${j}-dyn`, expr, js, vars, schemas: { c: untypedSchema } });
        if (list.every(isObject)) vectors.push({ id: `${field}-${i}-${j}`, expr, js, vars, schemas: { c: untypedSchema, schema: specSchema } });
      }
    });
  }
  const wrong = celGoAndOurs(vectors).flatMap(({ vector, go, ours }) => {
    const agree = go && answersAgree(ours, go) && go.class === 'value' && go.value === vector.js;
    return agree ? [] : [`${vector.expr} on ${JSON.stringify(vector.vars)}: JavaScript ${JSON.stringify(vector.js)}, cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`];
  });
  assert.deepEqual(wrong, []);
});
