/** Partial matching: what matches, and the message when something does not (every field that differs). */
import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { describe, it } from 'node:test';
import { assertMatches, mismatches } from '../../src/testing/index.js';

describe('partial matching', () => {
  const deployment = { kind: 'Deployment', metadata: { name: 'web-1', labels: { app: 'web' } }, spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] } };

  it('ignores fields the expectation does not name; regular expressions match strings', () => {
    assert.deepEqual(mismatches(deployment, { spec: { replicas: 3 } }), []);
    assert.deepEqual(mismatches(deployment, { metadata: { name: /^web-\d$/ }, spec: { ports: [{ port: 80 }, {}] } }), []);
    assert.doesNotThrow(() => assertMatches(deployment, { kind: 'Deployment', metadata: { labels: { app: 'web' } } }));
  });

  it('reports every field that differs: values, missing fields, list lengths, types', () => {
    assert.deepEqual(mismatches(deployment, { kind: 'Service', metadata: { labels: { tier: 'front' } }, spec: { ports: [{ port: 80 }] } }), [
      'kind: expected "Service", got "Deployment"',
      'metadata.labels.tier: expected "front", got undefined',
      'spec.ports: expected 1 item(s), got 2: [{"port":80},{"port":443}]',
    ]);
    assert.deepEqual(mismatches({ spec: 'x' }, { spec: { replicas: 1 } }), ['spec: expected an object, got "x"']);
    assert.deepEqual(mismatches({ name: 3 }, { name: /a/ }), ['name: expected a string matching /a/, got 3']);
    assert.deepEqual(mismatches({ list: {} }, { list: [] }), ['list: expected a list of 0, got {}']);
  });

  it('assertMatches throws an AssertionError naming the value and each field', () => {
    assert.throws(() => assertMatches(deployment, { spec: { replicas: 2 } }, 'deployment web'), (error: unknown) => error instanceof AssertionError && error.message === 'deployment web does not match:\n  spec.replicas: expected 2, got 3');
  });
});
