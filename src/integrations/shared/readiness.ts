/**
 * Readiness for operators that do not report the custom-kind rule's `Ready` condition (ACK reports
 * `ACK.ResourceSynced`, APISIX's ingress controller `Accepted`): the generated factory, each resource it
 * makes carrying the operator's own rule as its `readyWhen`. A `.withReadyWhen(...)` of the user's adds to
 * that rule (KRO needs every `readyWhen` to hold).
 */
import type { CrdFactory, CrdInput } from '../../index.js';
import { E } from '../../ir/expr.js';
import { replaceRegisteredFactory } from '../../model/factory.js';
import { recordOf } from '../../model/resource.js';

/** A readiness rule: CEL over the resource, given the name it has in a readyWhen (its id, or `each` in a collection). */
export type ReadinessCel = (self: string) => string;

/**
 * A condition of `status.conditions` is True; `sameGeneration` also needs the condition's `observedGeneration`
 * to reach the object's generation (the operator saw the latest spec). Absent fields read as not ready.
 *
 * @example
 * conditionTrue('ACK.ResourceSynced')('db'); // => 'dyn(db).?status.?conditions.orValue([]).exists(c, c.?type.orValue("") == "ACK.ResourceSynced" && c.?status.orValue("") == "True")'
 */
export function conditionTrue(type: string, sameGeneration = false): ReadinessCel {
  return (self) => {
    const generation = sameGeneration ? ` && c.?observedGeneration.orValue(0) >= dyn(${self}).?metadata.?generation.orValue(0)` : '';
    return `dyn(${self}).?status.?conditions.orValue([]).exists(c, c.?type.orValue("") == "${type}" && c.?status.orValue("") == "True"${generation})`;
  };
}

/**
 * The factory with `rule` as every resource's readiness; its `definition` is unchanged. The rule goes on the
 * resource's record directly, as `.withReadyWhen((self) => ...)` would put it (which reads the caller's source).
 * It also takes the factory's place in the registry of factory names, so calls made from source (in a branch
 * JavaScript skipped) carry the rule too.
 *
 * @example
 * import { s3Bucket } from '../aws/generated/s3/index.js';
 * const bucket = withReadiness(s3Bucket, conditionTrue('ACK.ResourceSynced'));
 */
export function withReadiness<TBody>(factory: CrdFactory<TBody>, rule: ReadinessCel): CrdFactory<TBody> {
  const ready = (input: CrdInput<TBody>) => {
    const handle = factory(input);
    const record = recordOf(handle);
    if (record) {
      const self = record.forEach.length > 0 ? 'each' : record.id;
      record.readyWhen.push(E.raw(rule(self), self === 'each' ? [] : [self]));
    }
    return handle;
  };
  // A call in a branch JavaScript skipped is made by the factory's name: it must find this one, with the rule.
  replaceRegisteredFactory(factory as (config: never) => unknown, ready as (config: never) => unknown);
  return Object.assign(ready, { definition: factory.definition });
}
