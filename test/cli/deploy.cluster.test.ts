/**
 * The cluster commands in direct mode against the test cluster, in a fresh namespace: plan before and
 * after a deploy, deploy, status, logs (kwok pods serve none), delete; then the failure paths: a timeout
 * (exit 3) and Ctrl-C (exit 130).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { STACK_FRAME, transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();

describe('typekro deploy, status, plan, logs, delete (direct mode)', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', kubeconfig, '-n', namespace.name]);
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'cli-direct');
  });
  after(async () => namespace.remove());

  it('plan before the first deploy: everything is created', async () => {
    const result = await cli('plan', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml');
    assert.equal(result.code, 0, transcript(result));
    assert.match(result.stdout, new RegExp(`plan for WebApp "webapp" \\(direct mode, namespace ${namespace.name}\\): 2 to create, 0 to change, 0 to delete, 0 unchanged`));
    assert.match(result.stdout, new RegExp(`\\+ deployment +Deployment ${namespace.name}/webapp`));
  });

  it('deploy prints the instance with its status (not its spec: issue 13, secrets); progress goes to stderr', async () => {
    const result = await cli('deploy', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml', '--timeout', '3m');
    assert.equal(result.code, 0, transcript(result));
    assert.deepEqual(parse(result.stdout), { apiVersion: 'example.com/v1', kind: 'WebApp', metadata: { name: 'webapp', namespace: namespace.name }, status: { ready: true } });
    assert.match(result.stderr, new RegExp(`^\\S+Z deploying WebApp "webapp" \\(direct mode, namespace ${namespace.name}\\)$`, 'm'));
    assert.match(result.stderr, new RegExp(`^\\S+Z \\[deployment\\] applied Deployment ${namespace.name}/webapp$`, 'm'));
    assert.match(result.stderr, /WebApp "webapp" is ready \(direct mode, [\d.]+s\)/);
  });

  it('status shows every object ready, exit 0; -o json gives the same as data', async () => {
    const table = await cli('status', 'examples/webapp.ts');
    assert.equal(table.code, 0, transcript(table));
    assert.match(table.stdout, /ready \(2\/2 objects ready\)/);
    assert.match(table.stdout, /deployment +Deployment +webapp +yes +ready/);
    const json = await cli('status', 'examples/webapp.ts', '-o', 'json');
    const report = JSON.parse(json.stdout) as { ready: boolean; mode: string; resources: { resourceId: string; ready: boolean }[] };
    assert.equal(report.ready, true);
    assert.equal(report.mode, 'direct');
    assert.deepEqual(report.resources.map((r) => r.resourceId), ['deployment', 'service']);
  });

  it('status with a spec other than the deployed one is refused (exit 2): its status would describe another instance; the deployed spec is accepted', async () => {
    const other = await cli('status', 'examples/webapp.ts', '--set', 'replicas=7');
    assert.equal(other.code, 2, transcript(other));
    assert.match(other.stderr, /the spec given for instance "webapp" is not the one it was last deployed with \(generation 1\)/);
    const same = await cli('status', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml');
    assert.equal(same.code, 0, transcript(same));
    assert.match(same.stdout, /ready \(2\/2 objects ready\)/);
  });

  it('plan after the deploy: the same spec changes nothing, another one changes spec.replicas', async () => {
    const same = await cli('plan', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml');
    assert.equal(same.code, 0, transcript(same));
    assert.match(same.stdout, /0 to create, 0 to change, 0 to delete, 2 unchanged/);
    const more = await cli('plan', 'examples/webapp.ts', '--set', 'replicas=3', '-o', 'json');
    assert.equal(more.code, 0, transcript(more));
    const plan = JSON.parse(more.stdout) as { summary: Record<string, number>; objects: { action: string; resource: string; changes?: { path: string }[] }[] };
    assert.equal(plan.summary.change, 1);
    const changed = plan.objects.find((o) => o.action === 'change');
    assert.equal(changed?.resource, 'deployment');
    assert.deepEqual(changed?.changes?.map((c) => c.path), ['spec.replicas']);
  });

  it('logs: kwok pods serve no logs; each container is reported in one line, exit 1, no stack', async () => {
    const result = await cli('logs', 'examples/webapp.ts', '--tail', '10');
    assert.equal(result.code, 1, transcript(result));
    assert.match(result.stderr, /^typekro: no logs for pod webapp-[a-z0-9-]+, container webapp: .+$/m);
    assert.match(result.stderr, /logs unavailable for 2 of 2 containers/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
    const follow = await cli('logs', 'examples/webapp.ts', '--follow');
    assert.equal(follow.code, 1, transcript(follow));
    assert.match(follow.stderr, /logs unavailable for 2 of 2 containers/);
    const none = await cli('logs', 'examples/webapp.ts', '-c', 'sidecar');
    assert.equal(none.code, 1, transcript(none));
    assert.match(none.stderr, /has no pods with a container "sidecar"/);
  });

  it('delete removes everything; status and delete then report "not found" (exit 1) unless --ignore-not-found', async () => {
    const result = await cli('delete', 'examples/webapp.ts');
    assert.equal(result.code, 0, transcript(result));
    assert.match(result.stdout, new RegExp(`WebApp "webapp" \\(direct mode, namespace ${namespace.name}\\) deleted`));
    const status = await cli('status', 'examples/webapp.ts');
    assert.equal(status.code, 1, transcript(status));
    assert.match(status.stderr, /^typekro: WebApp "webapp" in namespace \S+ \(direct mode\) not found$/m);
    const again = await cli('delete', 'examples/webapp.ts');
    assert.equal(again.code, 1, transcript(again));
    const ignored = await cli('delete', 'examples/webapp.ts', '--ignore-not-found');
    assert.equal(ignored.code, 0, transcript(ignored));
  });

  it('a deploy that cannot become ready before --timeout: exit 3, naming the resource', async () => {
    const result = await cli('deploy', 'test/cli/fixtures/never-ready.ts', '--set', 'name=stuck', '--timeout', '5s');
    assert.equal(result.code, 3, transcript(result));
    assert.match(result.stderr, /\[app\] FAILED \(error below\)$/m);
    // the error is printed once
    assert.equal(result.stderr.match(/^typekro: .*"app".*(deadline|timed out)/gm)?.length, 1, transcript(result));
    assert.doesNotMatch(result.stderr, STACK_FRAME);
    assert.equal(result.stdout, '');
    // The objects stay (no rollback asked for): status says what is not ready, exit 3.
    const status = await cli('status', 'test/cli/fixtures/never-ready.ts', '--set', 'name=stuck');
    assert.equal(status.code, 3, transcript(status));
    assert.match(status.stdout, /NOT ready \(1\/2 objects ready\)/);
    assert.match(status.stdout, /app +Deployment +stuck +no +0\/1 readyReplicas/);
  });

  it('--create-namespace creates a missing namespace; --wait=false returns once applied', async () => {
    const fresh = `${namespace.name}-new`;
    const core = testKubeConfig().makeApiClient(CoreV1Api);
    try {
      const result = await typekro(['deploy', 'examples/webapp.ts', '--set', 'replicas=1', '--create-namespace', '--wait=false', '--kubeconfig', kubeconfig, '-n', fresh]);
      assert.equal(result.code, 0, transcript(result));
      assert.match(result.stderr, /WebApp "webapp" applied \(direct mode/);
      assert.equal((await core.readNamespace({ name: fresh })).metadata?.name, fresh);
    } finally {
      await core.deleteNamespace({ name: fresh }).catch(() => undefined);
    }
  });

  it('Ctrl-C aborts a deploy: exit 130', async () => {
    let sent = false;
    const result = await typekro(['deploy', 'test/cli/fixtures/never-ready.ts', '--set', 'name=interrupted', '--kubeconfig', kubeconfig, '-n', namespace.name], {
      onStderr: (text, child) => {
        if (!sent && /applied Deployment/.test(text)) sent = child.kill('SIGINT');
      },
    });
    assert.ok(sent, transcript(result));
    assert.equal(result.code, 130, transcript(result));
    assert.match(result.stderr, /interrupted: stopping/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });
});
