/**
 * What would change in a live object: the live object against the server's dry-run result of applying the
 * desired one. Both came from the API server, so defaults and formats match; only real changes remain.
 */

export interface Change {
  /** `spec.template.spec.containers[0].image` */
  readonly path: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** Fields the server maintains: they differ between any two reads and say nothing about the desired state. */
const VOLATILE_METADATA = ['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid', 'selfLink'];

export function comparable(object: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = object;
  const meta = { ...(metadata as Record<string, unknown> | undefined) };
  for (const key of VOLATILE_METADATA) delete meta[key];
  return { ...rest, metadata: meta };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** Leaf-level differences, in a stable order (keys sorted). */
export function diffObjects(from: unknown, to: unknown, path = ''): Change[] {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((key) => diffObjects(from[key], to[key], join(path, key)));
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    const length = Math.max(from.length, to.length);
    return Array.from({ length }, (_, i) => diffObjects(from[i], to[i], join(path, i))).flat();
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  return [{ path, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }];
}

/** `path: old → new`, values as short JSON. */
export function describeChange(change: Change): string {
  const show = (value: unknown): string => {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  if (!('from' in change) && !('to' in change)) return change.path;
  if (change.from === undefined) return `${change.path}: + ${show(change.to)}`;
  if (change.to === undefined) return `${change.path}: - ${show(change.from)}`;
  return `${change.path}: ${show(change.from)} → ${show(change.to)}`;
}
