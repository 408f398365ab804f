/**
 * What a failed call to the API server means: transient (worth retrying), a field-manager conflict, or an
 * error to report with the verb, the object and the server's own message.
 */
import { ApplyConflictError, describeRef, KubeApiError, type FieldConflict, type ObjectRef } from './errors.js';

const TRANSIENT_CODES = /did not answer within|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up|ENETUNREACH|EHOSTUNREACH|network timeout|other side closed/i;

/** Worth retrying: the server was unreachable or said to come back later. */
export function isTransient(error: KubeApiError): boolean {
  if (error.status === undefined) return TRANSIENT_CODES.test(error.message);
  return error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504;
}

/**
 * A 409 that is not a field-manager conflict: the object changed while the server applied (optimistic
 * concurrency, "the object has been modified"). A server-side apply is idempotent, so sending it again is safe.
 */
export function isModifiedConflict(error: KubeApiError): boolean {
  return error.status === 409 && !(error instanceof ApplyConflictError);
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number') return code;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; type?: string; message?: string; field?: string }[] };
}

function bodyOf(error: unknown): StatusBody | undefined {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return body ? { message: body } : undefined;
    }
  }
  return body && typeof body === 'object' ? (body as StatusBody) : undefined;
}

/** A KubeApiError for a failed call: the verb, the object, the status and the API server's message. */
export function apiError(verb: string, ref: ObjectRef, error: unknown, server?: string): KubeApiError {
  if (error instanceof KubeApiError) return error;
  const body = bodyOf(error);
  const unserved = /Unrecognized API version and kind/.test((error as Error).message ?? '');
  const status = statusOf(error) ?? (unserved ? 404 : undefined);
  if (unserved) return new KubeApiError(`${verb} ${describeRef(ref)} failed: the cluster does not serve ${ref.kind} in ${ref.apiVersion} (is its CRD installed?)`, 404, 'NotFound');
  const causeCode = (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
  let message = body?.message ?? (error as Error).message ?? String(error);
  if (typeof causeCode === 'string' && !message.includes(causeCode)) message = `${causeCode}: ${message}`;
  const reason = body?.reason;
  if (status === 409 && verb === 'apply' && body?.details?.causes?.some((c) => (c.reason ?? c.type) === 'FieldManagerConflict')) {
    return new ApplyConflictError(ref, conflictsOf(body), message);
  }
  const what = ref.name ? describeRef(ref) : `${ref.kind} (${ref.apiVersion})`;
  if (status === undefined && (TRANSIENT_CODES.test(message) || /certificate|self.signed|ENOTFOUND|EPROTO/i.test(message))) {
    return new KubeApiError(`cannot reach the cluster at ${server ?? 'its API server'} (${verb} ${what}): ${message}`, undefined, undefined, 'CLUSTER_UNREACHABLE');
  }
  if (status === 401) {
    return new KubeApiError(`${verb} ${what} failed (401 Unauthorized): the cluster at ${server ?? 'its API server'} did not accept the kubeconfig's credentials (expired token or certificate?): ${message}`, status, reason ?? 'Unauthorized');
  }
  if (status === 403) {
    return new KubeApiError(`${verb} ${what} is forbidden (403): ${message}`, status, reason ?? 'Forbidden');
  }
  return new KubeApiError(`${verb} ${what} failed${status ? ` (${status}${reason ? ` ${reason}` : ''})` : ''}: ${message}`, status, reason);
}

/** Causes of a 409 apply: `conflict with "kubectl-client-side-apply" using v1` with the field path. */
function conflictsOf(body: StatusBody): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const cause of body.details?.causes ?? []) {
    if ((cause.reason ?? cause.type) !== 'FieldManagerConflict') continue;
    const manager = /conflict with "([^"]*)"/.exec(cause.message ?? '')?.[1] ?? cause.message ?? 'unknown';
    out.push({ field: cause.field ?? '(unknown field)', manager });
  }
  return out;
}
