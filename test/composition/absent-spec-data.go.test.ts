/**
 * The CEL shapes the absent-spec-data rules emit mean the same in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's
 * environment, `schema` typed by the spec's OpenAPI schema) as in our engine, and what JavaScript gives:
 * a spec list index with a default (`l[?1].orValue(d)`), a length guard, a nested composition's optional
 * field read through the parent's optional field (`schema.spec.?n.orValue(2)`). Needs Go.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { answersAgree } from '../cel/compare.js';
import { answerWithEngine } from '../cel/ours.js';
import { parseAnswers, type OpenApiSchema, type TaggedJson, type Vector } from '../cel/vectors.js';

const ORACLE_DIR = fileURLToPath(new URL('../../tools/cel-oracle/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'typekro-absent-cel-'));
after(() => rmSync(work, { recursive: true, force: true }));

const schema: OpenApiSchema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { l: { type: 'array', items: { type: 'string' } }, n: { type: 'integer' } }, required: ['l'] } },
};

/** CEL, and the JavaScript it was compiled from (the expected value), per spec. */
const CASES: { cel: string; js: (spec: { l: string[]; n?: number }) => unknown }[] = [
  { cel: 'schema.spec.l[?1].orValue("none")', js: (s) => s.l[1] ?? 'none' },
  { cel: 'size(schema.spec.l) > 1 ? schema.spec.l[1] + "-x" : "none"', js: (s) => (s.l.length > 1 ? `${s.l[1]}-x` : 'none') },
  { cel: 'size(schema.spec.l) > 1 && schema.spec.l[1] == "b"', js: (s) => s.l[1] === 'b' },
  { cel: 'schema.spec.?n.orValue(2)', js: (s) => s.n ?? 2 },
  { cel: 'has(schema.spec.n)', js: (s) => s.n !== undefined },
];
const SPECS = [{ l: [] }, { l: ['a'] }, { l: ['a', 'b'], n: 3 }, { l: ['a', 'c', 'd'], n: 0 }];

test('cel-go, our engine and JavaScript agree on the absent-spec-data shapes', () => {
  const binary = join(work, 'cel-oracle');
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: ORACLE_DIR, encoding: 'utf8' });
  if (build.error) assert.fail(`go build tools/cel-oracle: ${build.error.message}`);
  assert.equal(build.status, 0, `go build tools/cel-oracle failed:\n${build.stderr}`);
  const vectors: Vector[] = CASES.flatMap(({ cel }, i) => SPECS.map((spec, j) => ({ id: `a-${i}-${j}`, expr: cel, vars: { schema: { spec } as TaggedJson }, schemas: { schema } })));
  const result = spawnSync(binary, [], { input: vectors.map((v) => JSON.stringify(v)).join('\n'), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const oracle = parseAnswers(result.stdout);
  const engine = createCelEngine();
  for (const vector of vectors) {
    const [, i, j] = vector.id.split('-').map(Number);
    const go = oracle.get(vector.id);
    const ours = answerWithEngine(engine, vector);
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(SPECS[j!])}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, 'value', `${vector.expr}: ${JSON.stringify(go)}`);
    assert.deepEqual(go.value, CASES[i!]!.js(SPECS[j!]!), `${vector.expr} on ${JSON.stringify(SPECS[j!])}`);
  }
});
