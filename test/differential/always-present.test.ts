/**
 * The accepted shapes of objects whose fields have defaults mean what their TypeScript says, in every mode:
 * - the spec the composition function sees (defaults filled as the API server fills them, `applyDefaults`,
 *   used by direct mode, evaluateConcrete and simulate) is arktype's own output for every spec arktype
 *   accepts, so `spec.cache` is present exactly when the type says it may be;
 * - the compiled graph agrees with the JavaScript for every spec and observed state (the differential harness);
 * - the expected statuses are written out, so an agreement on a wrong value fails too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concreteSourceOf } from '../../src/composition/concrete-source.js';
import { applyDefaults } from '../../src/model/schema/index.js';
import { simulate } from '../../src/testing/index.js';
import { alwaysPresentCases, explicitDefault, nestedExplicit, optionalWithRequired, requiredDefaulted } from './always-present-cases.js';
import { runCase } from './harness.js';

describe('objects whose fields have defaults', () => {
  for (const [name, entry] of Object.entries(alwaysPresentCases)) {
    it(`${name}: the compiled graph agrees with JavaScript`, () => {
      const report = runCase(name, entry);
      assert.ok(report.evaluations >= (entry.specs?.length ?? 1));
      assert.deepEqual(report.findings, []);
    });

    it(`${name}: the spec the function sees is arktype's output`, () => {
      const definition = concreteSourceOf(entry.composition)?.definition;
      assert.ok(definition);
      const arktype = definition.spec as unknown as (value: unknown) => unknown;
      for (const spec of entry.specs ?? []) {
        const out = arktype(structuredClone(spec));
        // arktype asks for a required object that KRO and direct mode fill in (`ap-required` without `cache`).
        if (out instanceof Array) continue;
        assert.deepEqual(applyDefaults(entry.composition.graph.spec, spec), out, JSON.stringify(spec));
      }
    });
  }

  it('an explicit default is there when the instance leaves the object out', () => {
    assert.deepEqual(simulate(explicitDefault, { name: 'a' }).status, { size: 1, tier: 'none', present: true, label: 'small' });
    assert.deepEqual(simulate(explicitDefault, { name: 'a', cache: { size: 3, tier: 'gold' } }).status, { size: 3, tier: 'gold', present: true, label: 'large' });
    assert.deepEqual(simulate(nestedExplicit, { name: 'a' }).status, { size: 1, tier: 'none', present: true, label: 'unset' });
  });

  it('a required object whose fields have defaults is filled in when left out (as KRO does)', () => {
    assert.deepEqual(simulate(requiredDefaulted, { name: 'a' } as never).status, { size: 1, tier: 'std', present: true, label: 'std-1' });
  });

  it('an optional object with a required field stays absent unless given', () => {
    assert.deepEqual(simulate(optionalWithRequired, { name: 'a' }).status, { size: 5, tier: 'none', present: false, label: 'small' });
    assert.deepEqual(simulate(optionalWithRequired, { name: 'a', cache: { tier: 'gold' } }).status, { size: 1, tier: 'gold', present: true, label: 'small' });
    assert.deepEqual(simulate(optionalWithRequired, { name: 'a', cache: { tier: 'gold', size: 3 } }).status, { size: 3, tier: 'gold', present: true, label: 'large' });
  });
});
