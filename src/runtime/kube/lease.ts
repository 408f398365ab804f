/**
 * One writer per instance (and, in kro mode, one deploy per ResourceGraphDefinition: {@link rgdLeaseOf}). A deploy or a delete holds a `coordination.k8s.io/v1` Lease named after the
 * instance for its whole duration, renewed while it runs; a second writer fails at once naming the holder
 * (or waits for the lease, when asked). Creation is exclusive (create, not apply) and every later write
 * carries the resourceVersion it read, so two writers can never both believe they hold it. A holder that
 * crashed stops renewing: its lease expires after {@link LEASE_SECONDS} and the next writer takes it over.
 */
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubernetesObject } from '@kubernetes/client-node';
import { abortableSleep } from './abort.js';
import { KubeApiError, type KubeClient, type ObjectRef } from './client.js';
import { InstanceLockedError, namespaceNotFound } from './errors.js';

export { InstanceLockedError };

/** How long a lease outlives its holder's last renewal. */
export const LEASE_SECONDS = 15;

export interface LeaseOptions {
  /** The lease's name and namespace: the instance's record name, in the instance's namespace. */
  readonly name: string;
  readonly namespace: string;
  /** The instance, for messages (`namespace/name` when `subject` is given). */
  readonly instance: string;
  /** What the lease guards, for messages, when not the instance `namespace/instance` (e.g. `ResourceGraphDefinition web`). */
  readonly subject?: string;
  /** What the holder does, shown to a writer that has to wait. */
  readonly operation: 'deploy' | 'delete';
  /** Wait for the lease to be free (until `deadline`) instead of failing at once. */
  readonly waitForLock?: boolean;
  /** Absolute deadline for acquiring the lease, ms since the epoch. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
}

interface LeaseObject extends KubernetesObject {
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; acquireTime?: string; leaseTransitions?: number };
}

/**
 * Runs `run` while holding the lease; `run` gets a signal that aborts when the lease is lost (another
 * writer took it over after a renewal failed for longer than its duration). The lease is released after.
 *
 * @example
 * ```ts
 * await withLease(client, { name: 'typekro.web.a', namespace: 'dev', instance: 'a', operation: 'deploy', deadline: Date.now() + 60_000 }, async (signal) => {
 *   // apply, wait; stop when signal aborts
 * });
 * ```
 */
export async function withLease<T>(client: KubeClient, options: LeaseOptions, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  // the lease of a shared object also names the instance whose deploy holds it
  const of = options.subject ? ` of instance ${options.instance}` : '';
  const holder = `${options.operation}${of} by ${hostname()} pid ${process.pid} (${randomUUID().slice(0, 8)})`;
  let lease = await acquire(client, options, holder);
  const lost = new AbortController();
  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(async () => {
      const call = { deadline: Date.now() + (LEASE_SECONDS * 1000) / 3 };
      try {
        lease = await client.apply(leaseObject(options, holder, lease), { ...call, force: true });
      } catch (error) {
        // A renewal abandoned by its deadline may still have reached the server: then the newer version is ours.
        const current = error instanceof KubeApiError && error.status === 409 ? ((await client.get(refOf(options), call).catch(() => undefined)) as LeaseObject | undefined) : undefined;
        if (current?.spec?.holderIdentity === holder) lease = current;
        else if (error instanceof KubeApiError && error.status === 409) {
          lost.abort(new InstanceLockedError(`lost the lease on ${describe(options)}: another writer took it over (this process could not renew it for ${LEASE_SECONDS}s)`, 'another writer'));
        }
        // other failures: the next renewal tries again; the lease stays ours until it expires
      }
    });
  }, (LEASE_SECONDS * 1000) / 3);
  try {
    return await run(options.signal ? AbortSignal.any([options.signal, lost.signal]) : lost.signal);
  } finally {
    clearInterval(timer);
    await renewing;
    await client.delete(refOf(options), { resourceVersion: lease.metadata?.resourceVersion ?? '', deadline: Date.now() + 5_000 }).catch(() => undefined);
  }
}

async function acquire(client: KubeClient, options: LeaseOptions, holder: string): Promise<LeaseObject> {
  for (;;) {
    const call = { deadline: options.deadline, ...(options.signal ? { signal: options.signal } : {}) };
    const current = (await client.get(refOf(options), call)) as LeaseObject | undefined;
    try {
      if (!current) return (await client.create(leaseObject(options, holder), call)) as LeaseObject;
      if (!heldByOther(current)) return (await client.apply(leaseObject(options, holder, current), { ...call, force: true })) as LeaseObject;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404 && !current) {
        throw namespaceNotFound(options.namespace);
      }
      // another writer created or took it between our read and our write: read again
      if (!(error instanceof KubeApiError && error.status === 409)) throw error;
      continue;
    }
    const other = current.spec?.holderIdentity ?? 'unknown';
    if (!options.waitForLock) {
      throw new InstanceLockedError(
        `${describe(options)} is being changed by another writer: ${other}, since ${current.spec?.acquireTime ?? 'unknown'}. ` +
          `Wait for it to finish, or, if that process is gone, retry after its lease expires (${LEASE_SECONDS}s after its last renewal, ${current.spec?.renewTime ?? 'unknown'}).`,
        other,
        { remedies: [{ purpose: 'wait for it', action: 'option', option: 'waitForLock' }] },
      );
    }
    if (Date.now() >= options.deadline) throw new InstanceLockedError(`gave up waiting for ${describe(options)}: still held by ${other}`, other);
    await abortableSleep(1_000, options.signal);
    if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
  }
}

function heldByOther(lease: LeaseObject): boolean {
  const spec = lease.spec ?? {};
  if (!spec.holderIdentity || !spec.renewTime) return false;
  const expires = Date.parse(spec.renewTime) + (spec.leaseDurationSeconds ?? LEASE_SECONDS) * 1000;
  return Number.isFinite(expires) && expires > Date.now();
}

/** The lease object to write; `previous` makes it a takeover or renewal of that exact version. */
function leaseObject(options: LeaseOptions, holder: string, previous?: LeaseObject): LeaseObject {
  const now = microTime(new Date());
  const ours = previous?.spec?.holderIdentity === holder;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: options.name, namespace: options.namespace, ...(previous?.metadata?.resourceVersion ? { resourceVersion: previous.metadata.resourceVersion } : {}) },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: LEASE_SECONDS,
      acquireTime: ours ? (previous?.spec?.acquireTime ?? now) : now,
      renewTime: now,
      leaseTransitions: (previous?.spec?.leaseTransitions ?? 0) + (previous && !ours ? 1 : 0),
    },
  };
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const refOf = (options: LeaseOptions): ObjectRef => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: options.name, namespace: options.namespace });

const describe = (options: LeaseOptions): string => options.subject ?? `instance ${options.namespace}/${options.instance}`;

/** Where the lease of a ResourceGraphDefinition lives: it is cluster-scoped and its instances are in any namespace. */
export const RGD_LEASE_NAMESPACE = 'default';

/**
 * The lease a kro-mode deploy of any instance of the ResourceGraphDefinition `rgd` holds while it reads,
 * checks and applies the RGD, besides the instance's own: two deploys of the kind never interleave those
 * (trial 19 F9). One that replaces the RGD later, while another instance is judged, fails that deploy at its
 * verdict instead (kro/deploy.ts confirmRgd): held through the wait, the lease made every deploy of the kind
 * wait for the others (review 39). `of` is the lease of the instance, for its deadline, signal, waitForLock
 * and the holder's name.
 *
 * @example
 * ```ts
 * rgdLeaseOf('evo', { name: 'typekro.evo.z', namespace: 'e4', instance: 'z', operation: 'deploy', deadline: 0 }).name; // => 'typekro-rgd.evo'
 * ```
 */
export function rgdLeaseOf(rgd: string, of: LeaseOptions): LeaseOptions {
  const name = `typekro-rgd.${rgd}`;
  return {
    ...of,
    name: name.length <= 253 ? name : `typekro-rgd.${createHash('sha256').update(rgd).digest('hex').slice(0, 40)}`,
    namespace: RGD_LEASE_NAMESPACE,
    instance: `${of.namespace}/${of.instance}`,
    subject: `ResourceGraphDefinition ${rgd}`,
  };
}

/** The runs of this process waiting for, or holding, each key ({@link inTurn}). */
const turns = new Map<string, Promise<void>>();

/**
 * Runs `run` once every earlier run of this process with the same `key` has finished: deploys of one process
 * that need the same lease take turns (`Promise.all` over instances of one kind), instead of failing on
 * their own process's lease. Another process's holder still fails or waits as its lease options say.
 *
 * @example
 * ```ts
 * await Promise.all([inTurn('typekro-rgd.evo', deployY), inTurn('typekro-rgd.evo', deployZ)]); // one after the other
 * ```
 */
export async function inTurn<T>(key: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const previous = turns.get(key) ?? Promise.resolve();
  let done = (): void => undefined;
  const mine = new Promise<void>((resolve) => (done = resolve));
  const tail = previous.then(() => mine);
  turns.set(key, tail);
  try {
    await (signal ? Promise.race([previous, aborted(signal)]) : previous);
    return await run();
  } finally {
    done();
    if (turns.get(key) === tail) turns.delete(key);
  }
}

/** Rejects with the signal's reason once it aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
