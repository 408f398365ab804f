/**
 * Issue 13, point 4, offline: every bad input of the issue is refused up front, before any cluster is
 * contacted (the kubeconfig points at a closed port: a call would fail as CLUSTER_UNREACHABLE), with the
 * same answer from the API (both modes) and the CLI, and with messages that quote no more than a few hundred
 * characters of any value.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { typekro, transcript } from '../cli/run.js';
import vault from './fixtures/vault.js';

const fixture = 'test/input/fixtures/vault.ts';
const dir = mkdtempSync(join(tmpdir(), 'typekro-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters: [{ name: closed, cluster: { server: 'https://127.0.0.1:9' } }]
users: [{ name: nobody, user: { token: none } }]
contexts: [{ name: closed, context: { cluster: closed, user: nobody } }]
current-context: closed
`,
);
const good = { password: 'Zq7-pass-word', apiToken: 'tok-123456' };
const modes = ['direct', 'kro'] as const;

/** What the API rejects with (both modes must agree), as `code: message`. */
async function apiAnswer(spec: Record<string, unknown>, name?: string, namespace = 'default'): Promise<{ code: string; message: string }> {
  const answers = await Promise.all(
    modes.map(async (mode) => {
      try {
        const options = { kubeconfig, namespace, timeout: 5_000 };
        const factory = mode === 'kro' ? vault.factory('kro', options) : vault.factory('direct', options);
        await factory.deploy(spec as never, name === undefined ? {} : { name });
      } catch (error) {
        return { code: String((error as { code?: unknown }).code), message: (error as Error).message };
      }
      throw new Error(`${mode} mode deployed ${JSON.stringify(spec).slice(0, 100)}`);
    }),
  );
  assert.deepEqual(answers[1], answers[0], 'both modes give the same answer');
  return answers[0]!;
}

async function cliAnswer(args: readonly string[], input?: string): Promise<Awaited<ReturnType<typeof typekro>>[]> {
  return Promise.all(modes.map((mode) => typekro(['deploy', fixture, '--kubeconfig', kubeconfig, '--mode', mode, '--timeout', '5s', ...args], input === undefined ? {} : { input })));
}

describe('bad instance names: refused in both modes, by the API and the CLI alike, before the cluster', () => {
  for (const name of ['MyShop', 'shöp-ü', `long-${'x'.repeat(65)}`, 'a_b', '-web']) {
    it(`"${name.slice(0, 20)}"`, async () => {
      const api = await apiAnswer(good, name);
      assert.equal(api.code, 'USAGE', api.message);
      assert.match(api.message, /^instance name ".*" (is not a Kubernetes name|has \d+ characters; at most 63)/);
      assert.throws(() => vault.instanceYaml(good, { name }), (error: Error) => error.message === api.message);
      // the same name taken from the spec: the message says so, and what to change
      assert.throws(() => vault.toYaml({ ...good, name }), (error: Error) => error.message.startsWith(`instance name "${name}" (from spec.name) `) && error.message.endsWith('; change spec.name, or give the name (a name option, or --name)'));
      for (const result of await cliAnswer(['--set-string', `password=${good.password}`, '--set-string', `apiToken=${good.apiToken}`, '--name', name])) {
        assert.equal(result.code, 2, transcript(result));
        assert.ok(result.stderr.includes(`typekro: ${api.message}\n`), transcript(result));
      }
    });
  }

  it('a name from the spec is checked the same way; render --manifests and --instance refuse it too', async () => {
    const api = await apiAnswer({ ...good, name: 'MyShop' });
    assert.equal(api.code, 'USAGE');
    for (const what of ['--manifests', '--instance']) {
      const result = await typekro(['render', fixture, what, '--set', 'name=MyShop', '--set', `password=${good.password}`, '--set', `apiToken=${good.apiToken}`]);
      assert.equal(result.code, 2, transcript(result));
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`typekro: ${api.message}\n`), transcript(result));
    }
  });
});

describe('namespaces', () => {
  it("-n 'Bad_NS!' is a usage error (exit 2) for every command, as the factories refuse it", async () => {
    assert.throws(() => vault.factory('direct', { namespace: 'Bad_NS!' }), (error: Error & { code?: string }) => error.code === 'USAGE' && /namespace "Bad_NS!" is not a valid namespace name.*\(e\.g\. "bad-ns"\)/.test(error.message));
    assert.throws(() => vault.factory('kro', { namespace: 'Bad_NS!' }), /namespace "Bad_NS!" is not a valid namespace name/);
    for (const command of [['deploy', '--set', 'password=x'], ['status'], ['delete'], ['plan']]) {
      const result = await typekro([command[0]!, fixture, ...command.slice(1), '--kubeconfig', kubeconfig, '-n', 'Bad_NS!']);
      assert.equal(result.code, 2, transcript(result));
      assert.match(result.stderr, /typekro: namespace "Bad_NS!" is not a valid namespace name/);
    }
    const render = await typekro(['render', fixture, '--manifests', '-n', 'Bad_NS!', '--set', `password=${good.password}`, '--set', `apiToken=${good.apiToken}`]);
    assert.equal(render.code, 2, transcript(render));
  });

  it('a namespace name over 63 characters is refused with one short line', () => {
    assert.throws(() => vault.factory('direct', { namespace: 'n'.repeat(10_000) }), (error: Error) => /has 10000 characters; at most 63/.test(error.message) && error.message.length < 300);
  });
});

describe('unknown spec fields', () => {
  it('--set replicaz=3 is refused with the closest field, in both modes, as the API refuses it', async () => {
    const api = await apiAnswer({ ...good, replicaz: 3 });
    assert.equal(api.code, 'SPEC_INVALID');
    assert.match(api.message, /spec\.replicaz is not a field of the spec; did you mean spec\.replicas\?/);
    for (const result of await cliAnswer(['--set', 'replicaz=3', '--set', `password=${good.password}`, '--set', `apiToken=${good.apiToken}`])) {
      assert.equal(result.code, 2, transcript(result));
      assert.ok(result.stderr.includes(`typekro: ${api.message}\n`), transcript(result));
    }
  });

  it('a field far from every declared one lists the fields instead of guessing', async () => {
    const api = await apiAnswer({ ...good, completelyDifferent: true });
    assert.match(api.message, /spec\.completelyDifferent is not a field of the spec \(its fields: apiToken, password, name, tier, replicas\)/);
  });
});

describe('sizes: one short line, never the value', () => {
  it('a 10 MB spec string (API, CLI via a spec file, render --manifests)', async () => {
    const huge = { ...good, tier: 'x'.repeat(10 * 1024 * 1024) };
    const api = await apiAnswer(huge);
    assert.equal(api.code, 'SPEC_INVALID');
    assert.ok(api.message.length < 400, api.message);
    assert.match(api.message, /spec is 10\.0 MiB as JSON; an instance spec may be at most 1 MiB/);
    const input = JSON.stringify(huge);
    for (const result of [...(await cliAnswer(['--spec', '-'], input)), await typekro(['render', fixture, '--manifests', '--spec', '-'], { input })]) {
      assert.equal(result.code, 2, transcript({ ...result, stderr: result.stderr.slice(0, 2000) }));
      assert.ok(result.stderr.length < 1500, `stderr has ${result.stderr.length} characters`);
      assert.equal(result.stdout, '');
    }
  });

  it('a value under the size limit is quoted by its start only, wherever a message quotes it', async () => {
    const long = `${'A'.repeat(300_000)}!`;
    const api = await apiAnswer({ ...good, apiToken: 'tok-123456', password: long.replace(/A/g, 'b'), tier: long });
    assert.ok(api.message.length < 600, `message has ${api.message.length} characters`);
    assert.match(api.message, /spec\.password must match the pattern/);
  });
});

describe('render --manifests', () => {
  it('a spec value too long for an object name fails in one short line, as the API server would', async () => {
    // test/cli/fixtures/named.ts names its ConfigMap by the spec's `object` field
    const object = 'o'.repeat(900_000);
    const result = await typekro(['render', 'test/cli/fixtures/named.ts', '--manifests', '--spec', '-'], { input: JSON.stringify({ object }) });
    assert.equal(result.code, 2, transcript({ ...result, stderr: result.stderr.slice(0, 500) }));
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.length < 400, `stderr has ${result.stderr.length} characters`);
    assert.match(result.stderr, /^typekro: resource "config" \(ConfigMap\): name "o+…\(900000 characters\)" is not a valid ConfigMap name: it has 900000 characters \(at most 253\)\. It is computed from spec\.object\.\n {2}to make the name valid: pass a valid value for spec\.object \(--set object=<value>, or in the spec file\)\n/);
    // 253 characters fit a ConfigMap name, but not the `app: <name>` label the factory adds (at most 63).
    const labelled = await typekro(['render', 'test/cli/fixtures/named.ts', '--manifests', '--set', `object=${'o'.repeat(253)}`]);
    assert.equal(labelled.code, 2, transcript(labelled));
    assert.match(labelled.stderr, /of label "app" is not a valid label value: it has 253 characters \(at most 63\)\. It is computed from spec\.object\./);
    const fits = await typekro(['render', 'test/cli/fixtures/named.ts', '--manifests', '--set', `object=${'o'.repeat(63)}`]);
    assert.equal(fits.code, 0, transcript(fits));
  });
});
