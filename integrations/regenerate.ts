/**
 * Regenerates the integrations' typed factories from their pinned upstream CRDs (integrations/pins.json):
 * through the Go module proxy ($GOPROXY), or, for operators the proxy does not serve (CloudNativePG), from a
 * git snapshot of the upstream repository at the pinned commit (CloudNativePG, Ory's hydra-maester, APISIX's ingress
 * controller, the Temporal operator, ACK's RDS controller) (`--snapshot owner/name=GIT_DIR`; only the
 * generated files are committed, their headers name the repository and commit). Each module is a directory,
 * src/integrations/<name>/generated/<stem>/, of one file per kind (typekro import --out-dir).
 * Usage: node --import tsx integrations/regenerate.ts [name ...] [--snapshot owner/name=GIT_DIR ...]
 * Each file's header names the command; test/integrations/regenerate.go.test.ts checks that the committed
 * directories of the proxy pins are what it gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCrds } from '../src/import/index.js';

/** An integration's pin: where its CRDs come from (a generated module each), and the operator chart its bootstrap installs. */
export interface Pin {
  /** Generated module stem (`crds` → `generated/crds/`) → `module@version/path` of its CRDs, and a name prefix if any. */
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
/** How a generated file (src/integrations/<name>/generated/<stem>/) imports TypeKro. */
const TYPEKRO_IMPORT = '../../../../index.js';

export function pins(): Record<string, Pin> {
  return JSON.parse(readFileSync(new URL('integrations/pins.json', root), 'utf8')) as Record<string, Pin>;
}

/** An integration's generated module: its directory (repository path) and its files' paths inside it and texts. */
export interface RegeneratedModule {
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
}

/** The integration's generated modules (or only those of `stems`), regenerated now. */
export async function regenerate(
  name: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  snapshots: Readonly<Record<string, string>> = {},
  stems?: readonly string[],
): Promise<RegeneratedModule[]> {
  const pin = pins()[name];
  if (!pin) throw new Error(`no pin named ${name} in integrations/pins.json (pins: ${Object.keys(pins()).join(', ')})`);
  const generated: RegeneratedModule[] = [];
  for (const [stem, module] of Object.entries(pin.modules)) {
    if (stems && !stems.includes(stem)) continue;
    const dir = `src/integrations/${name}/generated/${stem}`;
    const prefix = module.prefix ? ` --prefix ${module.prefix}` : '';
    const options = { typekroImport: TYPEKRO_IMPORT, env, ...(module.prefix ? { prefix: module.prefix } : {}) };
    if ('source' in module) {
      const command = `typekro import ${module.source} --typekro-import ${TYPEKRO_IMPORT}${prefix} --out-dir ${dir}`;
      generated.push({ dir, files: (await importCrds(module.source, { ...options, command })).files });
      continue;
    }
    const gitDir = snapshots[module.repository];
    if (!gitDir) throw new Error(`${name}: ${module.repository} is read from a repository snapshot; pass --snapshot ${module.repository}=GIT_DIR (a clone holding commit ${module.commit})`);
    const crdDir = mkdtempSync(join(tmpdir(), 'typekro-snapshot-'));
    try {
      for (const path of execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', module.commit, module.path], { encoding: 'utf8' }).split('\n').filter((p) => /\.ya?ml$/.test(p))) {
        writeFileSync(join(crdDir, basename(path)), execFileSync('git', ['--git-dir', gitDir, 'show', `${module.commit}:${path}`], { maxBuffer: 64 * 1024 * 1024 }));
      }
      const label = `github.com/${module.repository}@${module.tag} (commit ${module.commit}) ${module.path}`;
      const command = `node --import tsx integrations/regenerate.ts ${name} --snapshot ${module.repository}=GIT_DIR${Object.keys(pin.modules).length > 1 ? ' ...' : ''}`;
      generated.push({ dir, files: (await importCrds(crdDir, { ...options, label, version: module.tag, command })).files });
    } finally {
      rmSync(crdDir, { recursive: true, force: true });
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
    for (const { dir, files } of await regenerate(name, process.env, snapshots)) {
      // The directory is the generator's alone: files of kinds gone upstream go with it.
      rmSync(new URL(dir, root), { recursive: true, force: true });
      for (const { path, text } of files) {
        const target = new URL(`${dir}/${path}`, root);
        mkdirSync(dirname(fileURLToPath(target)), { recursive: true });
        writeFileSync(target, text);
      }
      process.stderr.write(`wrote ${dir}/ (${files.length} files)\n`);
    }
  }
}
