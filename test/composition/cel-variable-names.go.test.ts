/**
 * The renamed CEL variables (cel-variable-names.test.ts) parse, declare and evaluate in KRO's cel-go
 * (tools/cel-oracle, KRO v0.9.4's environment) as in our engine: every `${...}` of the RGDs below, with
 * `schema` typed by the spec's OpenAPI schema and each forEach iterator declared with its item type, as
 * KRO's builder declares iterators. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';

const listSpec = type({ app: 'string', names: 'string[]' });
const schema: OpenApiSchema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { app: { type: 'string' }, names: { type: 'array', items: { type: 'string' } } }, required: ['app', 'names'] } },
};
const SPEC = { app: 'shop', names: ['sales', 'x', 'audit'] };
const status = type({ v: 'string', n: 'number' });

/** Loop variables and callback parameters named like KRO's or CEL's own names (trial 6: G09, G10, G11). */
const COMPOSITIONS = [
  kubernetesComposition({ name: 'n-schema', kind: 'NSchema', spec: listSpec, status }, (spec) => {
    for (const schema of spec.names) ConfigMap({ name: `${spec.app}-${schema}`, data: { app: spec.app, schema } });
    return { v: spec.names.map((schema) => `${spec.app}.${schema}`).join(','), n: spec.names.length };
  }),
  kubernetesComposition({ name: 'n-type', kind: 'NType', spec: listSpec, status }, (spec) => {
    for (const type of spec.names) ConfigMap({ name: `${spec.app}-${type}`, data: { type } });
    for (const map of spec.names) ConfigMap({ name: `m-${map}`, data: { map } });
    return { v: spec.names.map((int) => `${int}!`).join(','), n: spec.names.filter((string) => string !== 'x').length };
  }),
  kubernetesComposition({ name: 'n-reserved', kind: 'NReserved', spec: listSpec, status }, (spec) => {
    for (const each of spec.names) ConfigMap({ name: `e-${each}`, data: { each } });
    ConfigMap({ name: 'c', data: { all: spec.names.map((namespace) => `ns-${namespace}`).join(',') } });
    return { v: spec.names.map((namespace) => `ns-${namespace}`).join(','), n: spec.names.filter((as) => as !== 'x').filter((loop) => loop !== '').length };
  }),
];

interface RgdResource { forEach?: Record<string, string>[]; template: unknown }

/** Each `${...}` of the RGD with the iterators it may read bound to the spec list's first item. */
function vectorsOf(yaml: string, prefix: string): Vector[] {
  const rgd = parse(yaml) as { spec: { resources: RgdResource[]; schema: { status: Record<string, string> } } };
  const scopes = [
    { iterators: [] as string[], text: JSON.stringify(rgd.spec.schema.status) },
    ...rgd.spec.resources.map((r) => ({ iterators: (r.forEach ?? []).flatMap((d) => Object.keys(d)), text: JSON.stringify(r.template) })),
  ];
  return scopes.flatMap(({ iterators, text }, s) => [...text.matchAll(/\$\{([^}]*)\}/g)].map((match, e) => ({
    id: `${prefix}-${s}-${e}`,
    expr: JSON.parse(`"${match[1]!}"`) as string,
    vars: { schema: { spec: SPEC } as TaggedJson, ...Object.fromEntries(iterators.map((name) => [name, SPEC.names[0]!])) },
    schemas: { schema },
    ...(iterators.length > 0 && { types: Object.fromEntries(iterators.map((name) => [name, 'string'])) }),
  })));
}

test("renamed iterators and comprehension variables: KRO's cel-go and our engine agree, and both evaluate", () => {
  const vectors = COMPOSITIONS.flatMap((app, i) => vectorsOf(app.toYaml(), `c${i}`));
  const exprs = vectors.map((v) => v.expr).join('\n');
  for (const renamed of ['schemaItem', 'typeItem', 'mapItem', 'intItem', 'stringItem', 'eachItem', 'namespaceItem', 'asItem', 'loopItem']) assert.ok(exprs.includes(renamed), `${renamed} in\n${exprs}`);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.expr}: cel-go ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.expr}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
  }
});
