/**
 * Regenerates the integrations' typed factories from their pinned upstream CRDs (integrations/pins.json),
 * through the Go module proxy ($GOPROXY). Usage: node --import tsx integrations/regenerate.ts [name ...]
 * Each module's header names the exact `typekro import` command this runs; the test
 * test/integrations/regenerate.go.test.ts checks that the committed files are what it gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importCrds } from '../src/import/index.js';

/** An integration's pin: where its CRDs come from, and the operator chart its bootstrap installs. */
export interface Pin {
  readonly source: string;
  readonly chart: { readonly repository: string; readonly name: string; readonly version: string };
}

const root = new URL('..', import.meta.url);

export function pins(): Record<string, Pin> {
  return JSON.parse(readFileSync(new URL('integrations/pins.json', root), 'utf8')) as Record<string, Pin>;
}

/** The generated module's repository path and its text, regenerated now. */
export async function regenerate(name: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<{ file: string; text: string }> {
  const pin = pins()[name];
  if (!pin) throw new Error(`no pin named ${name} in integrations/pins.json (pins: ${Object.keys(pins()).join(', ')})`);
  const file = `src/integrations/${name}/crds.generated.ts`;
  const command = `typekro import ${pin.source} --typekro-import ../../index.js --out ${file}`;
  const result = await importCrds(pin.source, { typekroImport: '../../index.js', command, env });
  return { file, text: result.module };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(pins())) {
    const { file, text } = await regenerate(name);
    writeFileSync(new URL(file, root), text);
    process.stderr.write(`wrote ${file}\n`);
  }
}
