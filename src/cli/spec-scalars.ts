/**
 * A spec file is read as YAML 1.2 (the `yaml` package's core schema), while the same file given to kubectl
 * or to Helm as values is read by go-yaml (sigs.k8s.io/yaml), which types plain scalars by YAML 1.1 and Go's
 * base-0 `strconv`: `010` is 10 here and 8 there, `1_000` a string here and 1000 there, `yes` a string here
 * and true there, `0X1F` a string here and 31 there. A plain scalar the readers type apart is refused with
 * its line, instead of becoming a value another tool would not give for the same file.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Scalar } from 'yaml';
import { UsageError } from './errors.js';

/** Go's base-0 prefixed integers (any case, a sign; go-yaml drops every `_` first). */
const GO_PREFIXED = /^[-+]?0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$/;
/** The prefixed integers YAML 1.2 core reads as go-yaml does. */
const CORE_PREFIXED = /^(?:0o[0-7]+|0x[0-9a-fA-F]+)$/;

/** The YAML 1.1 reading of a plain scalar's text (go-yaml's booleans, octals, `_` numbers), or undefined for a timestamp. */
function yaml11(source: string): unknown {
  const value = parseDocument(source, { version: '1.1' }).toJS() as unknown;
  // go-yaml keeps a timestamp a string when it reads into JSON (sigs.k8s.io/yaml), as YAML 1.2 core does.
  return value instanceof Date ? undefined : value;
}

/** Whether go-yaml may type the plain scalar `source` otherwise than YAML 1.2 core typed it (`value`). */
function readApart(source: string, value: unknown): boolean {
  // .inf and .nan: no JSON form (TypeKro would send null, YAMLToJSON fails or writes its own text).
  if (typeof value === 'number' && !Number.isFinite(value)) return true;
  const unprefixed = source.replace(/_/g, '');
  if (GO_PREFIXED.test(unprefixed)) return !CORE_PREFIXED.test(source);
  const other = yaml11(source);
  return other !== undefined && !Object.is(other, value) && !(typeof other === 'number' && other === value);
}

/** Refuses the first plain scalar of `doc` (key or value) that go-yaml (kubectl, Helm) types otherwise than this reader. */
export function refuseAmbiguousScalars(doc: Document, text: string, name: string): void {
  const walk = (node: unknown, key = false): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        walk(pair.key, true);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isScalar(node)) refusePlain(node, key);
  };
  const refusePlain = (node: Scalar, key: boolean): void => {
    const source = node.source;
    if (node.type !== 'PLAIN' || node.tag !== undefined || typeof source !== 'string') return;
    const line = text.slice(0, node.range?.[0] ?? 0).split('\n').length;
    // A key is text in JSON; each reader writes a typed key back as text its own way (1e3, .inf).
    if (key && typeof node.value !== 'string' && node.value !== null) {
      throw new UsageError(`${name}, line ${line}: the key ${source} is read as the ${typeof node.value} ${String(node.value)}, which each YAML reader writes back as text its own way; quote it ("${source}")`);
    }
    if (!readApart(source, node.value)) return;
    throw new UsageError(
      `${name}, line ${line}: ${source} is read as ${typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value)} here, but kubectl and Helm (YAML 1.1, Go's number syntax) read it otherwise; quote it ("${source}") for the string, write a number in decimal without a leading zero or "_", a boolean as true or false`,
    );
  };
  walk(doc.contents);
}
