/**
 * Golden files for TypeKro's own tests: the test kit's helper (src/testing/assert/golden.ts), one mechanism
 * for users and for us. `UPDATE_GOLDEN=1` rewrites files that differ; refused when `CI` is set.
 */
export { assertGolden, goldenUpdate, type GoldenEnv, type GoldenOutcome } from '../../src/testing/assert/golden.js';
