/**
 * TypeKro reads YAML as YAML 1.2 (the `yaml` package's core schema), while the same text given to kubectl, or
 * to Helm as values, is read by go-yaml (sigs.k8s.io/yaml), which types plain scalars by YAML 1.1 and Go's
 * base-0 `strconv`: `010` is 10 here and 8 there, `1_000` a string here and 1000 there, `yes` a string here
 * and true there, `0X1F` a string here and 31 there. The spec file and `--set` of the CLI (cli/spec-scalars.ts)
 * and `yamlFile`/`yamlDirectory` (model/yaml/read.ts) refuse a plain scalar the readers type apart, instead of
 * sending a value another tool would not give for the same text.
 */
import { createRequire } from 'node:module';
import type { Document, Scalar } from 'yaml';

// yaml is required when a text is checked, not when the package is imported (see model/yaml/read.ts).
const require = createRequire(import.meta.url);
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/** Go's base-0 prefixed integers (any case, a sign; go-yaml drops every `_` first). */
const GO_PREFIXED = /^[-+]?0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$/;
/** The prefixed integers YAML 1.2 core reads as go-yaml does. */
const CORE_PREFIXED = /^(?:0o[0-7]+|0x[0-9a-fA-F]+)$/;
/**
 * The plain scalars YAML 1.1 may type as anything but a string: numbers, timestamps, `.inf`/`.nan` (a sign, a
 * digit or a dot first), its booleans and nulls. Every other text is a string to both readers; skipping the
 * YAML 1.1 parse of it keeps a large manifest file's check cheap.
 */
const MAYBE_TYPED = /^(?:[-+.0-9]|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$)/;

/** The YAML 1.1 reading of a plain scalar's text (go-yaml's booleans, octals, `_` numbers), or undefined for a timestamp. */
function yaml11(source: string): unknown {
  const value = yaml().parseDocument(source, { version: '1.1' }).toJS() as unknown;
  // go-yaml keeps a timestamp a string when it reads into JSON (sigs.k8s.io/yaml), as YAML 1.2 core does.
  return value instanceof Date ? undefined : value;
}

/** Whether go-yaml may type the plain scalar `source` otherwise than YAML 1.2 core typed it (`value`). */
function readApart(source: string, value: unknown): boolean {
  // .inf and .nan: no JSON form (TypeKro would send null, YAMLToJSON fails or writes its own text).
  if (typeof value === 'number' && !Number.isFinite(value)) return true;
  if (!MAYBE_TYPED.test(source)) return false;
  const unprefixed = source.replace(/_/g, '');
  if (GO_PREFIXED.test(unprefixed)) return !CORE_PREFIXED.test(source);
  const other = yaml11(source);
  return other !== undefined && !Object.is(other, value) && !(typeof other === 'number' && other === value);
}

/** A plain scalar the readers type apart: where it starts in the text, and what is wrong and the way out. */
export interface ScalarProblem {
  readonly offset: number;
  readonly message: string;
}

/** Where a scalar stands: the keys (as text) and list indexes down to it. */
export type ScalarPath = readonly (string | number)[];

/**
 * The first plain scalar of `doc` (key or value) that go-yaml (kubectl, Helm) types otherwise than YAML 1.2
 * core, skipping the values `keepsText` says are taken as written (a `--set` string field).
 *
 * @example
 * ```ts
 * ambiguousScalar(parseDocument('replicas: 010\n'))?.message; // => '010 is read as 10 here, but kubectl and Helm (YAML 1.1, Go\'s number syntax) read it otherwise; ...'
 * ```
 */
export function ambiguousScalar(doc: Document, keepsText: (path: ScalarPath) => boolean = () => false): ScalarProblem | undefined {
  const { isMap, isScalar, isSeq } = yaml();
  const walk = (node: unknown, path: (string | number)[], key = false): ScalarProblem | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const found = walk(pair.key, path, true);
        if (found) return found;
        path.push(isScalar(pair.key) ? String(pair.key.value) : '');
        const inner = walk(pair.value, path);
        path.pop();
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        path.push(i);
        const found = walk(item, path);
        path.pop();
        if (found) return found;
      }
    } else if (isScalar(node) && (key || !keepsText(path))) return plainProblem(node, key);
    return undefined;
  };
  return walk(doc.contents, []);
}

function plainProblem(node: Scalar, key: boolean): ScalarProblem | undefined {
  const source = node.source;
  if (node.type !== 'PLAIN' || node.tag !== undefined || typeof source !== 'string') return undefined;
  const offset = node.range?.[0] ?? 0;
  // A key is text in JSON; each reader writes a typed key back as text its own way (1e3, .inf).
  if (key && typeof node.value !== 'string' && node.value !== null) {
    return { offset, message: `the key ${source} is read as the ${typeof node.value} ${String(node.value)}, which each YAML reader writes back as text its own way; quote it ("${source}")` };
  }
  if (!readApart(source, node.value)) return undefined;
  const reading = typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
  return {
    offset,
    message: `${source} is read as ${reading} here, but kubectl and Helm (YAML 1.1, Go's number syntax) read it otherwise; quote it ("${source}") for the string, write a number in decimal without a leading zero or "_", a boolean as true or false`,
  };
}
