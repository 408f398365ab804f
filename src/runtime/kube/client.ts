/**
 * The only code that talks to a cluster: server-side apply with a field manager, reads, deletes and
 * watches. Errors carry the object, the verb and the API server's own message. Transient failures (the API
 * server unreachable for a moment, restarting, overloaded) are retried with backoff for a bounded time, so
 * a deployment survives an API server restart; every other error is thrown at once. Every request is
 * bounded by its call's deadline (pool.ts), so a hung API server cannot hold a caller, or its process, past it.
 */
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

import { abortableSleep, throwIfAborted } from './abort.js';
import { apiError, isModifiedConflict, isTransient } from './api-errors.js';
import { describeRef, KubeApiError, KubeTimeoutError, type ObjectRef } from './errors.js';
import { ObjectApi } from './object-api.js';
import { Slots } from './slots.js';
import { boundedBy, pooled } from './pool.js';
import { watchCollection } from './watch.js';
import { wireJson } from './wire.js';

export const FIELD_MANAGER = 'typekro';

export { ApplyConflictError, describeRef, InstanceNotFoundError, KubeApiError, KubeTimeoutError, type FieldConflict, type ObjectRef } from './errors.js';

export function refOfObject(object: KubernetesObject): ObjectRef {
  return {
    apiVersion: object.apiVersion ?? '',
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
    ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** Per-call options: an abort signal, and an absolute deadline (ms since the epoch) for retries. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Transient failures are retried until this time (default: now + the client's `retryMs`). */
  readonly deadline?: number;
}

export interface KubeClientOptions {
  /** How long transient failures (connection refused/reset, 429, 502-504) are retried; default 30000 ms. */
  readonly retryMs?: number;
}

/** How long transient failures are retried before the API server has answered once. */
const FIRST_CONTACT_RETRY_MS = 2_000;

/**
 * How long one request to a server never reached yet may stay unanswered: a blackholed address fails in
 * this time, while a loaded server that is slow to send its first answer (a 1 MB OpenAPI document) is waited for.
 */
const FIRST_CONTACT_ANSWER_MS = 15_000;

/** The least time one attempt of a call gets, even at its deadline: one round trip to a healthy server. */
const MIN_ATTEMPT_MS = 2_000;

/** Requests one client sends at once; more wait their turn (`slots.ts`). */
const MAX_IN_FLIGHT = 32;

/** A request the API server accepted and did not answer in time (stopped, overloaded, half-open connection). */
function unanswered(verb: string, ref: ObjectRef, budgetMs: number, server: string): KubeApiError {
  const what = ref.name ? describeRef(ref) : `${ref.kind} (${ref.apiVersion})`;
  return new KubeApiError(`the API server at ${server} did not answer within ${Math.ceil(budgetMs / 1000)}s (${verb} ${what}); the request was abandoned`, undefined, undefined, 'CLUSTER_UNREACHABLE');
}

/** What `waitFor` saw happen to the object. */
type WatchOutcome = { kind: 'object'; object: KubernetesObject } | { kind: 'deleted' } | { kind: 'closed' } | { kind: 'failed'; error: unknown };

export class KubeClient {
  private readonly api: ObjectApi;
  private readonly retryMs: number;
  /** Whether any call has reached the API server: a server never reached is not waited for long. */
  private reached = false;
  /** Requests in flight at once (watches aside: they are not sent through `call`). */
  private readonly slots = new Slots(MAX_IN_FLIGHT);

  readonly config: KubeConfig;

  constructor(config: KubeConfig, options: KubeClientOptions = {}) {
    this.config = pooled(config);
    this.api = this.config.makeApiClient(ObjectApi);
    this.retryMs = options.retryMs ?? 30_000;
  }

  /** The API server URL of the current context. */
  get server(): string {
    return this.config.getCurrentCluster()?.server ?? '(no server)';
  }

  /**
   * Server-side apply. A conflict with another field manager is an {@link ApplyConflictError} naming the
   * fields and managers, unless `force`.
   */
  async apply(object: KubernetesObject, options: { force?: boolean; dryRun?: boolean; fieldManager?: string } & CallOptions = {}): Promise<KubernetesObject> {
    const ref = refOfObject(object);
    const body = wireJson(object, ref, 'apply');
    // Without a resourceVersion precondition a 409 other than a field conflict is a race inside the server: send it again.
    return this.call(
      'apply',
      ref,
      options,
      () => this.api.applyJson(object, body, { dryRun: options.dryRun ?? false, fieldManager: options.fieldManager ?? FIELD_MANAGER, force: options.force ?? false }),
      !object.metadata?.resourceVersion,
    );
  }

  async get(ref: ObjectRef, options: CallOptions = {}): Promise<KubernetesObject | undefined> {
    try {
      return await this.call('get', ref, options, () => this.api.readJson(specOf(ref)));
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Creates an object; a KubeApiError with status 409 when it exists already (unlike apply, two creators
   * cannot both succeed).
   */
  async create(object: KubernetesObject, options: CallOptions & { fieldManager?: string } = {}): Promise<KubernetesObject> {
    const ref = refOfObject(object);
    const body = wireJson(object, ref, 'create');
    return this.call('create', ref, options, () => this.api.createJson(object, body, options.fieldManager ?? FIELD_MANAGER));
  }

  /**
   * Deletes (background propagation); false when it did not exist. With `resourceVersion`, only that version
   * of the object is deleted (409 Conflict when it changed since).
   */
  async delete(ref: ObjectRef, options: CallOptions & { resourceVersion?: string } = {}): Promise<boolean> {
    const body = options.resourceVersion ? { preconditions: { resourceVersion: options.resourceVersion } } : undefined;
    try {
      await this.call('delete', ref, options, () => this.api.delete(specOf(ref), undefined, undefined, undefined, undefined, 'Background', body));
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return false;
      throw error;
    }
  }

  /** The collection URL path of a kind (for watches), resolved through discovery. */
  async collectionPath(apiVersion: string, kind: string, namespace?: string, options: CallOptions = {}): Promise<string> {
    const resource = await this.call('discover', { apiVersion, kind, name: '' }, options, () => this.api.lookup(apiVersion, kind));
    if (!resource) throw new KubeApiError(`the cluster does not serve ${kind} in ${apiVersion} (is its CRD installed?)`, 404);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return resource.namespaced && namespace ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
  }

  /** A discovery GET of a server path as JSON (`/openapi/v3/...`); undefined when the server answers 404. */
  async readPath(path: string, options: CallOptions = {}): Promise<unknown> {
    try {
      return await this.call('discover', { apiVersion: 'v1', kind: 'OpenAPI document', name: path }, options, () => this.api.readPathJson(path));
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Whether the kind is namespaced (discovery, cached by client-node). */
  async isNamespaced(apiVersion: string, kind: string, options: CallOptions = {}): Promise<boolean> {
    const resource = await this.call('discover', { apiVersion, kind, name: '' }, options, () => this.api.lookup(apiVersion, kind));
    if (!resource) throw new KubeApiError(`the cluster does not serve ${kind} in ${apiVersion} (is its CRD installed?)`, 404);
    return resource.namespaced;
  }

  /**
   * Runs one API call, retrying transient failures with backoff until the deadline (with `retryConflicts`,
   * also a 409 that is not a field-manager conflict); any other failure (and the last transient one) becomes
   * a KubeApiError naming the verb and the object.
   */
  async call<T>(verb: string, ref: ObjectRef, options: CallOptions, run: () => Promise<T>, retryConflicts?: boolean): Promise<T> {
    const started = Date.now();
    const requested = options.deadline ?? started + this.retryMs;
    // A cluster that was never reached (wrong address, down) is not retried for long; one that went away is
    // waited for. A request in flight gets longer than the retries: a slow first answer is not a wrong address.
    const retryUntil = this.reached ? requested : Math.min(requested, started + FIRST_CONTACT_RETRY_MS);
    const answerBy = this.reached ? requested : Math.min(requested, started + FIRST_CONTACT_ANSWER_MS);
    let delay = 200;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(options.signal);
      // Only the deadline cancels a request in flight: a write the caller stops waiting for may still reach
      // the server, and what it applied must be known (rollback, "left behind"); aborts act between attempts.
      const release = await this.slots.take(answerBy, options.signal);
      if (options.signal?.aborted) release?.();
      throwIfAborted(options.signal);
      // queued behind this client's other requests until the deadline: the server is not keeping up
      if (!release) throw unanswered(verb, ref, Math.max(0, answerBy - started), this.server);
      const budgetMs = Math.max((this.reached ? requested : answerBy) - Date.now(), MIN_ATTEMPT_MS);
      const bound = AbortSignal.timeout(budgetMs);
      try {
        const result = await boundedBy(this.config, bound, run).finally(release);
        this.reached = true;
        return result;
      } catch (error) {
        const failure = bound.aborted ? unanswered(verb, ref, budgetMs, this.server) : error instanceof KubeApiError ? error : apiError(verb, ref, error, this.server);
        if (failure.status !== undefined) this.reached = true;
        const retryable = isTransient(failure) || (retryConflicts === true && isModifiedConflict(failure));
        if (!retryable || Date.now() + delay > (this.reached ? requested : retryUntil) || options.signal?.aborted) {
          if (attempt > 1 && retryable) failure.message += ` (still failing after ${attempt} attempts)`;
          throw failure;
        }
        await abortableSleep(delay, options.signal);
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }

  /**
   * Watches one object until `done` returns a result (or throws). Resolves immediately when the current
   * state already satisfies it; re-establishes the watch when the server closes it or restarts (re-reading
   * the object, so nothing is missed), with backoff while the API server is unreachable.
   */
  async waitFor<T>(
    ref: ObjectRef,
    done: (object: KubernetesObject | undefined) => T | undefined,
    options: {
      timeoutMs: number;
      signal?: AbortSignal;
      describe?: () => string;
      /** The object as just received (an apply response): no initial read, the watch starts at its resourceVersion. */
      initial?: KubernetesObject;
    },
  ): Promise<T> {
    const deadline = Date.now() + options.timeoutMs;
    const call = { deadline, ...(options.signal ? { signal: options.signal } : {}) };
    const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, call);
    let last: KubernetesObject | undefined = options.initial?.metadata?.resourceVersion ? options.initial : await this.get(ref, call);
    let failures = 0;
    for (;;) {
      const result = done(last);
      if (result !== undefined) return result;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new KubeTimeoutError(`timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${describeRef(ref)}${options.describe ? `: ${options.describe()}` : ''}`);
      }
      throwIfAborted(options.signal);
      const outcome = await this.nextEvent(path, ref, last, Math.min(remaining, 30_000), options.signal);
      if (outcome.kind === 'object') {
        last = outcome.object;
        failures = 0;
      } else if (outcome.kind === 'deleted') {
        last = undefined;
        failures = 0;
      } else {
        if (outcome.kind === 'failed') {
          const failure = apiError('watch', ref, outcome.error, this.server);
          // A stream that broke without an HTTP status (server restarted: premature close, reset) is
          // resumed like a closed one; the re-read below reports a server that stays away.
          if (failure.status !== undefined && !isTransient(failure) && failure.status !== 410) throw failure;
          failures++;
          // Backoff while the server is away; the re-read below retries too.
          await abortableSleep(Math.min(200 * 2 ** Math.min(failures, 4), 2_000, Math.max(0, deadline - Date.now())), options.signal);
        }
        throwIfAborted(options.signal);
        if (Date.now() >= deadline) continue;
        // The watch ended (server timeout, restart, expired resourceVersion): re-read, then watch again.
        last = await this.get(ref, call);
      }
    }
  }

  private async nextEvent(path: string, ref: ObjectRef, current: KubernetesObject | undefined, timeoutMs: number, signal?: AbortSignal): Promise<WatchOutcome> {
    // one controller with a plain timer: a signal composed with AbortSignal.any() can be collected while
    // only its listeners refer to it, and then never fires (seen: a watch that outlived its deadline)
    const stop = new AbortController();
    const bound = stop.signal;
    const timer = setTimeout(() => stop.abort(), timeoutMs);
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const query: Record<string, string> = { fieldSelector: `metadata.name=${ref.name}` };
    if (current?.metadata?.resourceVersion) query.resourceVersion = current.metadata.resourceVersion;
    let outcome: WatchOutcome | undefined;
    const settle = (result: WatchOutcome): void => {
      outcome ??= result;
      stop.abort();
    };
    const end = await watchCollection(this.config, path, query, bound, (type, object) => {
      if (type === 'ERROR') settle({ kind: 'failed', error: watchStatusError(object) });
      else if (type === 'DELETED') settle({ kind: 'deleted' });
      else if (type === 'ADDED' || type === 'MODIFIED') settle({ kind: 'object', object: object as KubernetesObject });
    });
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    return outcome ?? (end ? { kind: 'failed', error: end } : { kind: 'closed' });
  }
}

function specOf(ref: ObjectRef): KubernetesObject & { metadata: { name: string; namespace?: string } } {
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } };
}
/** A watch ERROR event carries a Status object (410 Gone for an expired resourceVersion). */
function watchStatusError(object: unknown): unknown {
  const status = object as { code?: number; message?: string; reason?: string };
  const error = new Error(status.message ?? 'watch error') as Error & { statusCode?: number; body?: unknown };
  if (typeof status.code === 'number') error.statusCode = status.code;
  error.body = status;
  return error;
}
