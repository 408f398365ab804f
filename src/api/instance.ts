/**
 * What a deploy returns about an instance's status: the fields that have values and the ones still
 * pending, typed so that a caller cannot read a pending field as if it were there.
 */
import { isExprValue, type Value } from '../ir/value.js';
import { isPlainObject } from '../util/json.js';

/**
 * A status with every field optional, down through nested objects (an array is one field: present whole
 * or absent).
 *
 * @example
 * import type { PartialStatus } from 'typekro';
 * const status: PartialStatus<{ url: string; db: { ready: boolean; host: string } }> = { db: { ready: true } };
 * status.db?.host; // => undefined
 */
export type PartialStatus<TStatus> = {
  [K in keyof TStatus]?: TStatus[K] extends readonly unknown[] ? TStatus[K] : TStatus[K] extends object ? PartialStatus<TStatus[K]> : TStatus[K];
};

/**
 * A top-level status field name.
 *
 * @example
 * import type { StatusField } from 'typekro';
 * const field: StatusField<{ url: string; ready: boolean }> = 'ready';
 * field; // => 'ready'
 */
export type StatusField<TStatus> = keyof TStatus & string;

/**
 * The status of an instance as far as it is known. `complete: true`: every field the composition returns
 * has a value and `status` is a whole `TStatus`. `complete: false`: `pending` names the top-level fields
 * that are absent or have absent parts (their data does not exist yet, e.g. a Service without a load
 * balancer address, or their expression failed), and `status` holds the rest.
 *
 * @example
 * import type { StatusReport } from 'typekro';
 * function url(report: StatusReport<{ url: string; ready: boolean }>): string {
 *   if (report.complete) return report.status.url;
 *   return report.pending.includes('url') ? 'not yet known' : (report.status.url ?? '');
 * }
 * url({ complete: false, status: { ready: false }, pending: ['url'] }); // => 'not yet known'
 */
export type StatusReport<TStatus, TExtra = unknown> =
  | { readonly complete: true; readonly status: TStatus & TExtra; readonly pending: readonly [] }
  | {
      readonly complete: false;
      readonly status: PartialStatus<TStatus> & TExtra;
      readonly pending: readonly [StatusField<TStatus>, ...StatusField<TStatus>[]];
    };

/**
 * The report for `status` against the composition's status shape: a top-level field is pending when one
 * of its non-null leaves has no value in `status` (null leaves and empty objects are never emitted).
 */
export function statusReport<TStatus, TExtra = unknown>(shape: Value, status: unknown): StatusReport<TStatus, TExtra> {
  const observed = isPlainObject(status) ? status : {};
  const pending = isPlainObject(shape) && !isExprValue(shape) ? Object.keys(shape).filter((key) => missing((shape as Record<string, Value>)[key]!, observed[key])) : [];
  const [first, ...rest] = pending as StatusField<TStatus>[];
  if (first === undefined) return { complete: true, status: observed as TStatus & TExtra, pending: [] };
  return { complete: false, status: observed as PartialStatus<TStatus> & TExtra, pending: [first, ...rest] };
}

function missing(shape: Value, value: unknown): boolean {
  if (shape === null) return false;
  if (!isPlainObject(shape) || isExprValue(shape)) return value === undefined;
  return Object.entries(shape as Record<string, Value>).some(([key, item]) => missing(item, isPlainObject(value) ? value[key] : undefined));
}
