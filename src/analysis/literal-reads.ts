/**
 * The literal reads of literal-core.ts, following calls of local functions through local-scope.ts's scopes.
 */
import { functionScope } from './local-scope.js';
import { literalReaders } from './literal-core.js';

export { constantKey, returnedExpression, type OwnProperty } from './literal-core.js';

const reads = literalReaders(functionScope);
/** See literal-core.ts: the expression a member read of a local literal stands for. */
export const staticProperty = reads.staticProperty;
/** See literal-core.ts: the object or array literal a node stands for. */
export const literalOf = reads.literalOf;
/** See literal-core.ts: the own properties of an object literal, in JavaScript's key order. */
export const ownProperties = reads.ownProperties;
