import assert from 'node:assert/strict';
import { test } from 'node:test';
import { E } from '../ir/expr.js';
import { printCel } from '../compile/cel/print.js';
import { guardTerms, holds } from './absent-spec.js';

const x = E.path('schema', 'spec', 'x');
const z = E.select(x, 'z');
const has = (read: ReturnType<typeof E.path>) => E.call('has', [read]);

test('guardTerms: where a test is false, every side of its || is; !! and && split as well', () => {
  const test = E.binary('||', E.unary('!', has(x)), E.unary('!', E.binary('&&', has(z), E.binary('!=', z, E.str('')))));
  assert.deepEqual(guardTerms(E.unary('!', test)).map(printCel), ['has(schema.spec.x)', 'has(schema.spec.x.z)', 'schema.spec.x.z != ""']);
  // A true `a || b` says nothing of either side alone.
  assert.deepEqual(guardTerms(test).map(printCel), ['!has(schema.spec.x) || !(has(schema.spec.x.z) && schema.spec.x.z != "")']);
});

test('holds: an a || b presence is established by either side, or by the same test', () => {
  const either = E.binary('||', E.binary('&&', has(x), E.binary('!=', x, E.str(''))), has(z));
  assert.equal(holds([has(z)], either), true);
  assert.equal(holds([either], either), true);
  assert.equal(holds([has(x)], either), false);
  assert.equal(holds([], either), false);
});
