import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { E } from '../../ir/expr.js';
import { exprValue, type Value } from '../../ir/value.js';
import { compileInstance } from './compile.js';
import { CompositionError } from './errors.js';
import { graph } from './fixtures.test.js';
import { renderStatus, renderTemplate } from './values.js';

const always = (cel: string) => `\${schema.metadata.name == schema.metadata.name ? ${cel} : ${cel}}`;

describe('renderStatus', () => {
  const cases: { name: string; value: Value; out: unknown }[] = [
    { name: 'empty status is omitted', value: {}, out: undefined },
    { name: 'null leaves and empty maps are dropped', value: { a: null, b: {} }, out: undefined },
    { name: 'string literal', value: { v: 'x' }, out: { v: always('"x"') } },
    { name: 'integer literal stays int', value: { v: 3 }, out: { v: always('3') } },
    { name: 'double literal stays double', value: { v: 2.5 }, out: { v: always('2.5') } },
    { name: 'literal list', value: { v: ['a', 1] }, out: { v: always('["a", 1]') } },
    { name: 'mixed list is one expression', value: { v: [exprValue(E.path('db', 'x')), 'a'] }, out: { v: '${[db.x, "a"]}' } },
    { name: 'expression without references', value: { v: exprValue(E.binary('+', E.int(1), E.int(2))) }, out: { v: always('1 + 2') } },
    { name: 'template expression', value: { v: exprValue(E.template(['a-', E.path('db', 'n')])) }, out: { v: 'a-${db.n}' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(renderStatus(c.value), c.out));
});

describe('renderTemplate', () => {
  it('escapes literal ${ and keeps other data', () => {
    assert.deepEqual(renderTemplate({ s: 'a ${B} c', n: 1, b: false, z: null, l: ['${x}'] }), {
      s: 'a ${"${"}B} c',
      n: 1,
      b: false,
      z: null,
      l: ['${"${"}x}'],
    });
  });
});

describe('compileInstance', () => {
  it('uses group/version and the namespace', () => {
    assert.deepEqual(compileInstance(graph(), { name: 'a' }, { name: 'a', namespace: 'dev' }), {
      apiVersion: 'kro.run/v1alpha1',
      kind: 'TestApp',
      metadata: { name: 'a', namespace: 'dev' },
      spec: { name: 'a' },
    });
  });
  it('rejects a namespace for cluster-scoped kinds', () => {
    assert.throws(() => compileInstance(graph({ scope: 'Cluster' }), {}, { name: 'a', namespace: 'dev' }), CompositionError);
  });
  it('rejects an invalid instance name', () => {
    assert.throws(() => compileInstance(graph(), {}, { name: 'Bad_Name' }), /instance name "Bad_Name" is not a valid Kubernetes name/);
  });
});
