/**
 * `.length`, `indexOf` and `lastIndexOf` of text compile to CEL that counts UTF-16 code units as JavaScript
 * does (analysis/utf16.ts): the differential harness holds the compiled graph (the direct runtime's engine) to
 * the concrete evaluation on every spec of text-position-cases.ts, in the status and in a ConfigMap. The same
 * CEL in KRO's cel-go: text-positions-cel.go.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { runCase } from './harness.js';
import { NARROW_SPECS, TEXT_SPECS, narrowPositions, textPositions } from './text-position-cases.js';

test('the compiled lengths and positions of text agree with JavaScript on Unicode-rich text', () => {
  const report = runCase('text-positions', { composition: textPositions as never, spec: TEXT_SPECS[0]!, specs: TEXT_SPECS });
  assert.equal(report.specs, TEXT_SPECS.length);
  assert.equal(report.opaque, 0);
  assert.deepEqual(report.findings.map((f) => `${JSON.stringify(f.spec)} ${f.state} ${f.aspect}: ${f.detail}`), []);
  // The specs hold what the forms are about: characters outside the BMP, positions inside a pair, matches.
  assert.ok(TEXT_SPECS.filter((s) => /[\u{10000}-\u{10ffff}]/u.test(s.s) && s.s.indexOf(s.t) > 0 && s.t !== '').length >= 10);
});

test('the CEL of a length and of the searches', () => {
  const status = (parse(textPositions.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  assert.equal(status.len, '${size(schema.spec.s) + size(schema.spec.s.split("").filter(c, c > "\\uffff"))}');
  assert.equal(status.idx, '${schema.spec.s.split("").map(c, c > "\\uffff" ? c + c : c).join("").indexOf(schema.spec.t.split("").map(c, c > "\\uffff" ? c + c : c).join(""))}');
  assert.equal(status.constant, '${schema.metadata.name == schema.metadata.name ? 8 : 8}');
});

test('text without characters above U+FFFF: CEL\'s own size, indexOf and lastIndexOf agree with JavaScript', () => {
  const report = runCase('narrow-positions', { composition: narrowPositions as never, spec: NARROW_SPECS[0]!, specs: NARROW_SPECS });
  assert.equal(report.specs, NARROW_SPECS.length);
  assert.equal(report.opaque, 0);
  assert.deepEqual(report.findings.map((f) => `${JSON.stringify(f.spec)} ${f.state} ${f.aspect}: ${f.detail}`), []);
  // Searches for text outside the BMP (never found), for parts of the text (found after the start), empty ones.
  assert.ok(NARROW_SPECS.filter((s) => /[\u{10000}-\u{10ffff}]/u.test(s.t)).length >= 10);
  assert.ok(NARROW_SPECS.filter((s) => s.t !== '' && s.b.indexOf(s.t) > 0).length >= 10);
  const status = (parse(narrowPositions.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  assert.equal(status.len, '${size(schema.spec.b)}');
  assert.equal(status.idx, '${schema.spec.b.indexOf(schema.spec.t)}');
  assert.equal(status.lastFrom, '${schema.spec.b.substring(0, [[schema.spec.p, 0].max() + size(schema.spec.t), size(schema.spec.b)].min()).lastIndexOf(schema.spec.t)}');
  assert.equal(status.wordLens, '${schema.spec.words.map(c, size(c))}');
});
