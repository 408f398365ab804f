/**
 * The CEL the compiler now makes for null and absent values of unknown type (`== null`, `=== undefined`,
 * `!x`, `a ?? b ?? c`, an index that may be absent or null), evaluated by cel-go with KRO's environment
 * (tools/cel-oracle) and by our engine on the same inputs: they must agree, value for value, and give what
 * JavaScript gives (the differential test test/differential/null-values.test.ts holds our engine to the
 * concrete evaluation). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { customResource, kubernetesComposition } from '../../src/index.js';
import { printCel } from '../../src/compile/cel/print.js';
import { isExprValue } from '../../src/ir/value.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';

const untypedSchema: OpenApiSchema = { type: 'object', properties: { status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } };
const specSchema: OpenApiSchema = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' }, o: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } };

const app = kubernetesComposition(
  {
    name: 'untyped-null-forms',
    apiVersion: 'nulls.typekro.dev/v1alpha1',
    kind: 'NullForms',
    spec: type({ name: /^[ -~]*$/, 'o?': 'unknown' }),
    status: type({ 'eq?': 'boolean', 'undef?': 'boolean', 'not?': 'boolean', 'chain?': 'unknown', 'pair?': 'unknown', 'sub?': 'string', 'at?': 'string', 'specEq?': 'boolean', 'specUndef?': 'boolean', 'specNull?': 'boolean', 'specSub?': 'string', 'specChain?': 'unknown' }),
  },
  (spec) => {
    const c = customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c' }, spec: { size: 1 } });
    const o = spec.o as { a?: unknown; b?: unknown; i?: number } | undefined;
    return {
      eq: c.status.a == null,
      undef: c.status.a === undefined,
      not: !c.status.a,
      chain: c.status.a ?? c.status.b ?? 'none',
      pair: c.status.a ?? c.status.b,
      sub: spec.name.substring(1, c.status.i as number),
      at: spec.name.charAt(c.status.i as number),
      specEq: o?.a == null,
      specUndef: o?.a === undefined,
      specNull: o?.a === null,
      specSub: spec.name.substring(1, o?.i as number),
      specChain: o?.a ?? o?.b ?? 'none',
    };
  },
);

const VALUES: readonly (TaggedJson | undefined)[] = [undefined, null, 0, '', false, 2, 'x'];
/** Index values stay numbers: an index of unknown type is trusted to be one (its `as number`); a string there is converted by JavaScript and not by CEL. */
const INDEXES: readonly (TaggedJson | undefined)[] = [undefined, null, 0, 2, 9, -1];
const defined = (entries: Record<string, TaggedJson | undefined>): Record<string, TaggedJson> => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Record<string, TaggedJson>;
const objects = (): Record<string, TaggedJson>[] => VALUES.flatMap((a, n) => VALUES.map((b) => defined({ a, b, i: INDEXES[n % INDEXES.length] })));

test('the compiled null tests over untyped data: cel-go (KRO\'s environment) and our engine agree', () => {
  const status = app.graph.status as Record<string, unknown>;
  const id = app.graph.resources[0]!.id;
  const vectors: Vector[] = [];
  for (const [field, value] of Object.entries(status)) {
    assert.ok(isExprValue(value), field);
    const expr = printCel(value.expr);
    objects().forEach((data, i) => {
      vectors.push({ id: `${field}-${i}`, expr, vars: { [id]: { status: data }, schema: { spec: { name: 'abcdef', o: data } } }, schemas: { [id]: untypedSchema, schema: specSchema } });
    });
  }
  const wrong = celGoAndOurs(vectors).flatMap(({ vector, go, ours }) => {
    return go && answersAgree(ours, go) && go.class === 'value' ? [] : [`${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`];
  });
  assert.deepEqual(wrong, []);
});
