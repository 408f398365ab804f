/**
 * The progress event that says a direct deploy updates an instance deployed before (issue 10, a new-user
 * trial: a second spec deployed without a name silently replaced the first instance's objects).
 */
import type { RecordKeeper } from './record.js';

/**
 * A direct deploy is about to update an instance deployed before (`deployed`: with this spec or another one),
 * told before anything is applied: an instance's name defaults to the composition's name, so a second spec
 * deployed without a name replaces the first instance's objects and prunes those the new spec does not make.
 * Not sent for a new instance.
 *
 * @example
 * import type { UpdateEvent, ProgressEvent } from 'typekro';
 * const event: UpdateEvent = { type: 'update', message: 'updating instance svcs (deployed before with another spec)', name: 'svcs', deployed: 'other-spec' };
 * const any: ProgressEvent = event;
 * any.type; // => 'update'
 */
export interface UpdateEvent {
  readonly type: 'update';
  readonly message: string;
  readonly name: string;
  readonly deployed: 'same-spec' | 'other-spec';
}

/** The news that the deploy updates an instance deployed before, and whether with this spec (the record's hash). */
export function updateOf(name: string, record: RecordKeeper): UpdateEvent | undefined {
  const previous = record.previous?.specHash;
  if (!previous) return undefined;
  const deployed = previous === record.currentSpecHash ? 'same-spec' : 'other-spec';
  return { type: 'update', message: `updating instance ${name} (deployed before with ${deployed === 'same-spec' ? 'this' : 'another'} spec)`, name, deployed };
}
