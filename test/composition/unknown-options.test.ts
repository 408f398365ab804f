/**
 * What is typed is what is deployed: options and fields nobody reads, and resources made outside any
 * composition, are errors naming the option (with the closest known one), the call site and the way out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { deployment, kubernetesComposition, networkPolicy } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';

const definition = { apiVersion: 'options.typekro.dev/v1alpha1', spec: type({ name: 'string', open: 'boolean' }), status: type({ 'ok?': 'boolean' }) };
/** `<file>:<line>:<col>: <rest>` with the file being this test; returns the rest. */
const afterLocation = (error: Error): string => {
  const [, file, rest] = /^(.*?):\d+:\d+: (.*)$/s.exec(error.message) ?? [];
  assert.match(file ?? '', /unknown-options\.test\.ts$/, error.message);
  return rest ?? '';
};
const loose = <T>(value: unknown): T => value as T;

test('an unknown simple factory option names the option, the closest known one and the options', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'replica', kind: 'Replica' }, () => {
      Deployment(loose({ name: 'web', image: 'nginx', replica: 3 }));
      return {};
    }),
    (error: Error) => {
      assert.equal(afterLocation(error), 'Deployment: unknown option "replica" (did you mean "replicas"?); Deployment takes args, command, env, envFrom, image, labels, name, namespace, ports, replicas, resources, volumeMounts, volumes');
      return true;
    },
  );
});

test('an unknown field of a Kubernetes object names its path and the closest field', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'field', kind: 'Field' }, () => {
      deployment(loose({ metadata: { name: 'web' }, spec: { replica: 2, selector: { matchLabels: { app: 'web' } }, template: {} } }));
      return {};
    }),
    (error: Error) => {
      assert.equal(afterLocation(error), 'Deployment: unknown field spec.replica; did you mean "replicas"? (fields are those of the Kubernetes API as @kubernetes/client-node models it; for a field it lacks, write the whole object with customResource({ apiVersion, kind, ... }))');
      return true;
    },
  );
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'nested', kind: 'Nested' }, (spec) => {
      networkPolicy({ metadata: { name: spec.name }, spec: { podSelector: {}, ingress: [{ _from: [{ podSelecter: {} }] }] } } as never);
      return {};
    }),
    /NetworkPolicy: unknown field spec\.ingress\[0\]\.from\[0\]\.podSelecter; did you mean "podSelector"\?/,
  );
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'computed', kind: 'Computed' }, (spec) => {
      Deployment({ name: 'web', image: 'nginx', ports: spec.open ? [{ containerPort: 80, protocl: 'TCP' } as never] : [] });
      return {};
    }),
    /Deployment: unknown field spec\.template\.spec\.containers\[0\]\.ports\[0\]\.protocl; did you mean "protocol"\?/,
  );
});

test('the suggested field is the spelling the types accept, with the YAML spelling where it differs', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'wire', kind: 'Wire' }, (spec) => {
      networkPolicy(loose({ metadata: { name: spec.name }, spec: { podSelector: {}, ingress: [{ fron: [] }] } }));
      return {};
    }),
    /NetworkPolicy: unknown field spec\.ingress\[0\]\.fron; did you mean "_from" \(written "from" in the YAML\)\?/,
  );
});

test('a resource created outside a composition function is an error at the call', () => {
  assert.throws(
    () => ConfigMap({ name: 'settings', data: {} }),
    (error: Error) => {
      assert.equal(afterLocation(error), "ConfigMap(...) was called outside a composition function, so no composition would contain the resource; call it inside the function passed to kubernetesComposition(...) (or toResourceGraph's resource builder), e.g. in a helper that function calls");
      return true;
    },
  );
});
