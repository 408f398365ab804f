/**
 * Issue 10 (finding 6) against the real API server: the instance CRD KRO makes of a composition's spec accepts
 * exactly the strings TypeKro's spec check accepts (in both modes: test/api/spec-strings.test.ts), for string
 * lengths (characters, not UTF-16 units) and patterns (RE2 on the pattern a JavaScript regex became), on
 * generated strings with astral characters and JavaScript's and RE2's differing spaces. Each instance is a
 * server-side dry run: the API server validates it, nothing is stored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import fc from 'fast-check';
import { parse } from 'yaml';
import { kubernetesComposition, SpecValidationError } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { ConfigMap } from '../../src/simple.js';
import { eventually, testKubeConfig, testNamespace } from '../support/cluster.js';

const kc = testKubeConfig();
const client = new KubeClient(kc);
const group = 'specstrings.typekro.dev';

const strings = kubernetesComposition(
  {
    name: 'spec-strings',
    apiVersion: `${group}/v1alpha1`,
    kind: 'SpecStrings',
    spec: type({ 'short?': 'string <= 3', 'long?': 'string >= 3', 'spaced?': /^a\sb$/, 'dotted?': /^a.b$/ }),
    status: type({ ok: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: 'spec-strings', data: { short: spec.short ?? '' } });
    return { ok: true };
  },
);

// With \r and U+FEFF: the apply body is read as YAML 1.1, where U+0085 and U+2028 are line breaks; it
// escapes them (runtime/kube/wire.ts, test/input/wire.cluster.test.ts), so each string is counted as sent: the
// old body folded 'a \u2028 ' and 'a\u0085 b' (4 characters) into 'a ' and 'a b', which passed maxLength 3.
// No U+0085 in generated strings: kro mode refuses it whatever the field's rules (api/kro-strings.ts).
const ALPHABET = ['a', 'b', ' ', '\t', '\v', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', 'é', '😀'];
const SAMPLES = fc.sample(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 4 }), { numRuns: 12, seed: 61206 });
/** Strings each field's rule turns on: astral lengths at the bounds, and the spaces only JavaScript's \s has. */
const CHOSEN: Readonly<Record<string, readonly string[]>> = {
  short: ['😀😀😀', 'a😀😀😀', 'a \u2028 ', 'a\u0085 b'],
  long: ['😀😀', '😀😀😀'],
  spaced: ['a\u00a0b', 'a\u3000b', 'a\vb', 'a😀b'],
  dotted: ['a😀b', 'a\rb', 'a\u2028b', 'a\u00a0b'],
};

function oursAccepts(spec: Record<string, string>): boolean {
  try {
    strings.factory('kro').instanceYaml(spec as never);
    return true;
  } catch (error) {
    if (error instanceof SpecValidationError) return false;
    throw error;
  }
}

describe('spec strings on the API server', { timeout: 300_000 }, () => {
  it('the instance CRD accepts exactly the strings TypeKro accepts', async () => {
    const ns = await testNamespace(kc, 'spec-strings');
    const rgd = parse(strings.factory('kro').rgdYaml());
    try {
      await client.apply(rgd, { force: true });
      await eventually('the RGD to be active', async () => {
        const live = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'spec-strings' })) as { status?: { state?: string } } | undefined;
        return live?.status?.state === 'Active' ? true : undefined;
      }, 120_000);
      const disagreements: string[] = [];
      let refused = 0;
      for (const field of Object.keys(CHOSEN)) {
        for (const value of [...CHOSEN[field]!, ...SAMPLES]) {
          const spec = { [field]: value };
          const instance = { apiVersion: `${group}/v1alpha1`, kind: 'SpecStrings', metadata: { name: 'probe', namespace: ns.name }, spec };
          // The CRD appears a moment after the RGD turns active: retry until the API server knows the kind.
          const server = await eventually(`the API server's verdict on ${JSON.stringify(spec)}`, () =>
            client.apply(instance, { dryRun: true, force: true }).then(
              () => true,
              (error: { status?: number }) => (error.status === 422 ? false : undefined),
            ),
          );
          if (!server) refused++;
          if (server !== oursAccepts(spec)) disagreements.push(`${JSON.stringify(spec)}: API server ${server ? 'accepts' : 'refuses'}, TypeKro ${server ? 'refuses' : 'accepts'}`);
        }
      }
      assert.deepEqual(disagreements, []);
      assert.ok(refused > 0 && refused < Object.keys(CHOSEN).length * (SAMPLES.length + 2), `both verdicts occur (${refused} refused)`);
    } finally {
      await client.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'spec-strings' }).catch(() => undefined);
      await ns.remove();
    }
  });
});
