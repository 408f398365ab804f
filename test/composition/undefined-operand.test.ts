/**
 * `includes`/`indexOf` of a value that may be `undefined`, and an index or key that may be (trial 6, G01/G02):
 * compiled to what JavaScript gives (false, -1, `undefined`), not to CEL that errors on the missing field and
 * leaves the status and the includeWhen undecided forever.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { EXPECTED_CEL, SPECS, undefinedOperand } from './fixtures/undefined-operand.js';

test('each operand that may be undefined is guarded in the compiled CEL', () => {
  const yaml = undefinedOperand.toYaml();
  for (const [field, cel] of Object.entries(EXPECTED_CEL)) assert.ok(yaml.includes(`${field}: `) && yaml.includes(cel), `${field}: ${cel}\n${yaml}`);
  assert.match(yaml, /includeWhen:\n\s+- \$\{has\(schema\.spec\.port\) && schema\.spec\.port in schema\.spec\.ports\}/);
});

test('JavaScript gives false, -1 and the defaults where the operand is left out', () => {
  const { status, resources } = evaluateConcrete(undefinedOperand, SPECS[0] as never);
  assert.deepEqual(status, { known: false, at: -1, nonNull: false, byIndex: 'none', byKey: 'none', tagged: 1, first: false, mapped: false, negative: false });
  assert.equal(resources.length, 0);
});

test('compiled and JavaScript agree on every spec', () => {
  for (const spec of SPECS) {
    const report = runCase('undefined-operand', { composition: undefinedOperand as never, spec, specs: [spec] });
    assert.ok(report.evaluations > 0);
    assert.deepEqual(report.findings, [], JSON.stringify(spec));
  }
});

const { refusal, at } = refusalsIn(import.meta.filename);
const textDefinition = (name: string) => ({ name, apiVersion: 'test.typekro.dev/v1alpha1', kind: 'TextSearch', spec: type({ s: 'string', 'nick?': 'string' }), status: type({ v: 'boolean' }) });

test('a string searched for text that may be undefined stays refused: JavaScript searches for "undefined"', () => {
  // A hint's code parenthesises an `as` expression (`x as string !== undefined` would not test x).
  const operand = (read: string) => (read.includes(' as ') ? `(${read})` : read);
  const hint = (read: string) => `hint: give it a default where it is used (\`${operand(read)} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or test it first (\`${operand(read)} !== undefined ? ... : ...\`)`;
  const message = (read: string) => `\`${read}\` reads an optional spec field without a default, made into text here: when the instance leaves it out, JavaScript makes it the text "undefined", but KRO waits for it forever\n    ${read}\n  ${hint(read)}`;
  assert.equal(refusal(() => kubernetesComposition(textDefinition('text-includes'), (spec) => ({ v: spec.s.includes(spec.nick as string) }))), `${at("'text-includes'", 'spec.nick as')}: ${message('spec.nick as string')}`);
  // The non-null assertion changes nothing at run time: `spec.nick!` is `undefined` all the same.
  assert.equal(refusal(() => kubernetesComposition(textDefinition('text-non-null'), (spec) => ({ v: spec.s.includes(spec.nick!) }))), `${at("'text-non-null'", 'spec.nick!')}: ${message('spec.nick!')}`);
});
