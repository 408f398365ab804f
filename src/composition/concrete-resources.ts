/**
 * Each resource of a concrete evaluation as JavaScript made it: its manifests (a Secret's as the graph deploys
 * them), what is pending in them, its includeWhen and readyWhen answers; and the ids `toResourceGraph` gives.
 */
import { storedSecret, storedSecretPath } from './secret-wire.js';
import { recordOf } from '../model/resource.js';
import { ConcreteRun } from './concrete-run.js';
import type { ConcreteDraft } from './concrete-drafts.js';
import { normalizeConcrete, OpaqueCel, type ConcreteData } from './concrete-value.js';
import { judgedCallback } from './concrete-absent-uses.js';
import { TypeKroError } from '../util/errors.js';
import type { ConcreteResource } from './concrete-result.js';

/**
 * `toResourceGraph` names resources after the keys the builder returns, as the compiled graph does; a key
 * may hold a collection (`schema.spec.regions.map((r) => ConfigMap(...))`), here the array of its items.
 */
export function nameByKeys(drafts: ConcreteDraft[], resources: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(resources)) {
    for (const handle of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const record = recordOf(handle);
      const draft = record && drafts.find((candidate) => candidate.items.some((item) => item.record === record));
      if (!record || !draft) throw new TypeKroError('DEFINITION_INVALID', `toResourceGraph: "${key}" is not a resource created by a TypeKro factory`);
      if (!record.explicitId) {
        record.id = key;
        draft.id = key;
      }
    }
  }
}

export function resourceOf(draft: ConcreteDraft, run: ConcreteRun): ConcreteResource {
  const first = draft.items[0]!.record;
  const pending: string[] = [];
  const manifests: ConcreteData[] = [];
  for (const item of draft.items) {
    if (item.record.external) continue;
    const normalized = normalizeConcrete(item.record.manifest, `resource "${draft.id}"`);
    // The graph deploys a Secret's stringData as data (secret-wire.ts); the JavaScript side says the same.
    const secret = item.record.apiVersion === 'v1' && item.record.kind === 'Secret';
    manifests.push(secret ? storedSecret(normalized.value ?? {}) : normalized.value ?? {});
    pending.push(...normalized.pending.map((path) => (secret ? storedSecretPath(path) : path)).map((path) => (draft.collection ? `[${item.index}].${path}` : path)));
  }
  const includes = draft.items.flatMap((item) => item.conditions.filter((c) => c.kind === 'includeWhen').map((c) => decide(c.input, undefined)));
  const readyWhen = draft.items.some((item) => item.conditions.some((c) => c.kind === 'readyWhen'));
  const external = first.external ? normalizeConcrete({ apiVersion: first.external.apiVersion, kind: first.external.kind, name: first.external.name, namespace: first.external.namespace }, `external reference "${draft.id}"`).value : undefined;
  return {
    id: draft.id,
    apiVersion: first.apiVersion,
    kind: first.kind,
    collection: draft.collection,
    included: allOf(includes),
    manifests,
    ...(external !== undefined ? { external } : {}),
    pending,
    ...(readyWhen
      ? {
          ready: draft.items.map((item) => {
            const self = run.observedSelf(draft, item.index);
            if (self === undefined) return undefined;
            return allOf(item.conditions.filter((c) => c.kind === 'readyWhen').map((c) => decide(c.input, self)));
          }),
        }
      : {}),
  };
}

/** A condition's JavaScript answer: a callback is called with the observed object; CEL stays opaque. */
function decide(input: unknown, self: unknown): boolean | OpaqueCel {
  // A callback's answer built from an absent field is pending (undefined): not ready, as its compiled CEL.
  const value = typeof input === 'function' ? judgedCallback(() => (input as (self: unknown) => unknown)(self)) : input;
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  const normalized = normalizeConcrete(value, 'condition').value;
  if (normalized instanceof OpaqueCel) return normalized;
  if (typeof value === 'string') return new OpaqueCel(value);
  // KRO needs a bool: anything else is not `true`.
  return false;
}

function allOf(results: readonly (boolean | OpaqueCel)[]): boolean | OpaqueCel {
  if (results.some((result) => result === false)) return false;
  return results.find((result) => result instanceof OpaqueCel) ?? true;
}
