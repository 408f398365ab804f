import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type } from 'arktype';
import { validateWithSchema } from './standard.js';

/** A Standard Schema from "another library": fixed issues, messages without the path. */
function foreign(issues: readonly StandardSchemaV1.Issue[] | undefined): StandardSchemaV1 {
  return { '~standard': { version: 1, vendor: 'test', validate: (value) => (issues ? { issues } : { value }) } };
}

describe('validateWithSchema', () => {
  const spec = type({ replicas: 'number', 'ports?': 'number[]', 'labels?': { '[string]': 'string' } });

  it('accepts a valid value and returns it', () => {
    assert.deepEqual(validateWithSchema(spec, { replicas: 3 }, 'spec'), { ok: true, value: { replicas: 3 } });
  });

  it('names each field of an arktype failure under the root', () => {
    const result = validateWithSchema(spec, { replicas: 'three', ports: [80, 'x'], labels: { 'app.kubernetes.io/name': 1 } }, 'spec');
    assert.equal(result.ok, false);
    // arktype decides the order; the messages are what matters.
    assert.deepEqual(result.ok ? [] : [...result.problems].sort(), [
      'spec.labels["app.kubernetes.io/name"] must be a string (was a number)',
      'spec.ports[1] must be a number (was a string)',
      'spec.replicas must be a number (was a string)',
    ]);
  });

  it('names the root itself when the whole value is wrong', () => {
    assert.deepEqual(validateWithSchema(spec, 'x', 'spec'), { ok: false, problems: ['spec must be an object (was a string)'] });
  });

  it('adds the path when the message does not start with it (other Standard Schema libraries)', () => {
    const result = validateWithSchema(foreign([{ message: 'Expected number', path: [{ key: 'replicas' }] }, { message: 'Required', path: ['a', 0] }]), {}, 'spec');
    assert.deepEqual(result, { ok: false, problems: ['spec.replicas: Expected number', 'spec.a[0]: Required'] });
  });

  it('rejects an asynchronous schema and a value that is not a schema, saying what to use', () => {
    const asyncSchema: StandardSchemaV1 = { '~standard': { version: 1, vendor: 'test', validate: async (value) => ({ value }) } };
    assert.throws(() => validateWithSchema(asyncSchema, {}, 'spec'), /the spec schema validates asynchronously/);
    assert.throws(() => validateWithSchema({} as StandardSchemaV1, {}, 'spec'), /the spec schema is not a Standard Schema .*type\(\{ \.\.\. \}\)/);
  });
});
