import { TypeKroError } from '../../util/errors.js';
import { runCommand } from './go.js';
import type { BinaryName, ComponentVersions, OptionalBinaryName } from './binary-names.js';
import type { BuildComponentId } from './build-plan.js';

async function output(bin: string, args: readonly string[]): Promise<string> {
  const r = await runCommand(bin, args);
  return `${r.stdout}\n${r.stderr}`;
}

function expect(text: string, needle: string, what: string): void {
  if (!text.includes(needle)) throw new TypeKroError('ENVIRONMENT', `${what} is not stamped as expected: wanted "${needle}", got:\n${text.trim()}`);
}

type Paths = Readonly<Partial<Record<BinaryName | OptionalBinaryName, string>>>;

function path(paths: Paths, name: BinaryName | OptionalBinaryName): string {
  const p = paths[name];
  if (!p) throw new TypeKroError('ENVIRONMENT', `no path for ${name} to verify`);
  return p;
}

/** The check of each component's binaries; KRO and Flux have no `--version`, so theirs are read from the build info. */
const CHECKS: Record<BuildComponentId, (p: Paths, v: ComponentVersions) => Promise<void>> = {
  kubernetes: async (p, v) => expect(await output(path(p, 'kube-apiserver'), ['--version']), `Kubernetes ${v.kubernetes}`, 'kube-apiserver'),
  etcd: async (p, v) => expect(await output(path(p, 'etcd'), ['--version']), `etcd Version: ${v.etcd.replace(/^v/, '')}`, 'etcd'),
  kwok: async (p, v) => expect(await output(path(p, 'kwok'), ['--version']), v.kwok.replace(/^v/, ''), 'kwok'),
  kro: async (p, v) =>
    expect(await output('go', ['version', '-m', path(p, 'kro-controller')]), `release-utils/version.gitVersion=${v.kro}`, 'kro-controller'),
  // the Flux controllers print no version: their build info must name the module version they were built from
  'flux-source': async (p, v) =>
    expect(await output('go', ['version', '-m', path(p, 'source-controller')]), `github.com/fluxcd/source-controller\t${v.fluxSource}`, 'source-controller'),
  'flux-helm': async (p, v) =>
    expect(await output('go', ['version', '-m', path(p, 'helm-controller')]), `github.com/fluxcd/helm-controller\t${v.fluxHelm}`, 'helm-controller'),
  // our own main: its build info lists the cert-manager module it links as a dependency
  'cert-manager': async (p, v) =>
    expect(await output('go', ['version', '-m', path(p, 'cert-manager-controller')]), `github.com/cert-manager/cert-manager\t${v.certManager}`, 'cert-manager-controller'),
  'external-dns': async (p, v) =>
    expect(await output('go', ['version', '-m', path(p, 'external-dns')]), `sigs.k8s.io/external-dns\t${v.externalDns}`, 'external-dns'),
};

/**
 * Checks that a freshly built component's binaries report the version they were built for: a wrong stamp would
 * surface much later as a confusing `/version` or skew error.
 */
export async function verifyComponent(id: BuildComponentId, paths: Paths, versions: ComponentVersions): Promise<void> {
  await CHECKS[id](paths, versions);
}
