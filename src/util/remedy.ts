/**
 * What an error suggests doing about it, as data. The API's message shows each remedy in API terms (a factory
 * call or option); the CLI shows the same remedies as command lines and flags (src/cli/remedies.ts). The message
 * without its remedies is kept as `detail`, so a client renders its own terms without rewriting text.
 */

/**
 * A factory option that resolves the error (`namespace`: another namespace); the CLI's flag is the option's
 * name in kebab case.
 *
 * @example
 * import type { RemedyOption } from 'typekro';
 * const option: RemedyOption = 'rollbackOnFailure';
 * option; // => 'rollbackOnFailure'
 */
export type RemedyOption = 'adopt' | 'force' | 'rollbackOnFailure' | 'waitForLock' | 'allowBreakingChanges' | 'allowOtherInstances' | 'createNamespace' | 'namespace';

/**
 * One way out of an error: `purpose` says what it achieves ("remove them"), the rest how, in terms each client
 * renders its own way.
 *
 * @example
 * import type { Remedy } from 'typekro';
 * const remedies: Remedy[] = [
 *   { purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: 'web', namespace: 'dev' },
 *   { purpose: 'create it', action: 'create-namespace', namespace: 'dev' },
 *   { purpose: 'take the objects over', action: 'option', option: 'adopt' },
 *   { purpose: 'make the name valid', action: 'spec-value', field: 'spec.suffix' },
 *   { purpose: 'make the name valid', action: 'edit-composition', change: 'lowercase it with .toLowerCase()' },
 * ];
 * remedies.length; // => 5
 */
export type Remedy = { readonly purpose: string } & (
  | { readonly action: 'delete-instance'; readonly mode: 'direct' | 'kro'; readonly name: string; readonly namespace: string }
  | { readonly action: 'create-namespace'; readonly namespace: string }
  | { readonly action: 'option'; readonly option: RemedyOption }
  /** Another value for a spec field (`spec.suffix`): the CLI's `--set suffix=...` or the spec file. */
  | { readonly action: 'spec-value'; readonly field: string }
  /** A change to the composition's code (`lowercase it with .toLowerCase()`). */
  | { readonly action: 'edit-composition'; readonly change: string }
);

/** How one client spells a remedy (`deleteInstance("web")`, `typekro delete app.ts --name web`). */
export type RemedyTerms = (remedy: Remedy) => string;

/** The API's terms: factory calls and factory options. */
export const apiTerms: RemedyTerms = (remedy) => {
  switch (remedy.action) {
    case 'delete-instance':
      return `deleteInstance(${JSON.stringify(remedy.name)}) of a ${remedy.mode} factory for namespace ${remedy.namespace}`;
    case 'create-namespace':
      return `kubectl create namespace ${remedy.namespace}`;
    case 'option':
      return remedy.option === 'namespace' ? 'the factory option namespace' : `the factory option ${remedy.option}: true`;
    case 'spec-value':
      return `pass a valid value for ${remedy.field}`;
    case 'edit-composition':
      return `${remedy.change} in the composition`;
  }
};

/** `detail`, then one line per remedy: `  to <purpose>: <how>`. */
export function renderRemedies(detail: string, remedies: readonly Remedy[], terms: RemedyTerms): string {
  return [detail, ...remedies.map((remedy) => `  to ${remedy.purpose}: ${terms(remedy)}`)].join('\n');
}

/** An error's message without its remedies, and the remedies (read from any copy of TypeKro: plain fields). */
export interface Remedied {
  readonly detail: string;
  readonly remedies: readonly Remedy[];
}

/** The error's detail and remedies when it carries remedies, else undefined. */
export function remediesOf(error: unknown): Remedied | undefined {
  if (!(error instanceof Error)) return undefined;
  const { detail, remedies } = error as { detail?: unknown; remedies?: unknown };
  return typeof detail === 'string' && Array.isArray(remedies) && remedies.length > 0 ? { detail, remedies: remedies as Remedy[] } : undefined;
}

/**
 * Sets an error's remedies and detail, and its message rendered from them in API terms. `detail` is
 * non-enumerable: a logged error shows its message once.
 */
export function setRemedies(error: Error, detail: string, remedies: readonly Remedy[]): void {
  Object.defineProperty(error, 'detail', { value: detail, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'remedies', { value: remedies, writable: true, configurable: true, enumerable: true });
  error.message = renderRemedies(detail, remedies, apiTerms);
}

/**
 * Adds a note to an error's detail (a new line) and more remedies after its own, in place: the one way to amend
 * an error that may carry remedies, so its message and detail stay in step.
 */
export function amendError<E>(error: E, note: string, remedies: readonly Remedy[] = []): E {
  if (!(error instanceof Error)) return error;
  const own = remediesOf(error);
  const detail = `${own?.detail ?? error.message}\n${note}`;
  const all = [...(own?.remedies ?? []), ...remedies];
  if (all.length > 0) setRemedies(error, detail, all);
  else error.message = detail;
  return error;
}
