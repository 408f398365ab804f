import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printCel } from '../compile/cel/print.js';
import { E } from './expr.js';
import { T } from './types.js';
import { anyJson, mapOrEmpty, mapOrEmptyOperand, optionalMapOrEmpty } from './untyped-target.js';

test('a path is tested where it is read; any other operand is bound once', () => {
  const cfg = E.path('schema', 'spec', 'cfg');
  assert.equal(printCel(E.select(mapOrEmpty(cfg), 'a')), '(type(schema.spec.cfg) == type({}) ? dyn(schema.spec.cfg) : {}).a');
  const optional = E.select(E.path('schema', 'spec'), 'o', true);
  assert.equal(printCel(optionalMapOrEmpty(optional)), '[schema.spec.?o.orValue(dyn({}))].map(x, type(x) == type({}) ? dyn(x) : {})[0]');
});

test('walks find the guarded value again, and nothing in other shapes', () => {
  const cfg = E.path('schema', 'spec', 'cfg');
  assert.equal(mapOrEmptyOperand(mapOrEmpty(cfg)), cfg);
  const optional = E.select(E.path('schema', 'spec'), 'o', true);
  assert.deepEqual(mapOrEmptyOperand(optionalMapOrEmpty(optional)), optional);
  assert.equal(mapOrEmptyOperand(E.cond(E.bool(true), cfg, E.map([]))), undefined);
  assert.equal(mapOrEmptyOperand(E.index(E.macro('map', E.list([cfg]), 'x', E.ident('x')), E.int(0))), undefined);
});

test('only a dyn that may hold any JSON value needs the test', () => {
  assert.equal(anyJson(T.dyn), true);
  assert.equal(anyJson(T.dynObject), false);
  assert.equal(anyJson(T.intOrString), false);
  assert.equal(anyJson(T.string), false);
});
