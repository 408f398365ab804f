/**
 * `--set` values typed by the composition's spec schema: a string field keeps `007` as written (YAML alone
 * reads it as the number 7). An index into a non-list or a field of a scalar is an error naming the key; a
 * field the schema lacks is left to the API's spec check, which names the closest declared field.
 */
import { parse as parseYaml } from 'yaml';
import type { SchemaNode } from '../index.js';
import { isPlainObject } from '../util/json.js';
import { clip } from '../util/redact.js';
import type { ScalarPath } from '../util/yaml-scalars.js';
import { UsageError } from './errors.js';
import { refuseAmbiguousSetValue } from './spec-scalars.js';

type Segment = string | number;

/**
 * The schema of the field `path` names, `undefined` below a free-form `object` (anything goes there).
 *
 * @throws UsageError for an index into a non-list or a field of a scalar.
 */
export function schemaAt(root: SchemaNode, path: readonly Segment[], origin: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const [i, segment] of path.entries()) {
    if (node === undefined || node.kind === 'object') return undefined;
    const where = i === 0 ? 'the spec' : `${shown(path.slice(0, i))}`;
    if (typeof segment === 'number') {
      if (node.kind !== 'array') throw new UsageError(`--set ${origin}: ${where} is not a list (it is ${describe(node)}), so [${segment}] does not exist`);
      node = node.items;
    } else if (node.kind === 'map') {
      node = node.values;
    } else if (node.kind === 'struct') {
      // A field the schema lacks is refused by the spec check every caller of the API gets (with the closest
      // field), not here: the CLI says what the API says.
      const field: SchemaNode | undefined = node.fields[segment];
      if (!field) return undefined;
      node = field;
    } else {
      throw new UsageError(`--set ${origin}: ${where} is ${describe(node)}, so it has no field "${clip(segment, 60)}"`);
    }
  }
  return node;
}

/** `a.b[0]`, with dots in keys escaped again. */
function shown(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i > 0 ? '.' : ''}${s.replace(/\./g, '\\.')}`)).join('');
}

function describe(node: SchemaNode): string {
  return node.kind === 'array' ? 'a list' : node.kind === 'map' || node.kind === 'struct' || node.kind === 'object' ? 'an object' : `a ${node.kind}`;
}

/**
 * The value `text` means for a field of schema `node`: YAML, except that strings the schema declares keep
 * their text (`007`, `true`, `1e3` stay strings), in flow collections too (`[007, x]` for a list of strings).
 * A plain scalar read as YAML that go-yaml (kubectl, Helm) reads otherwise is refused (`010`, `yes`: `origin`
 * names the flag), as in a spec file.
 */
export function typedValue(text: string, node: SchemaNode | undefined, origin = text): unknown {
  if (node?.kind === 'string') return text;
  const { value, yaml } = readValue(text);
  if (yaml) refuseAmbiguousSetValue(text, origin, (path) => stringAt(node, path));
  if (node === undefined || node.kind === 'object' || typeof value !== 'object' || value === null) return value;
  // Parsed twice: every scalar as its text (failsafe), and as YAML reads it; the schema picks per leaf.
  return pick(node, parseYaml(text, { schema: 'failsafe' }) as unknown, value);
}

/** Whether the schema below `node` declares the leaf at `path` a string, whose text {@link pick} keeps. */
function stringAt(node: SchemaNode | undefined, path: ScalarPath): boolean {
  let at = node;
  for (const segment of path) {
    if (typeof segment === 'number') at = at?.kind === 'array' ? at.items : undefined;
    else at = at?.kind === 'map' ? at.values : at?.kind === 'struct' ? at.fields[segment] : undefined;
  }
  return at?.kind === 'string';
}

function pick(node: SchemaNode | undefined, text: unknown, value: unknown): unknown {
  if (node === undefined || node.kind === 'object') return value;
  if (node.kind === 'string') return typeof text === 'string' ? text : value;
  if (node.kind === 'array' && Array.isArray(text) && Array.isArray(value)) return value.map((v, i) => pick(node.items, text[i], v));
  if ((node.kind === 'map' || node.kind === 'struct') && isPlainObject(text) && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pick(node.kind === 'map' ? node.values : node.fields[k], text[k], v)]));
  }
  return value;
}

/** A value written after `=`: a YAML scalar or flow collection (`3`, `true`, `[a, b]`), else the text. */
export function parseValue(text: string): unknown {
  return readValue(text).value;
}

/** {@link parseValue}, and whether the value is YAML's reading (not the text kept as it is). */
function readValue(text: string): { readonly value: unknown; readonly yaml: boolean } {
  const asText = { value: text, yaml: false };
  if (text === '') return asText;
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return asText;
  }
  // Only scalars and flow collections: `a: b` or `#x` are meant as text, not as a mapping or a comment.
  if (value === null) return /^(null|Null|NULL|~)$/.test(text) ? { value: null, yaml: true } : asText;
  if (typeof value === 'object') return /^\s*[[{]/.test(text) ? { value, yaml: true } : asText;
  return { value, yaml: true };
}
