/**
 * KRO's own cel-go (tools/cel-oracle: KRO v0.9.4's pkg/cel and environment) over a test's vectors, next to our
 * engine's answers: the one way the *.go tests hold the CEL we emit to what KRO makes of it. The oracle is
 * built from source for each call, into a temporary directory removed after it: a warm Go build cache makes
 * that seconds (a cold one minutes on 2 cores), and no binary of an older oracle is ever run. Needs Go ≥ 1.26:
 * without it the test fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { evaluateConcrete } from '../../src/index.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { answersAgree } from '../cel/compare.js';
import { answerWithEngine } from '../cel/ours.js';
import { parseAnswers, type Answer, type OpenApiSchema, type TaggedJson, type Vector } from '../cel/vectors.js';
import type { CaseInput } from '../differential/harness.js';

/** The oracle's Go module (its commands run here: `go list -m` answers for its dependencies). */
export const CEL_ORACLE_DIR = fileURLToPath(new URL('../../tools/cel-oracle/', import.meta.url));

/** Room for the answers of the largest runs (thousands of vectors, each answer a line of JSON). */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Builds the oracle into `binary`, failing the test with Go's own words when it cannot. */
export function buildCelOracle(binary: string): void {
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: CEL_ORACLE_DIR, encoding: 'utf8' });
  if (build.error) assert.fail(`go build tools/cel-oracle: ${build.error.message} (Go ≥ 1.26 is required for this test)`);
  assert.equal(build.status, 0, `go build tools/cel-oracle failed:\n${build.stderr}`);
}

/** cel-go's answer to each vector, by vector id. */
export function celGoAnswers(vectors: readonly Vector[]): Map<string, Answer> {
  const work = mkdtempSync(join(tmpdir(), 'typekro-cel-oracle-'));
  try {
    const binary = join(work, 'cel-oracle');
    buildCelOracle(binary);
    const result = spawnSync(binary, [], { input: vectors.map((v) => JSON.stringify(v)).join('\n'), encoding: 'utf8', maxBuffer: MAX_OUTPUT });
    if (result.error) assert.fail(`cel-oracle: ${result.error.message}`);
    assert.equal(result.status, 0, `cel-oracle failed:\n${result.stderr}`);
    return parseAnswers(result.stdout);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One vector with cel-go's answer (none if the oracle gave none) and our engine's. */
export interface BothAnswers<V extends Vector = Vector> {
  readonly vector: V;
  readonly go: Answer | undefined;
  readonly ours: Answer;
}

/** Each vector answered by cel-go and by our engine (one engine for all, as the runtime keeps one), in order. */
export function celGoAndOurs<V extends Vector>(vectors: readonly V[]): BothAnswers<V>[] {
  const oracle = celGoAnswers(vectors);
  const engine = createCelEngine({ integers: 'int64' }); // cel-go's exact ints: this compares with KRO, not JavaScript
  return vectors.map((vector) => ({ vector, go: oracle.get(vector.id), ours: answerWithEngine(engine, vector) }));
}

/** A status expression on one spec, with the value JavaScript gives the field (the concrete run). */
export interface StatusVector extends Vector {
  readonly js: unknown;
}

/**
 * One vector per status field compiled to a whole `${...}` expression, per spec of each case (`entry.specs`),
 * `schema` typed by `schema`; cases named in `skip` are left out (one that reads a resource has no value
 * here: its differential test holds it to JavaScript under every observed state).
 */
export function statusVectors(cases: Readonly<Record<string, CaseInput>>, schema: OpenApiSchema, skip: readonly string[] = []): StatusVector[] {
  const vectors: StatusVector[] = [];
  for (const [name, entry] of Object.entries(cases).filter(([name]) => !skip.includes(name))) {
    const rgd = parse((entry.composition as unknown as { toYaml(): string }).toYaml()) as { spec: { schema: { status: Record<string, string> } } };
    for (const [field, value] of Object.entries(rgd.spec.schema.status)) {
      const whole = /^\$\{(.*)\}$/s.exec(value);
      if (!whole || whole[1]!.includes('${')) continue;
      for (const [j, spec] of (entry.specs ?? []).entries()) {
        const js = (evaluateConcrete(entry.composition, spec as never).status as Record<string, unknown>)[field];
        vectors.push({ id: `${name}-${field}-${j}`, expr: whole[1]!, vars: { schema: { spec } as TaggedJson }, schemas: { schema }, js });
      }
    }
  }
  return vectors;
}

/** cel-go gives a value for each vector, our engine the same answer, and JavaScript the same value. */
export function assertStatusVectorsAgree(vectors: readonly StatusVector[]): void {
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.js, `${vector.id}: ${vector.expr}`);
  }
}

/** The oracle's JSON with its `{ $double: n }` tags read as JavaScript numbers (JavaScript has one number type). */
export function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value === null || typeof value !== 'object') return value;
  if ('$double' in value) return Number((value as { $double: unknown }).$double);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, untag(v)]));
}
