/**
 * Refusals of src/analysis and src/composition that no test held to its message before (found by comparing
 * each `syntaxError(...)` message of the source with the tests' text): each construct is defined here and
 * must be refused at its place with the exact message (golden/uncovered-refusals.txt).
 */
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const { assertTable } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', 'nick?': 'string', 'on?': 'boolean', tags: 'string[]', 'more?': 'string[]', 'n?': 'number.integer', m: 'Record<string, string>', u: 'object' });
const definition = { apiVersion: 'refusals.typekro.dev/v1alpha1', kind: 'Uncovered', spec, status: type({ 'v?': 'string', 'b?': 'boolean', 'n?': 'number' }) };

const ROWS: readonly RefusalRow[] = [
  // JavaScript takes the first branch on the placeholders (a reference is truthy): the second is compiled from source only.
  ['Buffer.alloc makes a Buffer', () => kubernetesComposition({ ...definition, name: 'buffer-alloc' }, (spec) => ({ v: spec.name ? 'x' : String(Buffer.alloc(2)) })), 'makes a Node.js Buffer'],
  ['Buffer.from(...).subarray', () => kubernetesComposition({ ...definition, name: 'buffer-sub' }, (spec) => ({ v: spec.name ? 'x' : String(Buffer.from(spec.name).subarray(1)) })), 'has no CEL form'],
  ['Buffer.from of a list', () => kubernetesComposition({ ...definition, name: 'buffer-list' }, (spec) => ({ v: spec.name ? 'x' : Buffer.from(spec.tags as never).toString('base64') })), 'not text'],
  ['atob decodes Latin-1', () => kubernetesComposition({ ...definition, name: 'atob' }, (spec) => ({ v: spec.name ? 'x' : atob(spec.name) })), 'Latin-1'],
  ['a list index that is not an integer', () => kubernetesComposition({ ...definition, name: 'index-fraction' }, (spec) => ({ v: spec.tags[1.5] ?? 'x' })), 'always undefined'],
  // TypeScript refuses a bigint key too; tsx runs what TypeScript would not compile, and TypeKro reads the source
  // @ts-expect-error a bigint literal as a property name
  ['a bigint key in an object literal', () => kubernetesComposition({ ...definition, name: 'key-bigint' }, (spec) => { ConfigMap({ name: 'k', data: spec.name ? { a: 'x' } : ({ 1n: spec.name } as never) }); return {}; }), 'keys must'],
  // @ts-expect-error a bigint literal as a property name
  ['a bigint key beside a spread', () => kubernetesComposition({ ...definition, name: 'key-bigint-spread' }, (spec) => { ConfigMap({ name: 'k', data: spec.name ? { a: 'x' } : ({ ...{ a: spec.name }, 1n: 'x' } as never) }); return {}; }), 'keys must'],
  ['__proto__ as a key', () => kubernetesComposition({ ...definition, name: 'proto-key' }, (spec) => { ConfigMap({ name: 'p', data: spec.name ? {} : ({ ...{ a: spec.name }, __proto__: { b: 'x' } } as never) }); return {}; }), '__proto__'],
  ['concat of a value of unknown type', () => kubernetesComposition({ ...definition, name: 'concat-dyn' }, (spec) => ({ v: spec.tags.concat(Cel.expr('["a"]')).join() })), 'not known'],
  ['Math.max() without arguments', () => kubernetesComposition({ ...definition, name: 'max-empty' }, (spec) => ({ n: spec.tags.length > 0 ? Math.max() : 0 })), 'no number for'],
  ['undefined written into text', () => kubernetesComposition({ ...definition, name: 'undefined-text' }, (spec) => ({ v: spec.name ? 'x' : `${spec.name}${undefined}` })), 'into the text'],
  ['=== null on a computed value of unknown type', () => kubernetesComposition({ ...definition, name: 'null-computed' }, (spec) => ({ b: ((spec.u as { a?: unknown }).a ?? (spec.u as { b?: unknown }).b) === null })), 'unknown type'],
];

test('constructs refused in the source are refused here with their exact message (golden/uncovered-refusals.txt)', (t) => {
  assertTable(t, ROWS, new URL('./golden/uncovered-refusals.txt', import.meta.url));
});
