/**
 * The list idioms of list-idiom-cases.ts compile, to the CEL shown here, and give what JavaScript gives on
 * every spec (the differential harness: compiled graph against the concrete run); the forms with no exact
 * CEL are refused with the difference and the way out (golden/list-idiom-refusals.txt).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';
import { listIdiomCases, spec } from './list-idiom-cases.js';

test('the list idioms give what JavaScript gives on every spec', () => {
  for (const [name, entry] of Object.entries(listIdiomCases)) {
    const report = runCase(name, entry);
    assert.equal(report.specs, 4, name);
    assert.deepEqual(report.findings.map((f) => `${f.state} ${JSON.stringify(f.spec)} ${f.aspect}\n${f.detail}`), [], name);
  }
});

/** The status expressions of a case's RGD, by field. */
function statusCel(name: string): Record<string, string> {
  const rgd = parse((listIdiomCases[name]!.composition as unknown as { toYaml(): string }).toYaml()) as { spec: { schema: { status: Record<string, string> } } };
  return rgd.spec.schema.status;
}

test('the idioms compile to the CEL forms that mean what JavaScript does', () => {
  const d = statusCel('destructured');
  assert.equal(d.n, '${schema.spec.workers.map(worker, worker.name + "x" + string(worker.?replicas.orValue(1))).join(" ")}');
  assert.equal(d.labels, '${schema.spec.workers.map(worker, worker.?label.orValue(worker.name + (has(schema.spec.debug) && schema.spec.debug ? "-dbg" : ""))).join(",")}');
  const t = statusCel('truthyLines');
  assert.match(t.v!, /^\$\{\(\["server\.port=" \+ string\(schema\.spec\.port\)\] \+ \(has\(schema\.spec\.debug\) && schema\.spec\.debug \? \["logging\.level=DEBUG"\] : \[\]\) \+ /);
  assert.match(t.v!, /\)\.filter\(x, x != ""\)\.join\("\\n"\)\}$/);
  assert.equal(statusCel('concats').first, '${(["z"] + schema.spec.?features.orValue([])).join(";")}');
  assert.equal(statusCel('concats').items, '${(schema.spec.?tags.orValue([]) + [schema.spec.name] + ["a", "b"] + schema.spec.?features.orValue([])).join(",")}');
  assert.equal(statusCel('sorts').down, '${schema.spec.?nums.orValue([]).sort().reverse().map(x, string(x)).join(",")}');
  assert.equal(statusCel('encoded').auth, '${base64.encode(bytes(schema.spec.name + ":" + string(schema.spec.port)))}');
});

const { assertTable } = refusalsIn(import.meta.filename);
const definition = { apiVersion: 'lists.typekro.dev/v1alpha1', kind: 'ListRefusals', spec, status: type({ v: 'string' }) };

const ROWS: readonly RefusalRow[] = [
  ['sort() of integers compares their text', () => kubernetesComposition({ ...definition, name: 'sort-ints' }, (spec) => ({ v: [...(spec.nums ?? [])].sort().join(',') })), 'as text'],
  ['sort() of text: UTF-16 against code points', () => kubernetesComposition({ ...definition, name: 'sort-text' }, (spec) => ({ v: [...(spec.tags ?? [])].sort().join(',') })), 'code points'],
  ['a comparator KRO has no form for', () => kubernetesComposition({ ...definition, name: 'sort-compare' }, (spec) => ({ v: [...(spec.tags ?? [])].sort((a, b) => a.localeCompare(b)).join(',') })), 'this comparator'],
  ['a - b over text', () => kubernetesComposition({ ...definition, name: 'sort-text-minus' }, (spec) => ({ v: [...(spec.tags ?? [])].toSorted((a, b) => (a as never) - (b as never)).join(',') })), 'integers'],
  ['sort() of a spec list changes it in place', () => kubernetesComposition({ ...definition, name: 'sort-spec' }, (spec) => ({ v: spec.workers.map((w) => w.name).join() + (spec.nums ?? []).sort((a, b) => a - b).join(',') })), 'in place'],
  ['concat of a list that may be undefined', () => kubernetesComposition({ ...definition, name: 'concat-absent' }, (spec) => ({ v: spec.workers.map((w) => w.name).concat(spec.tags as string[]).join(',') })), 'undefined'],
  ['filter(Boolean) over text and numbers', () => kubernetesComposition({ ...definition, name: 'truthy-mixed' }, (spec) => ({ v: [spec.name, spec.debug ? 1 : null].filter(Boolean).join(',') })), 'one type'],
  ['concat of text and integers', () => kubernetesComposition({ ...definition, name: 'concat-mixed' }, (spec) => ({ v: ((spec.tags ?? []) as (string | number)[]).concat(spec.nums ?? []).join(',') })), 'one type'],
  ['a spread of text and integers', () => kubernetesComposition({ ...definition, name: 'spread-mixed' }, (spec) => ({ v: [...(spec.tags ?? []), ...(spec.nums ?? [])].join(',') })), 'one type'],
  ['btoa encodes Latin-1', () => kubernetesComposition({ ...definition, name: 'btoa' }, (spec) => ({ v: btoa(spec.name) })), 'Latin-1'],
  ['Buffer to hex', () => kubernetesComposition({ ...definition, name: 'buffer-hex' }, (spec) => ({ v: Buffer.from(`${spec.name}`).toString('hex') })), "toString('base64')"],
  ['Buffer decoding base64', () => kubernetesComposition({ ...definition, name: 'buffer-decode' }, (spec) => ({ v: Buffer.from(`${spec.name}`, 'base64').toString('base64') })), 'decoding'],
];

test('the forms with no exact CEL are refused with the difference and the way out (golden/list-idiom-refusals.txt)', (t) => {
  assertTable(t, ROWS, new URL('./golden/list-idiom-refusals.txt', import.meta.url));
});
