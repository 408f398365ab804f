/**
 * render/simulate prepare a composition's graph once and keep it on the composition object: no module-level
 * map holds it (issue 10: no process-global state grows with the compositions a process defines or renders).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { ConfigMap } from 'typekro/simple';
import { testContext } from '../../src/testing/offline/context.js';

function define(name: string) {
  return kubernetesComposition({ name, kind: 'Prep', spec: type({ name: 'string' }), status: type({ ok: 'boolean' }) }, (spec) => {
    ConfigMap({ name: spec.name, data: {} });
    return { ok: true };
  });
}

describe('the prepared graph of render and simulate', () => {
  it('is made once per composition and shared by its later renders', () => {
    const app = define('prep');
    const first = testContext(app, { name: 'a' }, {}, 'render').prepared;
    assert.equal(testContext(app, { name: 'b' }, { name: 'other' }, 'simulate').prepared, first);
  });

  it('belongs to its composition: another composition with an equal graph gets its own', () => {
    const [a, b] = [define('prep'), define('prep')];
    assert.deepEqual(a.graph, b.graph);
    assert.notEqual(testContext(a, { name: 'a' }, {}, 'render').prepared, testContext(b, { name: 'a' }, {}, 'render').prepared);
  });

  it('is kept in no module-level map of the offline context', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../src/testing/offline/context.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(source, /^(const|let) \w+ = new (Weak)?Map/m);
  });
});
