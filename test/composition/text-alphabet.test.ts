/**
 * String operations whose CEL means what JavaScript means only on narrow text (src/analysis/text-refusals.ts):
 * exact where what the text may hold is known (a spec field's pattern, an enumeration, a literal, a number made
 * text, the instance's name), refused elsewhere with the reason and the ways out. The exact cases are checked
 * against concrete JavaScript on Unicode-rich values (fast-check, runCase: our CEL engine).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { refusalsIn } from '../support/refusals.js';
import { runCase } from '../differential/harness.js';
import { alphabetSpecs, definition, exactForms } from '../differential/text-alphabet-cases.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const PATTERN = 'constrain the spec field with a pattern of ASCII characters (e.g. `name: /^[A-Za-z0-9-]+$/`), whose values the API server checks';
// Each direction's own example (trial 17: the upper-case message showed 'Ä' to 'ä').
const EXAMPLE: Record<string, string> = { toLowerCase: "'Ä' to 'ä'", toUpperCase: "'ä' to 'Ä', 'ß' to 'SS'" };
const CASE = (name: string, cel: string) => `\`${name}()\` of text that may hold letters outside ASCII: JavaScript maps every Unicode letter (${EXAMPLE[name]}), CEL's \`${cel}()\` only A to Z`;
const ASTRAL = (name: string) => `\`${name}\` of text that may hold characters outside the Basic Multilingual Plane (emoji): JavaScript counts UTF-16 code units, CEL code points, so the positions differ after such a character`;
const CUTS = (name: string, what: string) => `\`${name}\` with ${what} of text that may hold characters outside the Basic Multilingual Plane (emoji): JavaScript cuts text into UTF-16 code units, splitting such a character into two lone surrogates, CEL into whole characters`;

test('case mapping, trim, positions, cuts and order of free text are refused, each with its reason and ways out', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'lower' }, (spec) => ({ v: spec.s.toLowerCase() }))),
    `${at("'lower'", 'spec.s.toLowerCase')}: ${CASE('toLowerCase', 'lowerAscii')}\n    spec.s.toLowerCase()\n  hint: ${PATTERN}, or accept ASCII-only case mapping with \`Cel.expr<string>(spec.s, '.lowerAscii()')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'upper' }, (spec) => ({ v: `${spec.slug}-${spec.s}`.toUpperCase() }))),
    `${at("'upper'", '`${spec.slug}')}: ${CASE('toUpperCase', 'upperAscii')}\n    \`\${spec.slug}-\${spec.s}\`.toUpperCase()\n  hint: ${PATTERN}, or accept ASCII-only case mapping with \`Cel.expr<string>(\`\${spec.slug}-\${spec.s}\`, '.upperAscii()')\``,
  );
  // trim: what each side strips that the other keeps, the spec fields to narrow (only the wide ones), the way out
  const TRIM = "`trim()` of text that may hold U+0085 (next line) or U+FEFF (byte order mark): JavaScript's `trim()` strips U+FEFF and keeps U+0085, CEL's `trim()` (Go's strings.TrimSpace) strips U+0085 and keeps U+FEFF; every other space both strip alike";
  const NARROW = 'a pattern that leaves out U+0085 and U+FEFF (an ASCII one will do:';
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'trim' }, (spec) => ({ v: spec.bmp.trim() }))),
    `${at("'trim'", 'spec.bmp.trim')}: ${TRIM}\n    spec.bmp.trim()\n  hint: give \`spec.bmp\` ${NARROW} \`bmp: /^[ -~]*$/\`), whose values the API server checks, or accept CEL's spaces with \`Cel.expr<string>(spec.bmp, '.trim()')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'trim-joined' }, (spec) => ({ v: (spec.slug + spec.s + spec.t + spec.env).trim() }))),
    `${at("'trim-joined'", '(spec.slug + spec.s')}: ${TRIM}\n    (spec.slug + spec.s + spec.t + spec.env).trim()\n  hint: give \`spec.s\` and \`spec.t\` ${NARROW} \`s: /^[ -~]*$/\`), whose values the API server checks, or accept CEL's spaces with \`Cel.expr<string>(spec.slug + spec.s + spec.t + spec.env, '.trim()')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'trim-item' }, (spec) => ({ l: [spec.s, spec.t].map((x) => x.trim()) }))),
    `${at("'trim-item'", 'x.trim')}: ${TRIM}\n    x.trim()\n  hint: read the text from a spec field with ${NARROW} \`/^[ -~]*$/\`), whose values the API server checks, or accept CEL's spaces with \`Cel.expr<string>(x, '.trim()')\``,
  );
  const way = 'any pattern without characters above U+FFFF will do';
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'substring' }, (spec) => ({ v: spec.s.substring(1, 3) }))),
    `${at("'substring'", 'spec.s.substring')}: ${ASTRAL('substring')}\n    spec.s.substring(1, 3)\n  hint: ${PATTERN} (${way}), or count code points with \`Cel.expr<string>(spec.s, '.substring(...)')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'char-at' }, (spec) => ({ v: spec.s.charAt(spec.n) }))),
    `${at("'char-at'", 'spec.s.charAt')}: ${ASTRAL('charAt')}\n    spec.s.charAt(spec.n)\n  hint: ${PATTERN} (${way}), or count code points with \`Cel.expr<string>(spec.s, '.charAt(...)')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'split' }, (spec) => ({ l: spec.s.split('') }))),
    `${at("'split'", 'spec.s.split')}: ${CUTS('split', 'an empty separator')}\n    spec.s.split('')\n  hint: ${PATTERN} (${way}), use a separator that is not empty, or cut into code points with \`Cel.expr(spec.s, '.split("")')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'split-by' }, (spec) => ({ l: spec.s.split(spec.t) }))),
    `${at("'split-by'", 'spec.s.split')}: ${CUTS('split', 'a separator that may be empty (`spec.t`)')}\n    spec.s.split(spec.t)\n  hint: ${PATTERN} (${way}), use a separator that is not empty, or cut into code points with \`Cel.expr(spec.s, '.split("")')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'split-maybe-empty' }, (spec) => ({ l: spec.s.split(spec.n > 0 ? spec.sep : '') }))),
    `${at("'split-maybe-empty'", 'spec.s.split')}: ${CUTS('split', "a separator that may be empty (`spec.n > 0 ? spec.sep : ''`)")}\n    spec.s.split(spec.n > 0 ? spec.sep : '')\n  hint: ${PATTERN} (${way}), use a separator that is not empty, or cut into code points with \`Cel.expr(spec.s, '.split("")')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'replace-all' }, (spec) => ({ v: spec.s.replaceAll('', '-') }))),
    `${at("'replace-all'", 'spec.s.replaceAll')}: ${CUTS('replaceAll', 'an empty separator')}\n    spec.s.replaceAll('', '-')\n  hint: ${PATTERN} (${way}), use a separator that is not empty, or cut into code points with \`Cel.expr(spec.s, '.replace("", ...)')\``,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'order' }, (spec) => ({ b: spec.s < spec.t }))),
    `${at("'order'", 'spec.s < spec.t')}: \`<\` on text that may hold characters outside the Basic Multilingual Plane: JavaScript orders text by UTF-16 code units, CEL by code points, which order a character above U+FFFF (an emoji) and one from U+E000 to U+FFFF ('｡') differently\n    spec.s < spec.t\n  hint: ${PATTERN} on one side, or compare code points with \`Cel.expr<boolean>(a, ' < ', b)\``,
  );
  // a choice is as wide as its widest side
  assert.match(refusal(() => kubernetesComposition({ ...definition, name: 'choice' }, (spec) => ({ v: (spec.n > 0 ? spec.slug : spec.s).toLowerCase() }))), /`toLowerCase\(\)` of text that may hold letters outside ASCII/);
});

test('the exact forms compile to CEL agreeing with JavaScript on Unicode-rich text (our CEL engine)', () => {
  fc.assert(
    fc.property(alphabetSpecs, (spec) => {
      const report = runCase('text-alphabet', { composition: exactForms as never, spec, specs: [spec] });
      assert.deepEqual(report.findings, [], JSON.stringify(spec));
    }),
    { numRuns: 60, seed: 1207 },
  );
});

test("the ways out: CEL's own lowerAscii() and trim() written with Cel.expr, and the field's pattern", async () => {
  const { Cel } = await import('../../src/index.js');
  const app = kubernetesComposition({ ...definition, name: 'way-out', status: type({ v: 'string', w: 'string' }) }, (spec) => ({ v: Cel.expr<string>(spec.s, '.lowerAscii()'), w: Cel.expr<string>(spec.s, '.trim()') }));
  const yaml = (app as unknown as { toYaml(): string }).toYaml();
  assert.match(yaml, /v: \$\{\(schema\.spec\.s\)\.lowerAscii\(\)\}/);
  assert.match(yaml, /w: \$\{\(schema\.spec\.s\)\.trim\(\)\}/);
  const patterned = kubernetesComposition({ ...definition, name: 'patterned' }, (spec) => ({ v: spec.slug.toLowerCase() }));
  assert.match((patterned as unknown as { toYaml(): string }).toYaml(), /v: \$\{schema\.spec\.slug\.lowerAscii\(\)\}/);
});

test('a list literal joins its items\' text alphabets at every depth: one narrow item does not make the others narrow (review)', () => {
  const status = type({ v: 'string[]' });
  const WIDE = /`toUpperCase\(\)` of text that may hold letters outside ASCII/;
  assert.match(refusal(() => kubernetesComposition({ ...definition, name: 'items-objects', status }, (spec) => ({ v: [{ n: spec.slug }, { n: spec.s }].map((o) => o.n.toUpperCase()) }))), WIDE);
  assert.match(refusal(() => kubernetesComposition({ ...definition, name: 'items-constant', status }, (spec) => ({ v: [{ k: 'a' }, { k: spec.s }].map((o) => o.k.toUpperCase()) }))), WIDE);
  assert.match(refusal(() => kubernetesComposition({ ...definition, name: 'items-lists', status }, (spec) => ({ v: [['a'], [spec.s]].map((o) => o[0]!.toUpperCase()) }))), WIDE);
  assert.match(refusal(() => kubernetesComposition({ ...definition, name: 'items-fields', status }, (spec) => ({ v: [{ l: ['a'] }, { l: [spec.s] }].map((o) => o.l[0]!.toUpperCase()) }))), WIDE);
  // items that are all narrow stay narrow
  const narrow = kubernetesComposition({ ...definition, name: 'items-narrow', status }, (spec) => ({ v: [{ n: spec.slug }, { n: 'b' }].map((o) => o.n.toUpperCase()) }));
  assert.match(narrow.toYaml(), /upperAscii\(\)/);
});

test("the instance's label values and uid are ASCII, as the API server admits them: case mapping of them compiles (trial 20 F5)", () => {
  const read = kubernetesComposition(
    { name: 'meta-upper', apiVersion: 'text.typekro.dev/v1alpha1', kind: 'MetaUpper', spec: type({ x: 'string' }), status: type({ team: 'string', uid: 'string' }) },
    (_spec, instance) => ({ team: (instance.metadata.labels?.team ?? 'none').toUpperCase(), uid: String(instance.metadata.uid ?? 'x').toUpperCase() }),
  );
  const status = read.toYaml().split('\n').filter((line) => /^ {6}(team|uid): /.test(line));
  assert.deepEqual(status, ['      team: ${schema.metadata.?labels.?team.orValue("none").upperAscii()}', '      uid: ${schema.metadata.?uid.orValue("x").upperAscii()}']);
  // annotations may hold any text: still refused
  assert.match(refusal(() => kubernetesComposition({ ...definition, name: 'note' }, (_spec, instance) => ({ v: (instance.metadata.annotations?.note ?? '').toUpperCase() }))), /`toUpperCase\(\)` of text that may hold letters outside ASCII/);
});
