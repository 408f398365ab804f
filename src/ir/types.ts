/**
 * Static types the compiler reasons with. They mirror CEL's kinds closely enough to decide how a
 * JavaScript operation must be written in CEL (int vs double, optional fields, string conversion).
 */

export type CelType =
  | {
      readonly kind: 'int' | 'double' | 'string' | 'bool' | 'null' | 'timestamp' | 'duration' | 'bytes' | 'dyn';
      /** A string the schema restricts to these values (an enumeration: arktype's `"'a' | 'b'"`). */
      readonly values?: readonly string[];
      /**
       * The highest code point a string can hold, when less than every one (0x10FFFF): 0x7f and below is ASCII
       * text (a field with the pattern `^[a-z0-9-]+$`, `metadata.name`, a number made text), 0xFFFF and below
       * holds no character outside the Basic Multilingual Plane. Operations whose CEL differs from JavaScript
       * only on other characters (`lowerAscii()` for `toLowerCase()`) are exact on such text.
       */
      readonly highestChar?: number;
      /**
       * A timestamp Kubernetes writes itself (`metav1.Time`: RFC 3339 in UTC, whole seconds). JavaScript reads
       * it as that text, and CEL's `string()` of it prints the same text, so it can be used as text exactly.
       */
      readonly kubernetesTime?: true;
      /**
       * A `dyn` that is an int or a string, nothing else (`x-kubernetes-int-or-string`: a Service's
       * `targetPort`, a PodDisruptionBudget's `maxUnavailable`): said in messages, so a refusal can name both.
       */
      readonly intOrString?: true;
      /**
       * A `dyn` the schema declares an object (SimpleSchema's `object`: any fields, which the API server keeps
       * an object): never a list or text, so a read of its fields needs no test of what it is (untyped-target.ts).
       */
      readonly object?: true;
      /**
       * A string field of Kubernetes' `Quantity` (`resources.limits.cpu`, a PVC's `storage`): the API server also
       * takes a number there and writes it back as text, so a number may be set where the model says string.
       */
      readonly quantity?: true;
    }
  /** `minItems`: the schema admits no shorter list, so an index below it is always there. */
  | { readonly kind: 'list'; readonly item: CelType; readonly minItems?: number }
  | { readonly kind: 'map'; readonly value: CelType }
  /**
   * An object with known fields; `open` objects accept unknown fields as `dyn`. `aliases` maps names the
   * TypeScript types use to the field names on the wire (client-node's `_from` → `from`).
   */
  | {
      readonly kind: 'object';
      readonly fields: Readonly<Record<string, FieldType>>;
      readonly open: boolean;
      readonly aliases?: Readonly<Record<string, string>>;
    };

/** A field of an object type: its type, and whether it may be absent at run time. */
export interface FieldType {
  readonly type: CelType;
  /** True when the field may be absent (JavaScript reads it as `undefined`; CEL errors unless guarded). */
  readonly optional: boolean;
}

export const T = {
  int: { kind: 'int' } as CelType,
  double: { kind: 'double' } as CelType,
  string: { kind: 'string' } as CelType,
  bool: { kind: 'bool' } as CelType,
  null: { kind: 'null' } as CelType,
  dyn: { kind: 'dyn' } as CelType,
  intOrString: { kind: 'dyn', intOrString: true } as CelType,
  /** A `dyn` the schema declares an object (see `object` above). */
  dynObject: { kind: 'dyn', object: true } as CelType,
  /** A string that also takes a number on the wire (Kubernetes' `Quantity`, see `quantity` above). */
  quantity: { kind: 'string', quantity: true } as CelType,
  list: (item: CelType): CelType => ({ kind: 'list', item }),
  map: (value: CelType): CelType => ({ kind: 'map', value }),
  object: (fields: Record<string, FieldType>, open = false): CelType => ({ kind: 'object', fields, open }),
};

/** The type of `field` on `type`, or `undefined` when the field is unknown (a typo). */
export function fieldOf(type: CelType, field: string): FieldType | undefined {
  if (type.kind === 'dyn') return { type: T.dyn, optional: true };
  if (type.kind === 'map') return { type: type.value, optional: true };
  if (type.kind !== 'object') return undefined;
  return type.fields[wireName(type, field)] ?? (type.open ? { type: T.dyn, optional: true } : undefined);
}

/** The name a field has on the wire: `from` for client-node's `_from`, the name itself otherwise. */
export function wireName(type: CelType, field: string): string {
  return type.kind === 'object' && type.aliases && Object.hasOwn(type.aliases, field) ? type.aliases[field]! : field;
}
