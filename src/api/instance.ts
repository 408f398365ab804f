/**
 * What a deploy returns about an instance's status: the fields that have values and the ones still
 * pending, typed so that a caller cannot read a pending field as if it were there.
 */
import type { Value } from '../ir/value.js';
import { missingStatusFields } from '../runtime/kro/pending.js';
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
 * A status field by its dotted path: a top-level field (`'url'`) or a field of a nested object (`'db.host'`).
 * An array is one field. What `pending` names: the leaf that has no value, never its parent. `Depth` bounds
 * the recursion (a status nests a few levels).
 *
 * @example
 * import type { StatusPath } from 'typekro';
 * const path: StatusPath<{ url: string; db: { host: string } }> = 'db.host';
 * path; // => 'db.host'
 */
export type StatusPath<TStatus, Depth extends number = 8> = [Depth] extends [never]
  ? never
  : {
      [K in keyof TStatus & string]: NonNullable<TStatus[K]> extends readonly unknown[]
        ? K
        : NonNullable<TStatus[K]> extends object
          ? K | `${K}.${StatusPath<NonNullable<TStatus[K]>, [never, 0, 1, 2, 3, 4, 5, 6, 7][Depth]>}`
          : K;
    }[keyof TStatus & string];

/**
 * The status of an instance as far as it is known. `complete: true`: every field the composition returns
 * has a value, or is absent by design (its JavaScript gives `undefined` for this spec and these objects,
 * e.g. `maybe: spec.flag ? 'x' : undefined`: a final answer, not pending, where the status type declares it
 * optional, `'maybe?': 'string'`; a field the type requires and a cast left `undefined` is pending), and
 * `status` is a whole `TStatus`. `complete: false`: `pending` names, by dotted path, the leaves that have no value yet (their
 * data does not exist yet, e.g. a Service without a load balancer address, or their expression failed), and
 * `status` holds the rest.
 *
 * @example
 * import type { StatusReport } from 'typekro';
 * function url(report: StatusReport<{ url: string; db: { host: string; ready: boolean } }>): string {
 *   if (report.complete) return report.status.url;
 *   return report.pending.includes('db.host') ? 'database not yet known' : (report.status.url ?? '');
 * }
 * url({ complete: false, status: { url: 'http://web', db: { ready: false } }, pending: ['db.host'] }); // => 'database not yet known'
 */
export type StatusReport<TStatus, TExtra = unknown> =
  | { readonly complete: true; readonly status: TStatus & TExtra; readonly pending: readonly [] }
  | {
      readonly complete: false;
      readonly status: PartialStatus<TStatus> & TExtra;
      readonly pending: readonly [StatusPath<TStatus>, ...StatusPath<TStatus>[]];
    };

/**
 * The report for `status` against the composition's status shape: pending are the non-null leaves without a
 * value in `status` (null leaves and empty objects are never emitted), by dotted path, except those in
 * `absent` (their expression gives `optional.none()`: JavaScript's `undefined`, absent by design). The one
 * rule of both modes (`runtime/kro/pending.ts`).
 */
export function statusReport<TStatus, TExtra = unknown>(shape: Value, status: unknown, absent: readonly string[] = []): StatusReport<TStatus, TExtra> {
  const observed = isPlainObject(status) ? status : {};
  const [first, ...rest] = missingStatusFields(shape, observed, absent) as StatusPath<TStatus>[];
  if (first === undefined) return { complete: true, status: observed as TStatus & TExtra, pending: [] };
  return { complete: false, status: observed as PartialStatus<TStatus> & TExtra, pending: [first, ...rest] };
}
