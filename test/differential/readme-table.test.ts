/**
 * The README's table "The JavaScript that compiles to CEL" is checked against what the program generator
 * (generated-programs.ts, run by generated.test.ts) covers: every row is held by generated programs (each of
 * its constructs occurs in the programs of one scheduled run, rendered as source), or is marked as covered by
 * named hand-written differential case files (each must exist, hold the named case, and at least one must run
 * the differential harness: a `CaseInput`, `runCase(...)` or `evaluateConcrete(...)`), or, for a row whose CEL
 * column is a refusal, by the test files that hold its exact messages. A row added to or changed in the README
 * fails here until it is accounted for, and a method the generator calls that the table does not list fails
 * too (the table would be incomplete).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { positionSchedule, programWith } from './generated-programs.js';
import { renderStandalone } from './generated-render.js';
import { UNSUPPORTED } from './generated-rejections.js';
import { KNOWN_GENERATED_DIVERGENCES } from './generated-known.js';

/**
 * How each row (by its JavaScript column, as written) is covered: source fragments the generated programs hold;
 * hand-written differential case files (`path` or `path (case name)`), with the reason the generator leaves the
 * row out; or, for a refusal, the tests of its messages.
 */
type Coverage =
  | { readonly generated: readonly string[] }
  | { readonly differential: readonly string[]; readonly why: string }
  | { readonly refused: readonly string[]; readonly why: string };

const ROWS: Readonly<Record<string, Coverage>> = {
  '`a === b`, `!==`, `<`, `<=`, `>`, `>=`': { generated: [' === ', ' !== ', ' < ', ' <= ', ' > ', ' >= '] },
  '`+ - * / %`': { generated: [' + ', ' - ', ' * ', ' / ', ' % '] },
  '`!`, `&&`, `\\|\\|`': { generated: ['!', ' && ', ' || '] },
  '`c ? a : b`': { generated: [' ? '] },
  '`x ?? d`, `a?.b`': { generated: [' ?? ', '?.'] },
  'template literals': { generated: ['`${'] },
  '`.length`': { generated: ['.length'] },
  // string slice with literal indices is substring's code, held to JavaScript in test/composition/text-alphabet.test.ts
  'strings: `startsWith endsWith includes toLowerCase toUpperCase trim split(sep) replace replaceAll indexOf lastIndexOf substring charAt`, `slice(a)`/`slice(a, b)` with literal indices `0 <= a <= b` (JavaScript\'s `substring` there)': {
    generated: ['.startsWith(', '.endsWith(', '.includes(', '.toLowerCase()', '.toUpperCase()', '.trim()', '.split(', '.replace(', '.replaceAll(', '.indexOf(', '.lastIndexOf(', '.substring(', '.charAt('],
  },
  '`s.split()` (no separator)': {
    differential: ['test/differential/expression-gap-cases.ts (gap-whole-split)', 'test/differential/expression-gap-cel.go.test.ts'],
    why: 'the generator splits with a separator only',
  },
  'arrays: `some every filter map find includes join indexOf`': { generated: ['.some(', '.every(', '.filter(', '.map(', '.find(', '.includes(', '.join(', '.indexOf('] },
  'arrays: `list.indexOf(x, from)` (a negative, computed or `undefined` position), `list.lastIndexOf(x)`, `list.lastIndexOf(x, from)`': {
    differential: ['test/differential/expression-gap-cases.ts (gap-positions)', 'test/differential/expression-gap-cel.go.test.ts'],
    why: 'the generator calls a list\'s `indexOf` with the item alone; the positions, past both ends and negative, are held by these',
  },
  "`(!x \\|\\| x === '') ? d : x`, `(!x \\|\\| !x.z) ? d : x.z`, `!x \\|\\| x.y > 0`, `b !== undefined ? (a \\|\\| b) : d` (a read guarded through `\\|\\|` or `&&`)": {
    differential: ['test/differential/guard-or-cases.ts (guard-or)', 'test/differential/guard-or.test.ts', 'test/differential/guard-or-cel.go.test.ts'],
    why: 'the generator guards reads with ternaries and `&&`, not with a negated `||` in front of the read',
  },
  '`svc.spec.ports!.map((p) => p.port)`, `svc.spec.ports![0]!.port` (a field the Kubernetes model requires, on the items of a list the resource\'s template sets)': {
    differential: ['test/differential/guard-or-cases.ts (guard-ports)', 'test/differential/guard-or.test.ts'],
    why: 'the generator maps spec lists, not the lists of a resource\'s template',
  },
  "`[x !== undefined ? x : d]`, `[x ? x : d]`, `typeof x === 'undefined'` (a list item chosen by a test that its read is there)": {
    differential: ['test/differential/expression-gap-cases.ts (gap-list-presence)', 'test/differential/expression-gap-cel.go.test.ts'],
    why: 'the generator puts no conditional inside a list literal',
  },
  '`Object.keys/values/entries(spec.map).filter(...).length`, `Object.entries(spec.map).some/every(([k, v]) => ...)` over a map the instance holds': {
    differential: ['test/differential/expression-gap-cases.ts (gap-map-counts)', 'test/composition/kept-refusals.test.ts', 'test/differential/expression-gap-cel.go.test.ts'],
    why: 'the generator\'s spec maps are read by key, not enumerated',
  },
  "text beside an integer, `targetPort: spec.portName ?? 8080`, `c ? 'http' : 8080`": {
    differential: ['test/differential/expression-gap-cases.ts (gap-int-or-string)', 'test/composition/int-or-string.test.ts', 'test/differential/expression-gap-cel.go.test.ts'],
    why: 'the generator gives every choice branches of one type',
  },
  "arrays: `a.concat(b, x)`, `[...nums].sort((a, b) => a - b)` (`b - a`, `toSorted`), `[line, c ? 'x' : null, ...more].filter(Boolean)`, a destructured callback parameter `list.map(({ name, replicas = 1 }) => ...)`, `Buffer.from(text).toString('base64')`": {
    // generated-idioms.ts; the refused forms are held by test/composition/list-idioms.test.ts
    generated: ['.concat(', '.sort((a, b) => a - b)', '.sort((a, b) => b - a)', '.toSorted(', ' ? ', ' : null].filter(Boolean)', ', ...spec.tags].filter(Boolean)', '({ name: x0, replicas: y0 = ', '({ name, replicas = ', "Buffer.from(String(", ".toString('base64')"],
  },
  '`Math.max/min(a, b)`, `Math.abs`, `Math.trunc(x)`, `String(x)`, `Number(n)`, `parseInt(n)`': {
    generated: ['Math.max(', 'Math.min(', 'Math.abs(', 'Math.trunc(', 'String(', 'Number(', 'parseInt(', ' !== undefined && Number(spec.count) > ', ' !== undefined && parseInt(spec.count) > '],
  },
  'a factory option JavaScript may leave `undefined`: `replicas: spec.replicas` (optional, no default), `spec.items[2]`, `env: { LEVEL: spec.level }`, `replicas: c ? 3 : undefined`': {
    differential: ['test/differential/absent-read-cases.ts (absent-reads)', 'test/differential/absent-read-cases.ts (absent-items)', 'test/differential/absent-option-cases.ts (absent-simple)', 'test/differential/absent-reads-cel.go.test.ts', 'test/composition/absent-reads.test.ts'],
    why: "what `undefined` means is the factory's: these cases hold Deployment's left-out replicas, env and resources, Job's default and list items set and missing",
  },
  '`if` / `else` / ternary / `&&` / `??` around factory calls': { generated: ['if (', '} else {', ' ? ConfigMap(', ' && ConfigMap(', ' ?? ConfigMap('] },
  "`switch (spec.tier) { case 'dev': ...; break; default: ... }` around factory calls (grouped labels, a fallthrough, in loops)": {
    differential: ['test/differential/switch-env-cases.ts (switch-tiers)', 'test/differential/switch-env-cases.ts (switch-fallthrough)'],
    why: 'the generator writes no switch statements; each case shape is held to JavaScript by switch-env.test.ts',
  },
  '`for (const x of spec.list)`, `for (const x of spec.list.filter(...))`, `spec.list.map((x) => Factory(...))`, `spec.list.forEach((x) => { ... })`, an `if` on the item inside the loop': {
    // also a `.map` callback with a block body and a local const (generated-scoped-sites.ts map-local)
    generated: ['for (const t of spec.tags) {', 'for (const t of spec.tags.filter((f) => ', 'spec.tags.map((t) => ConfigMap(', 'spec.tags.map((t) => {\n', 'spec.tags.forEach((t) => {', '  if ('],
  },
  "`for (const e of ['dev', 'prod'])` (an array literal or a constant holding one, `Object.keys/values/entries` of a local object literal), `for (let i = 0; i < 3; i++)`, `['a', 'b'].map((e) => ...)`": {
    // The array literal form is generated; the other list forms, conditions on the item and skipped branches are in test/differential/constant-cases.ts.
    generated: ["for (const t of ['a', 'b-c', 'Zz']) {"],
  },
  '`const data = { ...BASE }; for (const k of KEYS) data[k] = ...`, `Object.fromEntries(Object.entries(BASE).map(([k, v]) => [k, ...]))`, `Object.assign({}, BASE, {...})`, `Object.keys(BASE)`': {
    differential: ['test/differential/folded-object-cases.ts', 'test/composition/folded-object.test.ts'],
    why: 'the generator writes expressions and factory calls, not statements that build a local object from a constant table',
  },
  "`['a', 'b'].reduce((acc, k) => ({ ...acc, [k]: ... }), { base: spec.name })` over a constant list (also `Object.entries(TABLE).reduce(...)` with a destructured entry)": {
    // generated-scoped-sites.ts reduce; the destructured entry is test/differential/object-reduce-cases.ts
    generated: ["['a', 'b-c', 'a'].reduce((acc, k) => ({ ...acc, [k]: ", '} as Record<string, string>);', '{ ...o'],
  },
  "`spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), {})`, the same with `acc[it.name] = it.value; return acc`, `reduceRight`, `Object.fromEntries(spec.items.map((it) => [it.name, it.value]))` over a list the instance gives": {
    differential: ['test/differential/list-to-map-cases.ts (list-to-map)', 'test/differential/list-to-map-cel.go.test.ts', 'test/differential/reduce-refusal.test.ts'],
    why: 'the generator builds no map from a list: the cases hold the repeated keys and JavaScript\'s special keys (`__proto__`, `constructor`) a generated spec would rarely hold',
  },
  '`const sizes = { small: 1, large: 3 }`, then `sizes[spec.size]`': {
    differential: ['test/differential/constant-cases.ts (constant-lookups)', 'test/composition/compile-rejections.test.ts', 'test/cel/vectors/kro-compiler.json (lookup-table)'],
    why: "the generator's spec has no enumerated field, which a lookup key needs",
  },
  '`const pods = spec.list.map((x) => pod({...}))` (`pod` from `typekro`; any factory), or `pods.push(...)` in a `for...of`, then `pods.length`, `pods.map((p) => ...)`, `pods.filter/every/some`, `pods[0]`': {
    differential: ['test/composition/collections.test.ts', 'test/differential/extra-cases.ts (extra-fleet)', 'test/corpus/cases/collections.ts'],
    why: 'the generator reads collections only with `.length` (r0.length, empty lists included); map/filter/every/some and [0] are covered by these',
  },
  "`const parts = spec.dns.split('.')`, then `parts[0]`, `parts.length`": { generated: ['const l', "[0] ?? 'none'"] },
  "`const [first = 'x', ...rest] = list`, `const { 0: a, [key]: b = 'd' } = value`, `list.slice(n)`": {
    // generated-scoped-sites.ts (array-rest, keys); `list.slice(n)` is in test/composition/destructuring.test.ts
    generated: ['const [a', ', ...l', 'const [, ...l', 'const { 0: a', ']: b', 'const { [spec.env]: a', 'const { [', '} = spec.labels;'],
  },
  "helpers in the same file or in other local files (imported by name, as default, through `import * as H` or a barrel's re-exports, or grouped in a `const` object literal: `fmt.upper(s)`), with default, rest and destructured parameters: `({ prod, replicas = 3 }) =>`": {
    differential: ['test/differential/helper-modules.test.ts', 'test/composition/helper-modules.test.ts', 'test/composition/sound-values.test.ts'],
    why: 'the generator places helpers with one plain parameter, in the same file and imported by name, through a namespace and through a barrel (generated-programs.ts IMPORT_FORMS); default exports, helpers grouped in an object literal, parameter forms and the destructured spec parameter are held to JavaScript by helper-modules.test.ts',
  },
  "helpers imported through an alias of your own files: a tsconfig `paths`/`baseUrl` alias (`@lib/naming.js`; the tsconfig.json nearest to the importing file and those it `extends`), a package.json `imports` subpath (`#lib/naming.js`), your package's own name through its `exports`": {
    differential: ['test/composition/import-aliases.test.ts'],
    why: 'an alias needs a project of its own (tsconfig.json, package.json), which import-aliases.test.ts builds and loads through tsx',
  },
  "helpers TypeKro cannot read: a function from a package, a CommonJS file or TypeKro itself, a shorthand method (`{ upper(s) { ... } }`), a class's static method, a rest element of the spec": {
    refused: ['test/composition/helper-modules.test.ts', 'test/composition/compile-rejections.test.ts'],
    why: 'refusals, not translations: each has a test with its exact message',
  },
  "a helper making several resources and returning them, `return { deploy, svc }` (or `[deploy, svc]`), then `const { deploy, svc } = webPair(spec.name)`, `const pair = webPair(...)` with `pair.deploy.status...`, or `const { deploy } = pair`": {
    differential: ['test/composition/helper-returns-several.test.ts', 'test/composition/helper-returned-id.test.ts'],
    why: 'the generator makes one resource per helper call and reads it by the name it is bound to; the ids and reads of several resources returned together are held to JavaScript by the differential harness in helper-returns-several.test.ts',
  },
  "module constants JavaScript computed (`const REGISTRY = process.env.REGISTRY ?? 'ghcr.io/acme'`, `JSON.parse(...)`, `new Date(...)`, a top-level `await`), `process.env.X` read inside the composition, a JSON module (`import defaults from './defaults.json' with { type: 'json' }`), a module `let` set before the composition is defined": {
    differential: ['test/differential/idiom-cases.ts (idiom-module-constants)', 'test/composition/generator-values.test.ts', 'test/differential/switch-env-cases.ts (switch-env)'],
    why: 'the generated programs are rendered as standalone source without module-level settings',
  },
  "the parameters and locals of a function or method that defines compositions (`function makeService(kind, image, replicas) { return kubernetesComposition(..., (spec) => ...) }`)": {
    differential: ['test/composition/generator-values.test.ts'],
    why: 'the generated programs are not defined inside enclosing functions',
  },
  "TypeScript `enum` and `namespace` members (`Tier.Gold`, `Level[2]`, `Naming.label(s)`)": {
    differential: ['test/differential/idiom-cases.ts (idiom-enums)'],
    why: 'the generated programs declare no enums or namespaces',
  },
  "definition-time values that are not data, or that change: a function given to a generator, a `Map` or `Set`, a class instance, `undefined`, a reference; a `let` or object changed after the composition is defined, in a loop that defines it again, or in a function (a setter may run at any time); an object another module changed after its declaration (an overlay setting `settings.registry`)": {
    refused: ['test/composition/generator-values.test.ts', 'test/composition/module-overlay.test.ts'],
    why: 'refusals, not translations: each has a test with its exact message',
  },
  '`[...BASE, ...(spec.tls ? [{ port: 443 }] : []), ...spec.list]`': {
    differential: ['test/differential/idiom-cases.ts (idiom-spreads)', 'test/composition/compile-rejections.test.ts'],
    why: 'the generator writes no spread elements',
  },
  "`{ a: '1', ...(spec.debug ? { debug: 'true' } : {}) }`, `...(c && { k: 'v' })`, `{ team: 't', ...spec.labels }`": {
    differential: ['test/differential/object-spread-cases.ts', 'test/composition/object-spread.go.test.ts', 'test/composition/object-spread.test.ts'],
    why: 'the generator writes no spread elements',
  },
  '`(spec, instance) => ...` with `instance.metadata.name`, `namespace`, `uid`, `generation`, `creationTimestamp`, `labels`, `annotations`': {
    differential: ['test/corpus/cases/instance-escapes.ts', 'test/composition/instance-metadata.test.ts', 'test/cluster/modes-agree.cluster.test.ts'],
    why: 'the generated programs take the spec only; the corpus case instance-escapes reads the instance\'s metadata under the differential harness (differential.test.ts)',
  },
  "`Cel.cond(spec.n > 2, 'a', 'b')`, `Cel.expr(...)` inside templates and ternaries": {
    differential: ['test/composition/cel-escape.test.ts', 'test/differential/issue-cases.ts'],
    why: 'the generator writes no Cel escape hatches; the oracle evaluates Cel.cond/Cel.has and the JavaScript-named helpers on plain values (the issue case instance-escapes holds them to the compiled graph) and keeps only Cel.expr text opaque',
  },
  "a nested composition called with the parent's values, `const w = workers({ name: spec.name, workers: spec.workers })`, whose spec type defaults fields inside list items (`replicas: 'number.integer = 2'`), map values or objects": {
    // generated-scoped-sites.ts nested (the workers child); map values and objects: test/differential/nested-item-default-cases.ts
    generated: ["replicas: 'number.integer = 2' }, '[]']", 'workers: spec.workers })', "workers: [{ name: "],
  },
  "the returned status, against its declared type (`'number.integer'`, `\"'dev' \\| 'prod'\"`, `'string'`)": {
    // generated-idioms.ts STATUS_TYPE_MISMATCH; an integer under 'string': test/composition/status-types.test.ts
    generated: ["'i?': 'number.integer'", `e: "'dev' | 'prod'"`, " as 'dev' | 'prod')", ' / 8)'],
  },
  '`.withReadyWhen((self) => ...)`': { generated: ['.withReadyWhen((self) => '] },
};

/** The first column of each row of the README's table. */
function readmeRows(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## The JavaScript that compiles to CEL')[1]?.split('\n## ')[0];
  assert.ok(section, 'README.md has the section "The JavaScript that compiles to CEL"');
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| JavaScript |'));
  return rows.map((row) => {
    const cell = /^\| (.*?) \| /.exec(row.replace(/\\\|/g, '\u0000'))?.[1];
    assert.ok(cell, `a table row with two columns: ${row}`);
    return cell.replace(/\u0000/g, '\\|');
  });
}

/** The source of every program of one scheduled run (seeded as generated.test.ts seeds its first round). */
function generatedSources(): string {
  return positionSchedule()
    .map((positions, i) => renderStandalone(fc.sample(programWith(positions), { seed: 20261204 + i, numRuns: 1 })[0]!))
    .join('\n');
}

const ROOT = new URL('../../', import.meta.url);

/** The text of a named file (`path` or `path (case name)`), failing when it does not exist or lacks the case. */
function namedFile(row: string, entry: string): string {
  const [, path, name] = /^(\S+)(?: \((.+)\))?$/.exec(entry) ?? [];
  assert.ok(path && existsSync(new URL(path, ROOT)), `README row ${row}: ${entry} does not exist`);
  const text = readFileSync(new URL(path, ROOT), 'utf8');
  assert.ok(name === undefined || text.includes(name), `README row ${row}: ${path} holds no case ${name}`);
  return text;
}

/** A hand-written differential case: held to JavaScript by the harness (a corpus case runs in differential.test.ts). */
const isDifferential = (entry: string, text: string): boolean => entry.startsWith('test/corpus/cases/') || /\bCaseInput\b|\brunCase\(|\bevaluateConcrete\(/.test(text);
/** A test of refusal messages: refusals.ts's helpers, an exact message, or the messages of CompositionSyntaxErrors in a golden file. */
const isRefusalTest = (text: string): boolean => /\brefusalsIn\(|\bassertTable\(|\brefusal\(|\bthrows\(|\bCompositionSyntaxError\b[^]*\/golden\//.test(text);

test("every row of the README's JavaScript table is generated or covered by named tests", () => {
  const rows = readmeRows();
  assert.deepEqual(rows, Object.keys(ROWS), 'the README rows and this check list the same constructs, in order');
  const sources = generatedSources();
  for (const [row, coverage] of Object.entries(ROWS)) {
    if ('differential' in coverage) {
      const files = coverage.differential.map((entry) => [entry, namedFile(row, entry)] as const);
      assert.ok(files.some(([entry, text]) => isDifferential(entry, text)), `README row ${row}: the generator does not cover it, and no named file is a differential case`);
    } else if ('refused' in coverage) {
      const files = coverage.refused.map((entry) => namedFile(row, entry));
      assert.ok(files.every(isRefusalTest), `README row ${row}: a named file holds no refusal test`);
    } else {
      const missing = coverage.generated.filter((fragment) => !sources.includes(fragment));
      assert.deepEqual(missing, [], `README row ${row}: the generator writes no program holding ${missing.join(', ')}`);
    }
  }
});

test('every method the generated programs call is in the README table (or documented as refused)', () => {
  const table = readmeRows().join(' ');
  const refused = UNSUPPORTED.map((u) => u.marker).join(' ');
  // Calls TypeKro itself provides (factories and resource methods) are not JavaScript compiled to CEL.
  const ours = new Set(['withReadyWhen', 'withIncludeWhen']);
  const called = new Set([...generatedSources().matchAll(/\.([A-Za-z]+)\(/g)].map((m) => m[1]!));
  const undocumented = [...called].filter((name) => !ours.has(name) && !table.includes(name) && !refused.includes(`.${name}(`));
  assert.deepEqual(undocumented, [], 'methods generated programs call that the README table does not list');
});

test('the README\'s note "Where the CEL differs" names every deliberate divergence', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const note = readme.split('**Where the CEL differs.**')[1]?.split('<!-- #endregion cel-table -->')[0];
  assert.ok(note, 'README.md has the note "Where the CEL differs" inside the cel-table region');
  const missing = KNOWN_GENERATED_DIVERGENCES.filter((known) => !note.includes(known.readme)).map((known) => `${known.aspect}: ${known.readme}`);
  assert.deepEqual(missing, [], 'known divergences the note does not describe');
  // A double written to an integer field is no longer a divergence: the note says it is refused.
  assert.doesNotMatch(note, /truncated with `int\(\)`/);
  assert.match(note, /written to an integer field \(`replicas`, a port\) fails\s+when the composition is defined/);
});

