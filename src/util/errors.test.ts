import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, isTypeKroError, TypeKroError, type TypeKroErrorCode } from './errors.js';

describe('TypeKroError', () => {
  it('carries its code, message and cause', () => {
    const cause = new Error('socket closed');
    const error = new TypeKroError('CLUSTER_UNREACHABLE', 'cannot reach the cluster', { cause });
    assert.equal(error.code, 'CLUSTER_UNREACHABLE');
    assert.equal(error.message, 'cannot reach the cluster');
    assert.equal(error.cause, cause);
    assert.ok(error instanceof Error);
  });

  it('recognises errors of another copy by their code, not their class', () => {
    const foreign = Object.assign(new Error('invalid spec'), { code: 'SPEC_INVALID' });
    assert.equal(isTypeKroError(foreign), true);
    assert.equal(isTypeKroError(Object.assign(new Error('x'), { code: 'ENOENT' })), false);
    assert.equal(isTypeKroError({ code: 'SPEC_INVALID', message: 'not an Error' }), false);
    assert.equal(isTypeKroError(new Error('plain')), false);
  });

  it('documents every code with a meaning and what to do', () => {
    const codes = Object.keys(ERROR_CODES) as TypeKroErrorCode[];
    for (const code of codes) {
      assert.match(code, /^[A-Z]+(_[A-Z]+)*$/);
      assert.ok(ERROR_CODES[code].length > 20, code);
    }
  });
});
