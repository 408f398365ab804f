/**
 * Whether a value of one static type can be a value of another, by kind only: what TypeScript cannot say
 * after a cast (`spec.n as unknown as string`), which makes it accept any value. Bounds, enumerations and
 * patterns are not kinds: other checks hold them.
 */
import type { CelType } from './types.js';

/**
 * How `given` is described when no value of it has the kind of `expected` (`an integer` set where a string is
 * declared), or undefined when it fits or either side's kind is known only when it runs (`dyn`, an
 * int-or-string field), or has no JSON kind of its own (a time, bytes, null). A number fits a `Quantity`
 * string field (the API server takes it); an integer fits a double. A double in an integer field is left to
 * its own check (integer-fields.ts). Lists and maps are compared item by item.
 * @example kindConflict(T.int, T.string); // 'an integer'
 * @example kindConflict(T.list(T.int), T.list(T.string)); // 'a list of integers'
 */
export function kindConflict(given: CelType, expected: CelType): string | undefined {
  const text = GIVEN[given.kind];
  if (text === undefined) return undefined;
  switch (expected.kind) {
    case 'string':
      return given.kind === 'string' || (expected.quantity && (given.kind === 'int' || given.kind === 'double')) ? undefined : text;
    case 'int':
    case 'double':
      return given.kind === 'int' || given.kind === 'double' ? undefined : text;
    case 'bool':
      return given.kind === 'bool' ? undefined : text;
    case 'timestamp':
    case 'duration':
    case 'bytes':
      return given.kind === 'string' ? undefined : text;
    case 'list': {
      if (given.kind !== 'list') return text;
      const item = kindConflict(given.item, expected.item);
      return item && `a list of ${PLURAL[given.item.kind] ?? item}`;
    }
    case 'map':
    case 'object': {
      if (given.kind !== 'map' && given.kind !== 'object') return text;
      const value = given.kind === 'map' && expected.kind === 'map' ? kindConflict(given.value, expected.value) : undefined;
      return value && `a map of ${PLURAL[given.kind === 'map' ? given.value.kind : 'dyn'] ?? value}`;
    }
    default:
      return undefined;
  }
}

/**
 * How a value of `expected`'s kind is named in messages (`a string`).
 * @example kindName(T.int); // 'an integer'
 */
export function kindName(expected: CelType): string {
  if (expected.kind === 'list') return PLURAL[expected.item.kind] ? `a list of ${PLURAL[expected.item.kind]}` : 'a list';
  if (expected.kind === 'map') return PLURAL[expected.value.kind] ? `a map of ${PLURAL[expected.value.kind]}` : 'a map';
  if (expected.kind === 'object') return 'an object';
  if (expected.kind === 'string' && expected.quantity) return 'a quantity (text or a number)';
  return GIVEN[expected.kind] ?? `a ${expected.kind}`;
}

const GIVEN: Partial<Record<CelType['kind'], string>> = { int: 'an integer', double: 'a number', string: 'a string', bool: 'a boolean', list: 'a list', map: 'a map', object: 'an object' };
const PLURAL: Partial<Record<CelType['kind'], string>> = { int: 'integers', double: 'numbers', string: 'strings', bool: 'booleans', list: 'lists', map: 'maps', object: 'objects' };
