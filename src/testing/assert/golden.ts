/**
 * Golden files, read, compared and (on purpose) rewritten in one place: the test kit's snapshots and
 * TypeKro's own golden tests use this. The expected bytes are read from disk before anything is written,
 * so a comparison is always against what was committed. `UPDATE_GOLDEN=1` rewrites files that differ
 * (review the diff); when `CI` is set it is refused, so a CI run can never bless its own output.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TypeKroError } from '../../util/errors.js';

/**
 * What a golden comparison did: the file matched, or (UPDATE_GOLDEN=1) it was written.
 *
 * @example
 * import type { GoldenOutcome } from 'typekro/testing';
 * const outcome: GoldenOutcome = 'same';
 * outcome; // => 'same'
 */
export type GoldenOutcome = 'same' | 'written';

/**
 * The environment variables the golden helper reads (default `process.env`).
 *
 * @example
 * import { goldenUpdate, type GoldenEnv } from 'typekro/testing';
 * const env: GoldenEnv = { UPDATE_GOLDEN: '1' };
 * goldenUpdate(env); // => true
 */
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
 * import { goldenUpdate } from 'typekro/testing';
 * goldenUpdate({}); // => false
 * let refused = false;
 * try {
 *   goldenUpdate({ UPDATE_GOLDEN: '1', CI: 'true' });
 * } catch {
 *   refused = true;
 * }
 * refused; // => true
 */
export function goldenUpdate(env: GoldenEnv = process.env): boolean {
  const update = env.UPDATE_GOLDEN;
  if (update === undefined || update === '') return false;
  if (update !== '1') throw new TypeKroError('USAGE', `UPDATE_GOLDEN must be 1 or unset, was "${update}"`);
  if (isSet(env.CI)) {
    throw new TypeKroError('USAGE', `UPDATE_GOLDEN=1 is refused because CI is set (CI=${env.CI}): golden files are rewritten only on purpose, outside CI. Unset UPDATE_GOLDEN.`);
  }
  return true;
}

/**
 * Asserts that `actual` is byte-for-byte the golden file `file` (a path or file URL). `actual` is text, or
 * anything with `toYaml()` (a composition: its RGD). With UPDATE_GOLDEN=1 (outside CI) a missing or
 * different file is written instead (its directory created) and 'written' is returned. Throws an
 * `AssertionError`, which every test runner reports.
 *
 * @example
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * import { assertGolden } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }) },
 *   (spec) => void ConfigMap({ name: spec.name, data: {} }),
 * );
 * const file = join(mkdtempSync(join(tmpdir(), 'golden-')), 'app.rgd.yaml');
 * writeFileSync(file, app.toYaml());
 * assertGolden(file, app, {}); // => 'same'
 */
export function assertGolden(file: string | URL, actual: string | { toYaml(): string }, env: GoldenEnv = process.env): GoldenOutcome {
  const update = goldenUpdate(env);
  const path = file instanceof URL ? fileURLToPath(file) : file;
  const text = typeof actual === 'string' ? actual : actual.toYaml();
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (expected === text) return 'same';
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return 'written';
  }
  if (expected === undefined) assert.fail(`missing golden file ${path}; create it with UPDATE_GOLDEN=1 (outside CI) and review it`);
  assert.equal(text, expected, `${path} differs from the output; if the change is intended, rerun with UPDATE_GOLDEN=1 (outside CI) and review the diff`);
  return 'same';
}
