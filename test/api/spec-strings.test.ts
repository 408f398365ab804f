/**
 * Issue 10 (finding 6): a spec's string bounds and patterns mean one thing in both modes, the instance CRD's
 * meaning: lengths in characters (code points), patterns with RE2's meaning of the pattern the CRD carries.
 * Direct mode's manifests, kro mode's instance and the composition's instance YAML accept and refuse the same
 * specs, with the same messages. test/differential/spec-strings-re2.go.test.ts holds them to Go's RE2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, SpecValidationError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const strings = kubernetesComposition(
  {
    name: 'strings',
    kind: 'Strings',
    spec: type({ 'short?': 'string <= 3', 'long?': 'string >= 3', 'exact?': 'string == 2', 'spaced?': /^a\sb$/, 'dotted?': /^a.b$/, 'id?': 'string.uuid', 'tags?': type('string <= 2').array() }),
    status: type({ ok: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: 'strings', data: { short: spec.short ?? '', long: spec.long ?? '' } });
    return { ok: true };
  },
);

type Spec = { short?: string; long?: string; exact?: string; spaced?: string; dotted?: string; id?: string; tags?: string[] };

/** The problems each way of checking a spec gives (none: `[]`), which must agree. */
async function verdicts(spec: Spec): Promise<readonly (readonly string[])[]> {
  const problems = async (run: () => unknown): Promise<readonly string[]> => {
    try {
      await run();
      return [];
    } catch (error) {
      if (!(error instanceof SpecValidationError)) throw error;
      return error.problems;
    }
  };
  return Promise.all([
    problems(() => strings.toYaml(spec)),
    problems(() => strings.factory('kro').instanceYaml(spec)),
    problems(() => strings.factory('direct').toYaml(spec)),
  ]);
}

async function check(spec: Spec): Promise<readonly string[]> {
  const [yaml, kro, direct] = await verdicts(spec);
  assert.deepEqual(kro, yaml, 'kro mode and the instance YAML agree');
  assert.deepEqual(direct, yaml, 'direct mode and the instance YAML agree');
  return yaml!;
}

describe('spec strings: characters and RE2, in both modes', () => {
  it('lengths count characters, not UTF-16 units', async () => {
    assert.deepEqual(await check({ short: '😀😀😀', long: '😀😀😀', exact: '😀é', tags: ['😀😀'] }), []);
    assert.deepEqual(await check({ short: 'a😀😀😀' }), ['spec.short must be at most 3 characters long (was "a😀😀😀")']);
    assert.deepEqual(await check({ long: '😀😀' }), ['spec.long must be at least 3 characters long (was "😀😀")']);
    assert.deepEqual(await check({ exact: '😀' }), ['spec.exact must be at least 2 characters long (was "😀")']);
    assert.deepEqual(await check({ tags: ['ok', 'abc'] }), ['spec.tags[1] must be at most 2 characters long (was "abc")']);
  });
  it("a pattern keeps JavaScript's \\s and . (spelt out for RE2) and matches per character", async () => {
    assert.deepEqual(await check({ spaced: 'a\u00a0b', dotted: 'a😀b' }), []);
    assert.deepEqual(await check({ spaced: 'a\u3000b', dotted: 'a\u00a0b' }), []);
    const [problem] = await check({ dotted: 'a\rb' });
    assert.equal(problem, 'spec.dotted must match the pattern ^a[^\\n\\r\\x{2028}\\x{2029}]b$ (was "a\\rb")');
  });
  it("a keyword's pattern keeps arktype's words", async () => {
    assert.deepEqual(await check({ id: '123e4567-e89b-12d3-a456-426614174000' }), []);
    assert.deepEqual(await check({ id: 'x' }), ['spec.id must be a UUID (was "x")']);
  });
  it('lone surrogates count as the replacement character the API server stores', async () => {
    assert.deepEqual(await check({ short: '\ud800\ud800\ud800' }), []);
  });
});
