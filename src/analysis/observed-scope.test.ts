/**
 * Where the values around a composition cannot be read (no inspector: another runtime), a JSON module and
 * a generator's parameter are refused with the way out, never taken from elsewhere (a module name the
 * parameter hides). The cases that read values are in test/composition/generator-values.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { observedJsonModule, observedParameter } from './observed-scope.js';

test('a JSON module whose data could not be read is refused with the way out', () => {
  const binding = observedJsonModule('defaults', undefined);
  assert.equal(binding.kind, 'opaque');
  assert.deepEqual(binding.kind === 'opaque' && [binding.why, binding.hint, binding.writes.length], [
    '`defaults` is a JSON module, whose data TypeKro could not read here',
    'copy the data into a `const` literal in a .ts module, or pass it through the spec',
    0,
  ]);
});

test("a generator's parameter whose value could not be read is refused, not looked up further out", () => {
  const binding = observedParameter('image', '`makeService`', undefined);
  assert.deepEqual(binding.kind === 'opaque' && [binding.why, binding.hint], [
    '`image` is a parameter of `makeService`, whose value TypeKro could not read here',
    'give it a name no other name around the composition uses (one that hides another may be renamed when the TypeScript is compiled), or pass the value through the spec',
  ]);
});
