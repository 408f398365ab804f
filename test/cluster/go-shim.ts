/**
 * A `go` for the CLI's cold-path test, first on PATH: `go build ... -o OUT PKG...` copies the binaries of an
 * earlier build to OUT (what `go build` would write there) instead of compiling for many minutes; every other
 * go command (`version`, `env`, `version -m`, `mod download`) runs the real go. The CLI itself runs unchanged.
 *
 * Why not the real `go build`: with a warm Go build cache it only relinks (51 s here), but the binaries cache
 * outlives the Go build cache, which drops entries unused for 5 days; on such a machine this test would recompile
 * everything (16-50 minutes). The copy keeps the test's cost fixed; the real build is what `npm test` runs first.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

/** Writes the shim into `binDir` and returns that directory (to put first on PATH). */
export function writeGoShim(binDir: string, prebuiltDir: string): string {
  const realGo = execFileSync('bash', ['-c', 'command -v go'], { encoding: 'utf8' }).trim();
  mkdirSync(binDir, { recursive: true });
  const script = `#!/usr/bin/env node
const { copyFileSync } = require('node:fs');
const { basename, join } = require('node:path');
const { spawnSync } = require('node:child_process');
const args = process.argv.slice(2);
if (args[0] !== 'build') {
  const r = spawnSync(${JSON.stringify(realGo)}, args, { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const o = args.indexOf('-o');
const out = args[o + 1];
const packages = args.slice(o + 2);
const intoDir = out.endsWith('/');
for (const name of intoDir ? packages.map((p) => basename(p)) : [basename(out)]) {
  copyFileSync(join(${JSON.stringify(prebuiltDir)}, name), intoDir ? join(out, name) : out);
  console.error('copied ' + name + ' (test go shim)');
}
`;
  writeFileSync(join(binDir, 'go'), script);
  chmodSync(join(binDir, 'go'), 0o755);
  return binDir;
}
