import { TypeKroError } from '../../util/errors.js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoBuildStep } from './build.js';
import type { BinaryName, ComponentVersions, OptionalBinaryName, OptionalComponent } from './binary-names.js';
import { requiredVersion, type GoToolchain } from './go.js';
import { toolsDir } from './paths.js';

/** The Go modules (and main packages) of Flux's controllers. */
export const FLUX_SOURCE_MODULE = 'github.com/fluxcd/source-controller';
export const FLUX_HELM_MODULE = 'github.com/fluxcd/helm-controller';
/** cert-manager's main module; its command module is not served here, so tools/cert-manager has its own main. */
export const CERT_MANAGER_MODULE = 'github.com/cert-manager/cert-manager';
/** external-dns: its main package is the module root. */
export const EXTERNAL_DNS_MODULE = 'sigs.k8s.io/external-dns';

// bump when the build recipe changes in a way the inputs below do not capture
const RECIPE = 'clusterbins/2 CGO_ENABLED=0';

/**
 * The wrapper module directories, needed to locate upstream files (CRDs, kwok stages) in the module cache.
 *
 * @example
 * import type { Wrappers } from 'typekro/testing';
 * const wrappers: Partial<Wrappers> = { kro: 'tools/kro' };
 * wrappers.kro; // => 'tools/kro'
 */
export interface Wrappers {
  readonly k8s: string;
  readonly kwok: string;
  readonly kro: string;
  readonly fluxSource: string;
  readonly fluxHelm: string;
  readonly certManager: string;
  readonly externalDns: string;
}

/** The unit of building and caching: one `go build`, the binaries it makes, and what decides them. */
export type BuildComponentId = 'kubernetes' | 'etcd' | 'kwok' | 'kro' | 'flux-source' | 'flux-helm' | OptionalComponent;

/** One component of the plan; its cache key hashes `keyInputs` and the toolchain, nothing of the others. */
export interface BuildComponent {
  readonly id: BuildComponentId;
  readonly binaries: readonly (BinaryName | OptionalBinaryName)[];
  /** Set for a component built only when asked for (see OPTIONAL_COMPONENTS). */
  readonly optional?: OptionalComponent;
  /** Its own wrapper's go.mod and go.sum, the packages, ldflags and recipe: a change elsewhere keeps its key. */
  readonly keyInputs: readonly string[];
  readonly step: (dir: string) => GoBuildStep;
}

/** What {@link planBuild} derives from the wrapper modules. */
export interface BuildPlan {
  readonly versions: ComponentVersions;
  readonly wrappers: Wrappers;
  readonly components: readonly BuildComponent[];
}

function need(goMod: string, module: string, file: string): string {
  const version = requiredVersion(goMod, module);
  if (!version) throw new TypeKroError('ENVIRONMENT', `${file} does not require ${module}`);
  return version;
}

/** Reads the wrappers and derives versions, ldflags and one build component per binary group from them. */
export function planBuild(tools: string = toolsDir()): BuildPlan {
  const wrappers: Wrappers = {
    k8s: join(tools, 'k8s'),
    kwok: join(tools, 'kwok'),
    kro: join(tools, 'kro'),
    fluxSource: join(tools, 'flux-source'),
    fluxHelm: join(tools, 'flux-helm'),
    certManager: join(tools, 'cert-manager'),
    externalDns: join(tools, 'external-dns'),
  };
  const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
  const k8sMod = read(wrappers.k8s, 'go.mod');
  const versions: ComponentVersions = {
    kubernetes: need(k8sMod, 'k8s.io/kubernetes', 'tools/k8s/go.mod'),
    etcd: need(k8sMod, 'go.etcd.io/etcd/server/v3', 'tools/k8s/go.mod'),
    kwok: need(read(wrappers.kwok, 'go.mod'), 'sigs.k8s.io/kwok', 'tools/kwok/go.mod'),
    kro: need(read(wrappers.kro, 'go.mod'), 'github.com/kubernetes-sigs/kro', 'tools/kro/go.mod'),
    fluxSource: need(read(wrappers.fluxSource, 'go.mod'), FLUX_SOURCE_MODULE, 'tools/flux-source/go.mod'),
    fluxHelm: need(read(wrappers.fluxHelm, 'go.mod'), FLUX_HELM_MODULE, 'tools/flux-helm/go.mod'),
    certManager: need(read(wrappers.certManager, 'go.mod'), CERT_MANAGER_MODULE, 'tools/cert-manager/go.mod'),
    externalDns: need(read(wrappers.externalDns, 'go.mod'), EXTERNAL_DNS_MODULE, 'tools/external-dns/go.mod'),
  };
  const ld = ldflags(versions);
  const component = (
    id: BuildComponentId,
    wrapperDir: string,
    binaries: readonly (BinaryName | OptionalBinaryName)[],
    packages: readonly string[],
    flags: string,
    optional?: OptionalComponent,
  ): BuildComponent => {
    // one binary: `-o` names it; several main packages: `-o dir/` makes one binary per package
    const step = (dir: string): GoBuildStep => ({
      label: id,
      wrapperDir,
      ldflags: flags,
      packages,
      output: binaries.length === 1 ? join(dir, binaries[0]!) : `${dir}/`,
    });
    // a wrapper's own Go sources (tools/cert-manager/main.go) decide its binary too; the others have none
    const sources = readdirSync(wrapperDir).filter((f) => f.endsWith('.go')).sort().map((f) => `${f}\n${read(wrapperDir, f)}`);
    const keyInputs = [RECIPE, id, JSON.stringify([binaries, packages, flags]), read(wrapperDir, 'go.mod'), read(wrapperDir, 'go.sum'), ...sources];
    return { id, binaries, keyInputs, step, ...(optional ? { optional } : {}) };
  };
  const k8sBinaries = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'] as const;
  const components = [
    component('kubernetes', wrappers.k8s, k8sBinaries, k8sBinaries.map((c) => `k8s.io/kubernetes/cmd/${c}`), ld.kubernetes),
    component('etcd', wrappers.k8s, ['etcd'], ['go.etcd.io/etcd/server/v3'], ld.etcd),
    component('kwok', wrappers.kwok, ['kwok'], ['sigs.k8s.io/kwok/cmd/kwok'], ld.kwok),
    component('kro', wrappers.kro, ['kro-controller'], ['github.com/kubernetes-sigs/kro/cmd/controller'], ld.kro),
    // Flux: both mains are their module roots; neither stamps a version (verify reads the build info instead)
    component('flux-source', wrappers.fluxSource, ['source-controller'], [FLUX_SOURCE_MODULE], '-s -w'),
    component('flux-helm', wrappers.fluxHelm, ['helm-controller'], [FLUX_HELM_MODULE], '-s -w'),
    // optional: our own main package (tools/cert-manager/main.go), and external-dns's module root
    component('cert-manager', wrappers.certManager, ['cert-manager-controller'], ['.'], '-s -w', 'cert-manager'),
    component('external-dns', wrappers.externalDns, ['external-dns'], [EXTERNAL_DNS_MODULE], '-s -w', 'external-dns'),
  ];
  return { versions, wrappers, components };
}

/** Version stamps: unstamped Kubernetes reports v0.0.0-master, which breaks /version consumers and skew checks. */
export function ldflags(v: Pick<ComponentVersions, 'kubernetes' | 'kwok' | 'kro'>): Record<'kubernetes' | 'etcd' | 'kwok' | 'kro', string> {
  const [major, minor] = v.kubernetes.replace(/^v/, '').split('.');
  const k8s = [
    `-X k8s.io/component-base/version.gitVersion=${v.kubernetes}`,
    `-X k8s.io/component-base/version.gitMajor=${major}`,
    `-X k8s.io/component-base/version.gitMinor=${minor}`,
    '-X k8s.io/component-base/version.gitTreeState=clean',
    `-X k8s.io/client-go/pkg/version.gitVersion=${v.kubernetes}`,
    `-X k8s.io/client-go/pkg/version.gitMajor=${major}`,
    `-X k8s.io/client-go/pkg/version.gitMinor=${minor}`,
  ];
  const kro = [`-X sigs.k8s.io/release-utils/version.gitVersion=${v.kro}`, '-X sigs.k8s.io/release-utils/version.gitTreeState=clean'];
  return {
    kubernetes: ['-s -w', ...k8s].join(' '),
    etcd: '-s -w', // etcd's version is a compiled-in constant
    kwok: `-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${v.kwok.replace(/^v/, '')}`,
    kro: ['-s -w', ...kro].join(' '),
  };
}

function digest(inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(`${input.length}:${input}`);
  return hash.digest('hex').slice(0, 24);
}

/** sha256 over what determines one component's binaries: its key inputs, Go version, GOOS/GOARCH. */
export function componentKey(component: Pick<BuildComponent, 'keyInputs'>, go: Pick<GoToolchain, 'version' | 'goos' | 'goarch'>): string {
  return digest([...component.keyInputs, go.version, go.goos, go.goarch]);
}

/** The key of a whole set: one directory naming every binary, derived from the component keys alone. */
export function setKey(componentKeys: readonly string[]): string {
  return digest([RECIPE, 'set', ...componentKeys]);
}
