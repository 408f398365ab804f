/**
 * Trial 17 (finding 1), against Go: every string TypeKro's YAML holds reads back as that same string in every
 * reader users have. `toYaml` wrote `0o644`, `0X1F`, `+0o17` plain, and sigs.k8s.io/yaml (kubectl, the API
 * server, KRO, Flux, Helm), which types plain scalars with Go's base-0 `strconv`, read them as numbers: a Helm
 * `fileMode` became 420, a ConfigMap was refused, and `--spec` could not read back the instance written.
 * Readers: sigs.k8s.io/yaml's YAMLToJSON and go-yaml v3 (tools/yaml-oracle), the `yaml` package as YAML 1.2
 * (core) and 1.1, and the CLI's spec reader. Strings are generated (fast-check, seeded) from number pieces in
 * every base, signs, underscores, exponents, dots, boolean and null words in any case, `~`, `<<`, `=`,
 * timestamps, blanks, indicators and other scripts' digits, as ConfigMap data and Helm values. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import fc from 'fast-check';
import { parse } from 'yaml';
import { readSpecFile } from '../../src/cli/spec.js';
import { toYaml } from '../../src/compile/rgd/yaml.js';
import { helmRelease, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { goYamlReads, type GoYamlAnswer } from '../support/yaml-oracle.js';

/** The strings the trial found, and their neighbours in each reader's number, boolean and null forms. */
const KNOWN = [
  '0o644', '0O17', '0o7_7', '0X1F', '+0o17', '-0o17', '0b101', '0B1', '-0b1', '0x_1F', '1_000', '012', '0755', '08', '0x1p-2',
  '1e3', '1E+3', '.5', '5.', '-.5', '+1', '-0', '.inf', '-.Inf', '+.INF', '.nan', 'NaN', 'inf', '-Infinity', '1:20', '190:20:30.15',
  '2026-12-07', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', 'y', 'Y', 'n', 'yes', 'yEs', 'No', 'on', 'oN', 'OFF', 'true',
  'tRUE', 'False', 'null', 'NuLL', 'Null', '~', '<<', '=', '', ' 1', '1 ', '1 #x', '1#x', '1Gi', '30s', '500m', '1.0.0', '10.0.0.1', '-f',
  '--verbose', '.gitignore', './app', 'v1.2', '١٢', '１２',
];

/** Pieces of strings: number parts in every base, words, timestamp parts, blanks, indicators, other digits. */
const PIECES = [
  '0', '1', '7', '9', '00', '0o', '0O', '0x', '0X', '0b', '0B', '_', 'e', 'E', 'p', 'P', 'a', 'f', 'F', '.', '+', '-', 'inf', 'Inf',
  'infinity', 'NaN', 'nan', 'y', 'Y', 'yes', 'YES', 'n', 'No', 'on', 'oN', 'Off', 'true', 'FaLsE', 'null', 'NULL', '~', '<<', '=', ':',
  'T', 't', 'Z', 'z', ' ', '\t', '#', ' #', ': ', '- ', '? ', '2001-12-14', '12:30:45', 'G', 'i', 'Mi', 's', 'é', '١', '１', ',', '[', '{',
  '"', "'", '\\', '%', '@', '`', '!', '&', '*', '|', '>', '/', '\n',
];
const pieced = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
/** A number in some base, with a sign, underscores, a point or an exponent (or several of them). */
const numberish = fc
  .tuple(fc.constantFrom('', '+', '-'), fc.constantFrom('', '0', '0x', '0X', '0o', '0O', '0b', '0B', '.'), fc.array(fc.constantFrom(...'0123456789abcdefABCDEF_.eE+-:'), { minLength: 1, maxLength: 6 }))
  .map(([sign, base, digits]) => `${sign}${base}${digits.join('')}`);
const written = fc.oneof(fc.double(), fc.integer(), fc.bigInt()).map(String);
const tricky = fc.oneof(fc.constantFrom(...KNOWN), pieced, numberish, written);

/** Helm values: maps and lists of tricky strings, tricky keys too. */
const values: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, tricky, tie('list'), tie('map')),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  map: fc.dictionary(tricky, tie('tree'), { maxKeys: 4 }),
})).tree;
const objects = fc.oneof(
  fc.dictionary(tricky, tricky, { maxKeys: 6 }).map((data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data })),
  values.map((tree) => ({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'h' }, spec: { values: { v: tree } } })),
);

/** The value every reader must give back: the object itself (as JSON). */
function assertEveryReaderReads(text: string, expected: unknown, go: GoYamlAnswer): void {
  const where = `\n${text}`;
  assert.equal(go.k8sError, undefined, `sigs.k8s.io/yaml refused:${where}`);
  assert.deepEqual(go.k8s, expected, `sigs.k8s.io/yaml (kubectl, KRO, Flux, Helm) read otherwise:${where}`);
  assert.equal(go.v3Error, undefined, `go-yaml v3 refused:${where}`);
  assert.deepEqual(go.v3, expected, `go-yaml v3 read otherwise:${where}`);
  assert.deepEqual(parse(text), expected, `yaml (1.2 core) read otherwise:${where}`);
  assert.deepEqual(parse(text, { version: '1.1' }), expected, `yaml (1.1) read otherwise:${where}`);
}

test('every generated string in ConfigMap data and Helm values reads back as itself in every reader (seeded)', () => {
  const generated = fc.sample(objects, { numRuns: 2500, seed: 20261207 });
  const all = [...generated, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'known' }, data: Object.fromEntries(KNOWN.map((s) => [s, s])) }, { kind: 'HelmRelease', spec: { values: { list: KNOWN } } }];
  const texts = all.map((object) => toYaml(object));
  const answers = goYamlReads(texts);
  all.forEach((object, i) => {
    const expected = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
    assertEveryReaderReads(texts[i]!, expected, answers[i]!);
    // The CLI's --spec reader: a whole object is read as its spec when it has one.
    const spec = readSpecFile('-', () => texts[i]!);
    assert.deepEqual(spec, expected.spec ?? expected, `the --spec reader read otherwise:\n${texts[i]}`);
  });
});

/** The trial's compositions (/tmp/trial17/repro/octal-yaml.ts and yc-comp.ts), as written there. */
const octal = kubernetesComposition(
  { name: 'octal', apiVersion: 'trial.dev/v1', kind: 'Octal', spec: type({ name: /^[a-z]+$/, mode: 'string' }), status: type({ ok: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: `${spec.name}-files`, data: { mode: '0o644', color: '0X1F' } });
    helmRelease<{ fileMode: string; specMode: string }>({
      name: `${spec.name}-app`,
      chart: { repository: 'https://charts.example.com', name: 'app', version: '1.0.0' },
      values: { fileMode: '0o644', specMode: spec.mode },
    });
    return { ok: true };
  },
);
const yc = kubernetesComposition(
  { name: 'yc', apiVersion: 'trial.dev/v1', kind: 'Yc', spec: type({ name: /^[a-z]+$/, vals: 'string[]', one: 'string' }), status: type({ n: 'number' }) },
  (spec) => {
    ConfigMap({ name: `${spec.name}-yc`, data: { one: spec.one, a: 'yes', b: 'on', c: '0o17', d: '1e3', e: '~', f: 'NO', g: '012', h: '1_000', i: '0x1F', j: 'y', k: '.inf', l: '2026-12-07' } });
    return { n: spec.vals.length };
  },
);
const octalSpec = { name: 'oc', mode: '0o600' };
const ycSpec = { name: 'yc', vals: ['yes', 'on', 'no', 'y', 'n', '0o17', '012', '1e3', '0x1F', '.inf', '~', 'null', 'True', '1_000', '2026-12-07', '+1', '.5', '0O17', '0o7_7', '0X1F', '+0o17', '-0o17'], one: 'off' };

test("the trial's compositions: RGD, instance and manifests read the same in Go as in the yaml package, values as written", async () => {
  const documents = [
    octal.toYaml(), octal.factory('kro', { namespace: 'kro' }).toYaml(octalSpec), ...(await octal.factory('direct', { namespace: 'direct' }).toYaml(octalSpec)).split(/^---\n/m),
    yc.toYaml(), yc.factory('kro', { namespace: 'kro' }).toYaml(ycSpec), ...(await yc.factory('direct', { namespace: 'direct' }).toYaml(ycSpec)).split(/^---\n/m),
  ];
  const answers = goYamlReads(documents);
  documents.forEach((text, i) => assertEveryReaderReads(text, parse(text), answers[i]!));
  // The values themselves, as kubectl reads them.
  const k8s = answers.map((answer) => JSON.stringify(answer.k8s)).join('\n');
  for (const needle of ['"mode":"0o644"', '"color":"0X1F"', '"fileMode":"0o644"', '"specMode":"0o600"', '"c":"0o17"', '"i":"0x1F"', '"k":".inf"', '"one":"off"']) {
    assert.ok(k8s.includes(needle), `kubectl reads ${needle} somewhere:\n${k8s}`);
  }
});

test('the instance toYaml writes reads back through the CLI --spec reader as the spec given', () => {
  for (const [composition, spec] of [[octal, octalSpec], [yc, ycSpec]] as const) {
    const text = (composition as { toYaml(spec: object): string }).toYaml(spec);
    assert.deepEqual(readSpecFile('-', () => text), spec, text);
    assert.deepEqual(goYamlReads([text])[0]!.k8s, parse(text), text);
  }
});

test('a spec file the CLI accepts reads the same in sigs.k8s.io/yaml (kubectl, Helm); the rest it refuses (seeded)', () => {
  const plain = fc.sample(tricky.filter((s) => !s.includes('\n')), { numRuns: 3000, seed: 20261208 });
  const texts = [...KNOWN, ...plain].flatMap((s) => [`k: ${s}\n`, `${s}: v\n`, `k:\n  - ${s}\n`]);
  const answers = goYamlReads(texts);
  let accepted = 0;
  let refused = 0;
  const goRefused: string[] = [];
  texts.forEach((text, i) => {
    let spec: unknown;
    try {
      spec = readSpecFile('-', () => text);
    } catch (error) {
      const message = (error as Error).message;
      // Anything else refused (not YAML, not a mapping, an unresolved alias) is refused loudly, as it should.
      if (message.includes('kubectl and Helm (YAML 1.1')) refused++;
      return;
    }
    accepted++;
    const go = answers[i]!;
    // As JSON, the form the spec is sent in (-0 is 0).
    spec = JSON.parse(JSON.stringify(spec)) as unknown;
    // Text go-yaml refuses (`: v`, an empty key) fails loudly in kubectl: not a value read otherwise.
    if (go.k8sError !== undefined) {
      goRefused.push(text);
      return;
    }
    // A document of comments only is no spec: {} to the spec reader, null to go-yaml. -0 and 0 are one value.
    const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? {})) as unknown;
    // kubectl and Helm read with sigs.k8s.io/yaml (go-yaml v3 types timestamps and keys its own way).
    assert.deepEqual(json(go.k8s), spec, `sigs.k8s.io/yaml read otherwise than the spec reader:\n${text}`);
  });
  // Both sides are exercised.
  assert.ok(accepted > 1000 && refused > 1000, `accepted ${accepted}, refused ${refused}`);
  assert.ok(goRefused.length < accepted / 20, `go-yaml refused ${goRefused.length} texts the spec reader read:\n${goRefused.slice(0, 20).join('')}`);
});
