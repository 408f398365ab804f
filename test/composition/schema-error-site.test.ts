/**
 * Every schema refusal (spec and status alike, not only the always-present one) starts with the
 * file:line:col of the key that holds the problem, found in the composition's file; a key written several
 * times is told apart by the keys above it, and a problem of the whole schema points at the composition call.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(fileURLToPath(import.meta.url));
const apiVersion = 'site.typekro.dev/v1alpha1';

test('a status field TypeKro cannot map points at its key', () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'status-date', apiVersion, kind: 'StatusDate', spec: type({ name: 'string' }), status: type({ ready: 'boolean', since: 'Date' }) },
      () => ({ ready: true, since: new Date(0) }),
    ),
  );
  assert.equal(message, `${at("'status-date'", 'since:')}: status.since: instances of Date cannot be stored in a custom resource; use a string (e.g. an ISO date)`);
});

test('a spec union of kinds points at its optional key', () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'spec-union', apiVersion, kind: 'SpecUnion', spec: type({ name: 'string', 'size?': 'string | number' }), status: type({ ok: 'boolean' }) },
      () => ({ ok: true }),
    ),
  );
  assert.equal(
    message,
    `${at("'spec-union'", "'size?'")}: spec.size: unions of different kinds cannot be expressed in SimpleSchema; use one type per field (split it into two optional fields, or use a string enum)`,
  );
});

test('a key written several times is found under the keys of its path', () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'spec-path', apiVersion, kind: 'SpecPath', spec: type({ name: 'string', db: { name: 'string | null' } }), status: type({ name: 'string' }) },
      (spec) => ({ name: spec.name }),
    ),
  );
  assert.equal(message, `${at("'spec-path'", "name: 'string | null'")}: spec.db.name: null is not supported by KRO; make the field optional ('key?') instead of allowing null`);
});

test('a problem in an array item points at the key of the array', () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'spec-items', apiVersion, kind: 'SpecItems', spec: type({ hosts: 'string.url[]' }), status: type({ ok: 'boolean' }) },
      () => ({ ok: true }),
    ),
  );
  assert.match(message, new RegExp(`^${at("'spec-items'", 'hosts:').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: spec\\.hosts\\[\\]: is "a URL string" \\(an arktype keyword\\)`));
});

test('a problem of the whole schema points at the composition call', () => {
  const message = definitionError(() => kubernetesComposition({ name: 'spec-empty', apiVersion, kind: 'SpecEmpty', spec: type({}), status: type({ ok: 'boolean' }) }, () => ({ ok: true })));
  assert.equal(
    message,
    `${at("name: 'spec-empty'", 'kubernetesComposition(')}: spec: must declare its fields, like type({ name: 'string' }) (optional fields are fine: type({ 'note?': 'string' })); got an object type without fields`,
  );
});
