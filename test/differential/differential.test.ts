/**
 * Differential tests: every corpus composition, a few cases the corpus lacks (extra-cases.ts) and the issue-10 examples, several specs each, under three
 * observed states; the compiled graph, as the direct runtime evaluates it, must agree with running the
 * composition in JavaScript (evaluateConcrete). Known divergences are listed, each with a reason, in
 * known-divergences.json; the set found must equal it exactly, so a fixed bug fails this test as a new
 * divergence does. After a deliberate change run with UPDATE_DIVERGENCES=1, then write the reason of every
 * new entry (the test refuses empty reasons). Offline: no cluster is used.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { corpus } from '../corpus/index.js';
import { runCase, type Finding } from './harness.js';
import { extraCases } from './extra-cases.js';
import { issueCases } from './issue-cases.js';
import { constantCases } from './constant-cases.js';
import { controlFlowCases } from './control-flow-cases.js';
import { skippedHelperCases } from './skipped-helper-cases.js';
import { argumentChoiceCases } from './argument-choice-cases.js';
import { constantConditionCases } from './constant-condition-cases.js';
import { engineTypingCases } from './engine-typing-cases.js';
import { aliasWriteCases } from './alias-write-cases.js';
import { idiomCases } from './idiom-cases.js';
import { nestedDefaultCases } from './nested-default-cases.js';
import { nestedItemDefaultCases } from './nested-item-default-cases.js';
import { objectSpreadCases } from './object-spread-cases.js';
import { callCases } from './call-cases.js';
import { foldedObjectCases } from './folded-object-cases.js';
import { objectReduceCases } from './object-reduce-cases.js';
import { absentOptionCases } from './absent-option-cases.js';
import { expressionGapCases } from './expression-gap-cases.js';
import { templateChoiceCases } from './template-choice-cases.js';
import { lengthGuardCases } from './length-guard-cases.js';
import { nanCases } from './nan-cases.js';
import { signedZeroCases } from './signed-zero-cases.js';
import { nestedNumberCases } from './nested-number-cases.js';
import { nestedTextCases } from './nested-text-cases.js';

interface KnownDivergence {
  readonly case: string;
  readonly state: string;
  readonly aspect: string;
  readonly reason: string;
}

const knownFile = new URL('./known-divergences.json', import.meta.url);
const keyOf = (entry: { case: string; state: string; aspect: string }): string => `${entry.case} | ${entry.state} | ${entry.aspect}`;

test('the compiled graph agrees with JavaScript, except for the known divergences', () => {
  const cases = { ...corpus, ...extraCases, ...issueCases, ...constantCases, ...controlFlowCases, ...skippedHelperCases, ...argumentChoiceCases, ...constantConditionCases, ...engineTypingCases, ...aliasWriteCases, ...idiomCases, ...nestedDefaultCases, ...nestedItemDefaultCases, ...objectSpreadCases, ...callCases, ...foldedObjectCases, ...objectReduceCases, ...absentOptionCases, ...expressionGapCases, ...templateChoiceCases, ...lengthGuardCases, ...nanCases, ...signedZeroCases, ...nestedNumberCases };
  const findings = new Map<string, Finding[]>();
  const totals = { cases: 0, specs: 0, evaluations: 0, tolerated: 0, opaque: 0 };
  for (const [name, entry] of Object.entries(cases)) {
    const report = runCase(name, entry);
    totals.cases++;
    totals.specs += report.specs;
    totals.evaluations += report.evaluations;
    totals.tolerated += report.tolerated;
    totals.opaque += report.opaque;
    for (const finding of report.findings) findings.set(keyOf(finding), [...(findings.get(keyOf(finding)) ?? []), finding]);
  }
  const known = JSON.parse(readFileSync(knownFile, 'utf8')) as KnownDivergence[];
  if (process.env.UPDATE_DIVERGENCES === '1') {
    const reasons = new Map(known.map((entry) => [keyOf(entry), entry.reason]));
    const updated = [...findings.keys()].sort().map((key) => {
      const { case: name, state, aspect } = findings.get(key)![0]!;
      return { case: name, state, aspect, reason: reasons.get(key) ?? '' };
    });
    writeFileSync(knownFile, `${JSON.stringify(updated, null, 2)}\n`);
  }
  console.log(`differential: ${totals.cases} cases, ${totals.specs} specs, ${totals.evaluations} evaluations (spec × observed state); ${findings.size} divergences (${[...findings.values()].reduce((n, list) => n + list.length, 0)} findings); ${totals.tolerated} pending fields tolerated while nothing is observed; ${totals.opaque} Cel escape hatches not compared`);
  const knownKeys = new Set(known.map(keyOf));
  const unexpected = [...findings.keys()].filter((key) => !knownKeys.has(key)).sort();
  const fixed = [...knownKeys].filter((key) => !findings.has(key)).sort();
  const describe = (key: string): string => {
    const [first, ...more] = findings.get(key)!;
    return `${key}\n  spec ${JSON.stringify(first!.spec)}${more.length > 0 ? ` (and ${more.length} more spec/state runs)` : ''}\n${first!.detail}`;
  };
  const message = [
    ...(unexpected.length > 0 ? [`New divergences (a bug, or record them with a reason in test/differential/known-divergences.json; UPDATE_DIVERGENCES=1 adds them):`, ...unexpected.map(describe)] : []),
    ...(fixed.length > 0 ? [`Known divergences that no longer happen (fixed? remove them from test/differential/known-divergences.json):`, ...fixed.map((key) => `  ${key}`)] : []),
  ].join('\n');
  assert.ok(unexpected.length === 0 && fixed.length === 0, message);
  const unexplained = known.filter((entry) => entry.reason.trim() === '');
  assert.deepEqual(unexplained.map(keyOf), [], 'every known divergence needs a one-line reason in test/differential/known-divergences.json');
});
