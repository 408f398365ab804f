/**
 * Offline: an error's remedies are data (util/remedy.ts); the API's message renders them as factory calls and
 * options, the CLI renders the same remedies as command lines and flags, from the error's `detail` (no text of
 * the API's message is rewritten).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatError, exitCodeOf, EXIT } from '../../src/cli/errors.js';
import { cliMessage, cliTerms } from '../../src/cli/remedies.js';
import { ApplyConflictError, BreakingChangeError, InstanceLockedError, OtherInstancesError, TypeKroError, type Remedy } from '../../src/index.js';
import { namespaceNotFound } from '../../src/runtime/kube/errors.js';
import { Redactor } from '../../src/util/redact.js';
import { amendError, remediesOf } from '../../src/util/remedy.js';

const leftBehind: Remedy[] = [
  { purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: 'gamma', namespace: 'dev' },
  { purpose: 'remove them whenever a first deploy fails', action: 'option', option: 'rollbackOnFailure' },
];

describe('remedies', () => {
  it('a failed deploy that left objects: API terms in the message, CLI terms from the CLI, the same remedies', () => {
    const error = amendError(new Error('resource "broken" failed'), '(applied before the failure and left in the cluster: ConfigMap dev/x; deploy again once fixed, or remove them)', leftBehind);
    assert.equal(
      error.message,
      'resource "broken" failed\n(applied before the failure and left in the cluster: ConfigMap dev/x; deploy again once fixed, or remove them)\n' +
        '  to remove them: deleteInstance("gamma") of a direct factory for namespace dev\n' +
        '  to remove them whenever a first deploy fails: the factory option rollbackOnFailure: true',
    );
    assert.equal(
      formatError(error, false, { file: 'app.ts' }),
      'typekro: resource "broken" failed\n(applied before the failure and left in the cluster: ConfigMap dev/x; deploy again once fixed, or remove them)\n' +
        '  to remove them: typekro delete app.ts --name gamma --namespace dev\n' +
        '  to remove them whenever a first deploy fails: pass --rollback-on-failure\n' +
        '  (Error; run with --debug for the stack trace)',
    );
    assert.deepEqual(remediesOf(error)?.remedies, leftBehind);
  });

  it('the CLI repeats the cluster flags, the export and the mode, and quotes what a shell would split', () => {
    const terms = cliTerms({ file: 'my app.ts#web', export: 'web', kubeconfig: '/tmp/k config', context: 'dev' });
    assert.equal(
      terms({ purpose: 'remove them', action: 'delete-instance', mode: 'kro', name: 'gamma', namespace: 'dev' }),
      "typekro delete 'my app.ts#web' --export web --name gamma --namespace dev --mode kro --kubeconfig '/tmp/k config' --context dev",
    );
    assert.equal(terms({ purpose: 'create it', action: 'create-namespace', namespace: 'team-a' }), "kubectl create namespace team-a --kubeconfig '/tmp/k config' --context dev");
    assert.equal(cliTerms({})({ purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: 'x', namespace: 'default' }), 'typekro delete <file> --name x --namespace default');
  });

  it('each error that suggests an option carries it as a remedy; the CLI names its flag', () => {
    const cases: [Error, string, string][] = [
      [new ApplyConflictError({ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'dev' }, [{ field: '.data.k', manager: 'kubectl' }], 'conflict'), 'the factory option force: true', 'pass --force'],
      [new InstanceLockedError('instance dev/a is being changed by another writer: deploy by h pid 1.', 'deploy by h pid 1', { remedies: [{ purpose: 'wait for it', action: 'option', option: 'waitForLock' }] }), 'the factory option waitForLock: true', 'pass --wait-for-lock'],
      [new BreakingChangeError('apps', [{ path: 'spec.size', problem: 'removed' }]), 'the factory option allowBreakingChanges: true', 'pass --allow-breaking-changes'],
      [new OtherInstancesError('evo', 'Evo', [{ name: 'x', namespace: 'e2', create: [], change: [], unchanged: [], skipped: [], prune: [{ resourceId: 'gone', apiVersion: 'v1', kind: 'ConfigMap', name: 'x-gone', namespace: 'e2' }] }]), 'the factory option allowOtherInstances: true', 'pass --allow-other-instances'],
    ];
    for (const [error, api, cli] of cases) {
      assert.ok(error.message.endsWith(api), error.message);
      assert.ok(cliMessage(error, { file: 'app.ts' }).endsWith(cli), cliMessage(error, {}));
      assert.doesNotMatch(cliMessage(error, {}), /factory option|: true/);
    }
  });

  it('a missing namespace: NAMESPACE_NOT_FOUND, exit code 2, the ways out in both terms', () => {
    const error = namespaceNotFound('team-a');
    assert.equal(error.code, 'NAMESPACE_NOT_FOUND');
    assert.equal(
      error.message,
      'namespace "team-a" does not exist\n  to create it: kubectl create namespace team-a\n  to let the deploy create it: the factory option createNamespace: true\n  to deploy into an existing namespace: the factory option namespace',
    );
    assert.equal(
      cliMessage(error, {}),
      'namespace "team-a" does not exist\n  to create it: kubectl create namespace team-a\n  to let the deploy create it: pass --create-namespace\n  to deploy into an existing namespace: pass --namespace <namespace> (-n)',
    );
    assert.equal(exitCodeOf(error), EXIT.usage);
  });

  it('an error of another copy of TypeKro is read from its fields, not its class', () => {
    const foreign = Object.assign(new Error('api text'), { code: 'DEPLOY_FAILED', detail: 'resource "a" failed', remedies: leftBehind });
    assert.equal(cliMessage(foreign, { file: 'app.ts' }).split('\n')[1], '  to remove them: typekro delete app.ts --name gamma --namespace dev');
    assert.equal(cliMessage(new Error('no remedies'), { file: 'app.ts' }), 'no remedies');
  });

  it('amending keeps detail and message in step, and redaction reaches the detail', () => {
    const error = new TypeKroError('DEPLOY_FAILED', 'token s3cr3t-value refused', { remedies: leftBehind });
    amendError(error, '(rolled back: deleted 2 object(s))');
    assert.equal(error.detail, 'token s3cr3t-value refused\n(rolled back: deleted 2 object(s))');
    assert.ok(error.message.startsWith(`${error.detail}\n  to remove them:`));
    const redactor = new Redactor();
    redactor.addSecret('s3cr3t-value');
    redactor.error(error);
    assert.doesNotMatch(`${error.message}${error.detail ?? ''}${cliMessage(error, {})}`, /s3cr3t/);
    // the detail is not listed with the error's fields: a logged error shows its text once
    assert.deepEqual(Object.keys(error).sort(), ['code', 'name', 'remedies']);
  });
});
