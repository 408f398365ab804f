/**
 * `typekro check`: offline validation with a summary; compile errors name file:line and exit 2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STACK_FRAME, transcript, typekro } from './run.js';

describe('typekro check', { concurrency: 4 }, () => {
  it('summarises a valid composition and validates its spec', async () => {
    const result = await typekro(['check', 'examples/webapp-stack.ts', '-f', 'examples/webapp-stack.spec.yaml']);
    assert.equal(result.code, 0, transcript(result));
    assert.match(result.stdout, /^ok examples\/webapp-stack\.ts: composition "webapp-stack" \(kind WebAppStack, examples\.typekro\.dev\/v1alpha1, namespaced\)/);
    assert.match(result.stdout, /status fields: url, ready, databaseReady, replicas, logLevel/);
    assert.match(result.stdout, /resources \(7\):/);
    assert.match(result.stdout, /ingress +Ingress \(networking\.k8s\.io\/v1\) +\[conditional\]/);
    assert.match(result.stdout, /spec: valid; renders 7 manifests/);
  });

  it('marks forEach resources', async () => {
    const result = await typekro(['check', 'examples/worker-pool.ts']);
    assert.equal(result.code, 0, transcript(result));
    assert.match(result.stdout, /worker +Deployment \(apps\/v1\) +\[forEach w\]/);
  });

  it('reports JavaScript without a CEL equivalent at its file:line, exit 2, no stack', async () => {
    const result = await typekro(['check', 'test/cli/fixtures/unsupported.ts']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /unsupported\.ts:10:\d+: the array method `reverse` has no CEL equivalent/);
    assert.match(result.stderr, /hint: write the CEL yourself with Cel\.expr/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
    assert.equal(result.stdout, '');
  });

  it('reports an invalid graph (compiled only when checked) with the resource and its line and column', async () => {
    const result = await typekro(['check', 'test/cli/fixtures/bad-name.ts']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /resource "config" \(.*bad-name\.ts:10:20\).*"Not_A_Valid_Name" is not a valid ConfigMap name: it has uppercase letters/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });

  it("refuses without a spec what direct mode's CEL engine cannot compile, as a direct deploy would (trial 4 F02)", async () => {
    const result = await typekro(['check', 'test/cli/fixtures/cel-no-compile.ts']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /status\.v: `nosuch\(\(schema\.spec\.name\)\)` does not compile in direct mode's CEL engine: found no matching overload for 'nosuch\(dyn\)'; it holds hand-written CEL/);
    assert.doesNotMatch(result.stderr, /KRO would refuse/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });

  it("refuses with a spec a manifest int beyond JavaScript's safe range, as a direct deploy would (trial 17)", async () => {
    const result = await typekro(['check', 'test/cli/fixtures/bigsum.ts', '--set', 'name=bs', '--set', 'big=4503599627370497']);
    assert.equal(result.code, 1, transcript(result));
    assert.match(result.stderr, /resource "configMap": data\.odd: integer beyond JavaScript's safe range: `4503599627370497 \* 2` is 9007199254740994 in 64-bit integers; /);
    assert.doesNotMatch(result.stdout, /only exists in the cluster/);
  });

  it('lists every invalid spec field, exit 2', async () => {
    const result = await typekro(['check', 'examples/webapp-stack.ts', '--set', 'environment=qa', '--set', 'name=shop']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /invalid spec for composition "webapp-stack"/);
    assert.match(result.stderr, /spec\.environment must be/);
    assert.match(result.stderr, /spec\.database/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });
});
