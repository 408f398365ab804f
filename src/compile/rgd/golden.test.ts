import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileInstance, compileRgd } from './compile.js';
import { collection, conditional, external, webApp } from './fixtures.test.js';
import { toYaml } from './yaml.js';

/** Set UPDATE_GOLDEN=1 to rewrite testdata after an intended output change; review the diff. */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function golden(name: string, actual: string): void {
  const file = new URL(`./testdata/${name}`, import.meta.url);
  if (UPDATE) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs; rerun with UPDATE_GOLDEN=1 if the change is intended`);
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
