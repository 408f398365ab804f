import { runCommand } from './go.js';
import type { BinaryName, ComponentVersions } from './binary-names.js';
import { TypeKroError } from '../../util/errors.js';

async function output(bin: string, args: readonly string[]): Promise<string> {
  const r = await runCommand(bin, args);
  return `${r.stdout}\n${r.stderr}`;
}

function expect(text: string, needle: string, what: string): void {
  if (!text.includes(needle)) throw new TypeKroError('ENVIRONMENT', `${what} is not stamped as expected: wanted "${needle}", got:\n${text.trim()}`);
}

/**
 * Checks that each built binary reports the version it was built for: a wrong stamp would surface much later
 * as a confusing `/version` or skew error. KRO and Flux have no `--version`, so theirs are read from the build info.
 */
/** What verification reads of the built binaries (a structural type keeps binaries.ts → verify.ts one-way). */
export interface BuiltBinaries {
  readonly versions: ComponentVersions;
  readonly paths: Readonly<Record<BinaryName, string>>;
}

export async function verifyBinaries(bins: BuiltBinaries): Promise<void> {
  const v = bins.versions;
  const p = bins.paths;
  const [api, etcd, kwok, kro, source, helm] = await Promise.all([
    output(p['kube-apiserver'], ['--version']),
    output(p.etcd, ['--version']),
    output(p.kwok, ['--version']),
    output('go', ['version', '-m', p['kro-controller']]),
    output('go', ['version', '-m', p['source-controller']]),
    output('go', ['version', '-m', p['helm-controller']]),
  ]);
  expect(api, `Kubernetes ${v.kubernetes}`, 'kube-apiserver');
  expect(etcd, `etcd Version: ${v.etcd.replace(/^v/, '')}`, 'etcd');
  expect(kwok, v.kwok.replace(/^v/, ''), 'kwok');
  expect(kro, `release-utils/version.gitVersion=${v.kro}`, 'kro-controller');
  // the Flux controllers print no version: their build info must name the module version they were built from
  expect(source, `github.com/fluxcd/source-controller\t${v.fluxSource}`, 'source-controller');
  expect(helm, `github.com/fluxcd/helm-controller\t${v.fluxHelm}`, 'helm-controller');
}
