/**
 * The CEL the once-refused constructs of expression-gap-cases.ts compile to type-checks in KRO's cel-go
 * (tools/cel-oracle, KRO v0.9.4's environment, `schema` typed by the spec's OpenAPI schema), gives what our
 * engine gives, and, for status fields, what JavaScript gives: list items chosen by a presence test, a folded
 * object's `["b-c"]`, `size(m.filter(k, ...))` over a spec map, `slice`-bounded `indexOf`/`lastIndexOf`, and
 * the `dyn(...)` choice of text or an integer, also where it stands in a Service's int-or-string `targetPort`
 * (whose field KRO types `dyn`, so any value's type is accepted there); and template-choice-cases.ts's choices made
 * text (`has(i.v) ? string(i.v) : ""`). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { evaluateConcrete } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { expressionGapCases } from './expression-gap-cases.js';
import { templateChoiceCases } from './template-choice-cases.js';

interface GapVector extends Vector {
  readonly js?: unknown;
}

interface Rgd {
  spec: { schema: { spec: Record<string, string>; status: Record<string, string> }; resources: { template: unknown }[] };
}

const text = { type: 'string' };
const int = { type: 'integer' };
/** The specs' OpenAPI schema: every case's fields, with the types their SimpleSchema gives. */
const schema: OpenApiSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        name: text, x: text, y: text, level: text, config: { type: 'object', additionalProperties: text },
        nums: { type: 'array', items: int }, words: { type: 'array', items: text }, from: int, opt: int,
        portName: text, port: int, named: { type: 'boolean' },
        n: int, flag: { type: 'boolean' }, on: { type: 'boolean' }, items: { type: 'array', items: { type: 'object', properties: { k: text, v: int } } },
      },
    },
  },
} as OpenApiSchema;

/** Every whole `${...}` string in a resource template. */
function templateExpressions(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const whole = /^\$\{(.*)\}$/s.exec(value);
    if (whole && !whole[1]!.includes('${')) out.push(whole[1]!);
  } else if (Array.isArray(value)) for (const item of value) templateExpressions(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) templateExpressions(item, out);
  return out;
}

test('cel-go, our engine and JavaScript agree on the CEL of the once-refused expressions', () => {
  const vectors: GapVector[] = [];
  for (const [name, entry] of Object.entries({ ...expressionGapCases, ...templateChoiceCases })) {
    const rgd = parse((entry.composition as unknown as { toYaml(): string }).toYaml()) as Rgd;
    for (const [j, spec] of (entry.specs ?? []).entries()) {
      const vars = { schema: { spec } as TaggedJson };
      const status = evaluateConcrete(entry.composition, spec as never).status as Record<string, unknown>;
      for (const [field, value] of Object.entries(rgd.spec.schema.status)) {
        const whole = /^\$\{(.*)\}$/s.exec(value);
        if (!whole || whole[1]!.includes('${')) continue;
        vectors.push({ id: `${name}-${field}-${j}`, expr: whole[1]!, vars, schemas: { schema }, js: status[field] });
      }
      for (const [k, expr] of rgd.spec.resources.flatMap((r) => templateExpressions(r.template)).entries()) vectors.push({ id: `${name}-resource${k}-${j}`, expr, vars, schemas: { schema } });
    }
  }
  assert.ok(vectors.length >= 200, `only ${vectors.length} vectors`);
  assert.ok(vectors.some((v) => v.expr.includes('dyn(8080)')), 'the targetPort choice is among the vectors');
  assert.ok(vectors.some((v) => v.id.startsWith('template-choice-a-') && v.expr.includes('? string(')), 'the template choices made text are among the vectors');
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    if ('js' in vector) assert.deepEqual(go.value, vector.js, `${vector.id}: ${vector.expr}`);
  }
});
