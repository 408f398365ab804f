import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { componentKey, ldflags, planBuild, setKey, type BuildPlan } from './build-plan.js';
import { requiredVersion } from './go.js';
import { toolsDir } from './paths.js';

const GO = { version: 'go version go1.26.8 linux/amd64', goos: 'linux', goarch: 'amd64' };

function keys(plan: BuildPlan, go = GO): Record<string, string> {
  return Object.fromEntries(plan.components.map((c) => [c.id, componentKey(c, go)]));
}

describe('cluster binaries plan', () => {
  it('reads versions from require lines, direct or indirect', () => {
    const mod = 'module x\n\nrequire (\n\tk8s.io/kubernetes v1.36.3 // indirect\n\tk8s.io/api v0.36.3\n)\nrequire sigs.k8s.io/kwok v0.8.0\n';
    assert.equal(requiredVersion(mod, 'k8s.io/kubernetes'), 'v1.36.3');
    assert.equal(requiredVersion(mod, 'k8s.io/api'), 'v0.36.3');
    assert.equal(requiredVersion(mod, 'sigs.k8s.io/kwok'), 'v0.8.0');
    assert.equal(requiredVersion(mod, 'k8s.io/ap'), undefined);
  });

  it('pins the versions the product promises', () => {
    const { versions } = planBuild();
    assert.match(versions.kubernetes, /^v1\.36\.\d+$/);
    assert.match(versions.etcd, /^v3\.6\.\d+$/);
    assert.equal(versions.kwok, 'v0.8.0');
    assert.equal(versions.kro, 'v0.9.4');
    assert.match(versions.fluxSource, /^v1\.\d+\.\d+$/);
    assert.match(versions.fluxHelm, /^v1\.\d+\.\d+$/);
  });

  it('builds every binary exactly once, the Flux controllers from their own wrappers', () => {
    const plan = planBuild();
    const built = plan.components.filter((c) => !c.optional).flatMap((c) => c.binaries).sort();
    assert.deepEqual(built, ['etcd', 'helm-controller', 'kro-controller', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok', 'source-controller']);
    // the optional controllers, built only on request: cert-manager from our own main in its wrapper
    const optional = plan.components.filter((c) => c.optional).map((c) => [c.optional, c.binaries, c.step('/out').packages]);
    assert.deepEqual(optional, [
      ['cert-manager', ['cert-manager-controller'], ['.']],
      ['external-dns', ['external-dns'], ['sigs.k8s.io/external-dns']],
    ]);
    const outputs = plan.components.map((c) => c.step('/out').output);
    assert.ok(outputs.includes('/out/source-controller') && outputs.includes('/out/helm-controller') && outputs.includes('/out/'), String(outputs));
    assert.match(plan.wrappers.fluxSource, /tools\/flux-source$/);
    assert.match(plan.wrappers.fluxHelm, /tools\/flux-helm$/);
  });

  it('stamps Kubernetes, kwok and KRO versions', () => {
    const ld = ldflags({ kubernetes: 'v1.36.3', kwok: 'v0.8.0', kro: 'v0.9.4' });
    assert.match(ld.kubernetes, /component-base\/version\.gitVersion=v1\.36\.3/);
    assert.match(ld.kubernetes, /gitMajor=1 .*gitMinor=36/);
    assert.match(ld.kwok, /consts\.Version=0\.8\.0/);
    assert.match(ld.kro, /release-utils\/version\.gitVersion=v0\.9\.4/);
  });

  it('keys each component by the toolchain, and the set by the component keys', () => {
    const plan = planBuild();
    const base = keys(plan);
    assert.deepEqual(keys(plan), base, 'stable');
    assert.equal(new Set(Object.values(base)).size, plan.components.length, 'components sharing a wrapper still differ');
    for (const go of [{ ...GO, version: 'go version go1.26.9 linux/amd64' }, { ...GO, goarch: 'arm64' }, { ...GO, goos: 'darwin' }]) {
      const other = keys(plan, go);
      for (const id of Object.keys(base)) assert.notEqual(other[id], base[id], `${id} with ${JSON.stringify(go)}`);
    }
    assert.notEqual(setKey(Object.values(base)), setKey([...Object.values(base).slice(1), 'other']));
  });

  it('a change to one wrapper changes only the keys of the components built from it', () => {
    const tools = mkdtempSync(join(tmpdir(), 'typekro-tools-'));
    try {
      cpSync(toolsDir(), tools, { recursive: true });
      const base = keys(planBuild(tools));
      writeFileSync(join(tools, 'kro', 'go.sum'), 'changed go.sum\n', { flag: 'a' });
      const kroChanged = keys(planBuild(tools));
      assert.deepEqual(Object.keys(base).filter((id) => kroChanged[id] !== base[id]), ['kro']);
      writeFileSync(join(tools, 'k8s', 'go.mod'), '// changed\n', { flag: 'a' });
      const k8sChanged = keys(planBuild(tools));
      assert.deepEqual(Object.keys(base).filter((id) => k8sChanged[id] !== kroChanged[id]), ['kubernetes', 'etcd']);
    } finally {
      rmSync(tools, { recursive: true, force: true });
    }
  });
});
