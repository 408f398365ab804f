/**
 * `x ?? d` over an untyped field (x-kubernetes-preserve-unknown-fields: a spec `unknown`/record field, an
 * untyped custom resource's status) that holds JSON null: JavaScript gives `d`. KRO keeps a null in an untyped
 * part (`UnstructuredToVal` types nothing there), and CEL's optional keeps it too: `x.?f.orValue(d)` is null
 * in cel-go (tools/cel-oracle, KRO v0.9.4's environment) as in our engine. So `??` over an untyped value
 * compiles to a test for null as well (`dyn(x.?f).orValue(null) == null ? d : x.?f.orValue(d)`), which both
 * engines answer as JavaScript does for null, absent and present values of every JSON kind; `dyn(...)` keeps it
 * valid where KRO knows the field's type (cel-go refuses `orValue(null)` on `optional(string)`). Needs Go.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { answersAgree } from '../cel/compare.js';
import { answerWithEngine } from '../cel/ours.js';
import { parseAnswers, type OpenApiSchema, type TaggedJson, type Vector } from '../cel/vectors.js';

const ORACLE_DIR = fileURLToPath(new URL('../../tools/cel-oracle/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'typekro-untyped-null-'));
after(() => rmSync(work, { recursive: true, force: true }));

const schema: OpenApiSchema = { type: 'object', properties: { status: { type: 'object', properties: { values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } };
const OLD = 'cr.?status.?values.?level.orValue("d")';
const NEW = 'dyn(cr.?status.?values.?level).orValue(null) == null ? "d" : cr.?status.?values.?level.orValue("d")';
/** The same over a field KRO types (a string), where our compiler sees an untyped handle (a YAML file's ConfigMap). */
const typed: OpenApiSchema = { type: 'object', properties: { status: { type: 'object', properties: { values: { type: 'object', additionalProperties: { type: 'string' } } } } } };
const TYPED_LEVELS: { readonly values: Record<string, TaggedJson> }[] = [{ values: { level: 'x' } }, { values: {} }];
const LEVELS: { readonly values: Record<string, TaggedJson> }[] = [{ values: { level: null } }, { values: {} }, { values: { level: 'x' } }, { values: { level: 0 } }, { values: { level: false } }, { values: { level: { a: 1 } } }];
const js = (values: Record<string, TaggedJson>): TaggedJson => (values.level as TaggedJson | undefined) ?? 'd';

test('`??` over an untyped field holding null: cel-go, our engine and JavaScript agree on the compiled null test', () => {
  const binary = join(work, 'cel-oracle');
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: ORACLE_DIR, encoding: 'utf8' });
  if (build.error) assert.fail(`go build tools/cel-oracle: ${build.error.message}`);
  assert.equal(build.status, 0, `go build tools/cel-oracle failed:\n${build.stderr}`);
  const vectors: Vector[] = [
    ...[OLD, NEW].flatMap((expr, i) => LEVELS.map((status, j) => ({ id: `n-${i}-${j}`, expr, vars: { cr: { status } }, schemas: { cr: schema } }))),
    ...TYPED_LEVELS.map((status, j) => ({ id: `t-${j}`, expr: NEW, vars: { cr: { status } }, schemas: { cr: typed } })),
  ];
  const result = spawnSync(binary, [], { input: vectors.map((v) => JSON.stringify(v)).join('\n'), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const oracle = parseAnswers(result.stdout);
  const engine = createCelEngine();
  const answers = vectors.map((vector) => {
    const go = oracle.get(vector.id);
    const ours = answerWithEngine(engine, vector);
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    return go.value;
  });
  // the plain optional keeps the null (what `??` compiled to before); the null test gives JavaScript's answer
  assert.deepEqual(answers.slice(0, LEVELS.length), [null, 'd', 'x', 0, false, { a: 1 }]);
  assert.deepEqual(answers.slice(LEVELS.length, 2 * LEVELS.length), LEVELS.map((status) => js(status.values)));
  assert.deepEqual(answers.slice(2 * LEVELS.length), ['x', 'd']);
});
