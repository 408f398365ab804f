/**
 * Every cluster command of the CLI gives the answer the API gives, for a composition whose instance name
 * comes from a spec default, a name longer than a label value (63) and a name with uppercase letters (both
 * refused up front), and an instance that does not exist; in both modes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import type { InstanceOperations } from '../../src/index.js';
import named from './fixtures/named.js';
import { transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();

type Spec = { name?: string; object?: string };
/** Either factory, through what both offer. */
type Api = InstanceOperations<Spec, unknown> & { deploy(spec: Spec, options?: { name?: string }): Promise<unknown> };
const fixture = 'test/cli/fixtures/named.ts';
const LONG = `long-${'x'.repeat(65)}`;

/** The API's status as the CLI prints it with -o json. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** What an API call rejected with, to compare with the CLI's message. */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

for (const mode of ['direct', 'kro'] as const) {
  describe(`instance names (${mode} mode): the CLI answers as the API`, () => {
    let namespace: { name: string; remove: () => Promise<void> };
    const cli = (...args: string[]) => typekro([...args, '--mode', mode, '--kubeconfig', kubeconfig, '-n', namespace.name]);
    const api = (): Api => {
      const options = { kubeConfig: testKubeConfig(), namespace: namespace.name, timeout: 120_000 };
      return mode === 'kro' ? named.factory('kro', options) : named.factory('direct', options);
    };
    before(async () => {
      namespace = await testNamespace(testKubeConfig(), `cli-names-${mode}`);
    });
    after(async () => namespace.remove());

    it('a defaulted name: deploy, status, plan, logs and delete all use "web", as the API does', async () => {
      const spec = { object: 'defaulted' };
      assert.equal(api().instanceName(spec), 'web');
      const deployed = await cli('deploy', fixture, '--set', 'object=defaulted', '--timeout', '2m');
      assert.equal(deployed.code, 0, transcript(deployed));
      assert.equal((parse(deployed.stdout) as { metadata: { name: string } }).metadata.name, 'web');
      assert.deepEqual((await api().listInstances()).map((i) => i.name), ['web']);
      assert.ok((await api().events('web')).every((e) => e.resourceId === 'config'));
      const status = await cli('status', fixture, '--set', 'object=defaulted', '-o', 'json');
      assert.equal(status.code, 0, transcript(status));
      assert.deepEqual(JSON.parse(status.stdout), asJson(await api().instanceStatus('web', { spec })));
      const table = await cli('status', fixture, '--set', 'object=defaulted');
      assert.match(table.stdout, /NamedApp "web" .*: (ACTIVE, )?ready \(1\/1 objects ready\)/);
      const plan = await cli('plan', fixture, '--set', 'object=defaulted', '-o', 'json');
      assert.equal(plan.code, 0, transcript(plan));
      const apiPlan = await api().plan(spec);
      assert.equal((JSON.parse(plan.stdout) as { summary: { unchanged: number } }).summary.unchanged, apiPlan.unchanged.length);
      assert.equal(apiPlan.create.length + apiPlan.change.length, 0, JSON.stringify(apiPlan));
      const logs = await cli('logs', fixture, '--set', 'object=defaulted');
      assert.equal(logs.code, 1, transcript(logs));
      assert.match(logs.stderr, /NamedApp "web" .* has no pods/);
      assert.deepEqual((await api().streamLogs('web', { onLine: () => undefined })).sources, []);
      const removed = await cli('delete', fixture, '--set', 'object=defaulted', '--timeout', '2m');
      assert.equal(removed.code, 0, transcript(removed));
      assert.match(removed.stdout, /NamedApp "web" .* deleted/);
      assert.equal((await rejection(api().instanceStatus('web'))).code, 'NOT_FOUND');
    });

    it('a missing instance: status, logs and delete fail with the API\'s not-found message; plan creates it', async () => {
      const error = await rejection(api().instanceStatus('nope'));
      assert.equal(error.code, 'NOT_FOUND');
      const status = await cli('status', fixture, '--name', 'nope');
      assert.equal(status.code, 1, transcript(status));
      assert.equal(status.stderr, `typekro: ${error.message}\n`);
      const logs = await cli('logs', fixture, '--name', 'nope');
      assert.equal(logs.code, 1, transcript(logs));
      assert.equal(logs.stderr, `typekro: ${(await rejection(api().logs('nope'))).message}\n`);
      assert.equal((await rejection(api().deleteInstance('nope'))).code, 'NOT_FOUND');
      assert.deepEqual(await api().deleteInstance('nope', { ignoreNotFound: true }), { found: false });
      const removed = await cli('delete', fixture, '--name', 'nope');
      assert.equal(removed.code, 1, transcript(removed));
      assert.match(removed.stderr, /NamedApp "nope" .* not found; nothing to delete/);
      const plan = await cli('plan', fixture, '--name', 'nope', '-o', 'json');
      assert.equal(plan.code, 0, transcript(plan));
      const apiPlan = await api().plan({}, { name: 'nope' });
      assert.equal((JSON.parse(plan.stdout) as { summary: { create: number } }).summary.create, apiPlan.create.length);
    });

    it('a name longer than 63 characters and a name with uppercase letters: refused up front by the API and the CLI alike', async () => {
      for (const name of [LONG, 'MyShop']) {
        const object = name === LONG ? 'long' : 'upper';
        const error = await rejection(api().deploy({ object }, { name }));
        // Issue 13: names are checked up front, one rule in both modes (a DNS-1123 name of at most 63
        // characters, since KRO writes it into a label of every child): both names are usage errors.
        assert.equal(error.code, 'USAGE');
        assert.match(error.message, /^instance name ".*" (is not a Kubernetes name|has 70 characters; at most 63)/);
        const refused = await cli('deploy', fixture, '--set', `object=${object}`, '--name', name, '--timeout', '1m');
        assert.equal(refused.code, 2, transcript(refused));
        assert.ok(refused.stderr.includes(`typekro: ${error.message}\n`), `${transcript(refused)}\nAPI: ${error.message}`);
        // nothing was applied
        assert.deepEqual((await api().listInstances()).filter((i) => i.name === name), []);
      }
    });
  });
}
