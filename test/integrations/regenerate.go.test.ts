/**
 * Every integration's generated module is what `typekro import` gives today from its pinned upstream CRDs,
 * read through the Go module proxy this machine's Go uses (`go env GOPROXY`). A difference means the
 * committed file was edited by hand or the generator changed: run `node --import tsx integrations/regenerate.ts`
 * and review the diff.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pins, regenerate } from '../../integrations/regenerate.js';

const goproxy = execFileSync('go', ['env', 'GOPROXY'], { encoding: 'utf8' }).trim();

// Modules read from a repository snapshot (CloudNativePG, Ory, APISIX, Temporal, ACK RDS: the proxy refuses them)
// need that snapshot, which a test run does not have; their headers name the repository and commit, and
// regenerating them is by hand.
const proxyStems = (name: string): string[] => Object.entries(pins()[name]!.modules).filter(([, m]) => 'source' in m).map(([stem]) => stem);
const proxyPins = Object.keys(pins()).filter((name) => proxyStems(name).length > 0);

describe('generated integrations', () => {
  it('covers every proxy pin', () => assert.ok(proxyPins.length >= 4, proxyPins.join(', ')));
  for (const name of proxyPins) {
    it(`${name}: regenerating ${proxyStems(name).join(', ')} through the module proxy gives the committed files`, { timeout: 300_000 }, async () => {
      for (const { dir, files } of await regenerate(name, { ...process.env, GOPROXY: goproxy }, {}, proxyStems(name))) {
        const committedDir = new URL(`../../${dir}/`, import.meta.url);
        assert.deepEqual(readdirSync(committedDir).sort(), files.map((f) => f.path).sort(), `${dir}: the committed files are not the ones typekro import generates now; run node --import tsx integrations/regenerate.ts ${name}`);
        for (const { path, text } of files) {
          const committed = readFileSync(new URL(path, committedDir), 'utf8');
          assert.ok(text === committed, `${dir}/${path} differs from what typekro import generates now; run node --import tsx integrations/regenerate.ts ${name} and review the diff`);
        }
      }
    });
  }
});
