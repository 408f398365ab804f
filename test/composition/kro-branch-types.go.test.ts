/**
 * Branches and defaults of different cel-go types (trial 7 V25, V27, V28, V29): the compiled CEL must
 * type-check in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's environment, `schema` typed by the spec's
 * OpenAPI schema as KRO types it: an object with properties is its own named type) and give what
 * JavaScript gives (evaluateConcrete); our engine must agree with cel-go. Needs Go.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evaluateConcrete } from '../../src/index.js';
import { printCel } from '../../src/compile/cel/print.js';
import { isExprValue } from '../../src/ir/value.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { answersAgree } from '../cel/compare.js';
import { answerWithEngine } from '../cel/ours.js';
import { parseAnswers, type OpenApiSchema, type TaggedJson, type Vector } from '../cel/vectors.js';
import { conditionDefault, kroBranchTypes, SPECS } from './fixtures/kro-branch-types.js';
import { untag } from '../support/cel-oracle.js';

const ORACLE_DIR = fileURLToPath(new URL('../../tools/cel-oracle/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'typekro-kro-branch-types-'));
after(() => rmSync(work, { recursive: true, force: true }));

const str = { type: 'string' };
const int = { type: 'integer' };
const limits = { type: 'object', properties: { cpu: str, memory: str } };
const ports = { type: 'array', items: { type: 'object', properties: { name: str, port: int } } };
const specSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        listeners: ports, tls: { type: 'boolean' }, prod: { type: 'boolean' }, n: int, f: { type: 'number' },
        scaling: { type: 'object', properties: { replicas: int, image: str } },
        override: limits, defaults: limits, prodLimits: limits, devLimits: limits, httpPorts: ports, tlsPorts: ports,
        zones: { type: 'object', additionalProperties: str }, shard: int,
      },
    },
  },
} as OpenApiSchema;
const deploymentSchema = {
  type: 'object',
  properties: { status: { type: 'object', properties: { conditions: { type: 'array', items: { type: 'object', properties: { type: str, status: str, reason: str } } } } } },
} as OpenApiSchema;

function oracle(vectors: readonly Vector[]): ReturnType<typeof parseAnswers> {
  const binary = join(work, 'cel-oracle');
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: ORACLE_DIR, encoding: 'utf8' });
  if (build.error) assert.fail(`go build tools/cel-oracle: ${build.error.message}`);
  assert.equal(build.status, 0, `go build tools/cel-oracle failed:\n${build.stderr}`);
  const result = spawnSync(binary, [], { input: vectors.map((v) => JSON.stringify(v)).join('\n'), encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(result.status, 0, result.stderr);
  return parseAnswers(result.stdout);
}

function statusCel(status: unknown): [string, string][] {
  return Object.entries(status as Record<string, unknown>).map(([field, value]) => {
    assert.ok(isExprValue(value), field);
    return [field, printCel(value.expr)];
  });
}

test('object, list and map branches and defaults type-check in KRO\'s cel-go and give JavaScript\'s value', () => {
  const fields = statusCel(kroBranchTypes.graph.status);
  const vectors: Vector[] = fields.flatMap(([, expr], i) => SPECS.map((spec, j) => ({ id: `b-${i}-${j}`, expr, vars: { schema: { spec } as TaggedJson }, schemas: { schema: specSchema } })));
  const answers = oracle(vectors);
  const engine = createCelEngine();
  for (const vector of vectors) {
    const [, i, j] = vector.id.split('-').map(Number);
    const [field] = fields[i!]!;
    const go = answers.get(vector.id);
    assert.equal(go?.class, 'value', `${field}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(answerWithEngine(engine, vector), go), `${field}: our engine and cel-go differ on ${vector.expr}`);
    const js = evaluateConcrete(kroBranchTypes, SPECS[j!] as never).status as Record<string, unknown>;
    assert.deepEqual(untag(go.value), js[field], `${field}: ${vector.expr} on ${JSON.stringify(SPECS[j!])}`);
  }
});

test('a default condition object beside a Deployment\'s conditions type-checks in KRO\'s cel-go (V29)', () => {
  const [[, expr]] = statusCel(conditionDefault.graph.status) as [[string, string]];
  const id = conditionDefault.graph.resources[0]!.id;
  const cases: [TaggedJson, string][] = [
    [{}, 'Unknown'],
    [{ status: { conditions: [{ type: 'Progressing', status: 'True' }] } }, 'Unknown'],
    [{ status: { conditions: [{ type: 'Available', status: 'False' }] } }, 'False'],
  ];
  const vectors: Vector[] = cases.map(([web], n) => ({ id: `c-${n}`, expr, vars: { [id]: web, schema: { spec: { name: 'w' } } }, schemas: { [id]: deploymentSchema } }));
  const answers = oracle(vectors);
  cases.forEach(([, expected], n) => assert.deepEqual(answers.get(`c-${n}`), { id: `c-${n}`, class: 'value', type: 'string', value: expected }, expr));
});
