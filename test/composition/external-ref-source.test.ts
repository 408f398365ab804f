/**
 * externalRef's name and namespace are compiled from source like any factory argument: a ternary on the spec
 * ran in JavaScript on a placeholder (always truthy), and the first branch became a silent constant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { externalRef, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

interface Rgd {
  spec: { resources: { id: string; externalRef?: { metadata: { name: string; namespace?: string } } }[] };
}

const definition = { apiVersion: 'ext.typekro.dev/v1alpha1', spec: type({ prod: 'boolean', team: 'string' }), status: type({ ok: 'boolean' }) };

function externalMetadata(app: { toYaml(): string }): { name: string; namespace?: string } {
  const resource = (parse(app.toYaml()) as Rgd).spec.resources.find((r) => r.externalRef);
  return resource!.externalRef!.metadata;
}

test('externalRef({ metadata: { name: cond ? a : b } }) is that conditional in CEL, not its first branch', () => {
  const app = kubernetesComposition({ ...definition, name: 'ext-object', kind: 'ExtObject' }, (spec) => {
    const config = externalRef<{ metadata: { name: string } }>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: spec.prod ? 'prod-cfg' : 'dev-cfg', namespace: `team-${spec.team}` } });
    ConfigMap({ name: 'copy', data: { from: config.metadata.name } });
    return { ok: true };
  });
  assert.deepEqual(externalMetadata(app), { name: '${schema.spec.prod ? "prod-cfg" : "dev-cfg"}', namespace: 'team-${schema.spec.team}' });
});

test('externalRef(apiVersion, kind, name, namespace): the positional name and namespace are compiled too', () => {
  const app = kubernetesComposition({ ...definition, name: 'ext-positional', kind: 'ExtPositional' }, (spec) => {
    const config = externalRef('v1', 'ConfigMap', spec.prod ? 'prod-cfg' : 'dev-cfg', spec.team === '' ? 'default' : spec.team);
    ConfigMap({ name: 'copy', data: { from: config.metadata.name } });
    return { ok: true };
  });
  assert.deepEqual(externalMetadata(app), {
    name: '${schema.spec.prod ? "prod-cfg" : "dev-cfg"}',
    namespace: '${schema.spec.team == "" ? "default" : schema.spec.team}',
  });
});
