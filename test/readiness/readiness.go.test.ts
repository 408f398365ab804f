/**
 * The readiness rules mean the same in KRO's cel-go: for every state of states.ts, tools/cel-oracle (KRO's
 * own pkg/cel) evaluates the readyWhen printed into the RGD (over the resource, and over `each` for a
 * collection) and the rule's `failed` and `reason` expressions; its answers must be the expected ones and
 * must agree with our engine's (test/cel/compare.ts's rule). The object is given both untyped and through
 * KRO's schema-typed conversion (`x-kubernetes-preserve-unknown-fields`). Needs Go ≥ 1.26 (fails without it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printCel } from '../../src/compile/cel/print.js';
import { kindReadiness } from '../../src/compile/readiness/index.js';
import { answersAgree } from '../cel/compare.js';
import type { Answer, OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { PROBE_ID, probeGraph, rgdReadyWhen } from './probe-graph.js';
import { STATES, type ReadinessState } from './states.js';

const PRESERVE: OpenApiSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } as OpenApiSchema;

type Role = 'ready' | 'failed' | 'reason';

interface Probe {
  readonly state: ReadinessState;
  readonly role: Role;
  readonly vector: Vector;
}

/** The vectors of one state: each readyWhen (single and collection) and the rule's failed and reason, untyped and typed. */
function probes(state: ReadinessState, index: number): Probe[] {
  const object = state.object as unknown as TaggedJson;
  const out: Probe[] = [];
  const add = (role: Role, name: string, expr: string, variable: string): void => {
    for (const typed of [false, true]) {
      const id = `${index}-${role}-${name}-${typed ? 'typed' : 'plain'}`;
      out.push({ state, role, vector: { id, expr, vars: { [variable]: object }, ...(typed ? { schemas: { [variable]: PRESERVE } } : {}) } });
    }
  };
  rgdReadyWhen(probeGraph(state.object)).forEach((expr, i) => add('ready', `single${i}`, expr, PROBE_ID));
  rgdReadyWhen(probeGraph(state.object, true)).forEach((expr, i) => add('ready', `each${i}`, expr, 'each'));
  const rule = kindReadiness(state.object.apiVersion, state.object.kind, PROBE_ID);
  if (rule) {
    add('failed', 'rule', printCel(rule.failed), PROBE_ID);
    add('reason', 'rule', printCel(rule.reason), PROBE_ID);
  }
  return out;
}

/** What the oracle's answer must be, for the state's expectation. */
function expected(probe: Probe, answer: Answer): string | undefined {
  if (answer.class !== 'value') return `cel-go: ${answer.class} (${answer.stage}): ${answer.error}`;
  const { state } = probe;
  if (probe.role === 'ready' && answer.value !== state.ready) return `readyWhen is ${String(answer.value)}, expected ${String(state.ready)}`;
  if (probe.role === 'failed' && answer.value !== (state.failed === true)) return `failed is ${String(answer.value)}, expected ${String(state.failed === true)}`;
  if (probe.role === 'reason' && !state.ready && state.reason && !state.reason.test(String(answer.value))) return `reason ${JSON.stringify(answer.value)} does not match ${String(state.reason)}`;
  return undefined;
}

test('readiness rules: KRO\'s cel-go gives the expected answers and agrees with our engine', { timeout: 15 * 60_000 }, (t) => {
  const all = STATES.flatMap((state, i) => probes(state, i));
  const answers = celGoAndOurs(all.map((p) => p.vector));
  const problems = all.flatMap((probe, i) => {
    const { go, ours } = answers[i]!;
    if (!go) return [`${probe.state.name}: no oracle answer for ${probe.vector.id}`];
    const wrong = expected(probe, go);
    const differ = answersAgree(ours, go) ? undefined : `cel-go ${JSON.stringify(go.value ?? go.error)} vs ours ${JSON.stringify(ours.value ?? ours.error)}`;
    return wrong || differ ? [`${probe.state.name} [${probe.vector.id}]: ${[wrong, differ].filter(Boolean).join('; ')}\n    ${probe.vector.expr}`] : [];
  });
  const withoutRule = STATES.filter((s) => !kindReadiness(s.object.apiVersion, s.object.kind, PROBE_ID));
  for (const state of withoutRule) assert.ok(state.ready, `${state.name}: a kind without a rule is ready once it exists`);
  t.diagnostic(`${STATES.length} states, ${all.length} evaluations (${withoutRule.length} states of kinds ready once they exist)`);
  assert.equal(problems.length, 0, `${problems.length} problems:\n  ${problems.slice(0, 20).join('\n  ')}`);
});
