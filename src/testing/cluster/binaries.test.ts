import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheKey, ldflags, planBuild } from './binaries.js';
import { requiredVersion } from './go.js';

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
    assert.equal(versions.kro, 'v0.9.3');
    assert.match(versions.fluxSource, /^v1\.\d+\.\d+$/);
    assert.match(versions.fluxHelm, /^v1\.\d+\.\d+$/);
  });

  it('builds the Flux controllers from their wrappers, and their go.sum files key the cache', () => {
    const plan = planBuild();
    const outputs = plan.steps('/out').map((s) => s.output);
    assert.ok(outputs.includes('/out/source-controller') && outputs.includes('/out/helm-controller'), String(outputs));
    assert.match(plan.wrappers.fluxSource, /tools\/flux-source$/);
    assert.match(plan.wrappers.fluxHelm, /tools\/flux-helm$/);
    assert.ok(plan.keyInputs.includes('fluxSource') && plan.keyInputs.includes('fluxHelm'));
  });

  it('stamps Kubernetes, kwok and KRO versions', () => {
    const ld = ldflags({ kubernetes: 'v1.36.3', kwok: 'v0.8.0', kro: 'v0.9.3' });
    assert.match(ld.kubernetes, /component-base\/version\.gitVersion=v1\.36\.3/);
    assert.match(ld.kubernetes, /gitMajor=1 .*gitMinor=36/);
    assert.match(ld.kwok, /consts\.Version=0\.8\.0/);
    assert.match(ld.kro, /release-utils\/version\.gitVersion=v0\.9\.3/);
  });

  it('keys the cache by wrapper files and toolchain', () => {
    const plan = planBuild();
    const go = { version: 'go version go1.26.8 linux/amd64', goos: 'linux', goarch: 'amd64' };
    const key = cacheKey(plan, go);
    assert.equal(cacheKey(plan, go), key);
    assert.notEqual(cacheKey(plan, { ...go, version: 'go version go1.26.9 linux/amd64' }), key);
    assert.notEqual(cacheKey(plan, { ...go, goarch: 'arm64' }), key);
    assert.notEqual(cacheKey({ keyInputs: [...plan.keyInputs, 'changed go.sum'] }, go), key);
  });
});
