/**
 * An observed set where a resource is observed but a resource it reads is not (trial 13 finding 8): a deploy
 * creates a resource only after what its manifest reads exists, so that cluster state cannot happen, and the
 * compiled CEL (the read has no value) and the JavaScript (it ran with the manifest) disagree about it.
 * `simulate` refuses it up front, naming both resources and the way out, instead of the cross-check calling
 * the disagreement "a TypeKro bug".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, TypeKroError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

// The trial's shape: `app` reads `base` (there a ConfigMap from a yamlFile), and the status reads `app`.
const chain = kubernetesComposition(
  { name: 'chain', kind: 'Chain', spec: type({ name: 'string' }), status: type({ level: 'string', ns: 'string' }) },
  (spec) => {
    const base = ConfigMap({ name: `${spec.name}-base`, data: { level: 'debug' } });
    const app = ConfigMap({ name: `${spec.name}-app`, namespace: 'shared', data: { level: base.data!.level ?? 'info' } });
    const audit = ConfigMap({ name: `${spec.name}-audit`, data: { on: 'yes' } }).dependsOn(base);
    void audit;
    return { level: app.data!.level ?? 'x', ns: app.metadata.namespace ?? 'none' };
  },
);

const usage = (message: string) => (error: unknown) => error instanceof TypeKroError && error.code === 'USAGE' && error.message === message;

test('observing a resource without the resource its manifest reads is refused, naming both and the way out', () => {
  const message =
    'observed["app"]: resource "app" reads resource "base", which is not observed; a deploy creates "app" only after "base" exists, so composition "chain" cannot be in this state: observe "base" too (e.g. { base: {} }), or leave "app" out';
  assert.throws(() => simulate(chain, { name: 'a' }, { observed: { app: {} } }), usage(message));
  // The state is wrong with or without the cross-check.
  assert.throws(() => simulate(chain, { name: 'a' }, { observed: { app: {} }, crossCheck: false }), usage(message));
});

test('a dependsOn dependency that is not observed is named as waited for, not read', () => {
  const message =
    'observed["audit"]: resource "audit" waits for (dependsOn) resource "base", which is not observed; a deploy creates "audit" only after "base" exists, so composition "chain" cannot be in this state: observe "base" too (e.g. { base: {} }), or leave "audit" out';
  assert.throws(() => simulate(chain, { name: 'a' }, { observed: { audit: {} } }), usage(message));
});

test('either way out agrees with JavaScript', () => {
  assert.deepEqual(simulate(chain, { name: 'a' }, { observed: { base: {}, app: {} } }).status, { level: 'debug', ns: 'shared' });
  assert.deepEqual(simulate(chain, { name: 'a' }, { observed: { base: {} } }).pending, ['level', 'ns']);
});

test('a dependency that includeWhen skips is rightly absent: that is not refused', () => {
  const optional = kubernetesComposition(
    { name: 'optional', kind: 'Optional', spec: type({ name: 'string', on: 'boolean' }), status: type({ n: 'string' }) },
    (spec) => {
      if (spec.on) {
        const base = ConfigMap({ name: `${spec.name}-base`, data: { level: 'debug' } });
        ConfigMap({ id: 'app', name: `${spec.name}-app`, data: { level: base.data!.level ?? 'info' } });
      }
      return { n: spec.name };
    },
  );
  const off = simulate(optional, { name: 'a', on: false }, { observed: { app: {} } });
  assert.deepEqual(off.resources.map((r) => [r.id, r.plan]), [['base', 'skipped'], ['app', 'skipped']]);
  assert.throws(() => simulate(optional, { name: 'a', on: true }, { observed: { app: {} } }), /^TypeKroError: observed\["app"\]: resource "app" reads resource "base", which is not observed;/);
});

test('evaluateConcrete refuses the same observed sets with the same message (one check serves both)', () => {
  const message =
    'observed["app"]: resource "app" reads resource "base", which is not observed; a deploy creates "app" only after "base" exists, so composition "chain" cannot be in this state: observe "base" too (e.g. { base: {} }), or leave "app" out';
  assert.throws(() => evaluateConcrete(chain, { name: 'a' }, { observed: { app: {} } }), usage(message));
  assert.throws(() => evaluateConcrete(chain, { name: 'a' }, { observed: { audit: {} } }), usage(message.replace(/"app"/g, '"audit"').replace('reads resource', 'waits for (dependsOn) resource')));
  assert.deepEqual(evaluateConcrete(chain, { name: 'a' }, { observed: { base: {}, app: {} } }).status, { level: 'debug', ns: 'shared' });
});
