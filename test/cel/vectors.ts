/**
 * The CEL parity corpus: vector files (test/cel/vectors/*.json) and the oracle's recorded answers
 * (test/cel/oracle-answers.jsonl). Formats are described in tools/cel-oracle/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenApiSchema } from '../../src/runtime/cel/index.js';

export const CEL_TEST_DIR = fileURLToPath(new URL('.', import.meta.url));
export const VECTOR_DIR = join(CEL_TEST_DIR, 'vectors');
export const ANSWERS_PATH = join(CEL_TEST_DIR, 'oracle-answers.jsonl');
export const DIVERGENCES_PATH = join(CEL_TEST_DIR, 'known-divergences.json');

/** JSON as written in the files: plain JSON plus the `$`-tags of tools/cel-oracle/values.go. */
export type TaggedJson = null | boolean | number | string | TaggedJson[] | { [key: string]: TaggedJson };

export interface Vector {
  readonly id: string;
  readonly expr: string;
  readonly vars?: Readonly<Record<string, TaggedJson>>;
  /** Declared CEL types (cel-spec `type_env`); our engine declares every variable `dyn`. */
  readonly types?: Readonly<Record<string, string>>;
  /** OpenAPI v3 schemas: the variable is typed and converted by it, as KRO does for a resource. */
  readonly schemas?: Readonly<Record<string, OpenApiSchema>>;
  readonly disableCheck?: boolean;
  readonly expect?: { readonly value?: TaggedJson; readonly error?: string };
  readonly note?: string;
}

export type { OpenApiSchema } from '../../src/runtime/cel/index.js';

export interface VectorFile {
  readonly suite: string;
  readonly description?: string;
  readonly source?: string;
  readonly excluded?: Readonly<Record<string, number>>;
  /** Variables shared by the file's vectors; a vector's own entries win by name. */
  readonly defaults?: Pick<Vector, 'vars' | 'types' | 'schemas'>;
  readonly vectors: readonly Vector[];
}

export type AnswerClass = 'value' | 'pending' | 'error';

/** One answer: KRO's (from the oracle) or ours, in the same shape. */
export interface Answer {
  readonly id: string;
  readonly class: AnswerClass;
  readonly type?: string;
  readonly value?: TaggedJson;
  readonly stage?: string;
  readonly error?: string;
  /** The oracle answered differently on repeated runs (Go map iteration order). */
  readonly unstable?: boolean;
}

/** Every vector file, in file-name order (the oracle's order too), with the file defaults applied. */
export function loadVectorFiles(dir = VECTOR_DIR): VectorFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => withDefaults(JSON.parse(readFileSync(join(dir, name), 'utf8')) as VectorFile));
}

function withDefaults(file: VectorFile): VectorFile {
  const d = file.defaults;
  if (!d) return file;
  const vectors = file.vectors.map((v) => ({
    ...v,
    vars: d.vars || v.vars ? { ...d.vars, ...v.vars } : undefined,
    types: d.types || v.types ? { ...d.types, ...v.types } : undefined,
    schemas: d.schemas || v.schemas ? { ...d.schemas, ...v.schemas } : undefined,
  }));
  return { ...file, vectors };
}

export function parseAnswers(jsonl: string): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const answer = JSON.parse(line) as Answer;
    answers.set(answer.id, answer);
  }
  return answers;
}

export function loadAnswers(path = ANSWERS_PATH): Map<string, Answer> {
  return parseAnswers(readFileSync(path, 'utf8'));
}

/** A reviewed disagreement between our engine and KRO's cel-go: the ids it covers and why. */
export interface Divergence {
  readonly ids: readonly string[];
  /** Why it exists and why it does not matter for KRO compositions (or why it cannot be fixed here). */
  readonly reason: string;
  /** What cel-go with KRO's environment does. */
  readonly celGo: string;
}

export function loadDivergences(path = DIVERGENCES_PATH): Divergence[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Divergence[];
}
