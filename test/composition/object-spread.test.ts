/**
 * Object spreads that stay refused (trial 9 T02), each with its exact message: what compiles (a choice
 * between literals, a spec map merged with KRO's map.merge) is held to JavaScript by
 * test/differential/object-spread-cases.ts and to cel-go by object-spread.go.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', 'debug?': 'boolean', n: 'number.integer', 'labels?': 'Record<string, string>', o: { a: 'string' } });
const definition = { apiVersion: 'spreads.typekro.dev/v1alpha1', kind: 'SpreadRefusals', spec, status: type({ ok: 'boolean' }) };
const MAP_HINT = "spread it straight into an object literal that is a factory argument or a status field (`labels: { team: 't', ...spec.labels }`, compiled to KRO's map merge), pass it as a whole, or read its fields by name";
const KNOWN = 'its keys are known only once the instance (or the observed object) exists';

test('a spread of a spec object or a string names what compiles', () => {
  const object = refusal(() =>
    kubernetesComposition({ ...definition, name: 'spread-object' }, (spec) => {
      ConfigMap({ name: 'x', data: { ...spec.o } });
      return { ok: true };
    }),
  );
  const what = "in an object literal: TypeKro compiles spreads of object literals, of choices between them (`c ? { k: 'v' } : {}`) and of spec maps (`Record<string, string>`); the keys JavaScript would take from this value are not ones a CEL map can hold";
  const hint = 'hint: list the fields (`{ k: x.k }`), or declare the spec field as a map (`Record<string, string>`)';
  assert.equal(object, `${at("'spread-object'", 'spec.o }')}: a spread of an object ${what}\n    spec.o\n  ${hint}`);
  const text = refusal(() =>
    kubernetesComposition({ ...definition, name: 'spread-string' }, (spec) => {
      ConfigMap({ name: 'x', data: { ...(spec.name as unknown as Record<string, string>) } });
      return { ok: true };
    }),
  );
  assert.equal(text, `${at("'spread-string'", 'spec.name as')}: a spread of a string ${what}\n    spec.name\n  ${hint}`);
});

test("a factory's whole options set by a spread of a reference is refused at the spread", () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'spread-options' }, (spec) => {
      Deployment({ name: 'web', ...(spec.debug ? { image: 'a' } : { image: 'b' }) });
      return { ok: true };
    }),
  );
  assert.equal(
    message,
    `${at("'spread-options'", '...(spec')}: the options of this call are set by a spread that depends on a reference: which options a factory (or a nested composition) gets must be known when the composition is defined\n    ...(spec.debug ? { image: 'a' } : { image: 'b' })\n  hint: choose each option's value (\`{ image: spec.prod ? 'a' : 'b' }\`), or spread a local object literal`,
  );
});

test('a spec map spread where no compiled object takes it is refused with the way out', () => {
  const tested = definitionError(() =>
    kubernetesComposition({ ...definition, name: 'spread-unused' }, (spec) => {
      const all = { ...spec.labels };
      ConfigMap({ name: 'x', data: { team: all.team ?? 'none' } });
      return { ok: true };
    }),
  );
  assert.equal(tested, `${at("'spread-unused'", 'labels }')}: the reference spec.labels cannot be spread or enumerated when the composition is defined: ${KNOWN}\n  hint: ${MAP_HINT}`);
  const enumerated = definitionError(() =>
    kubernetesComposition({ ...definition, name: 'spread-entries' }, (spec) => {
      Deployment({ name: 'web', image: 'x', env: Object.fromEntries(Object.entries(spec.labels ?? {}).map(([k, v]) => [k.toUpperCase(), v])) });
      return { ok: true };
    }),
  );
  assert.match(enumerated, new RegExp(`^${at("'spread-entries'", 'entries(')}: the reference spec.labels cannot be spread or enumerated`.replace(/[.()]/g, '\\$&')));
  assert.ok(enumerated.endsWith(`${KNOWN}\n  hint: ${MAP_HINT}`), enumerated);
});

test('a spread of a spec map beside numbers names the one value type KRO merges', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'spread-mixed' }, (spec) => {
      Deployment({ name: 'web', image: 'x', labels: { ...spec.labels, n: spec.n } as never });
      return { ok: true };
    }),
  );
  assert.equal(
    message,
    `${at("'spread-mixed'", 'spec.labels,')}: a spread of a spec map beside values of another type (string and int): KRO merges maps (\`map.merge(map)\`) only when their values have one type\n    spec.labels\n  hint: make every value text (e.g. String(...) around a number), or write the merge with Cel.expr(...)`,
  );
});

test('a built-in that receives a reference beside a spec map spread is blamed, not the spread (trial 18 F4)', () => {
  // JavaScript throws in Buffer.from before ConfigMap runs, so the call's compiled labels never take the spread.
  const message = definitionError(() =>
    kubernetesComposition({ ...definition, name: 'spread-beside-buffer' }, (spec) => {
      ConfigMap({ name: 'x', labels: { team: 't', ...spec.labels }, data: { b64: Buffer.from(spec.name as never).toString('base64') } });
      return { ok: true };
    }),
  );
  assert.equal(
    message,
    `${at("'spread-beside-buffer'", 'from(')}: TypeError: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received the reference spec.name\n  JavaScript ran on a reference there (its value exists only in the cluster), and such code cannot be compiled to CEL; hand Buffer.from the reference as text, \`Buffer.from(String(spec.name)).toString('base64')\` (or a template literal), which TypeKro compiles to KRO's base64.encode of the UTF-8 bytes`,
  );
  // The same call with the way out compiles, spread included.
  const fixed = kubernetesComposition({ ...definition, name: 'spread-beside-buffer-fixed' }, (spec) => {
    ConfigMap({ name: 'x', labels: { team: 't', ...spec.labels }, data: { b64: Buffer.from(String(spec.name)).toString('base64') } });
    return { ok: true };
  });
  assert.match(fixed.toYaml(), /\{"team": "t"\}\.merge\(/);
});
