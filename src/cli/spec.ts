/**
 * The instance spec from the command line: `--spec file` (YAML or JSON, `-` for stdin) and repeatable
 * `--set path=value`, merged with the flags winning, as helm merges `-f` and `--set`.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { SchemaNode } from '../index.js';
import { clip } from '../util/redact.js';
import { UsageError } from './errors.js';
import { refuseAmbiguousScalars } from './spec-scalars.js';
import { parseValue, schemaAt, typedValue } from './set-schema.js';

export { parseValue };

export type SpecObject = Record<string, unknown>;

/** One `--set` segment: an object key or a list index (`workers[0].name`, `workers.0.name`). */
type Segment = string | number;

export interface SpecOptions {
  readonly spec?: string;
  readonly set?: readonly string[];
  readonly setString?: readonly string[];
}

function isObject(value: unknown): value is SpecObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and parses a spec file; the file must hold one YAML (or JSON) mapping. */
export function readSpecFile(file: string, readStdin: () => string = () => readFileSync(0, 'utf8')): SpecObject {
  let text: string;
  try {
    text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read spec file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const name = file === '-' ? 'spec from stdin' : `spec file ${file}`;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return {}; // an empty stream
  if (docs.length > 1) throw new UsageError(`${name} holds ${docs.length} YAML documents; put one spec in it`);
  const doc = docs[0];
  if (!doc) return {};
  const problem = doc.errors[0];
  if (problem) throw new UsageError(`${name} is not valid YAML or JSON: ${problem.message.split('\n')[0]}`);
  refuseAmbiguousScalars(doc, text, name);
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isObject(value)) throw new UsageError(`${name} must hold a mapping of spec fields (got ${Array.isArray(value) ? 'a list' : typeof value})`);
  // A whole instance (apiVersion/kind/spec) is accepted too: its spec is what we want.
  if (isObject(value.spec) && typeof value.kind === 'string') return value.spec;
  return value;
}

/**
 * `a.b[0].c` → ['a', 'b', 0, 'c']. A dot inside a key is written `\.`, as in helm
 * (`labels.app\.kubernetes\.io/name`); `\\` is a backslash.
 */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const escaped of splitUnescaped(path)) {
    const part = escaped.replace(/\\([.\\])/g, '\u0000$1');
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (match[1] === '' && !match[2])) throw new UsageError(`--set: "${clip(path, 80)}" is not a field path (write a.b.c or list[0].field; a dot in a key is \\.)`);
    const key = match[1]!.replace(/\u0000/g, '');
    if (key) segments.push(/^\d+$/.test(match[1]!) && segments.length > 0 ? Number(key) : key);
    for (const index of match[2]?.matchAll(/\[(\d+)\]/g) ?? []) segments.push(Number(index[1]));
  }
  return segments;
}

/** Splits on dots not escaped with a backslash; the escapes stay, for {@link parsePath} to read. */
function splitUnescaped(path: string): string[] {
  const parts: string[] = [''];
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && i + 1 < path.length) {
      parts[parts.length - 1] += c + path[++i];
      continue;
    }
    if (c === '.') parts.push('');
    else parts[parts.length - 1] += c;
  }
  return parts;
}

function assign(target: SpecObject, path: Segment[], value: unknown, origin: string): void {
  let node: unknown = target;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const last = i === path.length - 1;
    const container = node as Record<string | number, unknown>;
    if (typeof key === 'number' && !Array.isArray(node)) throw new UsageError(`--set ${origin}: [${key}] indexes something that is not a list`);
    if (typeof key === 'string' && !isObject(node)) throw new UsageError(`--set ${origin}: "${key}" is set inside something that is not an object`);
    if (last) {
      container[key] = value;
      return;
    }
    const nextIsIndex = typeof path[i + 1] === 'number';
    const current = container[key];
    if (current === undefined || current === null) container[key] = nextIsIndex ? [] : {};
    node = container[key];
  }
}

/** One `--set` or `--set-string`, read before the composition is loaded (a typo should not wait for it). */
export interface SetAssignment {
  readonly path: readonly Segment[];
  readonly text: string;
  /** `--set-string`: the text as it is. */
  readonly raw: boolean;
  /** The path as written, clipped, for messages (never the value: it may be a secret, or megabytes long). */
  readonly origin: string;
}

/** Reads `path=value` pairs. */
export function parseSets(pairs: readonly string[], raw = false): SetAssignment[] {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set${raw ? '-string' : ''} "${clip(pair, 40)}": expected path=value (e.g. --set replicas=3)`);
    return { path: parsePath(pair.slice(0, eq)), text: pair.slice(eq + 1), raw, origin: clip(pair.slice(0, eq), 80) };
  });
}

/**
 * Applies assignments to a copy of `base`. With the spec `schema`, paths must exist in it and values take
 * its types (a string field keeps `007`); without, values are YAML.
 */
export function applyAssignments(base: SpecObject, sets: readonly SetAssignment[], schema?: SchemaNode): SpecObject {
  const result = structuredClone(base);
  for (const set of sets) {
    const field = schema ? schemaAt(schema, set.path, set.origin) : undefined;
    const value = set.raw ? set.text : typedValue(set.text, field, set.origin);
    assign(result, [...set.path], value, set.origin);
  }
  return result;
}

/** Applies `path=value` pairs to a copy of `base`; `raw` keeps every value a string (`--set-string`). */
export function applySets(base: SpecObject, pairs: readonly string[], raw = false, schema?: SchemaNode): SpecObject {
  return applyAssignments(base, parseSets(pairs, raw), schema);
}

/** What the options say about the spec, read and checked before the composition is loaded. */
export interface SpecInput {
  readonly base: SpecObject;
  readonly sets: readonly SetAssignment[];
}

/** The spec file and assignments the options give, or undefined when none was given. */
export function readSpecInput(options: SpecOptions, readStdin: () => string): SpecInput | undefined {
  const hasSets = (options.set?.length ?? 0) + (options.setString?.length ?? 0) > 0;
  if (options.spec === undefined && !hasSets) return undefined;
  const base = options.spec !== undefined ? readSpecFile(options.spec, readStdin) : {};
  return { base, sets: [...parseSets(options.set ?? []), ...parseSets(options.setString ?? [], true)] };
}
