import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../../src/runtime/kube/client.js';

/**
 * Path of the shared test cluster's kubeconfig, set by `npm test` (scripts/run-tests.mjs).
 * Throws when missing: a cluster test must fail loudly, never skip silently.
 */
export function testKubeConfigPath(): string {
  const path = process.env.TYPEKRO_TEST_KUBECONFIG;
  if (!path) {
    throw new Error(
      'TYPEKRO_TEST_KUBECONFIG is not set: this test needs the local cluster. Its file must be named ' +
        '*.cluster.test.ts and run through `npm test` (or `node scripts/run-tests.mjs <file>`), or point ' +
        'TYPEKRO_TEST_KUBECONFIG at a kubeconfig.',
    );
  }
  return path;
}

/** The shared test cluster's kubeconfig, loaded. */
export function testKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testKubeConfigPath());
  return kc;
}

/**
 * Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs` with the last
 * observation (so a failure says what was seen, not just "timeout").
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'not yet';
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(250);
  }
}

/**
 * A fresh namespace per test (tests share one cluster), ready for pods once its `default` ServiceAccount exists.
 * Returns its name and a cleanup that deletes it.
 */
/** A promise's outcome, readable while it is still running (a deploy the test watches from outside). */
export interface Settled<T> {
  done: boolean;
  value?: T;
  error?: unknown;
}

/** `promise`'s outcome as a live object: `done` turns true when it settles, with its value or error. */
export function track<T>(promise: Promise<T>): Settled<T> {
  const state: Settled<T> = { done: false };
  promise.then((value) => Object.assign(state, { done: true, value }), (error: unknown) => Object.assign(state, { done: true, error }));
  return state;
}

export async function testNamespace(kc: KubeConfig, prefix: string): Promise<{ name: string; remove: () => Promise<void> }> {
  const core = kc.makeApiClient(CoreV1Api);
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name } } });
  await eventually(`serviceaccount default in ${name}`, async () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(() => true),
  );
  return { name, remove: async () => void (await core.deleteNamespace({ name })) };
}

/** Applies `crds` (forced server-side apply) and waits until the API server has established each, so objects of their kinds can be applied. */
export async function installCrds(client: KubeClient, crds: readonly KubernetesObject[]): Promise<void> {
  for (const crd of crds) await client.apply(crd, { force: true });
  for (const crd of crds) {
    const name = crd.metadata?.name ?? '';
    await eventually(`CRD ${name} established`, async () => {
      const live = (await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name })) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
      return live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
  }
}

/** True when `read` fails with 404 (the object does not exist), false when it succeeds; other errors propagate as false. */
export async function notFound(read: () => Promise<unknown>): Promise<boolean> {
  return read().then(
    () => false,
    (error: { code?: number }) => error.code === 404,
  );
}

/** For {@link eventually}: true once `read` answers 404, undefined while the object still exists. */
export async function gone(read: () => Promise<unknown>): Promise<true | undefined> {
  return (await notFound(read)) ? true : undefined;
}

/**
 * The log of one of the test cluster's components (`<cluster dir>/logs/<component>.log`, beside its kubeconfig).
 * Throws when it has none: the test needs a component the cluster was not started with (see run-tests'
 * `cluster-components:` line) or a cluster that is not a local one.
 */
export function testClusterLog(component: string): string {
  const file = join(dirname(testKubeConfigPath()), 'logs', `${component}.log`);
  if (!existsSync(file)) {
    throw new Error(`${file} does not exist: the test cluster runs no ${component}; declare it with a "cluster-components: ${component}" comment line in the test file`);
  }
  return readFileSync(file, 'utf8');
}
