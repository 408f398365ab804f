/**
 * Prints where our engine and KRO's cel-go disagree, for triage (the parity test only says whether the
 * list is honest). Run: node --import tsx test/cel/report.ts [--all] [id-prefix]
 *   default: unlisted disagreements only; --all: every disagreement, listed or not.
 */
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { compareAll } from './compare.js';
import { answerWithEngine } from './ours.js';
import { loadAnswers, loadDivergences, loadVectorFiles } from './vectors.js';

const args = process.argv.slice(2);
const all = args.includes('--all');
const prefix = args.find((a) => !a.startsWith('--')) ?? '';
const engine = createCelEngine({ integers: 'int64' });
const divergences = all ? [] : loadDivergences();
const files = loadVectorFiles().map((f) => ({ ...f, vectors: f.vectors.filter((v) => v.id.startsWith(prefix)) }));
const report = compareAll(files, loadAnswers(), divergences, (v) => answerWithEngine(engine, v));

const show = (a: { class: string; type?: string; value?: unknown; stage?: string; error?: string }): string =>
  a.class === 'value' ? `${a.type} ${JSON.stringify(a.value)}` : `${a.class}/${a.stage}: ${(a.error ?? '').split('\n')[0]}`;
for (const { vector, ours, oracle } of report.unlisted) {
  console.log(`${vector.id}\n  expr:   ${vector.expr}\n  cel-go: ${show(oracle)}\n  ours:   ${show(ours)}`);
}
let agree = 0;
for (const [suite, counts] of report.suites) {
  agree += counts.agree;
  console.log(`${suite.padEnd(22)} ${String(counts.agree).padStart(4)} / ${counts.total}`);
}
console.log(`${'total'.padEnd(22)} ${String(agree).padStart(4)} / ${report.total}; unlisted disagreements ${report.unlisted.length}`);
if (report.nowAgree.length) console.log(`listed but now agreeing: ${report.nowAgree.join(', ')}`);
if (report.unanswered.length) console.log(`no oracle answer (regenerate): ${report.unanswered.join(', ')}`);
