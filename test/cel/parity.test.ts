/**
 * Parity with cel-go under KRO's environment, proven on data: every vector of test/cel/vectors is
 * evaluated by our engine and compared with the answer KRO's own pkg/cel gave (tools/cel-oracle, recorded
 * in oracle-answers.jsonl). Each disagreement must be listed, with its reason, in known-divergences.json;
 * a listed entry that now agrees fails too, so the list stays exactly as long as the truth.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { compareAll } from './compare.js';
import { answerWithEngine } from './ours.js';
import { loadAnswers, loadDivergences, loadVectorFiles } from './vectors.js';

describe('CEL parity with KRO v0.9.4 (cel-go oracle answers)', () => {
  const files = loadVectorFiles();
  const oracle = loadAnswers();
  const divergences = loadDivergences();
  const engine = createCelEngine({ integers: 'int64' });
  const report = compareAll(files, oracle, divergences, (vector) => answerWithEngine(engine, vector));

  it('every vector has a recorded oracle answer (else run tools/cel-oracle/regenerate.sh)', () => {
    assert.deepEqual(report.unanswered, []);
    const ids = new Set(files.flatMap((f) => f.vectors.map((v) => v.id)));
    assert.deepEqual([...oracle.keys()].filter((id) => !ids.has(id)), [], 'answers for vectors that no longer exist');
  });

  it('every divergence entry has a reason, cel-go behaviour and ids that exist', () => {
    for (const d of divergences) {
      assert.ok(d.reason.trim() && d.celGo.trim() && d.ids.length > 0, JSON.stringify(d));
    }
    const all = divergences.flatMap((d) => d.ids);
    assert.deepEqual(all.filter((id, i) => all.indexOf(id) !== i), [], 'ids listed twice');
    assert.deepEqual(report.unknownIds, [], 'listed ids without a vector');
  });

  it('agrees with cel-go except for the listed divergences', (t) => {
    let agree = 0;
    for (const [suite, counts] of report.suites) {
      agree += counts.agree;
      t.diagnostic(`${suite}: ${counts.agree}/${counts.total}`);
    }
    t.diagnostic(`total: ${agree}/${report.total} agree; ${divergences.flatMap((d) => d.ids).length} listed divergences`);
    const show = (a: { class: string; type?: string; value?: unknown; error?: string }): string =>
      a.class === 'value' ? `${a.type} ${JSON.stringify(a.value)}` : `${a.class}: ${(a.error ?? '').split('\n')[0]}`;
    const unlisted = report.unlisted.map(({ vector, ours, oracle: go }) => `${vector.id}: ${vector.expr}\n    cel-go: ${show(go)}\n    ours:   ${show(ours)}`);
    assert.equal(unlisted.length, 0, `unlisted divergences (fix them, or list them in known-divergences.json):\n  ${unlisted.join('\n  ')}`);
  });

  it('no listed divergence agrees now (remove it from known-divergences.json)', () => {
    assert.deepEqual(report.nowAgree, []);
  });
});
