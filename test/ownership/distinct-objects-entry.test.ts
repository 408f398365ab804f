/**
 * Trial 19 F2: two forEach items that make one object name. Deploy refused them in both modes while `check`
 * said valid, `render --manifests` printed two identical documents, `plan` promised two creates and
 * `simulate`/`evaluateConcrete` raised nothing. The planner refuses them now (engine/distinct-objects.ts):
 * each entry point with the same message. (The CLI: test/cli/same-items.test.ts; plan and deploy:
 * test/cli/deploy.cluster.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateConcrete } from '../../src/index.js';
import { render, simulate } from '../../src/testing/index.js';
import sameItems from '../cli/fixtures/same-items.js';

const message = (namespace: string): string =>
  `resource "configMap" makes two objects ConfigMap "item-dup" in namespace ${namespace}: one object would hold the last one's content; give them different names (check the spec values their names are made of)`;
const refused = (namespace: string) => ({ name: 'DuplicateObjectError', code: 'SPEC_INVALID', message: message(namespace) });

describe('two loop items of one object name (trial 19 F2)', { concurrency: 4 }, () => {
  it('toYaml, render and simulate refuse them', async () => {
    await assert.rejects(sameItems.factory('direct', { namespace: 'apps' }).toYaml({ items: ['dup', 'dup'] }), refused('apps'));
    assert.throws(() => render(sameItems, { items: ['dup', 'dup'] }), refused('default'));
    assert.throws(() => simulate(sameItems, { items: ['dup', 'dup'] }), refused('default'));
  });

  it('evaluateConcrete refuses them with the same message', () => {
    assert.throws(() => evaluateConcrete(sameItems, { items: ['dup', 'dup'] }, { name: 'x', namespace: 'apps' }), refused('apps'));
    assert.equal(evaluateConcrete(sameItems, { items: ['a', 'b'] }).resources[0]!.manifests.length, 2);
  });
});
