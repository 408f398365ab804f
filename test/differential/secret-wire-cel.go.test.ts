/**
 * A Secret's whole-map `stringData` (composition/secret-wire.ts) is IR now, printed like every other
 * expression: `dyn(m.transformMap(k, v, base64.encode(bytes(v))))`. It used to be CEL text written beside the
 * IR, `dyn((m).transformMap(...))`. The two texts mean the same: KRO's cel-go (tools/cel-oracle, KRO v0.9.4's
 * environment) and our engine give each the same answer on the same maps, and that answer is what the API
 * server stores for `stringData` (each value's UTF-8 bytes in base64, every key kept). And the forms an
 * optional spec value takes (`c ? dyn(...) : omit()`, the `data` key kept), which the former text encoded
 * as the sentinel itself and failed on: cel-go and our engine agree on each (differential.test.ts holds our
 * engine to JavaScript on the same case). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { E, type Expr } from '../../src/ir/expr.js';
import type { ResourceNode } from '../../src/ir/graph.js';
import { exprValue, isExprValue } from '../../src/ir/value.js';
import { printCel } from '../../src/compile/cel/print.js';
import { secretWireForm } from '../../src/composition/secret-wire.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { extraCases } from './extra-cases.js';

const creds = { type: 'object', additionalProperties: { type: 'string' } };
const schema = { type: 'object', properties: { spec: { type: 'object', properties: { on: { type: 'boolean' }, creds, other: creds } } } } as OpenApiSchema;

/** The `data` CEL secret-wire writes today for `stringData: <map>`. */
function newText(map: Expr): string {
  const node: ResourceNode = { id: 's', apiVersion: 'v1', kind: 'Secret', template: { apiVersion: 'v1', kind: 'Secret', stringData: exprValue(map) }, readyWhen: [], includeWhen: [], forEach: [], dependsOn: [] };
  const data = (secretWireForm(node).template as { data?: unknown }).data;
  assert.ok(isExprValue(data as never), 'data is an expression');
  return printCel((data as { expr: Expr }).expr);
}

/** The text it wrote before (the former `encodedMap`, kept here as the reference). */
const oldText = (map: Expr): string => `dyn((${printCel(map)}).transformMap(k, v, base64.encode(bytes(v))))`;

const spec = (field: string): Expr => E.path('schema', 'spec', field);
const targets: Readonly<Record<string, Expr>> = {
  path: spec('creds'),
  choice: E.cond(spec('on'), spec('creds'), spec('other')),
  literal: E.map([{ key: E.str('fixed'), value: E.str('héllo') }]),
};

const maps: readonly Record<string, string>[] = [
  {},
  { USER: 'me', PASSWORD: 'hunter2' },
  { 'tls.crt': 'héllo wörld', 'a-b_c': '', emoji: '🔑 x\u0000y', long: 'x'.repeat(300) },
  { k: 'v', v: 'k' },
];

/** What the API server stores for `stringData: map`. */
const stored = (map: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(map).map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')]));

test('the printed IR is the former text without the parentheses the IR printer does not need', () => {
  assert.equal(newText(targets['path']!), 'dyn(schema.spec.creds.transformMap(k, v, base64.encode(bytes(v))))');
  assert.equal(oldText(targets['path']!), 'dyn((schema.spec.creds).transformMap(k, v, base64.encode(bytes(v))))');
  // A target of lower precedence keeps its parentheses: the two texts are the same.
  assert.equal(newText(targets['choice']!), oldText(targets['choice']!));
});

test('cel-go and our engine give the former and the new text the same answer, the base64 the API server stores', () => {
  const vectors: (Vector & { want: Record<string, string> })[] = [];
  for (const [name, target] of Object.entries(targets)) {
    for (const [i, map] of maps.entries()) {
      for (const on of [true, false]) {
        const vars = { schema: { spec: { on, creds: map, other: { other: 'x' } } } as TaggedJson };
        const chosen = name === 'literal' ? { fixed: 'héllo' } : name === 'choice' && !on ? { other: 'x' } : map;
        for (const [form, expr] of [['old', oldText(target)], ['new', newText(target)]] as const) {
          vectors.push({ id: `${name}-${i}-${on}-${form}`, expr, vars, schemas: { schema }, want: stored(chosen) });
        }
      }
    }
  }
  const answers = celGoAndOurs(vectors);
  assert.equal(answers.length, 48);
  for (const { vector, go, ours } of answers) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.want, `${vector.id}: ${vector.expr}`);
  }
  // Old and new, side by side: the same answer from each engine.
  const byId = new Map(answers.map((answer) => [answer.vector.id, answer]));
  for (const { vector, go, ours } of answers.filter((answer) => answer.vector.id.endsWith('-new'))) {
    const before = byId.get(vector.id.replace(/-new$/, '-old'))!;
    assert.deepEqual([go?.value, ours.value], [before.go?.value, before.ours.value], vector.id);
  }
});

test('an optional value left out: every data expression of extra-secret-absent means in cel-go what it means in our engine', () => {
  const { composition, specs } = extraCases['extra-secret-absent']!;
  const rgd = parse((composition as unknown as { toYaml(): string }).toYaml()) as { spec: { resources: { id: string; template: { data?: unknown } }[] } };
  const exprs: [string, string][] = [];
  for (const { id, template } of rgd.spec.resources) {
    const fields = typeof template.data === 'string' ? { whole: template.data } : ((template.data ?? {}) as Record<string, string>);
    for (const [key, value] of Object.entries(fields)) {
      const whole = /^\$\{(.*)\}$/s.exec(value);
      if (whole) exprs.push([`${id}.${key}`, whole[1]!]);
    }
  }
  assert.equal(exprs.length, 6);
  const absentSchema = { type: 'object', properties: { spec: { type: 'object', properties: { creds, pw: { type: 'string' }, raw: { type: 'string' }, on: { type: 'boolean' } } } } } as OpenApiSchema;
  const vectors: Vector[] = exprs.flatMap(([name, expr]) => specs!.map((spec, j) => ({ id: `${name}-${j}`, expr, vars: { schema: { spec } as TaggedJson }, schemas: { schema: absentSchema } })));
  const answers = celGoAndOurs(vectors);
  for (const { vector, go, ours } of answers) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
  }
  // Left out where JavaScript leaves it out: the sentinel as a whole value, never encoded.
  const omitted = answers.filter(({ go }) => JSON.stringify(go?.value) === '{"$omit":true}').map(({ vector }) => vector.id).sort();
  assert.deepEqual(omitted, ['choice.pw-0', 'given.raw-0', 'given.raw-1', 'given.raw-3', 'key.pw-0', 'key.pw-1', 'whole.whole-0', 'whole.whole-1'].sort());
});
