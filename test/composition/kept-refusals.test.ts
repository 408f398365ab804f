/**
 * The refusals kept next to the once-refused constructs that now compile (test/differential/refusal-cases.ts),
 * each with its reason and a way out: the uses of a spec map's keys, values or entries whose value the order
 * could change, a map that may be undefined, `Buffer.from` of a bare reference (its way out, `String(...)`,
 * checked to give JavaScript's value), and a `test && Factory(...)` handle used as a value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { Service } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);
const definition = { kind: 'MapUses', spec: type({ name: 'string', config: 'Record<string, string>', 'extra?': 'Record<string, string>' }), status: type({ v: 'string' }) };

test('joining the keys of a spec map is refused: CEL goes through a map in its own order', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'map-join' }, (spec) => ({ v: Object.keys(spec.config).join(',') })));
  assert.equal(
    message,
    `${at("'map-join'", 'Object.keys(')}: \`Object.keys(spec.config)\` goes through a map the instance holds: KRO repeats resources only over a list, and CEL goes through a map in an order of its own, not JavaScript's (the order the instance wrote the keys), so only what no order can change compiles\n    Object.keys(spec.config)\n  hint: to make resources per entry, make the spec field a list of objects (\`queues: [{ name: 'hi', queue: 'q-high' }]\`) and loop over it; otherwise use \`.length\`, \`.filter(...).length\`, \`.includes(x)\`, \`.every(...)\` or \`.some(...)\` of it`,
  );
});

test('the first value of a spec map is refused for the same reason', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'map-first' }, (spec) => ({ v: Object.values(spec.config)[0] ?? '' })));
  assert.match(message, new RegExp(`^${at("'map-first'", 'Object.values(')}: \`Object.values\\(spec.config\\)\` goes through a map the instance holds`.replace(/[.]/g, '\\$&')));
});

test('some over the entries of a spec map compiles (the macro over the keys, `v` read as `m[k]`); a callback that is not a pair of names is refused', () => {
  const entries = kubernetesComposition({ ...definition, name: 'map-entries-some' }, (spec) => ({ v: Object.entries(spec.config).some(([k, v]) => k === v) ? 'y' : 'n' }));
  assert.match(entries.toYaml(), /v: '\$\{schema\.spec\.config\.exists\(k, k == schema\.spec\.config\[k\]\) \? "y" : "n"\}'/);
  for (const config of [{}, { a: 'b' }, { a: 'b', c: 'c' }] as Record<string, string>[]) assert.equal(simulate(entries, { name: 'n', config }).status['v'], Object.entries(config).some(([k, v]) => k === v) ? 'y' : 'n');
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'map-entries-pair' }, (spec) => ({ v: Object.entries(spec.config).some((e) => e[0] === e[1]) ? 'y' : 'n' })));
  assert.equal(
    message,
    `${at("'map-entries-pair'", 'Object.entries(')}: \`Object.entries(spec.config).some(...)\` with a callback other than \`([k, v]) => expression\`\n    Object.entries(spec.config).some((e) => e[0] === e[1])\n  hint: take the pair as two names: \`Object.entries(spec.config).some(([k, v]) => ...)\`, or go over the keys: \`Object.keys(spec.config).some((k) => ... spec.config[k] ...)\``,
  );
  // The other way out gives JavaScript's value too.
  const keys = kubernetesComposition({ ...definition, name: 'map-keys-some' }, (spec) => ({ v: Object.keys(spec.config).some((k) => spec.config[k] === k) ? 'y' : 'n' }));
  for (const config of [{}, { a: 'b' }, { a: 'b', c: 'c' }] as Record<string, string>[]) assert.equal(simulate(keys, { name: 'n', config }).status['v'], Object.entries(config).some(([k, v]) => k === v) ? 'y' : 'n');
});

test('the count of an optional map without a default is refused: JavaScript throws there', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'map-optional' }, (spec) => ({ v: `${Object.keys(spec.extra!).length}` })));
  assert.equal(
    message,
    `${at("'map-optional'", 'Object.keys(')}: \`Object.keys(spec.extra!)\` of a map that may be undefined: JavaScript throws a TypeError there\n    Object.keys(spec.extra!)\n  hint: give it a default first: \`Object.keys(spec.extra! ?? {})\``,
  );
  const counted = kubernetesComposition({ ...definition, name: 'map-optional-default' }, (spec) => ({ v: `${Object.keys(spec.extra ?? {}).length}` }));
  for (const extra of [undefined, {}, { a: 'b', c: 'd' }] as (Record<string, string> | undefined)[]) assert.equal(simulate(counted, { name: 'n', config: {}, ...(extra && { extra }) }).status['v'], String(Object.keys(extra ?? {}).length));
});

test('Buffer.from of a bare reference names String(...), which gives the same base64', () => {
  const message = definitionError(() => kubernetesComposition({ ...definition, name: 'buffer-bare' }, (spec) => ({ v: Buffer.from(spec.name).toString('base64') })));
  assert.equal(
    message,
    `${at("'buffer-bare'", 'from(')}: TypeError: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received the reference spec.name\n  JavaScript ran on a reference there (its value exists only in the cluster), and such code cannot be compiled to CEL; hand Buffer.from the reference as text, \`Buffer.from(String(spec.name)).toString('base64')\` (or a template literal), which TypeKro compiles to KRO's base64.encode of the UTF-8 bytes`,
  );
  const encoded = kubernetesComposition({ ...definition, name: 'buffer-string' }, (spec) => ({ v: Buffer.from(String(spec.name)).toString('base64') }));
  // An instance name of its own: 'é😀' is text to encode here, not a name a deploy (or simulate) takes for the instance.
  for (const name of ['', 'a', 'é😀']) assert.equal(simulate(encoded, { name, config: {} }, { name: 'encoded' }).status['v'], Buffer.from(name).toString('base64'));
});

test('a handle bound with `test && Factory(...)` used as a value (compared) is refused as the ternary form is (tested, it is its test: conditional-handles.test.ts)', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'and-handle-bare' }, (spec) => {
      const svc = spec.name !== 'x' && Service({ id: 'svc', name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
      return { v: svc === false ? 'n' : 'y' };
    }),
  );
  assert.equal(
    message,
    `${at("'and-handle-bare'", 'svc ===')}: \`svc\` holds a resource only where \`spec.name !== 'x'\` is true (\`spec.name !== 'x' && Service({ id: 'svc', name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] })\`), and is used here as a value: CEL has no value for a resource that does not exist\n    svc\n  hint: test the condition itself (\`spec.name !== 'x' ? ... : ...\`) and read \`svc\`'s fields under it (\`svc!.status...\`)`,
  );
});
