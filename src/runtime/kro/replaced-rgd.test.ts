import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replacedRgd } from './deploy.js';

const rgd = (generation: number, uid: string, managedFields: unknown[] = []) => ({ metadata: { name: 'evo', generation, uid, managedFields } }) as never;

test('the RGD a deploy applied is still served: no failure (trial 19 F9)', () => {
  assert.equal(replacedRgd('evo', '2/a1', rgd(2, 'a1')), undefined);
  // a deploy that knows no revision (an API server without generation or uid) claims nothing
  assert.equal(replacedRgd('evo', undefined, rgd(3, 'a1')), undefined);
});

test('a newer graph, one made again, or none: the deploy fails naming both revisions and the last writer of the spec (trial 19 F9)', () => {
  const fields = [
    { manager: 'typekro', operation: 'Apply', time: '2026-12-07T10:44:02Z', fieldsV1: { 'f:spec': {} } },
    { manager: 'kubectl-edit', operation: 'Update', time: '2026-12-07T10:44:04Z', fieldsV1: { 'f:spec': {} } },
    { manager: 'kro', operation: 'Update', subresource: 'status', time: '2026-12-07T10:44:05Z', fieldsV1: { 'f:status': {} } },
  ];
  assert.equal(
    replacedRgd('evo', '2/a1', rgd(3, 'a1', fields), 'Evo e4/z'),
    'the ResourceGraphDefinition evo was replaced by another deploy while this one waited: this deploy applied graph revision 2/a1, ' +
      'the cluster now serves 3/a1 (last written by field manager kubectl-edit at 2026-12-07T10:44:04.000Z). ' +
      "KRO judges every instance of it with the graph it serves, so the verdict and status of Evo e4/z are not this composition's; " +
      'nothing was undone: check that no other deploy of this kind runs, then plan and deploy again',
  );
  assert.match(replacedRgd('evo', '2/a1', rgd(2, 'b7')) ?? '', /^the ResourceGraphDefinition evo was replaced by another deploy while this one waited: this deploy applied graph revision 2\/a1, the cluster now serves 2\/b7\. /);
  assert.match(
    replacedRgd('evo', '2/a1', undefined) ?? '',
    /^the ResourceGraphDefinition evo was replaced by another deploy while this one waited: this deploy applied graph revision 2\/a1, and the ResourceGraphDefinition was deleted since\. KRO judges .* of this instance are not/,
  );
});
