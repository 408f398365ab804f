/**
 * Generated programs (issue 10, point 3): fast-check builds compositions that combine the README's
 * "JavaScript that compiles to CEL" in every position (generated-programs.ts), writes them as real .ts
 * files (TypeKro compiles from source), defines them and holds each to the JavaScript oracle with the
 * differential harness. Every program must define and agree, or be rejected with the documented message
 * of an unsupported construct it holds. A property run is one batch (one file) of up to 40 programs; on a
 * failure fast-check shrinks the batch to one program and that program to its smallest form, and the
 * failure prints its source. The seed is fixed (reproducible CI); TYPEKRO_GEN_SEED explores others.
 * Offline: no cluster.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { specPool } from './generated-expressions.js';
import { programArb, renderStandalone } from './generated-programs.js';
import { generatedDir, rejectionKind, runBatch } from './generated-run.js';

const SEED = Number(process.env.TYPEKRO_GEN_SEED ?? 20261204);
const MIN_PROGRAMS = 2000;
const BATCH = 40;

const dir = generatedDir();
after(() => rmSync(dir, { recursive: true, force: true }));

test(`generated programs agree with JavaScript (at least ${MIN_PROGRAMS}, seed ${SEED})`, async (t) => {
  const pool = specPool(SEED);
  const totals = { programs: 0, agreed: 0 };
  const rejected = new Map<string, number>();
  let files = 0;
  const property = fc.asyncProperty(fc.array(programArb(), { minLength: 1, maxLength: BATCH, size: 'max' }), async (programs) => {
    const outcomes = await runBatch(programs, dir, `batch-${files++}`, pool);
    const failed = outcomes.findIndex((o) => o.kind === 'failed');
    if (failed >= 0) {
      const outcome = outcomes[failed] as { detail: string };
      throw new Error(`program ${failed} of ${programs.length}:\n${renderStandalone(programs[failed]!)}\n${outcome.detail}`);
    }
    totals.programs += programs.length;
    for (const outcome of outcomes) {
      if (outcome.kind === 'agrees') totals.agreed++;
      else if (outcome.kind === 'rejected') rejected.set(rejectionKind(outcome.message), (rejected.get(rejectionKind(outcome.message)) ?? 0) + 1);
    }
  });
  // Rounds with derived seeds until the minimum is reached: a batch's length is drawn, the total is not fixed.
  for (let round = 0; totals.programs < MIN_PROGRAMS; round++) {
    const details = await fc.check(property, { seed: SEED + round, numRuns: Math.ceil((MIN_PROGRAMS - totals.programs) / (BATCH / 2)) + 1 });
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      assert.fail(`a generated program diverges (seed ${details.seed}, path ${details.counterexamplePath}, shrunk ${details.numShrinks} times); the minimal one:\n${error}`);
    }
  }
  t.diagnostic(`${totals.programs} programs in ${files} files: ${totals.agreed} defined and agreed with JavaScript on every spec and state, ${totals.programs - totals.agreed} rejected as documented`);
  for (const [kind, count] of [...rejected].sort((a, b) => b[1] - a[1])) t.diagnostic(`  rejected ${count}×: ${kind}`);
  assert.ok(totals.programs >= MIN_PROGRAMS);
  assert.ok(totals.agreed >= totals.programs * 0.8, 'most generated programs must define: the generator builds supported constructs');
});
