/**
 * The instance spec from the command line: `--spec file` (YAML or JSON, `-` for stdin) and repeatable
 * `--set path=value`, merged with the flags winning, as helm merges `-f` and `--set`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { clip } from '../util/redact.js';
import { UsageError } from './errors.js';

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
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isObject(value)) throw new UsageError(`${name} must hold a mapping of spec fields (got ${Array.isArray(value) ? 'a list' : typeof value})`);
  // A whole instance (apiVersion/kind/spec) is accepted too: its spec is what we want.
  if (isObject(value.spec) && typeof value.kind === 'string') return value.spec;
  return value;
}

/** `a.b[0].c` → ['a', 'b', 0, 'c']. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (match[1] === '' && !match[2])) throw new UsageError(`--set: "${clip(path, 80)}" is not a field path (write a.b.c or list[0].field)`);
    if (match[1]) segments.push(/^\d+$/.test(match[1]) && segments.length > 0 ? Number(match[1]) : match[1]);
    for (const index of match[2]?.matchAll(/\[(\d+)\]/g) ?? []) segments.push(Number(index[1]));
  }
  return segments;
}

/** A value written after `=`: a YAML scalar or flow collection (`3`, `true`, `[a, b]`), else the text. */
export function parseValue(text: string): unknown {
  if (text === '') return '';
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return text;
  }
  // Only scalars and flow collections: `a: b` or `#x` are meant as text, not as a mapping or a comment.
  if (value === null) return /^(null|Null|NULL|~)$/.test(text) ? null : text;
  if (typeof value === 'object') return /^\s*[[{]/.test(text) ? value : text;
  return value;
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

/** Applies `path=value` pairs to a copy of `base`; `raw` keeps every value a string (`--set-string`). */
export function applySets(base: SpecObject, pairs: readonly string[], raw = false): SpecObject {
  const result = structuredClone(base);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    // Messages name the path, never the value (it may be a secret, or megabytes long).
    if (eq <= 0) throw new UsageError(`--set${raw ? '-string' : ''} "${clip(pair, 40)}": expected path=value (e.g. --set replicas=3)`);
    const path = parsePath(pair.slice(0, eq));
    const text = pair.slice(eq + 1);
    assign(result, path, raw ? text : parseValue(text), clip(pair.slice(0, eq), 80));
  }
  return result;
}

/** The spec the options describe, or undefined when none was given. */
export function specFromOptions(options: SpecOptions, readStdin: () => string): SpecObject | undefined {
  const hasSets = (options.set?.length ?? 0) + (options.setString?.length ?? 0) > 0;
  if (options.spec === undefined && !hasSets) return undefined;
  let spec = options.spec !== undefined ? readSpecFile(options.spec, readStdin) : {};
  spec = applySets(spec, options.set ?? []);
  return applySets(spec, options.setString ?? [], true);
}
