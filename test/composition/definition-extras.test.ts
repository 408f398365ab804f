/**
 * KRO features of the RGD schema a composition expresses (issue 12, point 7): a composition without
 * status fields, and additionalPrinterColumns (typed, checked when defined, rendered into the RGD).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, prepareGraph } from '../../src/runtime/engine/index.js';
import { assertGolden } from '../support/golden.js';

const settings = kubernetesComposition({ name: 'settings', apiVersion: 'extras.typekro.dev/v1alpha1', kind: 'Settings', spec: type({ level: 'string' }) }, (spec) => {
  ConfigMap({ name: 'settings', data: { level: spec.level } });
});

test('a composition without status: no schema.status in the RGD, an empty status in direct mode', () => {
  const yaml = settings.toYaml();
  assert.doesNotMatch(yaml, /status:/);
  assert.match(yaml, /level: \$\{schema\.spec\.level\}/);
  assert.equal(settings.graph.statusSchema, undefined);
  const prepared = prepareGraph(settings.graph, createCelEngine());
  assert.deepEqual(instanceStatus(prepared, { spec: { level: 'x' }, instance: { name: 'a', namespace: 'default' }, observed: new Map() }).status, {});
});

const web = kubernetesComposition(
  {
    name: 'columns-web',
    apiVersion: 'extras.typekro.dev/v1alpha1',
    kind: 'ColumnsWeb',
    spec: type({ name: 'string', replicas: 'number.integer', 'labels?': 'Record<string, string>' }),
    status: type({ url: 'string', ready: 'boolean' }),
    additionalPrinterColumns: [
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'URL', type: 'string', jsonPath: '.status.url', description: 'where the app is served' },
      { name: 'State', type: 'string', jsonPath: '.status.state' },
      { name: 'Team', type: 'string', jsonPath: ".spec.labels['team']", priority: 1 },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
  (spec) => {
    const deployment = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    return { url: `http://${spec.name}`, ready: deployment.status.readyReplicas >= spec.replicas };
  },
);

test('additionalPrinterColumns are rendered into the RGD schema (golden)', () => {
  assertGolden(new URL('./golden/printer-columns.yaml', import.meta.url), web.toYaml());
});

const columns = (additionalPrinterColumns: unknown) => () =>
  kubernetesComposition(
    { name: 'bad-columns', kind: 'BadColumns', spec: type({ replicas: 'number.integer' }), status: type({ url: 'string' }), additionalPrinterColumns: additionalPrinterColumns as never },
    (spec) => ({ url: `http://x/${spec.replicas}` }),
  );

test('a bad column is refused when the composition is defined, naming the column', () => {
  const cases: [unknown, RegExp][] = [
    [[{ name: 'R', type: 'integer', jsonPath: '.spec.replica' }], /additionalPrinterColumns\[0\] \("R"\): \.spec\.replica is not a field of the spec schema/],
    [[{ name: 'U', type: 'string', jsonPath: '.status.uri' }], /\("U"\): \.status\.uri is not a field of the status schema \(KRO also writes \.status\.state and \.status\.conditions\)/],
    [[{ name: 'X', type: 'string', jsonPath: 'spec.replicas' }], /\("X"\): jsonPath must be a simple JSONPath such as "\.spec\.replicas"/],
    [[{ name: 'X', type: 'string', jsonPath: '.data.x' }], /\("X"\): jsonPath must start with \.spec, \.status or \.metadata/],
    [[{ name: 'F', type: 'float', jsonPath: '.spec.replicas' }], /\("F"\): type must be one of string, integer, number, boolean, date \(was "float"\)/],
    [[{ name: 'A', type: 'string', jsonPath: '.spec.replicas' }, { name: 'A', type: 'string', jsonPath: '.status.url' }], /additionalPrinterColumns\[1\] \("A"\): another column has the same name/],
    [[{ name: '', type: 'string', jsonPath: '.spec.replicas' }], /additionalPrinterColumns\[0\]: name must be a non-empty string/],
    [[{ name: 'P', type: 'string', jsonPath: '.spec.replicas', priority: -1 }], /\("P"\): priority must be a whole number >= 0/],
  ];
  for (const [input, message] of cases) {
    assert.throws(columns(input), (error: Error) => error instanceof CompositionError && message.test(error.message) && /composition "bad-columns"/.test(error.message), JSON.stringify(input));
  }
});
