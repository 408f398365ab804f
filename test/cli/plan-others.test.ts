/**
 * How `typekro plan` shows the other instances a changed ResourceGraphDefinition changes (kro mode, trial 19
 * F3): each one KRO changes with its summary and its creates, changes and deletes; those it leaves alone
 * counted in one line. The cluster side is test/cluster/kro-other-instances.cluster.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentOthers, humanOthers } from '../../src/cli/commands/plan.js';
import { confirmOthers } from '../../src/api/kro-others.js';
import { OtherInstancesError, type PlannedOtherInstance } from '../../src/index.js';
import { EXIT, exitCodeOf } from '../../src/cli/errors.js';

const object = (resourceId: string, kind: string, name: string, namespace: string) => ({ resourceId, apiVersion: 'v1', kind, name, namespace });
const none = { create: [], change: [], unchanged: [], prune: [], skipped: [] };

test('each other instance KRO changes, with its objects; the unchanged ones in one line', () => {
  const x: PlannedOtherInstance = {
    ...none,
    name: 'x',
    namespace: 'e2',
    change: [{ resource: object('keep', 'ConfigMap', 'x-keep', 'e2'), paths: ['data.extra'], removed: ['data.extra'], values: [{ path: 'data.extra', before: '"hello"' }] }],
    unchanged: [object('other', 'ConfigMap', 'x-other', 'e2')],
    prune: [object('gone', 'ConfigMap', 'x-gone', 'e2'), object('sa', 'ServiceAccount', 'x-sa', 'e2')],
  };
  const z: PlannedOtherInstance = { ...none, name: 'z', namespace: 'e3', unchanged: [object('keep', 'ConfigMap', 'z-keep', 'e3')] };
  const w: PlannedOtherInstance = { ...none, name: 'w', namespace: 'e4', note: 'fails with the new graph: resource "keep": no such key: extra' };
  assert.equal(
    humanOthers('Evo', [x, z, w], undefined).join('\n'),
    [
      `the changed ResourceGraphDefinition is every Evo's: KRO reconciles the 3 other instances with it too`,
      `Evo "x" (namespace e2): 0 to create, 1 to change, 2 to delete, 1 unchanged`,
      `  ~ keep  ConfigMap e2/x-keep`,
      `      data.extra: "hello" → (removed)`,
      `  - gone  ConfigMap e2/x-gone  (no longer desired)`,
      `  - sa    ServiceAccount e2/x-sa  (no longer desired)`,
      `Evo "w" (namespace e4): 0 to create, 0 to change, 0 to delete, 0 unchanged`,
      `  fails with the new graph: resource "keep": no such key: extra`,
      `1 other instance: nothing changes`,
    ].join('\n'),
  );
});

test('the instances of other namespaces that could not be listed are said to be unknown', () => {
  assert.deepEqual(humanOthers('Evo', [], 'the instances of Evo in other namespaces could not be listed (forbidden): KRO changes them too'), [
    `the changed ResourceGraphDefinition is every Evo's: KRO reconciles the 0 other instances with it too (the instances of Evo in other namespaces could not be listed (forbidden): KRO changes them too)`,
  ]);
});

test('the error of a deploy that would delete objects of another instance names each, and the way out', () => {
  const error = new OtherInstancesError('evo', 'Evo', [{ ...none, name: 'x', namespace: 'e2', change: [{ resource: object('keep', 'ConfigMap', 'x-keep', 'e2'), paths: ['data.extra'] }], prune: [object('gone', 'ConfigMap', 'x-gone', 'e2')] }]);
  assert.equal(error.code, 'OTHER_INSTANCES');
  assert.equal(
    error.message,
    [
      'the new ResourceGraphDefinition evo would delete objects of another instance of Evo, which KRO reconciles with it too (in every namespace); nothing was applied:',
      '  - Evo e2/x: 0 to create, 1 to change, 1 to delete (ConfigMap e2/x-gone)',
      'plan the deploy to see every change; keep the resource, or use a new kind for the edited composition',
      '  to delete them anyway: the factory option allowOtherInstances: true',
    ].join('\n'),
  );
  assert.equal(exitCodeOf(error), EXIT.failure);
});

test('a deploy fails closed on other instances it cannot plan, or cannot list (review 39)', () => {
  const graph = { name: 'evo', kind: 'Evo' } as never;
  const warnings: string[] = [];
  const warn = (message: string) => void warnings.push(message);
  const unplanned: PlannedOtherInstance = { ...none, name: 'w', namespace: 'e4', note: 'could not be planned: forbidden' };
  assert.throws(() => confirmOthers({ instances: [unplanned] }, graph, false, warn), (error: Error) => error.message === [
    'the new ResourceGraphDefinition evo may delete objects of other instances of Evo, which KRO reconciles with it too (in every namespace); nothing was applied:',
    '  - Evo e4/w: 0 to create, 0 to change, 0 to delete; could not be planned: forbidden',
    'plan the deploy to see every change; keep the resource, or use a new kind for the edited composition',
    '  to delete them anyway: the factory option allowOtherInstances: true',
  ].join('\n'));
  const note = 'the instances of Evo in other namespaces could not be listed (forbidden): KRO changes them too';
  assert.throws(() => confirmOthers({ instances: [], note }, graph, false, warn), (error: Error) => error.message.includes(`\n  - ${note}\n`));
  // Allowed: warned, not refused; an instance KRO leaves alone is neither.
  confirmOthers({ instances: [unplanned, { ...none, name: 'z', namespace: 'e3' }], note }, graph, true, warn);
  assert.deepEqual(warnings, [note, 'the new ResourceGraphDefinition evo changes another instance: Evo e4/w: 0 to create, 0 to change, 0 to delete; could not be planned: forbidden']);
});

test('yaml and json: each other instance with its summary and the objects KRO creates, changes or deletes', () => {
  const x: PlannedOtherInstance = { ...none, name: 'x', namespace: 'e2', unchanged: [object('keep', 'ConfigMap', 'x-keep', 'e2')], prune: [object('gone', 'ConfigMap', 'x-gone', 'e2')] };
  assert.deepEqual(documentOthers([x], 'a note'), {
    otherInstances: [
      {
        name: 'x',
        namespace: 'e2',
        summary: { create: 0, change: 0, unchanged: 1, delete: 1, conflict: 0, reclaim: 0, takeover: 0, skipped: 0 },
        objects: [{ action: 'delete', resource: 'gone', kind: 'ConfigMap', name: 'x-gone', namespace: 'e2', message: 'no longer desired' }],
      },
    ],
    otherInstancesNote: 'a note',
  });
});
