import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakingChanges, crdBreakingChanges } from './breaking.js';

const base = {
  spec: { name: 'string | required=true', replicas: 'integer | default=1', mode: 'string | enum="a,b"', users: '[]User' },
  types: { User: { name: 'string | required=true', admin: 'boolean' } },
  status: { a: '${x}', b: '${y}', o: { c: '${z}' } },
};

const cases: { name: string; after: { spec: unknown; types?: unknown; status?: unknown }; expected: string[] }[] = [
  { name: 'same schema', after: base, expected: [] },
  { name: 'new optional field', after: { ...base, spec: { ...base.spec, extra: 'string' } }, expected: [] },
  { name: 'widened enum', after: { ...base, spec: { ...base.spec, mode: 'string | enum="a,b,c"' } }, expected: [] },
  { name: 'removed field', after: { ...base, spec: { name: base.spec.name, replicas: base.spec.replicas, mode: base.spec.mode, users: base.spec.users } , types: { User: { name: 'string | required=true' } } }, expected: ['spec.users[].admin: field removed'] },
  { name: 'changed type', after: { ...base, spec: { ...base.spec, replicas: 'float | default=1' } }, expected: ['spec.replicas: type changed from integer to float'] },
  { name: 'new required field', after: { ...base, spec: { ...base.spec, owner: 'string | required=true' } }, expected: ['spec.owner: new required field'] },
  { name: 'narrowed enum', after: { ...base, spec: { ...base.spec, mode: 'string | enum="a"' } }, expected: ['spec.mode: allowed values narrowed (removed b)'] },
  { name: 'pattern changed', after: { ...base, spec: { ...base.spec, name: 'string | required=true pattern="^[a-z]+$"' } }, expected: ['spec.name: pattern changed'] },
  // KRO v0.9.4 refuses these live: "cannot update CRD ...: breaking changes detected: Property b was removed" (trial 9 T11).
  { name: 'removed status field', after: { ...base, status: { a: '${x}' } }, expected: ['status.b: field removed', 'status.o: field removed', 'status.o.c: field removed'] },
  { name: 'status field made an object', after: { ...base, status: { a: { inner: '${x}' }, b: '${y}', o: { c: '${z}' } } }, expected: ['status.a: type changed from a value to object'] },
  { name: 'new status field, another expression', after: { ...base, status: { a: '${other}', b: '${y}', o: { c: '${z}' }, d: '${w}' } }, expected: [] },
];

for (const { name, after, expected } of cases) {
  test(`breaking changes: ${name}`, () => {
    const found = breakingChanges(base, after as never).map((change) => `${change.path}: ${change.problem}`);
    assert.deepEqual(found, expected);
  });
}

/** `base` as KRO generates it into the CRD (the spec of the served openAPIV3Schema). */
const crdSpec = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    replicas: { type: 'integer', default: 1 },
    mode: { type: 'string', enum: ['a', 'b'] },
    users: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, admin: { type: 'boolean' } } } },
  },
};

test('a kept CRD compares like the RGD it was generated from', () => {
  assert.deepEqual(crdBreakingChanges(crdSpec, base), []);
  // A kept CRD is compared on its spec only: its status also holds KRO's own fields (state, conditions).
  for (const { name, after, expected } of cases) {
    assert.deepEqual(crdBreakingChanges(crdSpec, after as never).map((c) => `${c.path}: ${c.problem}`), expected.filter((line) => line.startsWith('spec.')), name);
  }
});

test('a kept CRD of another schema: removed fields and retyped ones', () => {
  const found = crdBreakingChanges(crdSpec, { spec: { name: 'string | required=true', replicas: 'string' } }).map((c) => `${c.path}: ${c.problem}`);
  assert.deepEqual(found, ['spec.replicas: type changed from integer to string', 'spec.mode: field removed', 'spec.users: field removed', 'spec.users[].name: field removed', 'spec.users[].admin: field removed']);
});
