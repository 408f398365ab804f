import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Document, parse, parseAllDocuments, visit } from 'yaml';
import { plainReadsAsString } from '../../util/yaml-plain.js';
import { toYaml, toYamlDocuments } from './yaml.js';

describe('toYaml', () => {
  const cases: { name: string; value: unknown; yaml: string }[] = [
    { name: 'keeps key order as built', value: { b: 1, a: 2 }, yaml: 'b: 1\na: 2\n' },
    { name: 'quotes YAML 1.1 booleans in keys and values', value: { n: 'y', on: 'off' }, yaml: '"n": "y"\n"on": "off"\n' },
    { name: 'quotes octal-looking strings', value: { mode: '0755' }, yaml: 'mode: "0755"\n' },
    { name: 'never folds long lines', value: { x: `\${${'a'.repeat(200)}}` }, yaml: `x: \${${'a'.repeat(200)}}\n` },
    { name: 'multi-line expressions are double-quoted', value: { x: 'a\n${b}\n' }, yaml: 'x: "a\\n${b}\\n"\n' },
    { name: 'other multi-line text uses a block scalar', value: { x: 'a\nb\n' }, yaml: 'x: |\n  a\n  b\n' },
    { name: 'repeated objects are not aliased', value: (() => { const o = { a: 1 }; return { p: o, q: o }; })(), yaml: 'p:\n  a: 1\nq:\n  a: 1\n' },
    { name: 'bracketed types are quoted', value: { ports: '[]integer' }, yaml: 'ports: "[]integer"\n' },
    // go-yaml (kubectl, KRO, Helm) reads these plain as ints with Go's base-0 strconv (trial 17: 0o644 became 420).
    { name: 'quotes Go base-0 numbers', value: { '0o17': ['0o644', '0O17', '0o7_7', '0X1F', '+0o17', '-0o17', '0b1'] }, yaml: '"0o17":\n  - "0o644"\n  - "0O17"\n  - "0o7_7"\n  - "0X1F"\n  - "+0o17"\n  - "-0o17"\n  - "0b1"\n' },
    { name: 'quotes number-like text and reader words in any case', value: { v: ['1.0.0', '10.0.0.1', 'yEs', 'nan', '-.inf', '='] }, yaml: 'v:\n  - "1.0.0"\n  - "10.0.0.1"\n  - "yEs"\n  - "nan"\n  - "-.inf"\n  - "="\n' },
    { name: 'leaves plain what no reader types', value: { v: ['1Gi', '30s', '500m', '-f', '--verbose', '.gitignore', 'v1.2', 'yesterday'] }, yaml: 'v:\n  - 1Gi\n  - 30s\n  - 500m\n  - -f\n  - --verbose\n  - .gitignore\n  - v1.2\n  - yesterday\n' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(toYaml(c.value), c.yaml);
      assert.deepEqual(parse(c.yaml), JSON.parse(JSON.stringify(c.value)));
    });
  }

  it('a stream is each document as toYaml writes it, separated by --- lines', () => {
    const values = cases.map((c) => c.value);
    const stream = toYamlDocuments(values);
    assert.equal(stream, cases.map((c) => c.yaml).join('---\n'));
    assert.deepEqual(parseAllDocuments(stream).map((doc) => doc.toJS({}) as unknown), values.map((v) => JSON.parse(JSON.stringify(v))));
    assert.equal(toYamlDocuments([]), '');
  });
});

/**
 * The text the `yaml` library writes for a value when it builds and lays out its own node tree (what
 * `toYaml` did before it laid out collections itself): the reference for the layout.
 */
function libraryYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false, version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const multiLine = node.value.includes('\n') && (node.value.includes('${') || /(^|\n) *\t/.test(node.value));
      // A string no reader may take for another type is double-quoted, as toYaml does (util/yaml-plain.ts).
      if (multiLine || HAZARD.test(node.value) || !plainReadsAsString(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only strings hold these characters, and each such string is double-quoted: escaped where they stand.
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true }).replace(new RegExp(HAZARD.source, 'g'), (ch) => ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16)}`);
}

/** What go-yaml (YAML 1.1) reads as a line break, refuses, or may drop; and how toYaml writes each. */
// eslint-disable-next-line no-control-regex
const HAZARD = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P', '\ufeff': '\\ufeff', '\ufffe': '\\ufffe', '\uffff': '\\uffff' };

/** Pieces of text that change how YAML writes a string: indicators, YAML 1.1 types, line breaks, markers. */
const FRAGMENTS = [
  '', 'a', 'n', 'y', 'on', 'Off', 'yes', 'NO', '0755', '0x1F', '1:20', '1e3', '.5', '-1', '~', 'null', 'true', '2001-12-14',
  '- ', '? ', ': ', ':', '#', ' #', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ',', '[', ']', '{', '}',
  '${', '}', '${a == "b"}', '\n', '\n\n', ' ', '  ', '\t', '---', '...', 'é', '\u0001', '\u0085', '\u2028', '\u2029', '\u007f', '\u0086', '\ufeff', '\ufffe', '\n\t', '\\',
];
const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 5 }).map((parts) => parts.join(''));
/** A few strings, so that the same text (kept once written) recurs at other depths and as keys. */
const repeated = fc.constantFrom('a\nb', 'x\n  y\n', 'p\n\n', '---\nz', '...', 'a\n${b}\n', 'on', '', ' lead', 'k');
const valuesOf = (strings: fc.Arbitrary<string>) => {
  const scalar = fc.oneof(strings, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  return fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
    list: fc.array(fc.oneof(tie('tree'), fc.constant(undefined)), { maxLength: 4 }),
    map: fc.dictionary(strings, fc.oneof(tie('tree'), fc.constant(undefined)), { maxKeys: 4 }),
  })).tree;
};

describe('plainReadsAsString', () => {
  it('runs its example', () => {
    assert.equal(plainReadsAsString('512Mi'), true);
    assert.equal(plainReadsAsString('0o644'), false);
    assert.equal(plainReadsAsString('No'), false);
  });
});

describe('toYaml lays out collections as the yaml library does', () => {
  it('agrees with the library on generated JSON values (seeded)', () => {
    fc.assert(fc.property(valuesOf(text), (value) => assert.equal(toYaml(value), libraryYaml(value))), { seed: 10, numRuns: 3000 });
  });

  it('agrees when the same strings recur at other depths and as keys (seeded)', () => {
    fc.assert(fc.property(valuesOf(repeated), (value) => assert.equal(toYaml(value), libraryYaml(value))), { seed: 10, numRuns: 2000 });
  });

  it('agrees on long keys (explicit `? key`) and top-level scalars', () => {
    for (const value of [{ ['k'.repeat(1100)]: { a: 1 } }, { ['k'.repeat(1100)]: 'v' }, 'x', 'a\nb', '---', null, undefined, -0, Number.NaN, [[[]]], [{}], { a: {} }]) {
      assert.equal(toYaml(value), libraryYaml(value));
    }
  });

  it('writes no character that go-yaml reads as a line break or refuses, and no block line starting with a tab (seeded)', () => {
    // kubectl and the API server read YAML with go-yaml's 1.1 rules: a raw U+0085 in a quoted string was
    // stored as a space, and a block scalar line starting with a tab was refused (test/input/wire.cluster.test.ts).
    fc.assert(
      fc.property(valuesOf(text), (value) => {
        const yaml = toYaml(value);
        assert.doesNotMatch(yaml, HAZARD);
        assert.doesNotMatch(yaml, /(:|-) \|[-+0-9]*\n( *\n)* +\t/);
        assert.deepEqual(parse(yaml, { version: '1.1' }), JSON.parse(JSON.stringify(value ?? null)));
      }),
      { seed: 11, numRuns: 2000 },
    );
    assert.equal(toYaml({ v: 'a\u0085b\u2028c\u2029d\u007fe\u0086f\ufeffg\uffffh' }), 'v: "a\\Nb\\Lc\\Pd\\x7fe\\x86f\\ufeffg\\uffffh"\n');
    assert.equal(toYaml({ v: '\tx\n\ty' }), 'v: "\\tx\\n\\ty"\n');
  });

  it('refuses values that are not JSON data, naming where they are', () => {
    assert.throws(() => toYaml({ spec: { when: new Date(0) } }), /spec\.when is a Date/);
    assert.throws(() => toYaml({ items: [() => 1] }), /items\[0\] is a function/);
  });
});
