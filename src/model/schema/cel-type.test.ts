import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { T } from '../../ir/types.js';
import { arktypeToSchema } from './arktype.js';
import { schemaToCelType } from './cel-type.js';
import { applyDefaults, defaultsOf } from './defaults.js';

const spec = arktypeToSchema(
  type({
    name: 'string',
    'replicas?': 'number.integer',
    ratio: 'number = 0.5',
    enabled: 'boolean',
    tags: 'string[]',
    labels: 'Record<string, string>',
    extra: 'object',
    ingress: { 'enabled?': 'boolean', host: 'string = "example.com"' },
    'db?': { host: 'string' },
    ports: type({ port: 'number.integer', protocol: "'TCP'|'UDP' = 'TCP'" }).array(),
  }),
  { name: 'spec' },
);

describe('schemaToCelType', () => {
  it('maps every kind and marks absent-able fields optional', () => {
    assert.deepEqual(
      schemaToCelType(spec),
      T.object({
        name: { type: T.string, optional: false },
        replicas: { type: T.int, optional: true },
        ratio: { type: T.double, optional: false },
        enabled: { type: T.bool, optional: false },
        tags: { type: T.list(T.string), optional: false },
        labels: { type: T.map(T.string), optional: false },
        extra: { type: T.dynObject, optional: false },
        ingress: {
          type: T.object({ enabled: { type: T.bool, optional: true }, host: { type: T.string, optional: false } }),
          optional: false,
        },
        db: { type: T.object({ host: { type: T.string, optional: false } }), optional: true },
        ports: {
          type: T.list(T.object({ port: { type: T.int, optional: false }, protocol: { type: { kind: 'string', values: ['TCP', 'UDP'] }, optional: false } })),
          optional: false,
        },
      }),
    );
  });
});

describe('applyDefaults', () => {
  const cases: { name: string; input: unknown; output: unknown }[] = [
    {
      name: 'fills scalars, implied {} structs and array items',
      input: { name: 'web', ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] },
      output: { name: 'web', ratio: 0.5, ingress: { host: 'example.com' }, ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
    },
    { name: 'keeps given values', input: { ratio: 2, ingress: { host: 'h' } }, output: { ratio: 2, ingress: { host: 'h' } } },
    { name: 'wrong shapes pass through', input: 'nope', output: 'nope' },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(applyDefaults(spec, c.input), c.output));

  it('defaults are copies', () => {
    const node = { kind: 'array', items: { kind: 'string', markers: {} }, markers: { default: ['a'] } } as const;
    const first = defaultsOf(node) as string[];
    first.push('b');
    assert.deepEqual(defaultsOf(node), ['a']);
  });
});

describe('schemaToCelType of a status (defaults not filled in)', () => {
  // A status holds what the composition computed; KRO fills in none of its schema's defaults, so a parent
  // reading `child.status.cache?.size ?? 5` must test for `cache` (typed present, it compiled to a constant).
  const status = arktypeToSchema(type({ ok: 'boolean', 'cache?': { size: 'number.integer = 1' }, n: 'number = 2' }), { name: 'status' });

  it('types every field that is not required optional', () => {
    const typed = schemaToCelType(status, { filled: false });
    assert.equal(typed.kind, 'object');
    if (typed.kind !== 'object') return;
    assert.deepEqual(Object.fromEntries(Object.entries(typed.fields).map(([k, f]) => [k, f.optional])), { ok: false, cache: true, n: true });
  });

  it('as a spec, the defaulted fields are present', () => {
    const typed = schemaToCelType(status);
    if (typed.kind !== 'object') return assert.fail(typed.kind);
    assert.deepEqual(Object.fromEntries(Object.entries(typed.fields).map(([k, f]) => [k, f.optional])), { ok: false, cache: false, n: false });
  });
});
