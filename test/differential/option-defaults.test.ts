/**
 * Options helpers with nested destructuring defaults (`{ probe: { path = '/h' } = {} }`, `{ probe = {} }`)
 * called without the sub-object: JavaScript reads the missing key as `undefined` and applies the inner
 * default (trial 9 T10: refused "unknown field `path`"). Held to JavaScript by the differential harness,
 * with and without the sub-object, and with references inside it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { probeOrDefault, probePath, probeTarget } from './fixtures/modules/lib.js';
import { runCase } from './harness.js';

const options = kubernetesComposition(
  {
    name: 'option-defaults',
    apiVersion: 'mod.typekro.dev/v1alpha1',
    kind: 'OptionDefaults',
    spec: type({ name: 'string', 'path?': 'string', 'port?': 'number.integer' }),
    status: type({ none: 'string', empty: 'string', given: 'string', target: 'string', targetGiven: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: 'probes', data: { none: `${spec.name}${probePath()}`, empty: probeOrDefault({}), given: probeOrDefault({ probe: { path: spec.path ?? '/x' } }) } });
    return {
      none: `${spec.name}${probePath()}`,
      empty: `${spec.name}${probeOrDefault({})}`,
      given: probePath({ probe: { path: spec.path ?? '/given' } }),
      target: probeTarget({ name: spec.name }),
      targetGiven: probeTarget({ name: spec.name, probe: { port: spec.port ?? 1 } }),
    };
  },
);

for (const spec of [{ name: 'a' }, { name: 'b', path: '/ready', port: 9090 }]) {
  test(`options helpers with nested defaults, ${JSON.stringify(spec)}: the compiled graph agrees with JavaScript`, () => {
    const report = runCase(`option-defaults-${spec.name}`, { composition: options as never, spec });
    assert.ok(report.evaluations >= 2, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
}
