/**
 * arktype's own refusal of a spec type, thrown while the file loads, is printed with the file:line:col of
 * the user's `type(...)` call (trial 14 F7): its stack is deeper than Node's default ten frames.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { transcript, typekro } from './run.js';

const fixture = 'test/cli/fixtures/arktype-default.ts';

test("arktype's load error names the type(...) call", async () => {
  const result = await typekro(['render', fixture]);
  assert.equal(result.code, 2, transcript(result));
  assert.equal(
    result.stderr.split('\n')[0],
    `typekro: cannot load ${fixture}: ${resolve(fixture)}:7:85: Only required keys may specify default values, e.g. { value: 'number = 0' }`,
  );
});
