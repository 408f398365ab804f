/**
 * A constant table read through a namespace import (`H.SIZES[spec.env]?.r`) compiles as the same table
 * imported by name does (trial 9 T01: it was refused "cannot index an object with a string", and the hint of
 * the plain `.r` form sent the user there). Held to JavaScript by the differential harness for every key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import * as H from './fixtures/modules/lib.js';
import { SIZES } from './fixtures/modules/lib.js';
import { runCase } from './harness.js';

const tables = kubernetesComposition(
  {
    name: 'ns-tables',
    apiVersion: 'mod.typekro.dev/v1alpha1',
    kind: 'NsTables',
    spec: type({ env: "'dev' | 'staging' | 'prod'", 'tier?': "'dev' | 'prod'" }),
    status: type({ r: 'number', flat: 'number', named: 'number', opt: 'number' }),
  },
  (spec) => {
    ConfigMap({ name: 'tables', data: { r: `${H.SIZES[spec.env]?.r ?? 0}`, flat: `${H.FLAT[spec.env]}` } });
    return { r: H.SIZES[spec.env]?.r ?? 0, flat: H.FLAT[spec.env], named: SIZES[spec.env]?.r ?? 0, opt: H.FLAT[spec.tier ?? 'dev'] };
  },
);

for (const env of ['dev', 'staging', 'prod'] as const) {
  test(`a table of a namespace import, env ${env}: the compiled graph agrees with JavaScript`, () => {
    const report = runCase(`ns-tables-${env}`, { composition: tables as never, spec: { env, tier: 'prod' } });
    assert.ok(report.evaluations >= 2, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
}
