/**
 * Offline: the CLI names instances as the library does (one function, `factory.instanceName`), and runs
 * in-process repeatedly, re-reading a composition file changed between runs.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import named from './fixtures/named.js';
import { root, transcript, typekro } from './run.js';

const fixture = 'test/cli/fixtures/named.ts';

describe('instance names, offline', () => {
  it('an empty spec: the instance is named by the spec default, as the API names it', async () => {
    const instance = await typekro(['render', fixture, '--instance', '--spec', '-'], { input: '{}' });
    assert.equal(instance.code, 0, transcript(instance));
    assert.equal(instance.stdout, named.toYaml({}));
    assert.match(instance.stdout, /^ {2}name: web$/m);
    const manifests = await typekro(['render', fixture, '--manifests', '--spec', '-'], { input: '{}' });
    assert.equal(manifests.code, 0, transcript(manifests));
    assert.equal(manifests.stdout, await named.factory('direct').toYaml({}));
    assert.match(manifests.stdout, /typekro\.dev\/instance: web$/m);
  });

  it('both factories give the same name for every spec', () => {
    for (const spec of [{}, { name: 'Shop' }, { name: 'x'.repeat(70) }, { object: 'o' }]) {
      assert.equal(named.factory('kro').instanceName(spec), named.factory('direct').instanceName(spec), JSON.stringify(spec));
    }
    assert.equal(named.factory('direct').instanceName({}), 'web');
  });
});

describe('in-process runs', () => {
  // Under node_modules so that the file resolves arktype as a user's project would; outside git and tsc.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'typekro-inprocess-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const source = (kind: string): string => `import { type } from 'arktype';
import { kubernetesComposition } from '${join(root, 'src', 'index.js')}';
import { ConfigMap } from '${join(root, 'src', 'simple.js')}';
export default kubernetesComposition(
  { name: 'changing', apiVersion: 'example.com/v1', kind: '${kind}', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const config = ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { ready: config.data.a === 'b' };
  },
);
`;

  it('a composition file changed between two runs is read again', async () => {
    const file = join(dir, 'changing.mts');
    writeFileSync(file, source('First'));
    const first = await typekro(['render', file]);
    assert.equal(first.code, 0, transcript(first));
    assert.match(first.stdout, /kind: First$/m);
    writeFileSync(file, source('Second'));
    const second = await typekro(['render', file]);
    assert.equal(second.code, 0, transcript(second));
    assert.match(second.stdout, /kind: Second$/m);
  });

  it('runs are independent: a usage error leaves nothing behind for the next run', async () => {
    const bad = await typekro(['render', fixture, '--instance', '--manifests']);
    assert.equal(bad.code, 2, transcript(bad));
    assert.match(bad.stderr, /Usage: typekro render/);
    const good = await typekro(['render', fixture]);
    assert.equal(good.code, 0, transcript(good));
    assert.equal(good.stderr, '');
  });
});
