/**
 * Regenerates the integrations' typed factories from their pinned upstream CRDs (integrations/pins.json),
 * through the Go module proxy ($GOPROXY). Usage: node --import tsx integrations/regenerate.ts [name ...]
 * Each module's header names the exact `typekro import` command this runs; the test
 * test/integrations/regenerate.go.test.ts checks that the committed files are what it gives.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importCrds } from '../src/import/index.js';

/** An integration's pin: where its CRDs come from (a generated module each), and the operator chart its bootstrap installs. */
export interface Pin {
  /** Generated module stem (`crds` → `crds.generated.ts`) → `module@version/path` of its CRDs, and a name prefix if any. */
  readonly modules: Readonly<Record<string, { readonly source: string; readonly prefix?: string }>>;
  /** The operator's chart(s) the bootstrap compositions install by default. */
  readonly chart?: Chart;
  readonly charts?: Readonly<Record<string, Chart>>;
}

interface Chart {
  readonly repository: string;
  readonly name: string;
  readonly version: string;
}

const root = new URL('..', import.meta.url);

export function pins(): Record<string, Pin> {
  return JSON.parse(readFileSync(new URL('integrations/pins.json', root), 'utf8')) as Record<string, Pin>;
}

/** The integration's generated modules (repository path and text), regenerated now. */
export async function regenerate(name: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<{ file: string; text: string }[]> {
  const pin = pins()[name];
  if (!pin) throw new Error(`no pin named ${name} in integrations/pins.json (pins: ${Object.keys(pins()).join(', ')})`);
  const generated: { file: string; text: string }[] = [];
  for (const [stem, { source, prefix }] of Object.entries(pin.modules)) {
    const file = `src/integrations/${name}/${stem}.generated.ts`;
    const command = `typekro import ${source} --typekro-import ../../index.js${prefix ? ` --prefix ${prefix}` : ''} --out ${file}`;
    const result = await importCrds(source, { typekroImport: '../../index.js', command, env, ...(prefix ? { prefix } : {}) });
    generated.push({ file, text: result.module });
  }
  return generated;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(pins())) {
    for (const { file, text } of await regenerate(name)) {
      mkdirSync(new URL('.', new URL(file, root)), { recursive: true });
      writeFileSync(new URL(file, root), text);
      process.stderr.write(`wrote ${file}\n`);
    }
  }
}
