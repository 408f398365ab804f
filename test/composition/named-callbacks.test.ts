/**
 * List callbacks passed by name (trial 8 T17): JavaScript calls them with the item, its index and the list, so
 * one that declares more than the item is refused, as is `parseInt` (the index becomes its radix) and a name
 * that is no function TypeKro can read. What compiles is compared with JavaScript in
 * test/differential/call-cases.ts. Exact messages, with locations computed from this file's text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';

const file = fileURLToPath(import.meta.url);
const lines = readFileSync(file, 'utf8').split('\n');

/** `file:line:column` of the first line holding `marker`, at `fragment`. */
function at(marker: string, fragment: string): string {
  const index = lines.findIndex((line) => line.includes(marker) && !line.includes('at('));
  assert.ok(index >= 0, `marker ${marker}`);
  const column = lines[index]!.indexOf(fragment);
  assert.ok(column >= 0, `fragment ${fragment} on the line of ${marker}`);
  return `${file}:${index + 1}:${column + 1}`;
}

const definition = { apiVersion: 'callbacks.typekro.dev/v1alpha1', kind: 'Callbacks', spec: type({ zones: 'string[]', n: 'number.integer' }), status: type({ 'ok?': 'boolean', 'list?': 'string' }) };

function atEven(zone: string, index: number): boolean {
  return zone.length > 0 && index % 2 === 0;
}
const anyOf = (...zones: unknown[]): boolean => zones.length > 0;
const LIMIT = 3;
function nested(zones: string[]): boolean {
  return zones.every(nestedZone); // m:every
}
function nestedZone(zone: string): boolean {
  return nested([zone]); // m:nested
}

describe('list callbacks passed by name', () => {
  it('a function declaring the index (or a rest parameter) is refused: CEL macros give only the item', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'index' }, (spec) => ({ ok: spec.zones.every(atEven) })), // m:index
      { message: `${at('m:index', 'atEven')}: \`atEven\` declares 2 parameters: \`every\` passes it the item, the item's index and the list, and CEL's macros give only the item\n    atEven\n  hint: call it with the item alone: \`.every((x) => atEven(x))\`` },
    );
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'rest' }, (spec) => ({ ok: spec.zones.some(anyOf) })), // m:rest
      { message: `${at('m:rest', 'anyOf')}: \`anyOf\` declares a rest parameter: \`some\` passes it the item, the item's index and the list, and CEL's macros give only the item\n    anyOf\n  hint: call it with the item alone: \`.some((x) => anyOf(x))\`` },
    );
  });

  it('parseInt by name is refused: the index becomes its radix', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'parse' }, (spec) => ({ list: spec.zones.map(parseInt).join(',') })), // m:parse
      { message: `${at('m:parse', 'parseInt')}: \`parseInt\` passed by name is given the item's index as its radix (\`['10', '10'].map(parseInt)\` is [10, NaN])\n    parseInt\n  hint: call it with the item alone: \`.map((x) => parseInt(x))\`` },
    );
  });

  it('a name that is no function keeps the inline-function refusal', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'constant' }, (spec) => ({ ok: spec.zones.some(LIMIT as never) })), // m:constant
      { message: `${at('m:constant', 'LIMIT')}: the callback must be an inline function\n    LIMIT\n  hint: write \`(x) => ...\` inline` },
    );
  });

  it('a helper passed by name that calls itself is refused as recursion', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'nested' }, (spec) => ({ ok: nested(spec.zones) })), // m:nestedCall
      { message: `${at('m:nested', 'nested([zone])')}: \`nested(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion\n    nested([zone])\n  hint: compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)\n  in \`nestedZone(...)\` called at ${at('m:every', 'nestedZone')}\n  in \`nested(...)\` called at ${at('m:nestedCall', 'nested(spec')}` },
    );
  });
});
