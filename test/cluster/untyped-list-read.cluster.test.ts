/**
 * A property read of an untyped value (`'Record<string, unknown>'`, where the instance decides the type) that
 * holds a list, on the real KRO controller: JavaScript reads `undefined` there. KRO's cel-go failed on such a
 * read ("unsupported index type 'string' in list") and never reconciled the instance (trial 21 F3c); now KRO
 * and direct mode write what JavaScript writes (src/ir/untyped-target.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { assertBothModes } from '../support/both-modes.js';

type Tier = { tier?: string };

const untypedRead = kubernetesComposition(
  {
    name: 'untyped-list-read',
    apiVersion: 'untypedread.typekro.dev/v1alpha1',
    kind: 'UntypedListRead',
    spec: type({ cfg: 'Record<string, unknown>' }),
    status: type({ tier: 'string', set: 'boolean', other: 'string' }),
  },
  (spec) => {
    const a = spec.cfg.a as Tier | undefined;
    ConfigMap({ name: 'untyped', id: 'untyped', data: { tier: a?.tier ?? 'none', other: (spec.cfg.b as Tier | undefined)?.tier ?? 'none' } });
    return { tier: a?.tier ?? 'none', set: a?.tier !== undefined, other: (spec.cfg.b as Tier | undefined)?.tier ?? 'none' };
  },
);

const SPEC = { cfg: { a: ['gold', 'silver'], b: { tier: 'bronze' } } };

test('KRO reads a property of an untyped list as JavaScript does: undefined, not an error', { timeout: 300_000 }, async () => {
  const js = evaluateConcrete(untypedRead, SPEC);
  const data = (js.resources[0]!.manifests[0] as { data: Record<string, string> }).data;
  assert.deepEqual(data, { tier: 'none', other: 'bronze' });
  const expected = { tier: 'none', set: false, other: 'bronze' };
  assert.deepEqual(js.status, expected);
  await assertBothModes(untypedRead, SPEC, { namespace: 'untyped-read', expected, configMap: { name: 'untyped', data } });
});
