/** The labels that mark which instance owns an object (direct mode). */
import { createHash } from 'node:crypto';
import { OWNERSHIP_LABELS } from '../../util/label-syntax.js';

// One list: the definition refuses these keys in user labels (util/label-syntax.ts reservedLabelProblem).
export const LABELS = OWNERSHIP_LABELS;

export interface Ownership {
  readonly composition: string;
  readonly instance: string;
  /** The factory namespace: the default namespace of children, and part of the instance's identity. */
  readonly namespace: string;
}

/**
 * A label value for `text`: itself when it fits Kubernetes' 63-character limit, else its first 54
 * characters and a hash of the whole (resource ids from long file or object names, long instance names).
 *
 * @example
 * ```ts
 * labelValue('web'); // 'web'
 * ```
 */
export function labelValue(text: string): string {
  if (text.length <= 63) return text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${text.slice(0, 54).replace(/[^a-zA-Z0-9]+$/, '')}-${hash}`;
}

/** Selector matching every object an instance owns. */
export function ownershipSelector(owner: Ownership): string {
  return `${LABELS.composition}=${labelValue(owner.composition)},${LABELS.instance}=${labelValue(owner.instance)},${LABELS.instanceNamespace}=${owner.namespace}`;
}

