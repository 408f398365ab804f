/**
 * Errors a user can act on, raised when the composition is defined (before anything touches a cluster):
 * each names the place and says what to do.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';

const definition = {
  apiVersion: 'errors.typekro.dev/v1alpha1',
  spec: type({ name: 'string', replicas: 'number.integer', items: 'string[]' }),
  status: type({ ready: 'boolean', total: 'number' }),
};
const thisFile = /errors\.test\.ts:\d+:\d+/;

test('unsupported JavaScript names file, line, construct and the escape hatch', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'reduce', kind: 'Reduce' }, (spec) => {
        const web = Deployment({ name: 'web', image: 'nginx' });
        return { ready: web.status.readyReplicas > 0, total: spec.items.reduce((sum, item) => sum + item.length, 0) };
      }).toYaml(),
    (error: Error) => thisFile.test(error.message) && /reduce/.test(error.message) && /Cel\.expr/.test(error.message),
  );
});

test('a misspelled field through an untyped cast is reported with the known fields', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'typo', kind: 'Typo' }, (spec) => {
        const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
        const loose = web.status as unknown as { readyReplica: number };
        return { ready: loose.readyReplica > 0, total: 1 };
      }).toYaml(),
    (error: Error) => thisFile.test(error.message) && /readyReplica/.test(error.message),
  );
});

test('duplicate resource ids name both resources', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'dupes', kind: 'Dupes' }, () => {
        ConfigMap({ id: 'settings', name: 'a', data: {} });
        ConfigMap({ id: 'settings', name: 'b', data: {} });
        return { ready: true, total: 1 };
      }).toYaml(),
    /settings/,
  );
});

test('invalid and reserved ids are rejected with the rule', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'bad-id', kind: 'BadId' }, () => {
        ConfigMap({ id: 'my-config', name: 'a', data: {} });
        return { ready: true, total: 1 };
      }).toYaml(),
    /my-config/,
  );
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'reserved-id', kind: 'ReservedId' }, () => {
        ConfigMap({ id: 'status', name: 'a', data: {} });
        return { ready: true, total: 1 };
      }).toYaml(),
    /status.*reserved|reserved.*status/i,
  );
});

test('an invalid literal name says which resource and what is wrong', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'bad-name', kind: 'BadName' }, () => {
        ConfigMap({ name: 'Not_A_Name', data: {} });
        return { ready: true, total: 1 };
      }).toYaml(),
    /Not_A_Name/,
  );
});

test('a dependency cycle is named resource by resource', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'cycle', kind: 'Cycle' }, () => {
        const first = configMap({ metadata: { name: 'first' }, data: {} });
        const second = configMap({ metadata: { name: 'second' }, data: { peer: first.metadata.name } });
        first.dependsOn(second);
        return { ready: true, total: 1 };
      }).toYaml(),
    /first -> second -> first|second -> first -> second/,
  );
});

test('a spec that violates the schema names the field, before anything is rendered', () => {
  const composition = kubernetesComposition({ ...definition, name: 'spec-check', kind: 'SpecCheck' }, (spec) => {
    ConfigMap({ name: 'a', data: { name: spec.name } });
    return { ready: true, total: 1 };
  });
  assert.throws(() => composition.toYaml({ name: 'x', replicas: 'three', items: [] } as never), /spec\.replicas/);
});

test('a whole resource used as a value is rejected with a hint', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'whole', kind: 'Whole' }, () => {
        const a = ConfigMap({ name: 'a', data: {} });
        ConfigMap({ name: 'b', data: { other: a as never } });
        return { ready: true, total: 1 };
      }).toYaml(),
    /reference one of its fields/,
  );
});

test('spreading a reference is an error instead of silently losing its fields', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'spread', kind: 'Spread' }, (spec) => {
        ConfigMap({ name: 'a', data: { ...(spec as unknown as Record<string, string>) } });
        return { ready: true, total: 1 };
      }),
    /a spread of an object in an object literal/,
  );
});

test('a nested composition given no value for an optional field drops what that field guards', () => {
  const child = kubernetesComposition(
    { apiVersion: 'errors.typekro.dev/v1alpha1', name: 'opt-child', kind: 'OptChild', spec: type({ name: 'string', 'host?': 'string' }), status: type({ url: 'string' }) },
    (spec) => {
      if (spec.host) ConfigMap({ name: `${spec.name}-host`, data: { host: spec.host } });
      return { url: spec.host ? `https://${spec.host}` : 'none' };
    },
  );
  const parent = kubernetesComposition(
    { apiVersion: 'errors.typekro.dev/v1alpha1', name: 'opt-parent', kind: 'OptParent', spec: type({ name: 'string' }), status: type({ url: 'string' }) },
    (spec) => ({ url: child({ name: spec.name }).status.url }),
  );
  assert.equal(parent.graph.resources.length, 0);
  assert.match(parent.toYaml(), /"none"/);
});

test('a nested composition reading an optional field the parent omits, unguarded, says what to do', () => {
  const child = kubernetesComposition(
    { apiVersion: 'errors.typekro.dev/v1alpha1', name: 'raw-child', kind: 'RawChild', spec: type({ name: 'string', 'host?': 'string' }), status: type({ host: 'string' }) },
    (spec) => {
      ConfigMap({ name: spec.name, data: {} });
      return { host: spec.host };
    },
  );
  assert.throws(
    () => kubernetesComposition(
      { apiVersion: 'errors.typekro.dev/v1alpha1', name: 'raw-parent', kind: 'RawParent', spec: type({ name: 'string' }), status: type({ host: 'string' }) },
      (spec) => ({ host: child({ name: spec.name }).status.host }),
    ),
    /spec\.host.*pass it, give it a default, or guard the read/,
  );
});
