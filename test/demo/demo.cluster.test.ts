import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureClusterBinaries } from '../../src/testing/index.js';
import { typekro, transcript } from '../cli/run.js';
import { processesMentioning } from '../support/processes.js';
import { runDemo, type DemoRun } from './run-demo.js';

const show = (run: DemoRun): string => `exit ${run.code} signal ${run.signal}\n${run.output}`;

/** The lines of one `==> heading` section of the demo's output, up to the next heading. */
function section(output: string, heading: string): string {
  const start = output.indexOf(`==> ${heading}`);
  assert.ok(start >= 0, `no section "${heading}" in:\n${output}`);
  const next = output.indexOf('==> ', start + 4);
  return output.slice(start, next < 0 ? undefined : next);
}

describe('scripts/demo.sh (the quick start), end to end', () => {
  // its own state directory: the demo's "demo" cluster cannot meet a user's, nor the suite's (a temp dir of its own)
  const home = mkdtempSync(join(tmpdir(), 'typekro-demo-home-'));
  const env = { TYPEKRO_HOME: home };
  const demoDir = join(home, 'clusters', 'demo');

  before(async () => {
    await ensureClusterBinaries({ progress: (l) => process.stderr.write(`${l}\n`) }); // the demo reuses the cache
  });
  after(async () => {
    await typekro(['cluster', 'stop', '--name', 'demo'], { env, inProcess: false }); // only if a test failed half-way
    rmSync(home, { recursive: true, force: true });
  });

  /** Nothing of the demo cluster is left: no directory, no process mentioning the state directory. */
  function assertCleanedUp(run: DemoRun): void {
    assert.match(run.output, /==> stopping the local control plane/, show(run));
    assert.equal(existsSync(demoDir), false, `${demoDir} is left:\n${show(run)}`);
    assert.deepEqual(processesMentioning(home), [], 'no process of the demo cluster is left');
  }

  it('renders, deploys in direct and kro mode, shows the status, deletes, and stops its cluster', async () => {
    const run = await runDemo(home);
    assert.equal(run.code, 0, show(run));
    const out = run.output;
    assert.match(section(out, 'starting a local control plane'), /cluster "demo" is running \(v1\.36\.\d+, started in [\d.]+ s\)/);
    const render = section(out, 'the composition as a KRO ResourceGraphDefinition');
    assert.match(render, /^kind: ResourceGraphDefinition$/m);
    assert.match(render, /^ {2}name: webapp$/m);
    const direct = section(out, 'direct mode');
    assert.match(direct, /WebApp "webapp" is ready \(direct mode, [\d.]+s\)/);
    assert.match(direct, /^ {2}namespace: demo-direct$/m);
    const kro = section(out, 'kro mode');
    assert.match(kro, /WebApp "webapp" is ready \(kro mode, [\d.]+s\)/);
    assert.match(kro, /^ {2}namespace: demo-kro$/m);
    const status = section(out, 'status of both instances');
    assert.match(status, /WebApp "webapp" \(direct mode, namespace demo-direct\): ready \(2\/2 objects ready\)/);
    assert.match(status, /WebApp "webapp" \(kro mode, namespace demo-kro\): ACTIVE, ready \(2\/2 objects ready\)/);
    assert.equal(status.match(/deployment +Deployment +webapp +yes +ready/g)?.length, 2, status); // the detail is the runtime readiness reason
    const deleted = section(out, 'deleting both instances');
    assert.match(deleted, /WebApp "webapp" \(direct mode, namespace demo-direct\) deleted/);
    assert.match(deleted, /WebApp "webapp" \(kro mode, namespace demo-kro\) deleted/);
    assert.match(out, /==> demo complete/);
    assert.match(out, /cluster "demo" stopped \(\d+ processes\)/);
    assertCleanedUp(run);
  });

  it('stops its cluster when interrupted half-way (SIGTERM to the script and its children)', async () => {
    const run = await runDemo(home, { interruptWhen: (out) => (out.includes('==> direct mode') ? 'SIGTERM' : undefined) });
    assert.notEqual(run.code, 0, show(run));
    assert.equal(run.signal, null, 'the script exits by itself (its trap), it is not killed');
    assert.match(run.output, /cluster "demo" is running/, 'the cluster was up when interrupted');
    assert.doesNotMatch(run.output, /==> demo complete/);
    assertCleanedUp(run);
  });

  it('fails with a clear message on a bad setting, and leaves nothing behind', async () => {
    const run = await runDemo(home, { env: { TYPEKRO_BUILD_TIMEOUT_MINUTES: 'soon' } });
    assert.notEqual(run.code, 0, show(run));
    assert.match(run.output, /TYPEKRO_BUILD_TIMEOUT_MINUTES must be a positive number of minutes \(e\.g\. 120\), got "soon"/);
    assertCleanedUp(run);
  });

  it('leaves a "demo" cluster that is already running alone', async () => {
    // child processes: the cluster commands find TYPEKRO_HOME in their process environment, as demo.sh's do
    const started = await typekro(['cluster', 'start', '--name', 'demo', '--no-flux'], { env, inProcess: false });
    assert.equal(started.code, 0, transcript(started));
    const run = await runDemo(home);
    assert.equal(run.code, 1, show(run));
    assert.match(run.output, /a cluster named "demo" is already running .*; stop it first/);
    const status = await typekro(['cluster', 'status', '--name', 'demo'], { env, inProcess: false });
    assert.equal(status.code, 0, `still running:\n${transcript(status)}`);
    const stopped = await typekro(['cluster', 'stop', '--name', 'demo'], { env, inProcess: false });
    assert.equal(stopped.code, 0, transcript(stopped));
    assert.equal(existsSync(demoDir), false);
  });
});
