/**
 * The original TypeKro's `Cel` functions and the `cel` tag: compiled as the JavaScript they mean (rendered
 * offline), computed as that JavaScript on plain values, and held to it by the differential harness
 * (compiled graph under the direct runtime's CEL against the concrete evaluation, for several specs and
 * observed states).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, cel, kubernetesComposition, type TypeKroError } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { runCase } from '../differential/harness.js';

const spec = type({ replicas: 'number.integer', name: 'string', 'tier?': 'string', ratio: 'number', items: 'string[]', num: 'string', on: 'boolean' });
const status = type({
  phase: 'string', joined: 'string', count: 'number', low: 'number', high: 'number', text: 'string', whole: 'number',
  double: 'number', tier: 'string', untiered: 'boolean', host: 'string', parsed: 'number', chars: 'number', off: 'boolean',
});

const app = kubernetesComposition(
  { name: 'cel-functions', apiVersion: 'migration.typekro.dev/v1alpha1', kind: 'CelFunctions', spec, status },
  (spec) => {
    const web = Deployment({ name: 'web', image: 'nginx', replicas: Cel.max(spec.replicas, 1) });
    ConfigMap({ name: 'settings', data: { tier: Cel.default(spec.tier, 'standard'), url: cel`http://${spec.name}:${spec.replicas}` } });
    return {
      phase: Cel.conditional(web.status.readyReplicas > 0, 'running', 'pending'),
      joined: Cel.concat(spec.name, '-', spec.replicas),
      count: Cel.size(spec.items),
      low: Cel.min(spec.replicas, 10),
      high: Cel.max(web.status.readyReplicas ?? 0, 1),
      text: Cel.string(spec.replicas),
      whole: Cel.int(spec.ratio),
      double: Cel.double(spec.replicas),
      tier: Cel.coalesce(spec.tier, 'none'),
      untiered: Cel.not(spec.tier),
      host: cel`${spec.name}.svc`,
      parsed: Cel.int(spec.num),
      chars: Cel.size(spec.name),
      off: Cel.not(spec.on),
    };
  },
);

type Rgd = { spec: { schema: { status: Record<string, string> }; resources: { template: { spec?: { replicas?: unknown }; data?: unknown } }[] } };

test('the Cel functions compile as the JavaScript they mean', () => {
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.schema.status, {
    phase: '${web.?status.?readyReplicas.orValue(0) > 0 ? "running" : "pending"}',
    joined: '${schema.spec.name}-${string(schema.spec.replicas)}',
    count: '${size(schema.spec.items)}',
    low: '${[schema.spec.replicas, 10].min()}',
    high: '${[web.?status.?readyReplicas.orValue(0), 1].max()}',
    text: '${string(schema.spec.replicas)}',
    whole: '${int(schema.spec.ratio)}',
    double: '${double(schema.spec.replicas)}',
    tier: '${schema.spec.?tier.orValue("none")}',
    untiered: '${!(has(schema.spec.tier) && schema.spec.tier != "")}',
    host: '${schema.spec.name}.svc',
    parsed: '${int(schema.spec.num)}',
    chars: '${size(schema.spec.name) + size(schema.spec.name.split("").filter(c, c > "\\uffff"))}',
    off: '${!schema.spec.on}',
  });
  assert.equal(rgd.spec.resources[0]?.template.spec?.replicas, '${[schema.spec.replicas, 1].max()}');
  assert.deepEqual(rgd.spec.resources[1]?.template.data, { tier: '${schema.spec.?tier.orValue("standard")}', url: 'http://${schema.spec.name}:${string(schema.spec.replicas)}' });
});

test('the compiled Cel functions agree with JavaScript for every spec variant and observed state', () => {
  const report = runCase('cel-functions', { composition: app as never, spec: { replicas: 3, name: 'shop', tier: 'gold', ratio: 2.7, items: ['a', 'b'], num: '42', on: true } });
  assert.ok(report.evaluations >= 6, `only ${report.evaluations} evaluations`);
  assert.equal(report.opaque, 0, 'no value left to CEL: every function has a JavaScript meaning');
  // `Cel.int(text)` is CEL's int(): on text that is not an integer (the random spec variants include such text) the
  // expression fails in the cluster, and the concrete evaluation throws that failure (as a direct deploy fails).
  const failed = (f: (typeof report.findings)[number]): boolean => f.aspect === 'evaluation' && f.detail.includes(`JavaScript threw: Cel.int(${JSON.stringify(f.spec.num)}): CEL's int() fails on this text`);
  const [parsed, others] = [report.findings.filter(failed), report.findings.filter((f) => !failed(f))];
  assert.deepEqual(others.map((f) => `${f.state} ${f.aspect}\n${f.detail}`), []);
  for (const finding of parsed) assert.ok(!/^-?\d+$/.test(String(finding.spec.num)), finding.detail);
});

test('on plain values the Cel functions compute JavaScript', () => {
  assert.deepEqual(
    [Cel.conditional(0, 'a', 'b'), Cel.concat('x', 1, true), Cel.size('abc'), Cel.min(4, -1), Cel.max(4, -1), Cel.string(false), Cel.int(-2.5), Cel.int('12'), Cel.double('0.5')],
    ['b', 'x1true', 3, -1, 4, 'false', -2, 12, 0.5],
  );
  // on text they are CEL's parsers, not parseInt/Number (trial 4, F08): checked against cel-go v0.26
  assert.deepEqual([Cel.int('+42'), Cel.double('1_0.5'), Cel.double('0x1p3'), Cel.double('.5'), Cel.double('1e1_0')], [42, 10.5, 8, 0.5, 1e10]);
  for (const [fn, text] of [['int', '12px'], ['int', ' 42'], ['int', '3.9'], ['int', '1_0'], ['int', '9223372036854775808'], ['double', ' 42'], ['double', '0x10'], ['double', '1__0'], ['double', '+nan'], ['double', '1e400']] as const) {
    assert.throws(() => Cel[fn](text), (error: TypeKroError) => error.code === 'DEPLOY_FAILED' && error.message.startsWith(`Cel.${fn}(${JSON.stringify(text)}): CEL's ${fn}() fails on this text`), `${fn} ${text}`);
  }
  assert.deepEqual([Cel.default(null, 1), Cel.default(0, 1), Cel.coalesce<string>(undefined, '', 'z'), Cel.not(0), Cel.not('x')], [1, 0, '', true, false]);
  assert.equal(cel`a${1}b${'c'}`, 'a1bc');
});

test('a Cel function called with the wrong number of arguments names the form it takes', () => {
  assert.throws(
    () =>
      kubernetesComposition({ name: 'cel-arity', kind: 'CelArity', spec: type({ n: 'number.integer' }), status: type({ n: 'number' }) }, (spec) => ({
        n: (Cel.size as (...args: unknown[]) => number)(spec.n, spec.n),
      })),
    /cel-functions\.test\.ts:\d+:\d+: Cel\.size takes one list or string, got 2 arguments/,
  );
});
