import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameDefaulted, updateNote } from './instance-note.js';

test('the name is called the default only when it is the composition name taken for want of --name and a spec name', () => {
  assert.equal(nameDefaulted('svcs', {}, { prefix: 'p' }, 'svcs'), true);
  assert.equal(nameDefaulted('web', {}, {}, 'webapp'), false, "a default name in the spec's schema is not the composition's");
  assert.equal(nameDefaulted('svcs', { name: 'svcs' }, {}, 'svcs'), false);
  assert.equal(nameDefaulted('svcs', {}, { name: 'svcs' }, 'svcs'), false);
});

test('the note: only for another spec, naming the default when the name is it', () => {
  assert.equal(updateNote('svcs', 'same-spec', true), undefined);
  assert.equal(updateNote('svcs', 'new', true), undefined);
  assert.equal(updateNote('web', 'other-spec', false), 'updating instance web (deployed before with another spec)');
  assert.equal(
    updateNote('svcs', 'other-spec', true),
    'updating instance svcs (deployed before with another spec; "svcs" is the composition\'s name, the default when neither --name nor the spec\'s name gives one: give --name to deploy a separate instance)',
  );
});
