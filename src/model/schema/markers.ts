/**
 * SimpleSchema marker text, written so KRO v0.9.4's parser (`pkg/simpleschema/markers.go`) reads back
 * exactly the value we mean. Parser facts this relies on: markers split on whitespace outside `"…"` and
 * outside `{…}`/`[…]`; a value wrapped in `"…"` is unquoted with only `\"` and `\\` unescaped; a string
 * default is re-wrapped in quotes *without* JSON escaping, so it must not contain `"`, `\` or control
 * characters; enum values are split on `,` and trimmed.
 */
import type { SchemaMarkers, SchemaNode } from '../../ir/schema.js';
import { sortKeysDeep } from '../../util/json.js';
import { SchemaError } from './errors.js';

/** A marker value in double quotes, escaped the way KRO's `unescapeString` undoes. */
export function quoteMarker(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Numbers as Go's `strconv.ParseFloat`/`ParseInt` read them (`1e+21` is fine for ParseFloat). */
function formatNumber(value: number, path: string, what: string): string {
  if (!Number.isFinite(value)) throw new SchemaError(path, `${what} must be a finite number, got ${value}`);
  return String(value);
}

function formatDefault(node: SchemaNode, value: unknown, path: string): string {
  const bad = (expected: string): never => {
    throw new SchemaError(path, `default ${JSON.stringify(value)} is not ${expected}`);
  };
  switch (node.kind) {
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      // KRO wraps the unquoted text in quotes verbatim, so these would produce invalid JSON in the CRD.
      if (/["\\\u0000-\u001f]/.test(value)) {
        throw new SchemaError(path, 'string defaults cannot contain double quotes, backslashes or control characters in KRO; set the value in the composition with ?? instead');
      }
      return quoteMarker(value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : bad('an integer');
    case 'float':
      return typeof value === 'number' ? formatNumber(value, path, 'default') : bad('a number');
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : bad('a boolean');
    default:
      // Objects, arrays and maps: KRO keeps `{…}`/`[…]` raw and uses it as JSON.
      return JSON.stringify(sortKeysDeep(value));
  }
}

function formatEnum(node: SchemaNode, values: readonly (string | number)[], path: string): string {
  if (node.kind !== 'string' && node.kind !== 'integer') throw new SchemaError(path, `enums are only supported on strings and integers, not ${node.kind}`);
  for (const v of values) {
    const text = String(v);
    if (text === '' || text.includes(',') || text.trim() !== text) {
      throw new SchemaError(path, `enum value ${JSON.stringify(v)} cannot be written: KRO splits enum values on "," and trims them; use values without commas or surrounding spaces`);
    }
    if (node.kind === 'integer' && !Number.isSafeInteger(v)) throw new SchemaError(path, `enum value ${JSON.stringify(v)} is not an integer`);
  }
  return quoteMarker(values.map(String).join(','));
}

const ONLY: Readonly<Partial<Record<keyof SchemaMarkers, readonly SchemaNode['kind'][]>>> = {
  minimum: ['integer', 'float'],
  maximum: ['integer', 'float'],
  pattern: ['string'],
  minLength: ['string'],
  maxLength: ['string'],
  minItems: ['array'],
  maxItems: ['array'],
  uniqueItems: ['array'],
};

function checkApplies(node: SchemaNode, path: string): void {
  for (const [marker, kinds] of Object.entries(ONLY)) {
    if (node.markers[marker as keyof SchemaMarkers] !== undefined && !kinds.includes(node.kind)) {
      throw new SchemaError(path, `the ${marker} marker applies to ${kinds.join('/')} fields, not ${node.kind}`);
    }
  }
}

/**
 * The marker suffix for a field: `""` or ` | required=true default=3 …`, in a fixed order.
 *
 * @example
 * ```ts
 * formatMarkers({ kind: 'integer', markers: { default: 3, minimum: 1 } }, false, 'spec.n'); // ' | default=3 minimum=1'
 * ```
 */
export function formatMarkers(node: SchemaNode, required: boolean, path: string): string {
  checkApplies(node, path);
  const m = node.markers;
  const parts: string[] = [];
  if (required) parts.push('required=true');
  if (m.default !== undefined) parts.push(`default=${formatDefault(node, m.default, path)}`);
  if (m.description !== undefined) parts.push(`description=${quoteMarker(m.description)}`);
  if (m.enum !== undefined) parts.push(`enum=${formatEnum(node, m.enum, path)}`);
  if (m.minimum !== undefined) parts.push(`minimum=${formatNumber(m.minimum, path, 'minimum')}`);
  if (m.maximum !== undefined) parts.push(`maximum=${formatNumber(m.maximum, path, 'maximum')}`);
  if (m.minLength !== undefined) parts.push(`minLength=${m.minLength}`);
  if (m.maxLength !== undefined) parts.push(`maxLength=${m.maxLength}`);
  if (m.pattern !== undefined) {
    if (m.pattern === '') throw new SchemaError(path, 'pattern must not be empty');
    parts.push(`pattern=${quoteMarker(m.pattern)}`);
  }
  if (m.minItems !== undefined) parts.push(`minItems=${m.minItems}`);
  if (m.maxItems !== undefined) parts.push(`maxItems=${m.maxItems}`);
  if (m.uniqueItems) parts.push('uniqueItems=true');
  return parts.length === 0 ? '' : ` | ${parts.join(' ')}`;
}
