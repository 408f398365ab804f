/**
 * The original TypeKro's factory options: those with a meaning here are accepted (timeout, progressCallback,
 * waitForReady in direct mode, skipTLSVerify); the others are type errors whose message is the replacement,
 * and USAGE errors with the same text for JavaScript callers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { KubeConfig } from '@kubernetes/client-node';
import { isTypeKroError, kubernetesComposition, type DirectFactoryOptions, type KroFactoryOptions } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { loadKubeConfig } from '../../src/runtime/kube/config.js';
import { typecheckProject } from '../support/typecheck.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const app = kubernetesComposition(
  { name: 'options', kind: 'Options', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
  (spec) => {
    const config = ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { name: config.metadata.name };
  },
);

test('the options that mean something here are accepted as the original spells them', () => {
  const events: string[] = [];
  const direct: DirectFactoryOptions = { namespace: 'dev', timeout: 60_000, waitForReady: false, progressCallback: (e) => events.push(e.type), skipTLSVerify: true };
  const kro: KroFactoryOptions = { namespace: 'dev', timeout: 60_000, waitForReady: true, progressCallback: (e) => events.push(e.type) };
  assert.equal(app.factory('direct', direct).mode, 'direct');
  assert.equal(app.factory('kro', kro).mode, 'kro');
  // @ts-expect-error kro mode always waits
  const noWait: KroFactoryOptions = { waitForReady: false };
  // @ts-expect-error not a TypeKro option
  const debug: DirectFactoryOptions = { debugLogging: { enabled: true } };
  void [noWait, debug];
});

test('JavaScript callers get the replacement as a USAGE error', () => {
  const cases: [mode: 'direct' | 'kro', options: object, message: RegExp][] = [
    ['direct', { debugLogging: { enabled: true } }, /^factory\('direct', \{ debugLogging \}\): debugLogging is not a TypeKro option: progressCallback receives every step/],
    ['kro', { eventMonitoring: { enabled: true } }, /^factory\('kro', \{ eventMonitoring \}\): eventMonitoring is not a TypeKro option: direct mode reports Kubernetes events through progressCallback/],
    ['kro', { waitForReady: false }, /^factory\('kro', \{ waitForReady: false \}\): waitForReady: false is not supported in kro mode: render the instance with factory\("kro"\)\.toYaml\(spec\)/],
    ['direct', { aspects: [{ labels: { team: 'x' } }] }, /^aspects must be a list of aspects made by withLabels, withAnnotations or withEnvVars \(typekro\/aspects\)$/],
  ];
  for (const [mode, options, message] of cases) {
    assert.throws(() => (app.factory as (m: string, o: object) => unknown)(mode, options), (error: Error) => isTypeKroError(error) && error.code === 'USAGE' && message.test(error.message));
  }
});

test('skipTLSVerify skips certificate checks on a copy of the kubeconfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-tls-'));
  try {
    const file = join(dir, 'config');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\ncurrent-context: x\nusers:\n- name: u\n  user:\n    token: t\n');
    assert.equal(loadKubeConfig({ kubeconfig: file }).getCurrentCluster()?.skipTLSVerify, false);
    assert.equal(loadKubeConfig({ kubeconfig: file, skipTLSVerify: true }).getCurrentCluster()?.skipTLSVerify, true);
    const given = new KubeConfig();
    given.loadFromFile(file);
    assert.equal(loadKubeConfig({ kubeConfig: given, skipTLSVerify: true }).getCurrentCluster()?.skipTLSVerify, true);
    assert.equal(given.getCurrentCluster()?.skipTLSVerify, false, "the caller's KubeConfig is unchanged");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the type error of an original option states its replacement', () => {
  const dir = mkdtempSync(join(here, '.tmp-'));
  try {
    const src = relative(dir, join(root, 'src')).split('\\').join('/');
    const file = join(dir, 'options.ts');
    writeFileSync(file, [
      `import type { DirectFactoryOptions, KroFactoryOptions } from '${src}/index.js';`,
      `export const a: DirectFactoryOptions = { debugLogging: { enabled: true } };`,
      `export const b: KroFactoryOptions = { waitForReady: false };`,
      `export const c: KroFactoryOptions = { eventMonitoring: { enabled: true } };`,
    ].join('\n'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '../../..' }, include: ['./options.ts'] }));
    const { errors } = typecheckProject(join(dir, 'tsconfig.json'), root);
    const lines = errors.map((e) => e.line);
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[0]!, /options\.ts\(2,.*debugLogging is not a TypeKro option: progressCallback receives every step as a ProgressEvent/);
    assert.match(lines[1]!, /options\.ts\(3,.*waitForReady: false is not supported in kro mode/);
    assert.match(lines[2]!, /options\.ts\(4,.*eventMonitoring is not a TypeKro option/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
