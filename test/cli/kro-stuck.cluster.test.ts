/**
 * A kro-mode instance stuck on a CEL error KRO only logs (B15): a deploy whose status expression fails for the
 * spec is refused before anything is applied, and `status` of an instance whose spec was changed to such a
 * value says which expression fails and why, by TypeKro's CEL engine; a resource whose template fails is named by the
 * ownership check's note with its error, never as "names need cluster data" when its name is a literal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();
const FIXTURE = 'test/cli/fixtures/cel-fails.ts';

describe('a kro-mode instance stuck on a CEL error', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--mode', 'kro', '--kubeconfig', kubeconfig, '-n', namespace.name]);
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'kro-stuck');
  });
  after(async () => namespace.remove());

  it('a deploy whose status expression fails for the spec is refused before anything is applied, naming the expression, its CEL error and the spec field it reads', async () => {
    // KRO would never write the status (it keeps the previous one, or none, with no condition saying so).
    const result = await cli('deploy', FIXTURE, '--set', 'name=refused', '--set', 'count=many', '--timeout', '60s');
    assert.equal(result.code, 1, transcript(result)); // the operation failed (README's exit codes), not a timeout
    assert.match(
      result.stderr,
      /status field count: `int\(\(schema\.spec\.count\)\)` fails: type conversion error from 'string' to 'int'\. It reads spec\.count: pass a value it accepts, or change the expression in the composition\. KRO cannot compute it either, and would keep the status it computed before \(from an earlier spec or composition\) with no condition saying so\. Nothing was applied/,
      transcript(result),
    );
    assert.doesNotMatch(result.stderr, /timed out/, transcript(result));
  });

  it('status of an instance whose spec makes a status expression fail says which, and is not ready', async () => {
    assert.equal((await cli('deploy', FIXTURE, '--set', 'name=stuck', '--set', 'count=1')).code, 0);
    // The spec changed behind TypeKro's back (kubectl, GitOps): KRO keeps the status it computed for count=1.
    await testKubeConfig().makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
      { group: 'fixtures.typekro.dev', version: 'v1alpha1', namespace: namespace.name, plural: 'celfailsstatuses', name: 'stuck', body: [{ op: 'replace', path: '/spec/count', value: 'many' }] },
    );
    const result = await cli('status', FIXTURE, '--set', 'name=stuck', '--set', 'count=many');
    assert.equal(result.code, 3, transcript(result));
    assert.match(result.stdout, /^failing: status field count: `int\(\(schema\.spec\.count\)\)` fails: type conversion error from 'string' to 'int'/m, transcript(result));
    const json = JSON.parse((await cli('status', FIXTURE, '--set', 'name=stuck', '--set', 'count=many', '-o', 'json')).stdout) as { ready?: unknown; failure?: unknown };
    assert.equal(json.ready, false);
    assert.deepEqual(json.failure, { field: 'status.count', cel: 'int((schema.spec.count))', message: "type conversion error from 'string' to 'int'", specFields: ['spec.count'] });
  });

  it('a template that fails to render: its error before anything is applied, and its literal name checked', async () => {
    const result = await cli('deploy', FIXTURE, '-e', 'inTemplate', '--set', 'name=tpl', '--set', 'count=many', '--timeout', '8s');
    assert.notEqual(result.code, 0, transcript(result));
    assert.match(
      result.stderr,
      /resource "configMapCelFailsLiteral" fails to render for this spec by TypeKro's CEL engine \(KRO evaluates the same CEL\): data\.count: type conversion error from 'string' to 'int'\n/,
      transcript(result),
    );
    assert.doesNotMatch(result.stderr, /ownership .*not checked|need(s)? (cluster data|data only the cluster has)/, transcript(result));
  });
});
