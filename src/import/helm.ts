/**
 * CRDs from a Helm chart (a directory or a packaged `.tgz`): every file of `crds/`, and the templates whose
 * documents are CRDs. Templates are not rendered: lines that are only template actions (`{{- if ... }}`,
 * `{{- include ... | nindent 4 }}`) are dropped and inline actions become the text `templated`, which keeps
 * a CRD's schema (never templated in practice) and loses only templated labels and annotations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { SourceDocument } from './crds.js';
import { ImportError } from './errors.js';
import { compareText } from './order.js';

const YAML_FILE = /\.ya?ml$/i;

/** Files of a chart, by their path inside the chart (`crds/x.yaml`, `templates/crd.yaml`). */
type ChartFiles = ReadonlyMap<string, string>;

/** The CRD documents of chart files; `label` names the chart in origins and errors. */
export function chartDocuments(files: ChartFiles, label: string): SourceDocument[] {
  const documents: SourceDocument[] = [];
  for (const [path, text] of [...files.entries()].sort(([a], [b]) => compareText(a, b))) {
    if (!YAML_FILE.test(path)) continue;
    if (path.startsWith('crds/')) documents.push({ origin: `${label}/${path}`, text });
    else if (path.startsWith('templates/') && /^kind:\s*CustomResourceDefinition\s*$/m.test(text)) {
      const crdDocs = text.split(/^---\s*$/m).filter((doc) => /^kind:\s*CustomResourceDefinition\s*$/m.test(doc)).map(untemplate);
      documents.push({ origin: `${label}/${path}`, text: crdDocs.join('\n---\n') });
    }
  }
  if (documents.length === 0) throw new ImportError(`${label}: the chart has no crds/ directory and no template that is a CustomResourceDefinition`);
  return documents;
}

function untemplate(doc: string): string {
  return doc
    .split('\n')
    .filter((line) => !/^\s*\{\{.*\}\}\s*$/.test(line))
    .map((line) => line.replace(/\{\{.*?\}\}/g, 'templated'))
    .join('\n');
}

/** The files of a chart directory. */
export function chartDirectoryFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) files.set(relative(dir, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  for (const sub of ['crds', 'templates']) {
    const path = join(dir, sub);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) walk(path);
  }
  return files;
}

/** The files of a packaged chart (`name-1.2.3.tgz`: one top directory holding the chart). */
export async function chartArchiveFiles(archive: Uint8Array, label: string): Promise<Map<string, string>> {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (error) {
    throw new ImportError(`${label}: not a gzip-compressed Helm chart (${(error as Error).message})`);
  }
  const files = new Map<string, string>();
  const extractor = extract();
  const done = new Promise<void>((resolve, reject) => {
    extractor.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        // Drop the chart's top directory: `cert-manager/crds/x.yaml` → `crds/x.yaml`.
        const inner = header.name.split('/').slice(1).join('/');
        if (header.type === 'file' && YAML_FILE.test(inner)) files.set(inner, Buffer.concat(chunks).toString('utf8'));
        next();
      });
      stream.resume();
    });
    extractor.on('finish', resolve);
    extractor.on('error', (error: Error) => reject(new ImportError(`${label}: not a Helm chart archive (${error.message})`)));
  });
  extractor.end(tar);
  await done;
  return files;
}
