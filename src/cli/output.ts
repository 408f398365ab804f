/**
 * Results go to stdout (YAML or JSON, for pipes); progress and messages go to stderr (`io.ts`). YAML is written
 * by the project's one writer, the one that writes the manifests.
 */
import { parseAllDocuments } from 'yaml';
import { InvalidArgumentError } from 'commander';
import { toYaml, toYamlDocuments } from '../api/yaml.js';

export type OutputFormat = 'yaml' | 'json';

/** Commander option parser for `-o, --output` (commander reports the error with the usage). */
export function parseOutputFormat(value: string): OutputFormat {
  if (value === 'yaml' || value === 'json') return value;
  throw new InvalidArgumentError('use yaml or json.');
}

export function formatDocument(value: unknown, format: OutputFormat): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : toYaml(value);
}

/** Several objects: a YAML stream, or a kubectl-style `List` in JSON. */
export function formatDocuments(values: readonly unknown[], format: OutputFormat): string {
  return format === 'json' ? `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: values }, null, 2)}\n` : toYamlDocuments(values);
}

/** YAML text that TypeKro produced, re-emitted in the requested format. */
export function convertYaml(yamlText: string, format: OutputFormat): string {
  if (format === 'yaml') return yamlText;
  const docs = parseAllDocuments(yamlText);
  const values = (Array.isArray(docs) ? docs : []).map((doc) => doc.toJS() as unknown).filter((value) => value !== null);
  return values.length === 1 ? formatDocument(values[0], format) : formatDocuments(values, format);
}

/** A fixed-width table with a header row, like `kubectl get`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
