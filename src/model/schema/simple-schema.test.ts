import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import type { SchemaNode } from '../../ir/schema.js';
import { arktypeToSchema } from './arktype.js';
import { SchemaError } from './errors.js';
import { schemaToSimpleSchema, typeName } from './simple-schema.js';

const simple = (def: object) => schemaToSimpleSchema(arktypeToSchema(type(def as never), { name: 'spec' }));

describe('schemaToSimpleSchema leaves', () => {
  const cases: { name: string; def: unknown; leaf: string }[] = [
    { name: 'required string', def: 'string', leaf: 'string | required=true' },
    { name: 'float', def: 'number', leaf: 'float | required=true' },
    { name: 'integer with default and bound', def: 'number.integer >= 1 = 3', leaf: 'integer | default=3 minimum=1' },
    { name: 'float default', def: 'number = 0.5', leaf: 'float | default=0.5' },
    { name: 'boolean default', def: 'boolean = false', leaf: 'boolean | default=false' },
    { name: 'string default is quoted', def: 'string = "hello world"', leaf: 'string | default="hello world"' },
    { name: 'string enum', def: "'debug'|'info' = 'info'", leaf: 'string | default="info" enum="debug,info"' },
    { name: 'integer enum', def: '1|2|3', leaf: 'integer | required=true enum="1,2,3"' },
    { name: 'description escapes quotes', def: type('string').describe('a "quoted" \\ word'), leaf: 'string | required=true description="a \\"quoted\\" \\\\ word"' },
    { name: 'lengths', def: '2 <= string <= 5', leaf: 'string | required=true minLength=2 maxLength=5' },
    { name: 'pattern keeps regex escapes', def: '/^\\d+\\.x$/', leaf: 'string | required=true pattern="^\\\\d+\\\\.x$"' },
    { name: 'array', def: 'string[]', leaf: '[]string | required=true' },
    { name: 'array items bounds', def: type('number.integer[]').atLeastLength(1).atMostLength(4), leaf: '[]integer | required=true minItems=1 maxItems=4' },
    { name: 'array default is raw JSON', def: type('string[]').default(() => ['a', 'b c']), leaf: '[]string | default=["a","b c"]' },
    { name: 'map', def: 'Record<string, string>', leaf: 'map[string]string | required=true' },
    { name: 'nested array', def: 'string[][]', leaf: '[][]string | required=true' },
    { name: 'schemaless object', def: 'Record<string, unknown>', leaf: 'object | required=true' },
    { name: 'optional object', def: 'object | undefined', leaf: 'object' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(simple({ x: c.def }), { spec: { x: c.leaf }, types: {} }));
  }
});

describe('schemaToSimpleSchema structure', () => {
  it('sorts keys and nests optional structs as maps', () => {
    const out = simple({ zeta: 'string', 'alpha?': { 'b?': 'string', a: 'number.integer >= 1' } });
    assert.deepEqual(out, { spec: { alpha: { a: 'integer | required=true minimum=1', b: 'string' }, zeta: 'string | required=true' }, types: {} });
    assert.deepEqual(Object.keys(out.spec), ['alpha', 'zeta']);
  });

  it('a required struct KRO defaults to {} stays a nested map', () => {
    assert.deepEqual(simple({ ingress: { enabled: 'boolean = false' } }), { spec: { ingress: { enabled: 'boolean | default=false' } }, types: {} });
  });

  it('a required struct with required fields becomes a required custom type', () => {
    assert.deepEqual(simple({ database: { host: 'string', 'port?': 'number.integer' } }), {
      spec: { database: 'Database | required=true' },
      types: { Database: { host: 'string | required=true', port: 'integer' } },
    });
  });

  it('arrays of structs use custom types named after the path', () => {
    const out = simple({ containers: type({ name: 'string', ports: type({ port: 'number.integer' }).array() }).array() });
    assert.deepEqual(out, {
      spec: { containers: '[]ContainersItem | required=true' },
      types: {
        ContainersItem: { name: 'string | required=true', ports: '[]ContainersItemPortsItem | required=true' },
        ContainersItemPortsItem: { port: 'integer | required=true' },
      },
    });
  });

  it('element markers go on an alias type', () => {
    assert.deepEqual(simple({ 'tags?': '(string >= 2)[]', 'labels?': "Record<string, 'a'|'b'>" }), {
      spec: { labels: 'map[string]LabelsValue', tags: '[]TagsItem' },
      types: { LabelsValue: 'string | enum="a,b"', TagsItem: 'string | minLength=2' },
    });
  });

  it('colliding type names get numeric suffixes in sorted order', () => {
    const out = simple({ 'a?': { bC: type({ x: 'string' }).array() }, 'aB?': { c: type({ y: 'string' }).array() } });
    assert.deepEqual(Object.keys(out.types), ['ABCItem', 'ABCItem2']);
    assert.deepEqual(out.types['ABCItem'], { x: 'string | required=true' });
  });

  it('typeName', () => {
    assert.equal(typeName('spec.containers[].ports[]'), 'ContainersItemPortsItem');
    assert.equal(typeName('spec.env[*]'), 'EnvValue');
    assert.equal(typeName('spec.my-field'), 'MyField');
    assert.equal(typeName('spec.1x'), 'T1x');
  });
});

describe('schemaToSimpleSchema rejections', () => {
  const leaf = (node: SchemaNode) => schemaToSimpleSchema({ kind: 'struct', fields: { x: node }, required: [], markers: {} });
  const cases: { name: string; node: SchemaNode; message: RegExp }[] = [
    { name: 'string default with a quote', node: { kind: 'string', markers: { default: 'a"b' } }, message: /^spec\.x: string defaults cannot contain double quotes/ },
    { name: 'enum value with a comma', node: { kind: 'string', markers: { enum: ['a,b'] } }, message: /splits enum values on ","/ },
    { name: 'enum on float', node: { kind: 'float', markers: { enum: [1] } }, message: /enums are only supported on strings and integers/ },
    { name: 'pattern on integer', node: { kind: 'integer', markers: { pattern: 'x' } }, message: /pattern marker applies to string/ },
    { name: 'bad integer default', node: { kind: 'integer', markers: { default: 1.5 } }, message: /not an integer/ },
  ];
  for (const c of cases) {
    it(c.name, () => assert.throws(() => leaf(c.node), (err: unknown) => err instanceof SchemaError && c.message.test(err.message)));
  }
});
