/**
 * The one wording of a refused write to a reference (`spec.zones.sort()`, `delete spec.m.k`, `spec.x = 1`).
 * Two checks see such writes: the reference proxy's traps (refs.ts), when the statement runs, and the source
 * check (composition/reference-writes.ts), for a statement in a branch JavaScript skipped. Both say the same
 * thing for the same construct, from here; the composition turns a trap's error into a located one with the
 * construct (composition/reference-write-site.ts), so the two messages are equal.
 */
import type { SourceLocation } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';
import { formatLocation } from './call-site.js';

/** A write to a reference, described as the user wrote it. */
export type ReferenceWrite =
  /** `reference.method(...)` with a method that changes its receiver (`spec.zones.sort()`). */
  | { readonly kind: 'method'; readonly method: string; readonly reference: string }
  /**
   * `f(spec.zones)` where TypeKro cannot follow `f` to the functions it may be (`const f = c ? g : h`, a
   * parameter): the call may change its argument, or may not.
   */
  | { readonly kind: 'unknown call'; readonly method: string; readonly reference: string }
  /** `delete target` / `target = ...` (also `++`, `+=`), where `reference` holds `target`. */
  | { readonly kind: 'delete' | 'assign'; readonly target: string; readonly reference: string };

/** Why the write is refused and the way out: the same whether the statement ran or its branch was skipped. */
export function referenceWriteMessage(write: ReferenceWrite): { readonly why: string; readonly hint: string } {
  if (write.kind === 'unknown call') return unknownCallMessage(write.method, write.reference);
  const what = write.kind === 'method' ? `\`${write.method}\` changes ${write.reference} in place` : write.kind === 'delete' ? `cannot delete ${write.target}` : `cannot assign to ${write.target}`;
  return {
    why: `${what}: ${write.reference} is a reference (its value exists only in the cluster) and references are read-only: the composition runs once, on placeholders, when it is defined, so the graph would read the value unchanged`,
    hint: "build the value where it is used instead (`spec.zones.filter((z) => z !== 'old')`, a new list or object of the fields you need), or give the spec's type a default",
  };
}

/** `f(spec.x)` with `f` a name TypeKro cannot follow to a function: it does not know that `f` only reads. */
function unknownCallMessage(callee: string, reference: string): { readonly why: string; readonly hint: string } {
  return {
    why: `TypeKro cannot tell which function \`${callee}\` is here, so it cannot tell whether the call changes ${reference} in place; ${reference} is a reference (its value exists only in the cluster), which the composition cannot change`,
    hint: `call a function by its name (or loop over a list of functions written in place, \`for (const f of [a, b])\`), so TypeKro can read that it only reads its argument`,
  };
}

/**
 * A reference proxy refused a write that ran. Its message stands alone (the place, why, the way out); the
 * composition run replaces it by a located error naming the construct (composition/placeholder-errors.ts).
 */
export class ReferenceWriteError extends TypeKroError {
  override readonly name = 'ReferenceWriteError';

  constructor(
    readonly write: ReferenceWrite,
    /** Where the user's code made the write (the innermost frame outside TypeKro), when known. */
    readonly location: SourceLocation | undefined,
  ) {
    const { why, hint } = referenceWriteMessage(write);
    super('DEFINITION_INVALID', `${formatLocation(location)}: ${why}\n  hint: ${hint}`);
  }
}
