/**
 * `withIncludeWhen` arguments: a boolean reference, a JavaScript condition over references, a callback or a
 * Cel expression all mean the JavaScript condition; anything else is refused with the method's real name.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, configMap, kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';

const definition = {
  apiVersion: 'include.typekro.dev/v1alpha1',
  spec: type({ replicas: 'number.integer', name: 'string', flag: 'boolean', 'extra?': 'boolean' }),
  status: type({ total: 'number' }),
};

test('withIncludeWhen takes a boolean reference, a condition, a callback or a Cel expression', () => {
  const app = kubernetesComposition({ ...definition, name: 'include-forms', kind: 'IncludeForms' }, (spec) => {
    configMap({ metadata: { name: 'a' }, data: {} }).withIncludeWhen(spec.flag);
    configMap({ metadata: { name: 'b' }, data: {} }).withIncludeWhen(spec.replicas > 2);
    configMap({ metadata: { name: 'c' }, data: {} }).withIncludeWhen(() => spec.flag && spec.name !== '');
    configMap({ metadata: { name: 'd' }, data: {} }).withIncludeWhen(Cel.expr<boolean>(spec.replicas, ' > 2'));
    configMap({ metadata: { name: 'e' }, data: {} }).withIncludeWhen(spec.extra ?? false);
    return { total: 1 };
  });
  const rgd = compileRgd(app.graph) as unknown as { spec: { resources: { id: string; includeWhen?: string[] }[] } };
  assert.deepEqual(
    rgd.spec.resources.map((r) => [r.id, r.includeWhen]),
    [
      ['configMapA', ['${schema.spec.flag}']],
      ['configMapB', ['${schema.spec.replicas > 2}']],
      ['configMapC', ['${schema.spec.flag && schema.spec.name != ""}']],
      ['configMapD', ['${(schema.spec.replicas) > 2}']],
      ['configMapE', ['${schema.spec.?extra.orValue(false)}']],
    ],
  );
});

test('a non-boolean withIncludeWhen condition names the method and says what to write', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'include-string', kind: 'IncludeString' }, (spec) => {
        configMap({ metadata: { name: 'a' }, data: {} }).withIncludeWhen(spec.name as unknown as boolean);
        return { total: 1 };
      }),
    (error: Error) =>
      /include-when\.test\.ts:\d+:\d+: withIncludeWhen\(\) takes a boolean condition, got a string\n/.test(error.message) &&
      error.message.includes("hint: compare it explicitly, e.g. .withIncludeWhen(spec.name !== '')"),
  );
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'include-number', kind: 'IncludeNumber' }, () => {
        configMap({ metadata: { name: 'a' }, data: {} }).withIncludeWhen(42 as unknown as boolean);
        return { total: 1 };
      }),
    {
      message:
        'withIncludeWhen() of resource "configMapA" takes a boolean expression over the spec or resources (spec.enabled, spec.replicas > 2), a callback, a Cel expression, a boolean or a CEL string; got number',
    },
  );
});
