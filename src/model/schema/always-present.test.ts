import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { AlwaysPresentFieldError } from './always-present.js';
import { arktypeToSchema } from './arktype.js';
import { applyDefaults } from './defaults.js';
import { hasImpliedDefault } from './cel-type.js';
import { schemaToSimpleSchema } from './simple-schema.js';

/** The message `arktypeToSchema` refuses the spec `def` with (fails when it accepts it or throws another error). */
function refusal(def: unknown): string {
  try {
    arktypeToSchema(type(def as never), { name: 'spec' });
  } catch (error) {
    assert.ok(error instanceof AlwaysPresentFieldError, String(error));
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(def)}`);
}

const spec = (def: unknown) => arktypeToSchema(type(def as never), { name: 'spec' });

describe('an optional spec object that KRO always creates', () => {
  it('is refused at its path, with why and the three ways out', () => {
    assert.equal(
      refusal({ name: 'string', 'cache?': { size: 'number.integer = 1' } }),
      "spec.cache: is optional ('cache?'), but KRO always creates it: KRO requires none of its fields and size has a default, " +
        "so KRO's SimpleSchema gives it default {} and the API server fills in {\"size\":1} when it is omitted (direct mode does the same). " +
        'Your TypeScript type says spec.cache may be undefined, so if (spec.cache), spec.cache?.size ?? x and spec.cache === undefined ' +
        'would not mean in the cluster what they say. Write one of: an explicit default, so it is always there and typed so ' +
        "(cache: [{ ... }, '=', () => ({})]); make one of its fields required, so it is absent unless given; or drop the defaults of " +
        'its fields and write them where you read them (spec.cache?.size ?? 1).',
    );
  });

  it('is refused when its defaults are one level down, the explicit default naming the required object', () => {
    assert.equal(
      refusal({ 'cache?': { inner: { size: 'number.integer = 1' }, 'note?': 'string' } }),
      "spec.cache: is optional ('cache?'), but KRO always creates it: KRO requires none of its fields and inner.size has a default, " +
        "so KRO's SimpleSchema gives it default {} and the API server fills in {\"inner\":{\"size\":1}} when it is omitted (direct mode does the same). " +
        'Your TypeScript type says spec.cache may be undefined, so if (spec.cache), spec.cache?.inner?.size ?? x and spec.cache === undefined ' +
        'would not mean in the cluster what they say. Write one of: an explicit default, so it is always there and typed so ' +
        "(cache: [{ ... }, '=', () => ({ inner: {} })]); make one of its fields required, so it is absent unless given; or drop the defaults of " +
        'its fields and write them where you read them (spec.cache?.inner?.size ?? 1).',
    );
  });

  it('is refused inside list items and map values, and when spelled with | undefined', () => {
    assert.match(refusal({ items: type({ name: 'string', 'tls?': { issuer: "string = 'ca'" } }).array() }), /^spec\.items\[\]\.tls: is optional \('tls\?'\)/);
    assert.match(refusal({ tiers: { '[string]': { 'opt?': { on: 'boolean = true' } } } }), /^spec\.tiers\[\*\]\.opt: is optional/);
    assert.match(refusal({ opt: [{ on: 'boolean = true' }, '|', 'undefined'] }), /^spec\.opt: is optional/);
    assert.match(refusal({ 'my-cache?': { size: 'number = 1' } }), /\('my-cache': \[\{ \.\.\. \}, '=', \(\) => \(\{\}\)\]\)/);
  });

  it('carries the key as written, for the definition to find it in the source', () => {
    try {
      spec({ 'cache?': { size: 'number = 1' } });
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof AlwaysPresentFieldError);
      assert.equal(error.key, 'cache?');
      assert.equal(error.path, 'spec.cache');
      assert.match(error.at('/a.ts:3:7').message, /^\/a\.ts:3:7: spec\.cache: is optional/);
    }
  });
});

describe('the sound shapes are accepted, and KRO, direct mode and arktype agree on them', () => {
  it('an explicit default is a custom type with default={}, filled in below it', () => {
    const node = spec({ cache: [{ size: 'number.integer = 1' }, '=', () => ({})] });
    assert.deepEqual(schemaToSimpleSchema(node), { spec: { cache: 'Cache | default={}' }, types: { Cache: { size: 'integer | default=1' } } });
    assert.deepEqual(applyDefaults(node, {}), { cache: { size: 1 } });
  });

  it('the explicit default the refusal suggests for a nested object is accepted by arktype and TypeKro', () => {
    const t = type({ cache: [{ inner: { size: 'number.integer = 1' } }, '=', () => ({ inner: {} })] });
    assert.deepEqual(t({}), { cache: { inner: { size: 1 } } });
    assert.deepEqual(applyDefaults(spec({ cache: [{ inner: { size: 'number.integer = 1' } }, '=', () => ({ inner: {} })] }), {}), { cache: { inner: { size: 1 } } });
  });

  it('an optional object with a required field stays absent', () => {
    const node = spec({ 'cache?': { name: 'string', size: 'number.integer = 1' } });
    assert.deepEqual(applyDefaults(node, {}), {});
    assert.deepEqual(applyDefaults(node, { cache: { name: 'a' } }), { cache: { name: 'a', size: 1 } });
  });

  it('a required object whose fields have defaults is a nested map KRO defaults to {}', () => {
    const node = spec({ cache: { size: 'number.integer = 1' } });
    assert.deepEqual(schemaToSimpleSchema(node), { spec: { cache: { size: 'integer | default=1' } }, types: {} });
    assert.deepEqual(applyDefaults(node, {}), { cache: { size: 1 } });
  });

  it('a struct whose only required field is itself always created is always created too (as KRO prints it)', () => {
    // KRO prints `inner` without required=true (it has default {}), so `cache` has no required field and a
    // field with a default: KRO gives `cache` default {} as well. Direct mode used to leave it out.
    const node = spec({ cache: { inner: { size: 'number.integer = 1' } } });
    assert.deepEqual(schemaToSimpleSchema(node), { spec: { cache: { inner: { size: 'integer | default=1' } } }, types: {} });
    assert.equal(node.kind === 'struct' && hasImpliedDefault(node.fields['cache']!), true);
    assert.deepEqual(applyDefaults(node, {}), { cache: { inner: { size: 1 } } });
  });

  it('status schemas are not refused: KRO does not default status', () => {
    const node = arktypeToSchema(type({ 'cache?': { size: 'number = 1' } }), { name: 'status' });
    assert.equal(node.kind, 'struct');
  });
});
