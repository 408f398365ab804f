/**
 * A factory option that may be `undefined` (trial R2, `replicas: spec.c ? 3 : undefined`): what JavaScript's
 * manifest holds then is the factory's choice, learnt by building the manifest again without the option
 * (src/composition/absent-options.ts). A default compiles to a choice (`c ? "Never" : "OnFailure"`), a field left out to
 * `c ? 3 : omit()`; direct mode's plan, the test kit's render and simulate, and the direct factory's YAML
 * all leave the field out as KRO does. What the factory makes of `undefined` otherwise is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse, parseAllDocuments } from 'yaml';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { Deployment, HelmChart } from '../../src/simple.js';
import { render, simulate } from '../../src/testing/index.js';
import { runCase } from '../differential/harness.js';
import { rawOmitted, simpleDefaults } from '../differential/absent-option-cases.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const SPECS = [true, false].flatMap((c) => [1, 3, 5].flatMap((r) => [{ name: 'a', c, r }, { name: 'a', c, r, o: 'always' }]));

interface Rgd { spec: { resources: { id: string; template: Record<string, unknown> }[] } }
const templates = (app: { toYaml(): string }): Record<string, unknown> => Object.fromEntries((parse(app.toYaml()) as Rgd).spec.resources.map((r) => [r.id, r.template]));
const at_ = (value: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);

test('a default of the factory becomes the other branch; a field the factory passes on is left out with omit()', () => {
  const simple = templates(simpleDefaults);
  assert.equal(at_(simple['job'], 'spec', 'template', 'spec', 'restartPolicy'), '${schema.spec.c ? "Never" : "OnFailure"}');
  // Deployment leaves replicas out when not given (an autoscaler owns it then), so the field is omitted
  assert.equal(at_(simple['web'], 'spec', 'replicas'), '${schema.spec.c ? 3 : omit()}');
  assert.equal(at_(simple['both'], 'spec', 'replicas'), '${schema.spec.r > 4 ? 2 : omit()}');
  assert.equal(at_(simple['both'], 'spec', 'template', 'spec', 'containers', 0, 'image'), '${schema.spec.r > 2 ? "nginx" : omit()}');
  assert.equal(at_(simple['svc'], 'spec', 'ports', 0, 'targetPort'), '${schema.spec.c ? 8080 : omit()}');
  const raw = templates(rawOmitted);
  assert.equal(at_(raw['configMap'], 'data', 'b'), '${schema.spec.c ? schema.spec.name : omit()}');
  assert.equal(at_(raw['configMap'], 'immutable'), '${schema.spec.r > 2 ? true : omit()}');
  assert.equal(at_(raw['deployment'], 'spec', 'replicas'), '${schema.spec.r > 4 ? 5 : schema.spec.c ? 3 : omit()}');
});

test('the compiled graph agrees with JavaScript for every spec, the option set or not', () => {
  for (const [name, app] of Object.entries({ simpleDefaults, rawOmitted })) {
    const report = runCase(name, { composition: app as never, spec: SPECS[0]!, specs: SPECS });
    assert.equal(report.specs, SPECS.length);
    assert.deepEqual(report.findings, [], name);
  }
});

test('render, simulate and the direct factory\'s YAML leave the field out where JavaScript does, and keep it where it is set', async () => {
  const manifestsOf = (docs: readonly Record<string, unknown>[], kind: string) => docs.filter((d) => d['kind'] === kind);
  for (const c of [true, false]) {
    const spec = { name: 'a', c, r: 1 };
    const rendered = render(rawOmitted, spec).manifests as Record<string, unknown>[];
    const simulated = simulate(rawOmitted, spec).resources.flatMap((r) => r.manifests) as Record<string, unknown>[];
    const yaml = parseAllDocuments(await rawOmitted.factory('direct', { namespace: 'dev' }).toYaml(spec)).map((d) => d.toJSON() as Record<string, unknown>);
    for (const docs of [rendered, simulated, yaml]) {
      const [cm] = manifestsOf(docs, 'ConfigMap');
      const [raw] = manifestsOf(docs, 'Deployment');
      assert.deepEqual(at_(cm, 'data'), c ? { a: 'x', b: 'a' } : { a: 'x' });
      assert.equal('immutable' in (cm as object), false);
      assert.equal(at_(raw, 'spec', 'replicas'), c ? 3 : undefined);
      assert.equal('replicas' in (at_(raw, 'spec') as object), c);
    }
  }
});

const definition = { apiVersion: 'absent.typekro.dev/v1alpha1', kind: 'AbsentRefused', spec: type({ name: 'string', c: 'boolean' }), status: type({ name: 'string' }) };
const HINT = "  hint: write the value JavaScript would use instead of `undefined` (e.g. `cond ? 3 : 1` when the factory's default is 1), choose between whole values (`cond ? { key: 'v' } : {}`), or create the resource under a condition (`if (cond) ...`)";
const why = (field: string) => `\`${field}\` may be \`undefined\` here, depending on the spec or the cluster, and what JavaScript makes of \`undefined\` there cannot be written in CEL`;

test('text built from a value that may be undefined is refused ("undefined-y" in JavaScript)', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'absent-text' }, (spec) => {
    configMap({ metadata: { name: 'a' }, data: { t: `${spec.c ? 'x' : undefined}-y` } });
    return { name: spec.name };
  }));
  assert.equal(message, `${at("'absent-text'", "spec.c ? 'x'")}: ${why('data.t')}\n    spec.c ? 'x' : undefined\n${HINT}`);
});

test('a resource name that may be undefined is refused: a resource without a name cannot be applied or found again', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'absent-name' }, (spec) => {
    Deployment({ name: (spec.c ? 'web' : undefined) as string, image: 'nginx' });
    return { name: spec.name };
  }));
  assert.equal(message, `${at("'absent-name'", "spec.c ? 'web'")}: ${why('name')}\n    spec.c ? 'web' : undefined\n${HINT}`);
});

test('an option that may be undefined given to a call that does not build a manifest from it (Helm values) is refused', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'absent-helm' }, (spec) => {
    HelmChart('redis', 'https://charts.bitnami.com/bitnami', 'redis', { replicaCount: spec.c ? 3 : undefined });
    return { name: spec.name };
  }));
  assert.equal(message, `${at("'absent-helm'", 'spec.c ? 3')}: ${why('replicaCount')}\n    spec.c ? 3 : undefined\n${HINT}`);
});
