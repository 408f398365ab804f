/**
 * A factory's cluster options of the wrong type, passed from JavaScript or through a cast (trial 9 T12):
 * `kubeConfig: '/path'` failed at deploy with `config.getCurrentCluster is not a function`; it is a USAGE
 * error from `factory(...)` naming the option and, for a path, the lower-case option that takes one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { KubeConfig } from '@kubernetes/client-node';
import { kubernetesComposition, type DirectFactoryOptions, type KroFactoryOptions } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const app = kubernetesComposition(
  { name: 'cluster-options', kind: 'ClusterOptions', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
  (spec) => ({ name: ConfigMap({ name: spec.name, data: { a: 'b' } }).metadata.name }),
);

/** The options as a JavaScript caller writes them: the types would refuse them. */
function untyped(options: Record<string, unknown>): DirectFactoryOptions & KroFactoryOptions {
  return options as DirectFactoryOptions & KroFactoryOptions;
}

/** `app.factory(mode, options)` for either mode. */
function factory(mode: 'direct' | 'kro', options: DirectFactoryOptions & KroFactoryOptions): unknown {
  return mode === 'direct' ? app.factory('direct', options) : app.factory('kro', options);
}

test('a path given to kubeConfig is a USAGE error that names kubeconfig (lower case)', () => {
  for (const mode of ['direct', 'kro'] as const) {
    assert.throws(() => factory(mode, untyped({ kubeConfig: '/path/kubeconfig' })), {
      code: 'USAGE',
      message: `factory('${mode}', { kubeConfig }): kubeConfig takes a KubeConfig object (from @kubernetes/client-node), not a string; to pass the path of a kubeconfig file, use kubeconfig (lower case): factory('${mode}', { kubeconfig: "/path/kubeconfig" })`,
    });
  }
});

test('kubeConfig that is some other object, and kubeconfig or context that is not a string, are USAGE errors', () => {
  assert.throws(() => app.factory('direct', untyped({ kubeConfig: { clusters: [] } })), {
    code: 'USAGE',
    message: "factory('direct', { kubeConfig }): kubeConfig takes a KubeConfig object (from @kubernetes/client-node), not an object without the methods of a KubeConfig",
  });
  assert.throws(() => app.factory('direct', untyped({ kubeconfig: new KubeConfig() })), {
    code: 'USAGE',
    message: "factory('direct', { kubeconfig }): kubeconfig takes a string (the path of a kubeconfig file), not a KubeConfig; to pass a KubeConfig object, use kubeConfig (capital C)",
  });
  assert.throws(() => factory('kro', untyped({ context: 3 })), {
    code: 'USAGE',
    message: "factory('kro', { context }): context takes a string (a context name), not a number",
  });
});

test('the right types are accepted', () => {
  assert.equal(app.factory('direct', { kubeConfig: new KubeConfig(), context: 'dev' }).mode, 'direct');
  assert.equal(app.factory('kro', { kubeconfig: '/path/kubeconfig' }).mode, 'kro');
});
