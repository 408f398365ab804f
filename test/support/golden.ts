/**
 * Golden files, read, compared and (on purpose) rewritten in one place. The expected bytes are read from
 * disk before anything is written, so a comparison is always against what was committed. `UPDATE_GOLDEN=1`
 * rewrites files that differ (review the diff); when `CI` is set it is refused, so a CI run can never bless
 * its own output.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What a golden comparison did: the file matched, or (UPDATE_GOLDEN=1) it was written. */
export type GoldenOutcome = 'same' | 'written';

/** The environment variables the golden helper reads. */
export interface GoldenEnv {
  readonly UPDATE_GOLDEN?: string | undefined;
  readonly CI?: string | undefined;
}

const isSet = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value !== 'false';

/**
 * True when golden files may be rewritten: `UPDATE_GOLDEN=1` and not in CI. Throws on any other
 * UPDATE_GOLDEN value, and on UPDATE_GOLDEN=1 under CI.
 *
 * @example
 * if (goldenUpdate()) console.log('rewriting golden files');
 */
export function goldenUpdate(env: GoldenEnv = process.env): boolean {
  const update = env.UPDATE_GOLDEN;
  if (update === undefined || update === '') return false;
  if (update !== '1') throw new Error(`UPDATE_GOLDEN must be 1 or unset, was "${update}"`);
  if (isSet(env.CI)) {
    throw new Error(`UPDATE_GOLDEN=1 is refused because CI is set (CI=${env.CI}): golden files are rewritten only on purpose, outside CI. Unset UPDATE_GOLDEN.`);
  }
  return true;
}

/**
 * Asserts that `actual` is byte-for-byte the golden file `file` (a path or file URL). With UPDATE_GOLDEN=1
 * (outside CI) a missing or different file is written instead and 'written' is returned.
 *
 * @example
 * test('golden RGD', (t) => {
 *   if (assertGolden(new URL('./golden/webapp.yaml', import.meta.url), composition.toYaml()) === 'written') t.diagnostic('rewrote webapp.yaml');
 * });
 */
export function assertGolden(file: string | URL, actual: string, env: GoldenEnv = process.env): GoldenOutcome {
  const update = goldenUpdate(env);
  const path = file instanceof URL ? fileURLToPath(file) : file;
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (expected === actual) return 'same';
  if (update) {
    writeFileSync(path, actual);
    return 'written';
  }
  if (expected === undefined) assert.fail(`missing golden file ${path}; create it with UPDATE_GOLDEN=1 (outside CI) and review it`);
  assert.equal(actual, expected, `${path} differs from the output; if the change is intended, rerun with UPDATE_GOLDEN=1 (outside CI) and review the diff`);
  return 'same';
}
