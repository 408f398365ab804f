/**
 * The CEL the compiler emits for generated programs means the same in KRO's cel-go as in our engine: the
 * expressions of generated programs that read only the instance (status fields, manifest fields,
 * includeWhen conditions, forEach sources) are evaluated on several specs by tools/cel-oracle (KRO v0.9.4's
 * own pkg/cel, with `schema` typed by the spec's OpenAPI schema as KRO types it) and by
 * createCelEngine({ integers: 'int64' }), and every answer must agree (test/cel/compare.ts's rule: class, CEL type and value).
 * Needs Go ≥ 1.26 (fails without it); a warm Go build cache builds the oracle in seconds.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { answersAgree } from '../cel/compare.js';
import type { Answer, OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { instanceExpressions, openApiOf } from '../support/instance-cel.js';
import { specPool } from './generated-spec.js';
import { programArb } from './generated-programs.js';
import { defineBatch, generatedDir } from './generated-run.js';

const SEED = Number(process.env.TYPEKRO_GEN_SEED ?? 20261204);
const MIN_EXPRESSIONS = 200;
/** Issue 10 point 3: at least 200 generated programs go through the oracle (each gives one expression or more). */
const MIN_PROGRAMS = 200;
const SPECS_PER_EXPRESSION = 3;
const dir = generatedDir();
after(() => rmSync(dir, { recursive: true, force: true }));

/** CEL functions and macros the compiler emits for the README's table, counted in the diagnostics. */
const CEL_FUNCTIONS = ['substring', 'charAt', 'lowerAscii', 'upperAscii', 'trim', 'split', 'replace', 'indexOf', 'lastIndexOf', 'contains', 'startsWith', 'endsWith', 'join', 'exists', 'all', 'filter', 'map', 'max', 'min', 'size', 'string', 'int', 'double', 'orValue', 'has', 'sort', 'reverse', 'base64.encode', 'bytes'];

test(`CEL of generated programs: KRO's cel-go agrees with our engine (at least ${MIN_PROGRAMS} programs, ${MIN_EXPRESSIONS} expressions)`, { timeout: 15 * 60_000 }, async (t) => {
  const expressions = new Set<string>();
  let schema: OpenApiSchema | undefined;
  let programsChecked = 0;
  for (let batch = 0; expressions.size < MIN_EXPRESSIONS || programsChecked < MIN_PROGRAMS; batch++) {
    assert.ok(batch < 20, `only ${programsChecked} programs and ${expressions.size} instance-only expressions from 20 batches of generated programs`);
    const programs = fc.sample(programArb(), { seed: SEED + batch, numRuns: 40 });
    for (const composition of await defineBatch(programs, dir, `cel-${batch}`)) {
      schema ??= { type: 'object', properties: { spec: openApiOf(composition.graph.spec) } };
      const own = instanceExpressions(composition.graph);
      if (own.length > 0) programsChecked++;
      for (const cel of own) expressions.add(cel);
    }
  }
  const specs = specPool(SEED);
  const vectors: Vector[] = [...expressions].flatMap((expr, i) =>
    Array.from({ length: SPECS_PER_EXPRESSION }, (_, j) => ({
      id: `gen-${i}-${j}`,
      expr,
      vars: { schema: { spec: specs[(i + j * 5) % specs.length] as TaggedJson } },
      schemas: { schema: schema! },
    })),
  );
  const answers = celGoAndOurs(vectors);
  const show = (a: Answer | undefined): string => (a === undefined ? 'no answer' : a.class === 'value' ? `${a.type} ${JSON.stringify(a.value)}` : `${a.class} (${a.stage}): ${(a.error ?? '').split('\n')[0]}`);
  const disagreements = answers.flatMap(({ vector, go, ours }) =>
    go && answersAgree(ours, go) ? [] : [`${vector.expr}\n    spec: ${JSON.stringify((vector.vars!.schema as { spec: unknown }).spec)}\n    cel-go: ${show(go)}\n    ours:   ${show(ours)}`],
  );
  const classes = new Map<string, number>();
  for (const { go } of answers) if (go) classes.set(go.class, (classes.get(go.class) ?? 0) + 1);
  t.diagnostic(`${programsChecked} generated programs; ${expressions.size} distinct expressions × ${SPECS_PER_EXPRESSION} specs = ${vectors.length} evaluations; cel-go answers: ${[...classes].map(([c, n]) => `${n} ${c}`).join(', ')}`);
  const used = CEL_FUNCTIONS.map((fn) => `${fn} ${[...expressions].filter((e) => e.includes(`${fn}(`)).length}`);
  t.diagnostic(`expressions using: ${used.join(', ')}`);
  assert.equal(disagreements.length, 0, `cel-go and our engine disagree on ${disagreements.length} of ${vectors.length}:\n  ${disagreements.slice(0, 15).join('\n  ')}`);
});
