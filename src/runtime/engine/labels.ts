/** The labels that mark which instance owns an object (direct mode). */

export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  composition: 'typekro.dev/composition',
  instance: 'typekro.dev/instance',
  instanceNamespace: 'typekro.dev/instance-namespace',
  resourceId: 'typekro.dev/resource-id',
} as const;

export interface Ownership {
  readonly composition: string;
  readonly instance: string;
  /** The factory namespace: the default namespace of children, and part of the instance's identity. */
  readonly namespace: string;
}

/** Selector matching every object an instance owns. */
export function ownershipSelector(owner: Ownership): string {
  return `${LABELS.composition}=${owner.composition},${LABELS.instance}=${owner.instance},${LABELS.instanceNamespace}=${owner.namespace}`;
}

