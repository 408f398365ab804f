/**
 * A kro-mode instance stuck on a CEL error KRO only logs (B15): the deploy's timeout and `status` say which
 * expression fails and why, by TypeKro's CEL engine; a resource whose template fails is named by the
 * ownership check's note with its error, never as "names need cluster data" when its name is a literal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

  it('the timeout names the failing status expression, its field, its CEL error and the spec field it reads', async () => {
    const result = await cli('deploy', FIXTURE, '--set', 'name=stuck', '--set', 'count=many', '--timeout', '8s');
    assert.equal(result.code, 3, transcript(result));
    assert.match(result.stderr, /timed out after 8s waiting for CelFailsStatus \S+\/stuck: no state yet/, transcript(result));
    assert.match(
      result.stderr,
      /KRO gives no reason; by TypeKro's CEL engine, the first expression that fails for this instance: status field count: `int\(\(schema\.spec\.count\)\)` fails: type conversion error from 'string' to 'int'\. It reads spec\.count: pass a value it accepts, or change the expression in the composition/,
      transcript(result),
    );
    assert.doesNotMatch(result.stderr, /need(s)? (cluster data|data only the cluster has)/, transcript(result));
  });

  it('status of the stuck instance says the same', async () => {
    const result = await cli('status', FIXTURE, '--set', 'name=stuck', '--set', 'count=many');
    assert.equal(result.code, 3, transcript(result));
    assert.match(result.stdout, /^failing: status field count: `int\(\(schema\.spec\.count\)\)` fails: type conversion error from 'string' to 'int'/m, transcript(result));
    const json = JSON.parse((await cli('status', FIXTURE, '--set', 'name=stuck', '--set', 'count=many', '-o', 'json')).stdout) as { failure?: unknown };
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
