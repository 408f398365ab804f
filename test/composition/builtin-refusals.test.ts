/**
 * JavaScript's globals used where a compiled value needs them (trial 9 T03, T12): the message said
 * "`JSON` is not known to the compiler (only the spec, resources and loop variables are)", as for a typo,
 * and its hint (pass it through the spec) did not fit. Now it names the built-in and the way out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = { kind: 'Builtins', spec: type({ name: 'string', 'debug?': 'boolean' }), status: type({ v: 'string' }) };

test('JSON.stringify of spec data names the missing encoder and the template way out', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-json' }, (spec) => {
      ConfigMap({ name: 'x', data: { 'config.json': JSON.stringify({ debug: spec.debug ?? false }) } });
      return { v: 'x' };
    }),
  );
  assert.equal(
    message,
    `${at("'builtin-json'", 'JSON.')}: \`JSON\` is JavaScript's built-in JSON, and this use of it has no CEL form\n    JSON\n  hint: build the text with a template literal (\`{"port": \${spec.port}}\`) or write Cel.expr(...): KRO's CEL has no JSON encoder`,
  );
});

test('process.env read inside the composition points at a module constant', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process' }, (spec) => {
      return { v: `${process.env.REGION ?? 'eu'}-${spec.debug ? 'd' : spec.name}` };
    }),
  );
  assert.equal(
    message,
    `${at("'builtin-process'", 'process.')}: \`process\` is JavaScript's built-in process, and this use of it has no CEL form\n    process\n  hint: read process.env in a module constant (\`const REGION = process.env.REGION ?? 'eu'\`): TypeKro takes the value it held`,
  );
});
