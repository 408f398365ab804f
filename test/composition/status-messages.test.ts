/**
 * Every refusal of a status field names the file, line and column of the field in the returned literal, and
 * the field by its path; a status that is not an object literal points at what is returned.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const definition = { apiVersion: 'status.typekro.dev/v1alpha1', spec: type({ n: 'number.integer' }), status: type({ 'v?': 'number', 'nested?': { 'inner?': 'number' } }) };

const { definitionError: refusal } = refusalsIn(THIS_FILE);

test('a status value JSON cannot hold is refused at its field, named by its path', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'infinite', kind: 'Infinite' }, (spec) => {
      Deployment({ name: 'web', image: 'nginx', replicas: spec.n });
      return { v: 1 / 0 };
    })),
    '<this file>:22:19: status: v is Infinity, which is not valid in a manifest (JSON has no Infinity); compute a finite number',
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'whole', kind: 'Whole' }, () => {
      const web = Deployment({ name: 'web', image: 'nginx' });
      return { nested: { inner: web as unknown as number } };
    })),
    '<this file>:29:33: status: nested.inner holds a whole resource; reference one of its fields instead (e.g. service.metadata.name)',
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'function', kind: 'Function' }, () => {
      Deployment({ name: 'web', image: 'nginx' });
      return { v: (() => 1) as unknown as number };
    })),
    '<this file>:36:19: status: v holds a function, which cannot be serialised; use plain data',
  );
});

test('a status that is not an object literal is refused at the returned value', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'text', kind: 'Text' }, () => {
      Deployment({ name: 'web', image: 'nginx' });
      return 'ready' as unknown as { v: number };
    })),
    "<this file>:46:14: a composition function must return its status as an object literal\n    'ready'\n  hint: return `{ field: expression, ... }` (return {} for no status)",
  );
});
