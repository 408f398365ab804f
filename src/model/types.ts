/**
 * The static face of references. A reference to a field is typed as the field's own type, so plain
 * JavaScript over it type-checks (`deployment.status.readyReplicas > 0`) and a misspelled field is a
 * compile error. Optional fields lose their `?`: the compiler, not the user, deals with absence.
 */

/**
 * The values a reference reaches as a leaf (no nested fields).
 *
 * @example
 * import type { Primitive } from 'typekro';
 * const leaf: Primitive = 'nginx';
 * leaf; // => 'nginx'
 */
export type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/**
 * A reference to a value of type `T`, typed as `T` itself with every nested field present.
 *
 * @example
 * import type { Ref } from 'typekro';
 * type Replicas = Ref<{ replicas?: number }>['replicas'];
 * const replicas: Replicas = 3;
 * replicas; // => 3
 */
export type Ref<T> = T extends Primitive
  ? T
  : T extends Date
    ? Date
    : T extends readonly (infer U)[]
      ? Ref<U>[]
      : { readonly [K in keyof T]-?: Ref<NonNullable<T[K]>> };

/**
 * A value or a reference to one: what factory arguments accept.
 *
 * @example
 * import type { RefOrValue } from 'typekro';
 * const image: RefOrValue<string> = 'nginx';
 * image; // => 'nginx'
 */
export type RefOrValue<T> = T | Ref<T>;

/**
 * Deeply optional input, used for manifests passed to low-level factories.
 *
 * @example
 * import type { Input } from 'typekro';
 * const partial: Input<{ spec: { replicas: number; paused: boolean } }> = { spec: { replicas: 2 } };
 * partial.spec?.replicas; // => 2
 */
export type Input<T> = T extends Primitive
  ? T
  : T extends Date
    ? Date | string
    : T extends readonly (infer U)[]
      ? Input<U>[]
      : { [K in keyof T]?: Input<T[K]> };
