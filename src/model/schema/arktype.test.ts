import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import type { SchemaNode } from '../../ir/schema.js';
import { arktypeToSchema } from './arktype.js';
import { SchemaError } from './errors.js';

/** Maps `{ x: def }` and returns field x plus whether it is required. */
function field(def: unknown): { node: SchemaNode | undefined; required: boolean } {
  const root = arktypeToSchema(type({ x: def } as never), { name: 'spec' });
  assert.equal(root.kind, 'struct');
  return root.kind === 'struct' ? { node: root.fields['x'], required: root.required.includes('x') } : { node: undefined, required: false };
}

const str = { kind: 'string', markers: {} } as const;

describe('arktypeToSchema mappings', () => {
  const cases: { name: string; def: unknown; node: SchemaNode; required?: boolean }[] = [
    { name: 'string', def: 'string', node: str },
    { name: 'number → float', def: 'number', node: { kind: 'float', markers: {} } },
    { name: 'number.integer', def: 'number.integer', node: { kind: 'integer', markers: {} } },
    { name: "'number % 1'", def: 'number % 1', node: { kind: 'integer', markers: {} } },
    { name: 'boolean', def: 'boolean', node: { kind: 'boolean', markers: {} } },
    { name: 'string[]', def: 'string[]', node: { kind: 'array', items: str, markers: {} } },
    { name: 'Record<string, number>', def: 'Record<string, number>', node: { kind: 'map', values: { kind: 'float', markers: {} }, markers: {} } },
    {
      name: 'nested struct',
      def: { a: 'string', 'b?': 'boolean' },
      node: { kind: 'struct', fields: { a: str, b: { kind: 'boolean', markers: {} } }, required: ['a'], markers: {} },
    },
    { name: 'optional key', def: type('string'), node: str, required: true },
    { name: 'default number', def: 'number = 3', node: { kind: 'float', markers: { default: 3 } }, required: false },
    { name: 'default integer', def: 'number.integer = 3', node: { kind: 'integer', markers: { default: 3 } }, required: false },
    { name: 'default via .default()', def: type('string').default('hi'), node: { kind: 'string', markers: { default: 'hi' } }, required: false },
    { name: 'function default', def: type('string[]').default(() => ['a']), node: { kind: 'array', items: str, markers: { default: ['a'] } }, required: false },
    { name: 'string enum', def: "'b'|'a'", node: { kind: 'string', markers: { enum: ['a', 'b'] } } },
    { name: 'enum with default', def: "'a'|'b' = 'b'", node: { kind: 'string', markers: { enum: ['a', 'b'], default: 'b' } }, required: false },
    { name: 'single string literal', def: "'only'", node: { kind: 'string', markers: { enum: ['only'] } } },
    { name: 'integer enum', def: '3|1|2', node: { kind: 'integer', markers: { enum: [1, 2, 3] } } },
    { name: 'number >= 1', def: 'number >= 1', node: { kind: 'float', markers: { minimum: 1 } } },
    { name: '1 <= number <= 10', def: '1 <= number <= 10', node: { kind: 'float', markers: { minimum: 1, maximum: 10 } } },
    { name: 'exclusive integer bounds', def: '0 < number.integer < 10', node: { kind: 'integer', markers: { minimum: 1, maximum: 9 } } },
    { name: 'string >= 3', def: 'string >= 3', node: { kind: 'string', markers: { minLength: 3 } } },
    { name: '2 <= string <= 5', def: '2 <= string <= 5', node: { kind: 'string', markers: { minLength: 2, maxLength: 5 } } },
    { name: 'string == 4', def: 'string == 4', node: { kind: 'string', markers: { minLength: 4, maxLength: 4 } } },
    { name: 'array length bounds', def: type('string[]').atLeastLength(1).atMostLength(3), node: { kind: 'array', items: str, markers: { minItems: 1, maxItems: 3 } } },
    { name: 'regex', def: '/^[a-z]+$/', node: { kind: 'string', markers: { pattern: '^[a-z]+$', highestChar: 0x7a } } },
    { name: 'keyword regex', def: 'string.alphanumeric', node: { kind: 'string', markers: { pattern: '^[\\dA-Za-z]*$', highestChar: 0x7a } } },
    { name: 'object → schemaless', def: 'object', node: { kind: 'object', markers: {} } },
    { name: 'Record<string, unknown> → schemaless', def: 'Record<string, unknown>', node: { kind: 'object', markers: {} } },
    { name: 'unknown → schemaless', def: 'unknown', node: { kind: 'object', markers: {} } },
    { name: 'description', def: type('string').describe('the name'), node: { kind: 'string', markers: { description: 'the name' } } },
    { name: 'described boolean', def: type('boolean').describe('on?'), node: { kind: 'boolean', markers: { description: 'on?' } } },
    {
      name: 'array of structs',
      def: type({ name: 'string', 'port?': 'number.integer' }).array(),
      node: {
        kind: 'array',
        items: { kind: 'struct', fields: { name: str, port: { kind: 'integer', markers: {} } }, required: ['name'], markers: {} },
        markers: {},
      },
    },
    { name: 'array of bounded strings', def: '(string >= 2)[]', node: { kind: 'array', items: { kind: 'string', markers: { minLength: 2 } }, markers: {} } },
    { name: 'string | undefined is optional', def: 'string | undefined', node: str, required: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { node, required } = field(c.def);
      assert.deepEqual(node, c.node);
      assert.equal(required, c.required ?? true);
    });
  }

  it("'key?' is optional", () => {
    const root = arktypeToSchema(type({ 'a?': 'string', b: 'string' }), { name: 'spec' });
    assert.ok(root.kind === 'struct');
    assert.deepEqual(root.required, ['b']);
  });
});

describe('arktypeToSchema rejections', () => {
  const cases: { name: string; def: unknown; message: RegExp }[] = [
    { name: 'null union', def: 'string | null', message: /^spec\.x: null is not supported by KRO; make the field optional/ },
    { name: 'mixed union', def: 'string | number', message: /^spec\.x: unions of different kinds/ },
    { name: 'union of objects', def: type({ a: 'string' }).or({ b: 'string' }), message: /^spec\.x: unions of different kinds/ },
    { name: 'mixed literals', def: "'a' | 1", message: /^spec\.x: literal unions must be all strings or all integers/ },
    { name: 'float literals', def: '1.5 | 2', message: /non-integer number literals/ },
    { name: 'boolean literal', def: 'true', message: /the literal true cannot be expressed/ },
    { name: 'morph', def: 'string.numeric.parse', message: /^spec\.x: morphs/ },
    { name: 'trim morph', def: 'string.trim', message: /morphs/ },
    { name: 'narrow', def: type('string').narrow(() => true), message: /narrow\(\) predicates/ },
    { name: 'tuple', def: ['string', 'number'], message: /^spec\.x: tuples/ },
    { name: 'Date', def: 'Date', message: /instances of Date/ },
    { name: 'bigint', def: 'bigint', message: /the bigint type has no SimpleSchema equivalent/ },
    { name: 'divisor', def: 'number % 2', message: /divisibility by 2/ },
    { name: 'exclusive float bound', def: 'number > 0', message: /exclusive bounds .* use >= or <=/ },
    { name: 'lookahead regex', def: '/^(?!x)a$/', message: /uses a lookahead assertion \(\(\?!\), which Go's RE2 does not support/ },
    { name: 'backreference', def: '/(a)\\1/', message: /uses a backreference \(\\1\), which Go's RE2 does not support/ },
    { name: 'two regexes', def: '/^a/ & /b$/', message: /several regex constraints/ },
    { name: 'nested path', def: { inner: { deep: 'string | null' } }, message: /^spec\.x\.inner\.deep: null/ },
    { name: 'path through arrays', def: type({ v: 'string | number' }).array(), message: /^spec\.x\[\]\.v: unions/ },
    { name: 'non-string record key', def: 'Record<symbol, string>', message: /Record<string, V>/ },
  ];
  for (const c of cases) {
    it(c.name, () => assert.throws(() => field(c.def), (err: unknown) => err instanceof SchemaError && c.message.test(err.message)));
  }

  it('regex flag i becomes an RE2 inline flag', () => {
    assert.deepEqual(field(type('string').matching(/^a$/i)).node, { kind: 'string', markers: { pattern: '(?i)^a$', highestChar: 0xffff } });
  });

  it('rejects a non-object root', () => {
    assert.throws(() => arktypeToSchema(type('string'), { name: 'status' }), /^SchemaError: status: must be an object type|status: must be an object type/);
  });

  it('rejects a schema without arktype\'s json view (a Standard Schema from another library), naming the schema', () => {
    const foreign = { '~standard': { version: 1, vendor: 'other', validate: (value: unknown) => ({ value }) } };
    assert.throws(() => arktypeToSchema(foreign as never, { name: 'spec' }), /spec: must be an arktype type like type\(\{ name: 'string' \}\)/);
  });

  it('rejects an object root without fields, saying how to declare them', () => {
    assert.throws(() => arktypeToSchema(type({}), { name: 'spec' }), /spec: must declare its fields, like type\(\{ name: 'string' \}\) \(optional fields are fine/);
  });
});
