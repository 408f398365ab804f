/**
 * yamlFile / yamlDirectory at definition time: what becomes a resource, ids, namespaces, ordering, and
 * errors that name the file, the line and the problem (nothing reaches a cluster before they pass).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { type } from 'arktype';
import { kubernetesComposition, yamlDirectory, yamlFile, YamlManifestError } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';

const definition = { apiVersion: 'yaml.typekro.dev/v1alpha1', spec: type({ image: 'string' }), status: type({ 'level?': 'string' }) };

test('yamlFile: every document a resource, referenced and ordered like any other', () => {
  const app = kubernetesComposition({ ...definition, name: 'yaml-file', kind: 'YamlFile' }, (spec) => {
    const base = yamlFile('../fixtures/manifests/app/base.yaml');
    const settings = base.resource<V1ConfigMap>('ConfigMap', 'app-settings');
    Deployment({ name: 'app', image: spec.image, env: { LEVEL: settings.data.level ?? 'info' } }).dependsOn(base);
    return { level: settings.data.level };
  });
  const ids = app.graph.resources.map((r) => r.id);
  assert.deepEqual(ids, ['baseConfigMapAppSettings', 'baseServiceApp', 'deploymentApp']);
  const yaml = app.toYaml();
  assert.match(yaml, /level: \$\{baseConfigMapAppSettings\.data\.level\}/);
  // `?? 'info'` keeps its meaning: the default applies while the ConfigMap has no `level`.
  // (with a null test: the handle is untyped, and an untyped field may hold JSON null, which `??` replaces)
  assert.match(yaml, /value: '\$\{dyn\(baseConfigMapAppSettings\.data\.\?level\)\.orValue\(null\) == null \? "info" : baseConfigMapAppSettings\.data\.\?level\.orValue\("info"\)\}'/);
  assert.match(yaml, /typekro\.dev\/depends-on: \$\{baseServiceApp\.metadata\.name\}/);
});

test('yamlDirectory: recursive, sorted by path, non-YAML files ignored, List expanded, namespace option', () => {
  const app = kubernetesComposition({ ...definition, name: 'yaml-dir', kind: 'YamlDir' }, () => {
    const all = yamlDirectory({ path: '../fixtures/manifests/app', id: 'app', namespace: 'team-a' });
    return { level: all.resource<V1ConfigMap>('ConfigMap', 'app-settings').data.level };
  });
  const resources = app.graph.resources;
  assert.deepEqual(resources.map((r) => r.id), ['appConfigMapAppSettings', 'appServiceApp', 'appServiceAccountAppRunner', 'appRoleAppReader']);
  for (const r of resources) assert.equal(((r.template as { metadata: { namespace?: string } }).metadata).namespace, 'team-a');
  const flat = kubernetesComposition({ ...definition, name: 'yaml-flat', kind: 'YamlFlat' }, () => {
    const top = yamlDirectory({ path: '../fixtures/manifests/app', recursive: false });
    return { level: top.resource<V1ConfigMap>('ConfigMap', 'app-settings').data.level };
  });
  assert.equal(flat.graph.resources.length, 2);
});

test('a file that does not parse names the file, line and column', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'bad', kind: 'Bad' }, () => ({ level: yamlFile('../fixtures/manifests/bad/unparsable.yaml').resource<V1ConfigMap>('ConfigMap', 'ok').data.x })),
    (error: Error) => error instanceof YamlManifestError && /unparsable\.yaml:\d+:\d+: not valid YAML \(document 2\)/.test(error.message),
  );
});

test('documents that are not Kubernetes objects are named with their line and what is missing', () => {
  const cases: [string, RegExp][] = [
    ['no-kind.yaml', /no-kind\.yaml:1 \(document 1\): missing kind/],
    ['no-name.yaml', /no-name\.yaml:1 \(document 1\): ConfigMap is missing metadata\.name \(generateName is not supported/],
    ['scalar.yaml', /scalar\.yaml:1 \(document 1\): a document must be a Kubernetes object/],
    ['missing.yaml', /cannot read YAML manifest \/.*\/missing\.yaml \(given as "\.\.\/fixtures\/manifests\/bad\/missing\.yaml"\): no such file/],
  ];
  for (const [file, message] of cases) {
    assert.throws(() => kubernetesComposition({ ...definition, name: 'bad', kind: 'Bad' }, () => {
      yamlFile(`../fixtures/manifests/bad/${file}`);
      return { level: 'x' };
    }), (error: Error) => message.test(error.message), file);
  }
});

test('a path that is not a non-empty string is refused at the call, with its place', () => {
  for (const path of ['', 42]) {
    assert.throws(() => kubernetesComposition({ ...definition, name: 'bad', kind: 'Bad' }, () => {
      yamlFile(path as string); // the call
      return { level: 'x' };
    }), (error: Error) => error.message.startsWith(`${import.meta.filename}:`) && /:\d+:\d+: yamlFile: path must be a non-empty literal string .*, got /.test(error.message), JSON.stringify(path));
  }
});

test('directories: empty, missing, a file given as directory, and the same object twice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-yaml-'));
  try {
    writeFileSync(join(dir, 'notes.txt'), 'no yaml here');
    const compose = (path: string) => () => kubernetesComposition({ ...definition, name: 'bad', kind: 'Bad' }, () => {
      yamlDirectory(path);
      return { level: 'x' };
    });
    assert.throws(compose(dir), /holds no \.yaml\/\.yml files/);
    assert.throws(compose(join(dir, 'absent')), /cannot read manifest directory .*absent: no such directory/);
    assert.throws(compose(join(dir, 'notes.txt')), /is not a directory \(use yamlFile/);
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n';
    writeFileSync(join(dir, 'a.yaml'), cm);
    writeFileSync(join(dir, 'b.yaml'), `# the same object again\n${cm}`);
    assert.throws(compose(dir), (error: Error) => /ConfigMap "same" is defined twice: .*a\.yaml:1 and .*b\.yaml:2/.test(error.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('resource() names the objects there are when asked for one that is not', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'bad', kind: 'Bad' }, () => ({ level: yamlFile('../fixtures/manifests/app/base.yaml').resource<V1ConfigMap>('ConfigMap', 'nope').data.level })),
    /no ConfigMap named "nope" in .*base\.yaml; there are: ConfigMap\/app-settings, Service\/app/,
  );
});

test('a plain scalar kubectl reads otherwise (YAML 1.1) is refused with the file, line and column, as a spec file is (review of issue 10)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-yaml-'));
  try {
    const deployment = (replicas: string, flag: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  template:\n    metadata:\n      annotations:\n        enabled: ${flag}\n`;
    const cases: [string, string, string][] = [
      [deployment('010', '"yes"'), `:6:13: 010 is read as 10 here`, '010'], // kubectl applies 8 replicas
      [deployment('3', 'yes'), `:10:18: yes is read as "yes" here`, 'yes'], // kubectl reads true and the API refuses it
      [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  size: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  size: 1_000\n`, `:13:9: 1_000 is read as "1_000" here`, '1_000'],
    ];
    for (const [i, [text, where, source]] of cases.entries()) {
      const file = join(dir, `case${i}.yaml`);
      writeFileSync(file, text);
      assert.throws(
        () => kubernetesComposition({ ...definition, name: 'ambiguous', kind: 'Ambiguous' }, () => ({ level: yamlFile(file).resources.length > 0 ? 'x' : 'y' })),
        (error: Error) =>
          error instanceof YamlManifestError &&
          error.message === `${file}${where}, but kubectl and Helm (YAML 1.1, Go's number syntax) read it otherwise; quote it ("${source}") for the string, write a number in decimal without a leading zero or "_", a boolean as true or false`,
        source,
      );
    }
    // Read alike by both: accepted.
    writeFileSync(join(dir, 'alike.yaml'), deployment('0x3', '"yes"'));
    const alike = kubernetesComposition({ ...definition, name: 'alike', kind: 'Alike' }, () => {
      yamlFile(join(dir, 'alike.yaml'));
      return { level: 'x' };
    });
    assert.match(alike.toYaml(), /replicas: 3\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
