/**
 * Regenerates the integrations' typed factories from their pinned upstream CRDs (integrations/pins.json):
 * through the Go module proxy ($GOPROXY), or, for operators the proxy does not serve (CloudNativePG), from a
 * git snapshot of the upstream repository at the pinned commit (`--snapshot owner/name=GIT_DIR`; only the
 * generated module is committed, its header names the repository and commit).
 * Usage: node --import tsx integrations/regenerate.ts [name ...] [--snapshot owner/name=GIT_DIR ...]
 * Each module's header names the command; test/integrations/regenerate.go.test.ts checks that the committed
 * modules of the proxy pins are what it gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCrds } from '../src/import/index.js';

/** An integration's pin: where its CRDs come from (a generated module each), and the operator chart its bootstrap installs. */
export interface Pin {
  /** Generated module stem (`crds` → `crds.generated.ts`) → `module@version/path` of its CRDs, and a name prefix if any. */
  readonly modules: Readonly<Record<string, ModulePin>>;
  /** The operator's chart(s) the bootstrap compositions install by default. */
  readonly chart?: Chart;
  readonly charts?: Readonly<Record<string, Chart>>;
}

/** A module version through the proxy (`source`), or a repository snapshot at a commit (`repository`, `commit`, `path`). */
export type ModulePin =
  | { readonly source: string; readonly prefix?: string }
  | { readonly repository: string; readonly tag: string; readonly commit: string; readonly path: string; readonly prefix?: string };

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
export async function regenerate(
  name: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  snapshots: Readonly<Record<string, string>> = {},
): Promise<{ file: string; text: string }[]> {
  const pin = pins()[name];
  if (!pin) throw new Error(`no pin named ${name} in integrations/pins.json (pins: ${Object.keys(pins()).join(', ')})`);
  const generated: { file: string; text: string }[] = [];
  for (const [stem, module] of Object.entries(pin.modules)) {
    const file = `src/integrations/${name}/${stem}.generated.ts`;
    const prefix = module.prefix ? ` --prefix ${module.prefix}` : '';
    const options = { typekroImport: '../../index.js', env, ...(module.prefix ? { prefix: module.prefix } : {}) };
    if ('source' in module) {
      const command = `typekro import ${module.source} --typekro-import ../../index.js${prefix} --out ${file}`;
      generated.push({ file, text: (await importCrds(module.source, { ...options, command })).module });
      continue;
    }
    const gitDir = snapshots[module.repository];
    if (!gitDir) throw new Error(`${name}: ${module.repository} is read from a repository snapshot; pass --snapshot ${module.repository}=GIT_DIR (a clone holding commit ${module.commit})`);
    const dir = mkdtempSync(join(tmpdir(), 'typekro-snapshot-'));
    try {
      for (const path of execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', module.commit, module.path], { encoding: 'utf8' }).split('\n').filter((p) => /\.ya?ml$/.test(p))) {
        writeFileSync(join(dir, basename(path)), execFileSync('git', ['--git-dir', gitDir, 'show', `${module.commit}:${path}`], { maxBuffer: 64 * 1024 * 1024 }));
      }
      const label = `github.com/${module.repository}@${module.tag} (commit ${module.commit}) ${module.path}`;
      const command = `node --import tsx integrations/regenerate.ts ${name} --snapshot ${module.repository}=GIT_DIR`;
      generated.push({ file, text: (await importCrds(dir, { ...options, label, version: module.tag, command })).module });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return generated;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const snapshots: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--snapshot') {
      const [repository, gitDir] = (args[++i] ?? '').split('=');
      if (!repository || !gitDir) throw new Error('--snapshot takes owner/name=GIT_DIR');
      snapshots[repository] = gitDir;
    } else names.push(args[i]!);
  }
  for (const name of names.length > 0 ? names : Object.keys(pins())) {
    for (const { file, text } of await regenerate(name, process.env, snapshots)) {
      mkdirSync(new URL('.', new URL(file, root)), { recursive: true });
      writeFileSync(new URL(file, root), text);
      process.stderr.write(`wrote ${file}\n`);
    }
  }
}
