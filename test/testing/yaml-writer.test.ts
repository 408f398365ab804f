/**
 * One YAML writer (compile/rgd/yaml.ts, exported to the upper layers as api/yaml.ts): every YAML TypeKro
 * writes, the test kit's kubeconfigs and chart repository indexes included, is laid out and quoted the same
 * way (YAML 1.1 quoting, which kubectl, Helm and KRO read). Other modules may parse YAML, never write it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const WRITER = 'compile/rgd/yaml.ts';
const READERS = new Set(['parse', 'parseAllDocuments', 'parseDocument', 'isMap', 'isSeq', 'isScalar', 'isPair', 'isNode', 'isDocument', 'LineCounter', 'YAMLParseError']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The names a file imports from the `yaml` package (`import * as` counts as everything). */
function yamlImports(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+['"]yaml['"]/g)) {
    if (match[1]) continue;
    const clause = match[2]!;
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) names.push(...braces[1]!.split(',').map((name) => name.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!).filter((name) => name !== '' && !name.startsWith('type ')));
    if (/^\*|^[A-Za-z_$][\w$]*\s*(,|$)/.test(clause.trim())) names.push(clause.trim().split(/[\s,]/)[0]!);
  }
  return names;
}

test('no source file but the one writer writes YAML with the yaml package', () => {
  const writers = sources(src)
    .filter((file) => relative(src, file) !== WRITER)
    .flatMap((file) => yamlImports(readFileSync(file, 'utf8')).filter((name) => !READERS.has(name)).map((name) => `${relative(src, file)}: ${name}`));
  assert.deepEqual(writers, []);
});

test('negative control: the check sees a direct stringify import, a namespace import and a default import', () => {
  assert.deepEqual(yamlImports("import { stringify } from 'yaml';"), ['stringify']);
  assert.deepEqual(yamlImports("import { parse, stringify as write } from 'yaml';"), ['parse', 'stringify']);
  assert.deepEqual(yamlImports("import * as YAML from 'yaml';"), ['*']);
  assert.deepEqual(yamlImports("import YAML from 'yaml';"), ['YAML']);
  assert.deepEqual(yamlImports("import type { Document } from 'yaml';"), []);
});
