/**
 * The only code that talks to a cluster: server-side apply with a field manager, reads, deletes and
 * watches. Errors carry the object, the verb and the API server's own message.
 */
import { KubernetesObjectApi, PatchStrategy, Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';

export const FIELD_MANAGER = 'typekro';

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function refOfObject(object: KubernetesObject): ObjectRef {
  return {
    apiVersion: object.apiVersion ?? '',
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
    ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** Exposes discovery (`resource`), which client-node keeps protected. */
class ObjectApi extends KubernetesObjectApi {
  lookup(apiVersion: string, kind: string): ReturnType<KubernetesObjectApi['resource']> {
    return this.resource(apiVersion, kind);
  }
}

export class KubeClient {
  private readonly api: ObjectApi;

  constructor(readonly config: KubeConfig) {
    this.api = config.makeApiClient(ObjectApi);
  }

  /** Server-side apply; a conflict with another field manager is an error unless `force`. */
  async apply(object: KubernetesObject, options: { force?: boolean; dryRun?: boolean; fieldManager?: string } = {}): Promise<KubernetesObject> {
    try {
      return await this.api.patch(
        object,
        undefined,
        options.dryRun ? 'All' : undefined,
        options.fieldManager ?? FIELD_MANAGER,
        options.force ?? false,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw apiError('apply', refOfObject(object), error);
    }
  }

  async get(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    try {
      return await this.api.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw apiError('get', ref, error);
    }
  }

  async delete(ref: ObjectRef): Promise<boolean> {
    try {
      await this.api.delete({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } }, undefined, undefined, undefined, undefined, 'Background');
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw apiError('delete', ref, error);
    }
  }

  /** The collection URL path of a kind (for watches), resolved through discovery. */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const resource = await this.api.lookup(apiVersion, kind);
    if (!resource) throw new KubeApiError(`the cluster does not serve ${kind} in ${apiVersion} (is its CRD installed?)`, 404);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return resource.namespaced && namespace ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
  }

  /**
   * Watches one object until `done` returns a result (or throws). Resolves immediately when the current
   * state already satisfies it; re-establishes the watch if the server closes it.
   */
  async waitFor<T>(
    ref: ObjectRef,
    done: (object: KubernetesObject | undefined) => T | undefined,
    options: { timeoutMs: number; signal?: AbortSignal; describe?: () => string },
  ): Promise<T> {
    const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace);
    const deadline = Date.now() + options.timeoutMs;
    let last: KubernetesObject | undefined = await this.get(ref);
    for (;;) {
      const result = done(last);
      if (result !== undefined) return result;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new KubeApiError(`timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${describeRef(ref)}${options.describe ? `: ${options.describe()}` : ''}`);
      }
      if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
      last = await this.nextEvent(path, ref, last, Math.min(remaining, 30_000), options.signal);
    }
  }

  private nextEvent(path: string, ref: ObjectRef, current: KubernetesObject | undefined, timeoutMs: number, signal?: AbortSignal): Promise<KubernetesObject | undefined> {
    return new Promise((resolve) => {
      let settled = false;
      let request: { abort(): void } | undefined;
      const finish = (object: KubernetesObject | undefined): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        request?.abort();
        resolve(object);
      };
      const onAbort = (): void => finish(current);
      const timer = setTimeout(() => finish(current), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      const query: Record<string, string> = { fieldSelector: `metadata.name=${ref.name}` };
      if (current?.metadata?.resourceVersion) query.resourceVersion = current.metadata.resourceVersion;
      new Watch(this.config)
        .watch(path, query, (type, object: KubernetesObject) => finish(type === 'DELETED' ? undefined : object), () => finish(current))
        .then((controller) => {
          request = controller;
          if (settled) controller.abort();
        })
        .catch(() => finish(current));
    });
  }
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown; statusCode?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

function apiError(verb: string, ref: ObjectRef, error: unknown): KubeApiError {
  const status = statusOf(error);
  const body = (error as { body?: unknown }).body;
  let message = (error as Error).message ?? String(error);
  let reason: string | undefined;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string; reason?: string };
      message = parsed.message ?? message;
      reason = parsed.reason;
    } catch {
      message = body || message;
    }
  } else if (body && typeof body === 'object') {
    message = (body as { message?: string }).message ?? message;
    reason = (body as { reason?: string }).reason;
  }
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|certificate/i.test(message)) {
    message = `cannot reach the cluster: ${message}`;
  }
  return new KubeApiError(`${verb} ${describeRef(ref)} failed${status ? ` (${status}${reason ? ` ${reason}` : ''})` : ''}: ${message}`, status, reason);
}
