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
import { isEven } from './fixtures/helpers/parity.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const helperFile = fileURLToPath(new URL('./fixtures/helpers/looping.ts', import.meta.url));
const parityFile = fileURLToPath(new URL('./fixtures/helpers/parity.ts', import.meta.url));
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

test('a mutual recursion JavaScript ran out of stack on (a computed argument) names the composition\'s call too', () => {
  const numbers = { ...definition, spec: type({ n: 'number.integer' }), status: type({ v: 'boolean' }) };
  const message = refusal(() => kubernetesComposition({ ...numbers, name: 'parity' }, (spec) => ({ v: isEven(spec.n + 1) }))); // m:parity
  assert.equal(
    message,
    [
      // The cycle's call of the helper the composition entered by (the stack V8 keeps holds only frames inside the recursion).
      `${parityFile}:6:64: \`isEven(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion`,
      '    isEven(n - 1)',
      '  hint: compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)',
      `  in \`isEven(...)\` called at ${at('m:parity', 'isEven(spec.n + 1)')}`,
    ].join('\n'),
  );
  // Called twice, the call that overflowed is not told by the source: no call-site line rather than a guess.
  const twice = refusal(() => kubernetesComposition({ ...numbers, name: 'parity-twice' }, (spec) => ({ v: isEven(spec.n) && isEven(2) })));
  assert.ok(twice.startsWith(`${parityFile}:5:64: \`isOdd(...)\` calls itself`) && twice.endsWith('or use Cel.expr(...)'), twice);
});
