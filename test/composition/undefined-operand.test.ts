/**
 * `includes`/`indexOf` of a value that may be `undefined`, and an index or key that may be (trial 6, G01/G02):
 * compiled to what JavaScript gives (false, -1, `undefined`), not to CEL that errors on the missing field and
 * leaves the status and the includeWhen undecided forever.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCase } from '../differential/harness.js';
import { evaluateConcrete } from '../../src/index.js';
import { EXPECTED_CEL, SPECS, undefinedOperand } from './fixtures/undefined-operand.js';

test('each operand that may be undefined is guarded in the compiled CEL', () => {
  const yaml = undefinedOperand.toYaml();
  for (const [field, cel] of Object.entries(EXPECTED_CEL)) assert.ok(yaml.includes(`${field}: `) && yaml.includes(cel), `${field}: ${cel}\n${yaml}`);
  assert.match(yaml, /includeWhen:\n\s+- \$\{has\(schema\.spec\.port\) && schema\.spec\.port in schema\.spec\.ports\}/);
});

test('JavaScript gives false, -1 and the defaults where the operand is left out', () => {
  const { status, resources } = evaluateConcrete(undefinedOperand, SPECS[0] as never);
  assert.deepEqual(status, { known: false, at: -1, nonNull: false, byIndex: 'none', byKey: 'none', tagged: 1, first: false, mapped: false });
  assert.equal(resources.length, 0);
});

test('compiled and JavaScript agree on every spec', () => {
  for (const spec of SPECS) {
    const report = runCase('undefined-operand', { composition: undefinedOperand as never, spec, specs: [spec] });
    assert.ok(report.evaluations > 0);
    assert.deepEqual(report.findings, [], JSON.stringify(spec));
  }
});
