/**
 * What `plan` and `deploy` say when the deploy updates an instance deployed before with another spec: an
 * instance's name defaults to the composition's name, so deploying a second spec without a name replaces the
 * first instance's objects and prunes those the new spec does not make (issue 10, a new-user trial).
 */

/**
 * The note, or `undefined` when there is nothing to say (a new instance, or the same spec again).
 * `defaulted`: the name is the composition's, as neither `--name` nor the spec's `name` gave one.
 *
 * @example
 * ```ts
 * updateNote('svcs', 'other-spec', false); // => 'updating instance svcs (deployed before with another spec)'
 * ```
 */
export function updateNote(name: string, deployed: 'new' | 'same-spec' | 'other-spec' | undefined, defaulted: boolean): string | undefined {
  if (deployed !== 'other-spec') return undefined;
  const why = defaulted ? `; "${name}" is the composition's name, the default when neither --name nor the spec's name gives one: give --name to deploy a separate instance` : '';
  return `updating instance ${name} (deployed before with another spec${why})`;
}

/**
 * Whether `name` is the composition's name taken as the default: no `--name`, the spec gave no `name`, and
 * the name is the composition's (a default `name` in the spec's schema is another default: not this one).
 *
 * @example
 * ```ts
 * nameDefaulted('svcs', {}, { prefix: 'p' }, 'svcs'); // => true
 * nameDefaulted('web', {}, {}, 'webapp'); // => false (the schema's default name)
 * ```
 */
export function nameDefaulted(name: string, options: { readonly name?: string }, spec: unknown, compositionName: string): boolean {
  return options.name === undefined && (spec as { name?: unknown } | null)?.name === undefined && name === compositionName;
}
