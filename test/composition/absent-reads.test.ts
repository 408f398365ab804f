/**
 * A bare read of spec data the instance may leave out, as a factory option (issue 10, R2 at the right depth):
 * JavaScript passes `undefined`, so the factory is asked what it makes of it (absent-options.ts), as for
 * `c ? 3 : undefined`. The read compiles to `has(x) ? x : omit()` or to the factory's default; the status
 * keeps a plain read (pending, as JavaScript's `undefined`). Where JavaScript computes with the `undefined`
 * (text, arithmetic) or the call makes of it what CEL cannot write, the definition fails.
 * Cases: test/differential/absent-read-cases.ts; cel-go: absent-reads-cel.go.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, HelmChart } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { ABSENT_READ_SPECS, absentReadCases, bareReads, missingItems } from '../differential/absent-read-cases.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

interface Rgd { spec: { schema: { status: Record<string, unknown> }; resources: { id: string; template: Record<string, unknown> }[] } }
const rgdOf = (app: { toYaml(): string }): Rgd => parse(app.toYaml()) as Rgd;
const templates = (app: { toYaml(): string }): Record<string, unknown> => Object.fromEntries(rgdOf(app).spec.resources.map((r) => [r.id, r.template]));
const at_ = (value: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
const container = (template: unknown): unknown => at_(template, 'spec', 'template', 'spec', 'containers', 0);

test('a bare optional read compiles to the read where it is set, else the factory\'s answer: omit() or its default', () => {
  const t = templates(bareReads);
  assert.equal(at_(t['web'], 'spec', 'replicas'), '${has(schema.spec.replicas) ? schema.spec.replicas : omit()}');
  assert.deepEqual(at_(container(t['tuned']), 'env'), [{ name: 'LEVEL', value: '${has(schema.spec.level) ? schema.spec.level : omit()}' }, { name: 'MODE', value: 'x' }]);
  assert.deepEqual(at_(container(t['tuned']), 'resources'), { limits: { cpu: '${has(schema.spec.cpu) ? schema.spec.cpu : omit()}', memory: '64Mi' } });
  assert.equal(at_(t['job'], 'spec', 'template', 'spec', 'restartPolicy'), '${has(schema.spec.policy) ? schema.spec.policy : "OnFailure"}');
  // The status keeps the plain read: absent by design (pending, left out), as JavaScript's undefined is.
  assert.deepEqual(rgdOf(bareReads).spec.schema.status, { level: '${schema.spec.level}', name: '${schema.spec.name}' });
});

test('a spec list item that may be missing compiles to a length test, top-level, nested and in a loop item', () => {
  const t = templates(missingItems);
  assert.equal(at_(t['cm'], 'data', 'third'), '${size(schema.spec.items) > 2 ? schema.spec.items[2] : omit()}');
  assert.deepEqual(at_(container(t['env']), 'env'), [{ name: 'FIRST', value: '${size(schema.spec.items) > 0 ? schema.spec.items[0] : omit()}' }]);
  assert.equal(at_(t['worker'], 'spec', 'replicas'), '${has(w.size) ? w.size : omit()}');
});

test('the compiled graph agrees with JavaScript for every spec, each field set and left out, each list short and long', () => {
  for (const [name, input] of Object.entries(absentReadCases)) {
    const report = runCase(name, input);
    assert.equal(report.specs, ABSENT_READ_SPECS.length, name);
    assert.ok(report.evaluations >= ABSENT_READ_SPECS.length, name);
    assert.deepEqual(report.findings, [], name);
  }
});

const definition = {
  apiVersion: 'absent.typekro.dev/v1alpha1',
  spec: type({ name: 'string', 'replicas?': 'number.integer', 'level?': 'string', items: 'string[]' }),
  status: type({ name: 'string' }),
};
const kind = (name: string) => name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase());
const define = (name: string, body: (spec: typeof definition.spec.infer) => void) => () =>
  kubernetesComposition({ ...definition, name, kind: kind(name) }, (spec) => {
    body(spec);
    return { name: spec.name };
  });

const FIELD_HINT = (read: string) => `  hint: give it a default where it is used (\`${read} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or create the resource only when it is set (\`if (${read}) ...\`)`;
const UNFOLLOWED = "JavaScript passes `undefined`, and what the call makes of it cannot be written in CEL (only a factory's default or a field left out can)";
const COMPUTED = 'JavaScript computes with `undefined` (the text "undefined", NaN in arithmetic), and TypeKro refuses to write such a value';

test('text or arithmetic built from an optional read keeps the refusal, saying what JavaScript computes', () => {
  assert.equal(
    refusal(define('read-text', (spec) => ConfigMap({ name: 'a', data: { t: `${spec.level}-x` } }))),
    `${at("'read-text'", 'spec.level}')}: \`data.t\` is set from an optional spec field without a default: when the instance leaves it out, ${COMPUTED}\n    spec.level\n${FIELD_HINT('spec.level')}`,
  );
  assert.equal(
    refusal(define('item-sum', (spec) => Deployment({ name: 'a', image: 'nginx', replicas: spec.replicas! + 1 }))),
    `${at("'item-sum'", 'spec.replicas!')}: \`replicas\` is set from an optional spec field without a default: when the instance leaves it out, ${COMPUTED}\n    spec.replicas\n${FIELD_HINT('spec.replicas')}`,
  );
});

test('an optional read the call makes something else of is refused: a name, a list item, Helm values', () => {
  assert.equal(
    refusal(define('read-name', (spec) => Deployment({ name: spec.level!, image: 'nginx' }))),
    `${at("'read-name'", 'spec.level!')}: \`name\` is set from an optional spec field without a default: when the instance leaves it out, ${UNFOLLOWED}\n    spec.level\n${FIELD_HINT('spec.level')}`,
  );
  assert.equal(
    refusal(define('read-list', (spec) => Deployment({ name: 'a', image: 'nginx', args: [spec.level!] }))),
    `${at("'read-list'", 'spec.level!]')}: \`args.0\` is set from an optional spec field without a default: when the instance leaves it out, ${UNFOLLOWED}\n    spec.level\n${FIELD_HINT('spec.level')}`,
  );
  assert.equal(
    refusal(define('read-helm', (spec) => HelmChart('redis', 'https://charts.bitnami.com/bitnami', 'redis', { replicaCount: spec.replicas }))),
    `${at("'read-helm'", 'spec.replicas }')}: \`replicaCount\` is set from an optional spec field without a default: when the instance leaves it out, ${UNFOLLOWED}\n    spec.replicas\n${FIELD_HINT('spec.replicas')}`,
  );
  assert.equal(
    refusal(define('item-name', (spec) => ConfigMap({ name: spec.items[1]!, data: {} }))),
    `${at("'item-name'", 'spec.items[1]!')}: \`name\` is set from a spec list item that may be missing (the list may be shorter): ${UNFOLLOWED}\n    spec.items[1]\n  hint: give it a default (\`spec.items[1] ?? <default>\`), create the resource only when the list is long enough (\`if (spec.items.length > 1) ...\`), or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(2)\`)`,
  );
});

test('more than 6 options of one call that may be undefined are refused, naming them (2^n manifests are built)', () => {
  assert.equal(
    refusal(define('read-many', (spec) => ConfigMap({ name: 'a', data: { a: spec.level!, b: spec.level!, c: spec.level!, d: spec.level!, e: spec.level!, f: spec.level!, g: spec.level! } }))),
    `${at("'read-many'", 'spec.level! } })')}: this call has 7 options that may be \`undefined\` (\`data.a\`, \`data.b\`, \`data.c\`, \`data.d\`, \`data.e\`, \`data.f\`, \`data.g\`): what the factory makes of \`undefined\` is learnt by building its manifest for every combination of them, for at most 6\n    spec.level\n  hint: give some of them a default (\`x ?? <default>\`, or in the spec type), or set some of them only under a condition on the call (\`if (spec.x) ...\`)`,
  );
  // Six are accepted, and every combination agrees with JavaScript.
  const six = define('read-six', (spec) => ConfigMap({ name: 'a', data: { a: spec.level!, b: spec.items[0]!, c: spec.items[1]!, d: spec.items[2]!, e: spec.items[3]!, f: spec.level! } }))();
  const specs = [{ name: 'x', items: [] }, { name: 'x', level: 'l', items: ['1', '2'] }, { name: 'x', items: ['1', '2', '3', '4'] }];
  assert.deepEqual(runCase('read-six', { composition: six as never, spec: specs[0]!, specs }).findings, []);
});
