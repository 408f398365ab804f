/**
 * A refusal inside an imported helper names the helper's line, and the call in the composition it came from:
 * a helper shared by several compositions (or called twice in one) leaves no doubt which call is meant (trial 15).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';
import { looping } from './fixtures/helpers/looping.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const helperFile = fileURLToPath(new URL('./fixtures/helpers/looping.ts', import.meta.url));
const definition = { apiVersion: 'site.typekro.dev/v1alpha1', kind: 'Site', spec: type({ a: 'string', b: 'string' }), status: type({ v: 'string' }) };
const why = '`looping(...)` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion';

test('a refusal in an imported helper names the composition\'s call of it', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'site' }, (spec) => {
      ConfigMap({ name: 'x', data: { a: spec.a } });
      return { v: looping(spec.b) }; // m:second
    }),
  );
  assert.equal(
    message,
    [
      `${helperFile}:3:21: ${why}`,
      "    looping('x')",
      '  hint: compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)',
      `  in \`looping(...)\` called at ${at('m:second', 'looping(spec.b)')}`,
    ].join('\n'),
  );
});
