import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeClient } from '../kube/client.js';
import { childKindsOf, recordedGroupKinds } from './applyset.js';

const instance = (kinds: string) => ({ metadata: { annotations: { 'applyset.kubernetes.io/contains-group-kinds': kinds } } });

test('the group-kinds KRO recorded on the instance, parsed as KRO parses them', () => {
  assert.deepEqual(recordedGroupKinds(instance('ConfigMap,Deployment.apps, Certificate.cert-manager.io ,,')), [
    { group: '', kind: 'ConfigMap' },
    { group: 'apps', kind: 'Deployment' },
    { group: 'cert-manager.io', kind: 'Certificate' },
  ]);
  assert.deepEqual(recordedGroupKinds({ metadata: {} }), []);
  assert.deepEqual(recordedGroupKinds(undefined), []);
});

test('the kinds to list children by: the graph\'s, then each recorded kind the graph lacks at its group\'s preferred version', async () => {
  const read: string[] = [];
  const client = {
    readPath: async (path: string) => {
      read.push(path);
      return path === '/apis/apps' ? { preferredVersion: { groupVersion: 'apps/v1' } } : undefined;
    },
  } as unknown as KubeClient;
  const known = [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'apps/v1', kind: 'Deployment' }];
  const kinds = await childKindsOf(client, instance('ConfigMap,Deployment.apps,ServiceAccount,StatefulSet.apps,Gone.example.com'), known, {});
  assert.deepEqual(kinds, [...known, { apiVersion: 'v1', kind: 'ServiceAccount' }, { apiVersion: 'apps/v1', kind: 'StatefulSet' }]);
  // discovery only for the groups of kinds the graph lacks; a group the cluster no longer serves has no children
  assert.deepEqual(read, ['/apis/apps', '/apis/example.com']);
  assert.deepEqual(await childKindsOf(client, undefined, known, {}), known);
});
