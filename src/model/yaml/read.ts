/**
 * Reading Kubernetes manifests from YAML files: every document checked, every problem named by file,
 * line and field, before anything reaches a cluster.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { TypeKroError } from '../../util/errors.js';
import { ambiguousScalar } from '../../util/yaml-scalars.js';
import { isManifestUrl } from './download.js';

// yaml is required when a file is read, not when the package is imported (see compile/rgd/yaml.ts).
const require = createRequire(import.meta.url);
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/**
 * A YAML manifest that cannot become part of a composition: names the file, the line and what to do.
 *
 * @example
 * import { YamlManifestError } from 'typekro';
 * const error = new YamlManifestError('/app/crds.yaml:3: kind is missing', '/app/crds.yaml');
 * [error.code, error.file]; // => ['DEFINITION_INVALID', '/app/crds.yaml']
 */
export class YamlManifestError extends TypeKroError {
  override readonly name = 'YamlManifestError';
  constructor(
    message: string,
    /** The file at fault (absolute). */
    readonly file: string,
  ) {
    super('DEFINITION_INVALID', message);
  }
}

/** One object from a file, with where it came from. */
export interface FileManifest {
  readonly manifest: Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> & { name: string } };
  readonly file: string;
  /** 1-based line of the document's first line. */
  readonly line: number;
}

/** Every object in one file, in order; `kind: List` documents are expanded into their items. */
export function readManifestFile(file: string, givenAs?: string): FileManifest[] {
  // A downloaded manifest is named by its URL: the cached copy's path means nothing to the author.
  const shownAs = givenAs !== undefined && isManifestUrl(givenAs) ? givenAs : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory (use yamlDirectory)' : String((error as Error).message);
    throw new YamlManifestError(`cannot read YAML manifest ${file}${givenAs && givenAs !== file ? ` (given as "${givenAs}")` : ''}: ${why}`, file);
  }
  const { LineCounter, parseAllDocuments } = yaml();
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(documents)) return [];
  const found: FileManifest[] = [];
  for (const [index, document] of documents.entries()) {
    const line = lines.linePos(document.range[0]).line;
    const problem = document.errors[0];
    if (problem) {
      const at = lines.linePos(problem.pos[0]);
      throw new YamlManifestError(`${shownAs}:${at.line}:${at.col}: not valid YAML (document ${index + 1}): ${problem.message.split('\n')[0]}`, file);
    }
    // kubectl reads the same file by YAML 1.1: a plain scalar it types otherwise would deploy another value.
    const ambiguous = ambiguousScalar(document);
    if (ambiguous) {
      const at = lines.linePos(ambiguous.offset);
      throw new YamlManifestError(`${shownAs}:${at.line}:${at.col}: ${ambiguous.message}`, file);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    for (const [itemIndex, item] of expandList(value).entries()) {
      const where = `${shownAs}:${line} (document ${index + 1}${value !== item ? `, item ${itemIndex + 1}` : ''})`;
      found.push({ manifest: checkManifest(item, where, file), file, line });
    }
  }
  if (found.length === 0) throw new YamlManifestError(`${shownAs} holds no Kubernetes objects (every document is empty)`, file);
  return found;
}

function expandList(value: unknown): unknown[] {
  const object = value as { kind?: unknown; items?: unknown };
  if (typeof value === 'object' && value !== null && typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items)) {
    return object.items;
  }
  return [value];
}

function checkManifest(value: unknown, where: string, file: string): FileManifest['manifest'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new YamlManifestError(`${where}: a document must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got ${Array.isArray(value) ? 'a list' : typeof value}`, file);
  }
  const object = value as Record<string, unknown>;
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || object[field] === '') throw new YamlManifestError(`${where}: missing ${field} (a non-empty string)`, file);
  }
  const metadata = object['metadata'];
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)['name'] : undefined;
  if (typeof name !== 'string' || name === '') {
    const hint = typeof metadata === 'object' && metadata !== null && 'generateName' in metadata ? ' (generateName is not supported: every object needs a stable name to be updated and deleted)' : '';
    throw new YamlManifestError(`${where}: ${String(object['kind'])} is missing metadata.name${hint}`, file);
  }
  return object as FileManifest['manifest'];
}

/** Options for listing a directory's manifest files. */
export interface ListOptions {
  /** Descend into subdirectories (default true). */
  readonly recursive?: boolean;
  /** File name suffixes to read, default `.yaml` and `.yml`. */
  readonly extensions?: readonly string[];
}

/** The manifest files under a directory, depth first in name order, so the order is the same on every machine. */
export function listManifestFiles(directory: string, givenAs: string, options: ListOptions = {}): string[] {
  const shownAs = givenAs === directory ? directory : `${directory} (given as "${givenAs}")`;
  const extensions = options.extensions ?? ['.yaml', '.yml'];
  let stat;
  try {
    stat = statSync(directory);
  } catch {
    throw new YamlManifestError(`cannot read manifest directory ${shownAs}: no such directory`, directory);
  }
  if (!stat.isDirectory()) throw new YamlManifestError(`${shownAs} is not a directory (use yamlFile for a single file)`, directory);
  const files: string[] = [];
  const walk = (dir: string): void => {
    // code-point order, not the locale's: the same on every machine
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (options.recursive !== false) walk(path);
      } else if (extensions.some((extension) => entry.name.endsWith(extension))) files.push(path);
    }
  };
  walk(directory);
  if (files.length === 0) {
    throw new YamlManifestError(`${shownAs} holds no ${extensions.join('/')} files${options.recursive === false ? ' (subdirectories were not searched: recursive is false)' : ''}`, directory);
  }
  return files;
}
