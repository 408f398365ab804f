/**
 * Observed objects as plain data, before a concrete run or `simulate` views them: `null` fields left out as
 * a cluster reads them, and what the cluster reports laid over what was applied.
 */

/**
 * An observed object as a cluster types it: KRO and direct mode read observed objects by their OpenAPI schema
 * (runtime/cel/convert.ts `openApiToCel`, KRO's `UnstructuredToVal`), where a field holding JSON `null` is not
 * set. So a `null` field is left out here, at any depth (list items stay as they are): JavaScript's `??` and
 * `?.` treat it like `undefined` anyway, and a status field read from it is pending, as on a cluster. Both
 * sides of a check (the concrete run and `simulate`'s planner) see the objects through this.
 * @example withoutNullFields({ status: { readyReplicas: null, conditions: [{ reason: null }] } }); // { status: { conditions: [{}] } }
 */
export function withoutNullFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => (item === null ? item : withoutNullFields(item))) as T;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNullFields(item);
  return out as T;
}

/**
 * An object as the cluster holds it: `top` (what the cluster reports) laid over `base` (what was applied).
 * Objects merge key by key; anything else (arrays included) is replaced by `top`.
 * @example overlay({ data: { tier: 'prod' } }, { status: {} }); // { data: { tier: 'prod' }, status: {} }
 */
export function overlay(base: unknown, top: unknown): unknown {
  if (typeof top !== 'object' || top === null || Array.isArray(top) || typeof base !== 'object' || base === null || Array.isArray(base)) return top;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(top)) out[key] = overlay(out[key], value);
  return out;
}
