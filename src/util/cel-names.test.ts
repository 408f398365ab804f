import assert from 'node:assert/strict';
import { test } from 'node:test';
import { celVariableName, isCelVariableName, reservedNameProblem } from './cel-names.js';

test('one predicate for ids, iterators and comprehension variables', () => {
  for (const name of ['web', 'schemaItem', 'dyn', 'has', 'size', 'math', 'x2']) assert.ok(isCelVariableName(name), name);
  // KRO's words, cel-go's reserved identifiers, CEL's type names and cel-js's namespaces, not lowerCamelCase
  for (const name of ['schema', 'each', 'item', 'namespace', 'as', 'loop', 'in', 'null', 'type', 'int', 'map', 'null_type', 'optional', 'cel', 'google', 'Web', '_x', '$x', 'a_b']) assert.ok(!isCelVariableName(name), name);
  assert.equal(reservedNameProblem('map'), 'is a name CEL declares itself (the type `map`)');
  assert.equal(reservedNameProblem('cel'), 'is a name CEL declares itself (a namespace of functions `cel`)');
  assert.equal(reservedNameProblem('status'), 'is reserved by KRO or CEL');
  assert.equal(reservedNameProblem('web'), undefined);
});

test('celVariableName keeps a usable free name and otherwise picks the first free <name>Item', () => {
  const none = (): boolean => false;
  assert.equal(celVariableName('web', none), 'web');
  assert.equal(celVariableName('web', (n) => n === 'web'), 'webItem');
  assert.equal(celVariableName('schema', none), 'schemaItem');
  assert.equal(celVariableName('null_type', none), 'nullTypeItem');
  assert.equal(celVariableName('Region', none), 'regionItem');
  assert.equal(celVariableName('$', none), 'loopItem');
  assert.equal(celVariableName('type', (n) => n === 'typeItem'), 'typeItem2');
});
