import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertGolden } from '../../../test/support/golden.js';
import { compileInstance, compileRgd } from './compile.js';
import { collection, conditional, external, webApp } from './fixtures.test.js';
import { toYaml } from './yaml.js';

/** testdata/<name> must be byte-for-byte `actual`; UPDATE_GOLDEN=1 (outside CI) rewrites it after an intended change. */
function golden(name: string, actual: string): void {
  assertGolden(new URL(`./testdata/${name}`, import.meta.url), actual);
}

const fixtures = { 'web-app': webApp, conditional, collection, external };

describe('compileRgd golden files', () => {
  for (const [name, build] of Object.entries(fixtures)) {
    it(name, () => golden(`${name}.rgd.yaml`, toYaml(compileRgd(build()))));
  }

  it('instance', () => {
    golden('web-app.instance.yaml', toYaml(compileInstance(webApp(), { name: 'shop', image: 'nginx', replicas: 2, database: { host: 'db' } }, { name: 'shop', namespace: 'dev' })));
  });
});

describe('determinism', () => {
  for (const [name, build] of Object.entries(fixtures)) {
    it(`${name} compiles to identical bytes twice`, () => assert.equal(toYaml(compileRgd(build())), toYaml(compileRgd(build()))));
  }
});
