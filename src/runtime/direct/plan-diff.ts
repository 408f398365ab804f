/**
 * How a plan tells a live object from the one a deploy would leave (both modes' plans): the changed field
 * paths, which of them are removals, and each one's value before and after, shown as short JSON text with
 * every secret redacted (a Secret's values, a field whose template reads a secret, any secret value known).
 */
import type { KubeObject } from '../engine/index.js';
import { clip, REDACTED, type Redactor } from '../../util/redact.js';
import type { PlannedChange, PlannedObject, PlannedValue } from './plan-types.js';

/** Metadata the server manages: never reported as a change. */
const IGNORED_METADATA = new Set(['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid', 'selfLink']);

/** A changed field: its path as the plan prints it, as segments (keys may hold dots), and its two values. */
export interface FieldChange {
  readonly path: string;
  readonly segments: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

export interface FieldDiff {
  readonly paths: readonly string[];
  readonly removed: readonly string[];
  readonly changes?: readonly FieldChange[];
}

/** Shows a changed value as text, or says it is secret: see {@link valueShower}. */
export type ShowValue = (change: FieldChange, value: unknown) => string;

/**
 * A change as the plan reports it: `removed` only when the deploy removes something, `values` only when the
 * planner can show them (`show`, which redacts).
 */
export function plannedChange(resource: PlannedObject, fields: FieldDiff, show?: ShowValue): PlannedChange {
  const values = show && fields.changes?.map((change): PlannedValue => ({
    path: change.path,
    ...(change.before !== undefined ? { before: oldValueShown(change.before) ? show(change, change.before) : OLD_TEXT_NOT_SHOWN } : {}),
    ...(change.after !== undefined ? { after: show(change, change.after) } : {}),
  }));
  return { resource, paths: fields.paths, ...(fields.removed.length > 0 ? { removed: fields.removed } : {}), ...(values ? { values } : {}) };
}

/**
 * What a plan shows for an old value that holds text: the deploy that wrote it may have used another version
 * of the composition, which put a secret where this one writes plain text (a sensitive env var renamed,
 * dropped, reordered or moved to a secretKeyRef), and nothing kept says so. Numbers, booleans and null are
 * never secrets (a secret is text), so they are shown.
 */
export const OLD_TEXT_NOT_SHOWN = '[old text not shown]';

function oldValueShown(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'boolean';
}

/** Longest value text a plan shows: a plan is read line by line. */
const VALUE_LIMIT = 60;

/** What of a Secret a plan may show: all else (data, stringData, annotations that may copy them) is redacted. */
const SECRET_SHOWN = new Set(['type', 'immutable']);

/**
 * How the plan of one object shows values: `[redacted]` for a Secret's values (except its labels, type and
 * immutability), for a field at or around one whose template reads a secret (`secretField`, from the graph:
 * an old value there may be a secret the redactor never saw), and for every secret the redactor knows; other
 * values as JSON, cut to {@link VALUE_LIMIT} characters after redaction (a cut never reveals part of a secret).
 *
 * @example
 * ```ts
 * const show = valueShower({ resourceId: 'creds', apiVersion: 'v1', kind: 'Secret' }, new Redactor());
 * show(change, 'aHVudGVyMg=='); // => '[redacted]' for a change under data
 * ```
 */
export function valueShower(object: Pick<PlannedObject, 'resourceId' | 'apiVersion' | 'kind'>, redactor: Redactor, secretField?: (resourceId: string, path: readonly string[]) => boolean): ShowValue {
  const secretObject = object.kind === 'Secret' && object.apiVersion === 'v1';
  return (change, value) => {
    const [head, next] = change.segments;
    if (secretObject && !SECRET_SHOWN.has(head ?? '') && !(head === 'metadata' && next === 'labels')) return REDACTED;
    if (secretField?.(object.resourceId, change.segments)) return REDACTED;
    return clip(redactor.text(JSON.stringify(value) ?? String(value)), VALUE_LIMIT);
  };
}

/** Paths where `after` differs from `before`, ignoring status and server-managed metadata. */
export function diffPaths(before: KubeObject, after: KubeObject): string[] {
  return diffFields(before, after).paths;
}

/**
 * {@link diffPaths}, which of them `after` no longer has (a removal, which a reader of a plan must tell
 * from a changed value: a revoked credential's key is one), and each change's two values.
 */
export function diffFields(before: KubeObject, after: KubeObject): { paths: string[]; removed: string[]; changes: FieldChange[] } {
  const paths: string[] = [];
  const removed: string[] = [];
  const changes: FieldChange[] = [];
  const walk = (a: unknown, b: unknown, path: string, segments: readonly string[]): void => {
    if (Object.is(a, b)) return;
    const objA = a !== null && typeof a === 'object' && !Array.isArray(a);
    const objB = b !== null && typeof b === 'object' && !Array.isArray(b);
    if (objA && objB) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const key of [...keys].sort()) {
        if (path === '' && key === 'status') continue;
        if (path === 'metadata' && IGNORED_METADATA.has(key)) continue;
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, [...segments, key]);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`, [...segments, String(i)]));
      return;
    }
    paths.push(path);
    changes.push({ path, segments, before: a, after: b });
    if (b === undefined) removed.push(path);
  };
  walk(before, after, '', []);
  return { paths, removed, changes };
}
