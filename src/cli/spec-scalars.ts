/**
 * The spec file and `--set` values refuse a plain scalar go-yaml (kubectl, Helm) types otherwise than TypeKro's
 * YAML 1.2 reading (`010`, `1_000`, `yes`, `0X1F`: util/yaml-scalars.ts), naming the line or the flag.
 */
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { ambiguousScalar, type ScalarPath } from '../util/yaml-scalars.js';
import { UsageError } from './errors.js';

/** Refuses the first plain scalar of `doc` (key or value) that go-yaml (kubectl, Helm) types otherwise than this reader. */
export function refuseAmbiguousScalars(doc: Document, text: string, name: string): void {
  const problem = ambiguousScalar(doc);
  if (problem) throw new UsageError(`${name}, line ${text.slice(0, problem.offset).split('\n').length}: ${problem.message}`);
}

/**
 * Refuses a `--set` value read as YAML whose plain scalars go-yaml types otherwise, except the ones
 * `keepsText` says a string field keeps as written (`--set code=010` for a string `code` is the text `010`).
 */
export function refuseAmbiguousSetValue(text: string, origin: string, keepsText: (path: ScalarPath) => boolean): void {
  const problem = ambiguousScalar(parseDocument(text), keepsText);
  if (problem) throw new UsageError(`--set ${origin}: ${problem.message} (--set-string keeps any value as its text)`);
}
