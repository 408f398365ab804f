/**
 * arktype's string keywords: those whose check is a regex the API server can run map to a string with that
 * pattern (unions such as string.uuid and string.ip become one alternation, accepting exactly what arktype
 * accepts); those checked by a JavaScript function or by a regex RE2 lacks are refused, naming the keyword.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import type { SchemaNode } from '../../ir/schema.js';
import { arktypeToSchema } from './arktype.js';

function field(def: string): SchemaNode {
  const root = arktypeToSchema(type({ x: def } as never), { name: 'spec' });
  assert.equal(root.kind, 'struct');
  return (root as Extract<SchemaNode, { kind: 'struct' }>).fields['x']!;
}

/** Strings on both sides of each keyword's line; the pattern must say yes exactly when arktype does. */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  'string.uuid': ['123e4567-e89b-12d3-a456-426614174000', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '123e4567-e89b-92d3-a456-426614174000', 'x', ''],
  'string.ip': ['10.0.0.1', '255.255.255.255', '256.1.1.1', '::1', 'fe80::1%eth0', '2001:db8::8a2e:370:7334', '1.2.3', 'a::b::c', ''],
  'string.ip.v4': ['10.0.0.1', '01.0.0.1', '1.2.3.4.5'],
  'string.email': ['a@b.io', 'a.b+c@d-e.org', 'a@b', '@b.io'],
  'string.uuid.v4': ['123e4567-e89b-42d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174000'],
  'string.semver': ['1.2.3', '1.2.3-rc.1+build.5', '01.2.3'],
};

describe('arktype string keywords', () => {
  for (const [keyword, samples] of Object.entries(SAMPLES)) {
    it(`${keyword} is a string whose pattern accepts what arktype accepts`, () => {
      const node = field(keyword);
      assert.equal(node.kind, 'string');
      const pattern = new RegExp(node.markers.pattern!);
      const ark = type(keyword as never) as unknown as { allows: (v: unknown) => boolean };
      for (const sample of samples) assert.equal(pattern.test(sample), ark.allows(sample), `${keyword}: ${JSON.stringify(sample)}`);
      assert.ok(samples.some((s) => ark.allows(s)) && samples.some((s) => !ark.allows(s)), 'samples on both sides');
    });
  }
  it('string.uuid is one pattern: the version regex, the nil and the max UUID', () => {
    assert.deepEqual(field('string.uuid'), {
      kind: 'string',
      markers: {
        description: 'a UUID',
        pattern: '(?:^[\\dA-Fa-f]{8}-[\\dA-Fa-f]{4}-[1-8][\\dA-Fa-f]{3}-[89ABab][\\dA-Fa-f]{3}-[\\dA-Fa-f]{12}$)|(?:^00000000-0000-0000-0000-000000000000$)|(?:^ffffffff-ffff-ffff-ffff-ffffffffffff$)',
        // the highest character a UUID can hold ('f'): text of it is ASCII (analysis/text-alphabet.ts)
        highestChar: 102,
      },
    });
  });
  it('a literal in such a union is escaped', () => {
    const node = field("string.uuid | 'a.b'");
    assert.ok(node.markers.pattern!.includes('|(?:^a\\.b$)|'), node.markers.pattern);
    assert.equal(new RegExp(node.markers.pattern!).test('a.b'), true);
    assert.equal(new RegExp(node.markers.pattern!).test('axb'), false);
  });
  it('keywords checked by a function are refused, named', () => {
    assert.throws(() => field('string.url'), {
      message:
        'spec.x: is "a URL string" (an arktype keyword), which arktype checks with a JavaScript function; the API server cannot run it and ' +
        "KRO's SimpleSchema (v0.9.4) has no format marker; declare it 'string' (with a regex the API server can check, if one says enough) and check the rest in the composition",
    });
    assert.throws(() => field('string.json'), { message: /^spec\.x: is "a JSON string" \(an arktype keyword\)/ });
  });
  it('keywords whose regex RE2 lacks are refused, named', () => {
    assert.throws(() => field('string.integer'), {
      message:
        'spec.x: is "a well-formed integer string" (an arktype keyword), whose regex uses a lookahead assertion ((?!), which Go\'s RE2 does not support ' +
        "(the API server's regex engine); declare it 'string' with a regex of your own (/^...$/ without that feature), or 'string' and check it in the composition",
    });
    assert.throws(() => field('string.date.iso'), { message: /^spec\.x: is "an ISO 8601 \(YYYY-MM-DDTHH:mm:ss\.sssZ\) date" \(an arktype keyword\)/ });
  });
  it('a narrow() of the user keeps its message', () => {
    assert.throws(() => arktypeToSchema(type({ x: type('string').narrow((s: string) => s.length > 1) }), { name: 'spec' }), {
      message: 'spec.x: custom .narrow() predicates cannot be checked by the API server; use bounds, a regex or an enum',
    });
  });
  it('a union of a regex string and a bounded string is still refused', () => {
    assert.throws(() => field("string.email | string >= 40"), { message: /unions of different kinds/ });
  });
});
