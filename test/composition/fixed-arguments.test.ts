/**
 * Arguments TypeKro uses when the composition is defined (an id, a YAML path, a custom resource's kind, a
 * dependsOn target, the object read from a YAML file) cannot depend on the spec: JavaScript computed them on
 * placeholders, where `spec.prod ? a : b` is always `a`, so the choice would hold for every instance (trial 2,
 * A5 and C1). Each is refused with file:line:column and the way out; what stays accepted is checked beside it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { customResource, externalRef, kubernetesComposition, yamlFile } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = { apiVersion: 'fixed.typekro.dev/v1alpha1', kind: 'Fixed', spec: type({ prod: 'boolean', name: 'string' }), status: type({ v: 'string' }) };
const WHY = 'is decided when the composition is defined, so it cannot depend on the spec or the cluster: JavaScript computed';

test('a resource id chosen by the spec is refused (before, an internal "id.replace is not a function")', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'fixed-id' }, (spec) => {
      ConfigMap({ name: 'a', data: {}, id: spec.prod ? 'prodCm' : 'devCm' });
      return { v: 'ok' };
    })),
    `${at("'fixed-id'", 'spec.prod')}: the resource id ${WHY} \`spec.prod ? 'prodCm' : 'devCm'\` on a placeholder, and the result would hold for every instance\n` +
      "    spec.prod ? 'prodCm' : 'devCm'\n" +
      "  hint: write a literal id, or one call per case (`if (spec.prod) ConfigMap({ id: 'prodX', ... }) else ConfigMap({ id: 'devX', ... })`)",
  );
});

test("a custom resource's kind, an externalRef's kind, a YAML path and the object read from a YAML file are refused when chosen by the spec", () => {
  const forms: [string, () => unknown, string][] = [
    ['customResource kind', () => kubernetesComposition({ ...definition, name: 'fixed-kind' }, (spec) => {
      customResource({ apiVersion: 'example.com/v1', kind: spec.prod ? 'ProdThing' : 'DevThing', metadata: { name: 't' }, spec: {} });
      return { v: 'ok' };
    }), `${at("'fixed-kind'", 'spec.prod')}: a custom resource's kind ${WHY}`],
    ['externalRef kind', () => kubernetesComposition({ ...definition, name: 'fixed-extref' }, (spec) => {
      externalRef('v1', spec.prod ? 'ConfigMap' : 'Secret', 'x');
      return { v: 'ok' };
    }), `${at("'fixed-extref'", 'spec.prod')}: the kind of externalRef ${WHY}`],
    ['yamlFile path', () => kubernetesComposition({ ...definition, name: 'fixed-yaml' }, (spec) => {
      yamlFile(spec.prod ? './fixtures/fixed-settings.yaml' : './fixtures/other.yaml');
      return { v: 'ok' };
    }), `${at("'fixed-yaml'", 'spec.prod')}: the path of yamlFile ${WHY}`],
    ['yamlFile path in an options object built first', () => kubernetesComposition({ ...definition, name: 'fixed-yaml-options' }, (spec) => {
      const options = { path: spec.prod ? './fixtures/fixed-settings.yaml' : './fixtures/other.yaml' };
      yamlFile(options);
      return { v: 'ok' };
    }), `${at("'fixed-yaml-options'", 'spec.prod')}: the path of yamlFile ${WHY}`],
    ['the object read from a YAML file', () => kubernetesComposition({ ...definition, name: 'fixed-yaml-resource' }, (spec) => {
      const files = yamlFile('./fixtures/fixed-settings.yaml');
      return { v: files.resource<{ data?: Record<string, string> }>('ConfigMap', spec.prod ? 'settings' : 'other').data?.['level'] ?? 'none' };
    }), `${at("'fixed-yaml-resource'", 'spec.prod')}: the name given to .resource() ${WHY}`],
    ['dependsOn target', () => kubernetesComposition({ ...definition, name: 'fixed-depends' }, (spec) => {
      const a = ConfigMap({ name: 'a', data: {} });
      const b = ConfigMap({ name: 'b', data: {} });
      ConfigMap({ name: 'c', data: {} }).dependsOn(spec.prod ? a : b);
      return { v: 'ok' };
    }), `${at("'fixed-depends'", 'spec.prod')}: a dependsOn() target ${WHY}`],
  ];
  for (const [name, define, start] of forms) assert.ok(refusal(define).startsWith(start), `${name}: ${refusal(define)}`);
});

test('literal ids, paths and kinds, handles passed as they are, and a YAML namespace from the spec stay accepted', () => {
  const graph = kubernetesComposition({ ...definition, name: 'fixed-ok' }, (spec) => {
    const files = yamlFile({ path: './fixtures/fixed-settings.yaml', namespace: spec.prod ? 'prod' : 'dev' });
    const a = ConfigMap({ name: spec.name, data: { level: files.resource<{ data?: Record<string, string> }>('ConfigMap', 'settings').data?.['level'] ?? 'none' }, id: 'first' });
    ConfigMap({ name: `${spec.name}-b`, data: {} }).dependsOn(a, files);
    customResource({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: spec.name }, spec: {} });
    return { v: 'ok' };
  });
  const yaml = graph.toYaml();
  assert.ok(yaml.includes(`namespace: '\${schema.spec.prod ? "prod" : "dev"}'`), yaml);
  assert.deepEqual(graph.graph.resources.map((r) => r.id), ['fixedSettingsConfigMapSettings', 'first', 'configMap', 'thing']);
});
