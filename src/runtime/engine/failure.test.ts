/**
 * The first expression that fails for an instance (engine/failure.ts): the resource, its file:line:col, the
 * field, the CEL and its error, in dependency order; then status fields. And nameable objects: a resource
 * whose template fails is listed as failing, its object still named when its name evaluates.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { E } from '../../ir/expr.js';
import { createCelEngine } from '../cel/index.js';
import { configMap, graph, node, spec, x } from '../../../test/direct/support.js';
import { describeFailure, instanceStatus, nameableObjects, planInstance, prepareGraph, reportInstance } from './index.js';
import { firstFailure } from './failure.js';

const failingInt = E.call('int', [spec('value')]);
const input = { spec: { name: 'shop', value: 'many', replicas: 1, flag: true }, instance: { name: 'shop', namespace: 'dev' }, observed: new Map() };

it('names the resource, its source, the field path, the CEL and its error', () => {
  const prepared = prepareGraph(
    graph('f', [configMap('first', 'a'), configMap('config', 'b', { count: x(E.call('string', [failingInt])) }, { source: { file: 'app.ts', line: 12, column: 5 } })]),
    createCelEngine(),
  );
  const failure = firstFailure(prepared, planInstance(prepared, input), instanceStatus(prepared, input));
  assert.deepEqual(failure, {
    resourceId: 'config', source: { file: 'app.ts', line: 12, column: 5 }, field: 'data.count', cel: 'string(int(schema.spec.value))',
    message: "type conversion error from 'string' to 'int'", specFields: ['spec.value'],
  });
  assert.equal(
    describeFailure(failure!),
    "resource \"config\" (app.ts:12:5), field data.count: `string(int(schema.spec.value))` fails: type conversion error from 'string' to 'int'. It reads spec.value: pass a value it accepts, or change the expression in the composition",
  );
});

it('an includeWhen that fails is named as such; a status field when every resource evaluates', () => {
  const included = prepareGraph(graph('f', [configMap('config', 'a', {}, { includeWhen: [E.binary('>', failingInt, E.int(1))] })]), createCelEngine());
  assert.equal(firstFailure(included, planInstance(included, input), instanceStatus(included, input))?.field, 'includeWhen');
  const status = prepareGraph(graph('f', [configMap('config', 'a')], { nested: { count: x(failingInt) } }), createCelEngine());
  const report = reportInstance(status, input);
  assert.deepEqual(report.failure, { field: 'status.nested.count', cel: 'int(schema.spec.value)', message: "type conversion error from 'string' to 'int'", specFields: ['spec.value'] });
  assert.match(describeFailure(report.failure!), /^status field nested\.count: `int\(schema\.spec\.value\)` fails: /);
  const fine = prepareGraph(graph('f', [configMap('config', 'a')], { name: x(spec('name')) }), createCelEngine());
  assert.equal(reportInstance(fine, input).failure, undefined);
});

it('the spec fields a failing expression reads are its paths, not the methods called on them', () => {
  const called = E.call('int', [E.call('lowerAscii', [], spec('value'))]);
  const prepared = prepareGraph(graph('f', [configMap('config', 'a')], { count: x(called) }), createCelEngine());
  const failure = reportInstance(prepared, input).failure;
  assert.equal(failure?.cel, 'int(schema.spec.value.lowerAscii())');
  assert.deepEqual(failure?.specFields, ['spec.value']);
});

it('nameable objects: a failing template with a literal name is named and listed as failing, not as needing cluster data', async () => {
  const prepared = prepareGraph(
    graph('f', [
      node('literal', 'v1', 'ConfigMap', { metadata: { name: 'fixed' }, data: { count: x(E.call('string', [failingInt])) } }),
      node('computed', 'v1', 'ConfigMap', { metadata: { name: x(E.call('string', [failingInt])) } }),
    ]),
    createCelEngine(),
  );
  const { manifests, unnamed, failing } = await nameableObjects(prepared, { spec: input.spec, instance: input.instance }, async (m) => m);
  assert.deepEqual(manifests.map((m) => [m.resourceId, m.manifest]), [['literal', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fixed' } }]]);
  assert.deepEqual(unnamed, []);
  assert.deepEqual(failing, [
    { resourceId: 'literal', message: "data.count: type conversion error from 'string' to 'int'", named: true },
    { resourceId: 'computed', message: "metadata.name: type conversion error from 'string' to 'int'", named: false },
  ]);
});
