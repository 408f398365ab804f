/**
 * Refusals whose reason or way out was false or unclear (trial 10 R01, R05, R06, R13, R16, R17; trial 9's
 * list index hint), each with its exact message; and each way out a hint names, compiled and held to
 * JavaScript's value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import * as lev from 'fastest-levenshtein';
import { Cel, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ total: 'number.integer', per: 'number.integer', shards: 'number.integer', name: 'string', ratio: 'number', 'config?': 'Record<string, string>' }),
  status: type({ v: 'unknown' }),
});

interface Spec {
  total: number;
  per: number;
  shards: number;
  name: string;
  ratio: number;
  config?: Record<string, string>;
}

const SPECS: Spec[] = [
  { total: 7, per: 2, shards: 2, name: 'pr', ratio: 0.5, config: { a: '1', b: '2' } },
  { total: -7, per: 2, shards: 0, name: 'x', ratio: 1.5 },
  { total: 6, per: 3, shards: 1, name: 'y', ratio: 2, config: {} },
  { total: 0, per: 5, shards: 1, name: 'z', ratio: -1 },
  { total: -1, per: 2, shards: 1, name: 'w', ratio: 3 },
];

test('a factory in the callback of a count is refused as the counted loop it is (R01)', () => {
  const message = refusal(() => kubernetesComposition(def('count-callback'), (spec) => {
    Array.from({ length: spec.shards }, (_x, i) => ConfigMap({ name: `shard-${i}`, data: {} }));
    return { v: 1 };
  }));
  assert.equal(message, `${at("'count-callback'", 'Array.from(')}: a resource is created in the callback of \`Array.from(...)\`, a count that depends on a reference: JavaScript ran it once, at definition time, on a placeholder (no item, so the callback never ran), and KRO can only repeat a resource over a list
    Array.from({ length: spec.shards }, (_x, i) => ConfigMap({ name: \`shard-\${i}\`, data: {} }))
  hint: loop over a spec list (\`spec.shards.map((shard) => ...)\` with \`shards: ['a', 'b']\` in the spec), or count to a number known at definition time (\`Array.from({ length: 3 }, ...)\`)`);
  // The way out: a count known at definition time.
  const three = kubernetesComposition(def('count-three'), (spec) => {
    Array.from({ length: 3 }, (_x, i) => ConfigMap({ name: `${spec.name}-${i}`, data: {} }));
    return { v: 1 };
  });
  assert.equal(three.graph.resources.length, 3);
});

test('Object.entries of a map the instance holds names the call and a way out per use (R05)', () => {
  const message = refusal(() => kubernetesComposition(def('map-entries'), (spec) => {
    for (const [key, value] of Object.entries(spec.config ?? {})) ConfigMap({ name: `q-${key}`, data: { value } });
    return { v: 1 };
  }));
  assert.equal(message, `${at("'map-entries'", 'Object.entries(')}: \`Object.entries(spec.config ?? {})\` goes through a map the instance holds: KRO repeats resources only over a list, and CEL goes through a map in an order of its own, not JavaScript's (the order the instance wrote the keys), so only what no order can change compiles
    Object.entries(spec.config ?? {})
  hint: to make resources per entry, make the spec field a list of objects (\`queues: [{ name: 'hi', queue: 'q-high' }]\`) and loop over it; otherwise use \`.length\`, \`.filter(...).length\`, \`.includes(x)\`, \`.every(...)\` or \`.some(...)\` of it`);
  // The way out to count: the same number as JavaScript's Object.keys(...).length.
  const count = kubernetesComposition(def('map-size'), (spec) => ({ v: Cel.expr<number>('size(', spec.config ?? {}, ')') }));
  for (const spec of SPECS) assert.equal(simulate(count, spec, { crossCheck: false }).status['v'], Object.keys(spec.config ?? {}).length, JSON.stringify(spec));
});

test('Array.from, Number.isInteger and Number.isNaN are named with a way out (R06)', () => {
  const from = refusal(() => kubernetesComposition(def('array-from'), (spec) => ({ v: Array.from({ length: spec.shards }, (_x, i) => `w-${i}`).join(',') })));
  assert.equal(from, `${at("'array-from'", 'Array.from(')}: \`Array.from(...)\` is JavaScript's built-in function, and TypeKro has no CEL form for it
    Array.from({ length: spec.shards }, (_x, i) => \`w-\${i}\`)
  hint: a list is already a list: use it as it is (\`spec.tags\`) or copy it with \`[...spec.tags]\`; \`Array.from({ length: n }, ...)\` counts, and KRO repeats only over a list: put the list into the spec (\`shards: ['a', 'b']\`) and loop over it`);
  const integer = refusal(() => kubernetesComposition(def('is-integer'), (spec) => ({ v: Number.isInteger(spec.total / spec.per) })));
  assert.equal(integer, `${at("'is-integer'", 'Number.isInteger(')}: \`Number.isInteger(...)\` is JavaScript's built-in function, and TypeKro has no CEL form for it
    Number.isInteger(spec.total / spec.per)
  hint: for ints a and b, Number.isInteger(a / b) is a % b === 0; a field typed 'number.integer' always holds one`);
  const nan = refusal(() => kubernetesComposition(def('is-nan'), (spec) => ({ v: Number.isNaN(spec.ratio) })));
  assert.equal(nan, `${at("'is-nan'", 'Number.isNaN(')}: \`Number.isNaN(...)\` is JavaScript's built-in function, and TypeKro has no CEL form for it
    Number.isNaN(spec.ratio)
  hint: x !== x is true only for NaN, in CEL as in JavaScript`);
  // The ways out, against JavaScript's value of the refused form.
  const outs = kubernetesComposition(def('number-outs'), (spec) => ({ v: { integer: spec.total % spec.per === 0, nan: spec.ratio !== spec.ratio } }));
  for (const spec of SPECS) {
    const expected = { integer: Number.isInteger(spec.total / spec.per), nan: Number.isNaN(spec.ratio) };
    assert.deepEqual(simulate(outs, spec, { crossCheck: false }).status['v'], expected, JSON.stringify(spec));
    assert.deepEqual(evaluateConcrete(outs, spec).status['v'], expected);
  }
});

test('Math.ceil and Math.floor of a quotient hint at a form with the same value (R13)', () => {
  const ceil = refusal(() => kubernetesComposition(def('ceil'), (spec) => ({ v: Math.ceil(spec.total / spec.per) })));
  assert.equal(ceil, `${at("'ceil'", 'Math.ceil(')}: Math.ceil has no CEL equivalent (there is no math library in KRO)
    Math.ceil(spec.total / spec.per)
  hint: for ints a and b > 0, Math.ceil(a / b) is Math.trunc(a / b) + (a % b > 0 ? 1 : 0); TypeKro compiles Math.max, Math.min, Math.abs, Math.trunc, Math.sign`);
  const floor = refusal(() => kubernetesComposition(def('floor'), (spec) => ({ v: Math.floor(spec.total / spec.per) })));
  assert.equal(floor, `${at("'floor'", 'Math.floor(')}: Math.floor has no CEL equivalent (there is no math library in KRO)
    Math.floor(spec.total / spec.per)
  hint: for ints a and b > 0, Math.floor(a / b) is Math.trunc(a / b) - (a % b < 0 ? 1 : 0); on values >= 0, Math.floor(x) is Math.trunc(x); TypeKro compiles Math.max, Math.min, Math.abs, Math.trunc, Math.sign`);
  const outs = kubernetesComposition(def('ceil-outs'), (spec) => ({
    v: { ceil: Math.trunc(spec.total / spec.per) + (spec.total % spec.per > 0 ? 1 : 0), floor: Math.trunc(spec.total / spec.per) - (spec.total % spec.per < 0 ? 1 : 0) },
  }));
  for (const spec of SPECS) {
    // `+ 0` turns JavaScript's -0 (Math.ceil(-1 / 2)) into the 0 an int is.
    const expected = { ceil: Math.ceil(spec.total / spec.per) + 0, floor: Math.floor(spec.total / spec.per) + 0 };
    assert.deepEqual(simulate(outs, spec, { crossCheck: false }).status['v'], expected, JSON.stringify(spec));
  }
});

test('Math.random(), Date.now() and new Date() are refused as values that change per run (R16, N01-N03)', () => {
  const random = refusal(() => kubernetesComposition(def('random'), (spec) => {
    ConfigMap({ name: `${spec.name}-${Math.random().toString(36).slice(2, 7)}`, data: {} });
    return { v: 1 };
  }));
  assert.equal(random, `${at("'random'", 'Math.random()')}: \`Math.random()\` gives another value each time it runs: TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either
    Math.random()
  hint: pass the value through the spec; for a suffix that differs per instance and stays the same on every reconcile, use KRO's seeded random: Cel.expr<string>('random.seededString(5, ', spec.name, ')')`);
  const date = refusal(() => kubernetesComposition(def('new-date'), (spec) => {
    ConfigMap({ name: spec.name, data: { at: new Date().toISOString() } });
    return { v: 1 };
  }));
  const timeHint = 'hint: pass the time through the spec (`spec.deployedAt`), or leave it to the cluster: every object has `metadata.creationTimestamp`';
  assert.equal(date, `${at("'new-date'", 'new Date()')}: \`new Date()\` gives another value each time it runs: TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either
    new Date()
  ${timeHint}`);
  const now = refusal(() => kubernetesComposition(def('date-now'), () => ({ v: Date.now() > 0 })));
  assert.ok(now.startsWith(`${at("'date-now'", 'Date.now()')}: \`Date.now()\` gives another value each time it runs`), now);
  assert.ok(now.endsWith(timeHint));
  // A local named Date is not the global.
  const local = kubernetesComposition(def('local-date'), (spec) => {
    const Date = { now: () => 1 };
    return { v: spec.total + Date.now() };
  });
  assert.equal(simulate(local, SPECS[0]!, { crossCheck: false }).status['v'], 8);
  // The way out: KRO's seeded random, the same text for the same seed on every reconcile.
  const seeded = kubernetesComposition(def('seeded'), (spec) => ({ v: Cel.expr<string>('random.seededString(5, ', spec.name, ')') }));
  const first = simulate(seeded, SPECS[0]!, { crossCheck: false }).status['v'];
  assert.equal(typeof first, 'string');
  assert.equal((first as string).length, 5);
  assert.equal(simulate(seeded, SPECS[0]!, { crossCheck: false }).status['v'], first);
});

test('a function of a package reached through its namespace import is named with the package (R17)', () => {
  const message = refusal(() => kubernetesComposition(def('package-ns'), (spec) => ({ v: lev.distance(spec.name, 'x') })));
  assert.equal(message, `${at("'package-ns'", 'lev.distance(')}: \`lev.distance(...)\` comes from the package "fastest-levenshtein" (\`lev\` is its namespace import): its code runs in JavaScript only (TypeKro does not read it), so what it computes from a reference cannot be compiled to CEL
    lev.distance(spec.name, 'x')
  hint: compute the value in the composition or in a helper of your own source files (TypeKro reads those), or write Cel.expr(...)`);
});

test('a handle list mapped to values that may be undefined names the default to write (unrolled-lists.ts)', () => {
  const message = refusal(() => kubernetesComposition(def('mapped-absent'), (spec) => {
    const ds = ['dev', 'prod'].map((env) => Deployment({ name: `${spec.name}-${env}`, image: 'nginx' }));
    return { v: ds.map((d) => d.status.readyReplicas) };
  }));
  assert.equal(message, `${at("'mapped-absent'", 'd.status.readyReplicas')}: a mapped value that may be undefined: JavaScript's list holds \`undefined\` there, which a CEL list cannot hold
    d.status.readyReplicas
  hint: give it the value the list should hold instead with \`??\` (\`d.status.readyReplicas ?? ''\`), or map only the objects that have it`);
});

test('a value defined in terms of itself is refused where the compiler meets the loop, not with a stack overflow', () => {
  const call = refusal(() => kubernetesComposition(def('self-call'), (spec) => {
    const cfg = (): { x: number } => cfg();
    return { v: spec.total > 1 ? cfg().x : 1 };
  }));
  const reason = 'this value is defined in terms of itself (TypeKro followed 200 names, members, spreads and calls from it without reaching a value), which JavaScript cannot evaluate either';
  const hint = 'hint: define each value from values declared before it, with no function that returns a call of itself';
  assert.equal(call, `${at("'self-call'", 'cfg();')}: ${reason}\n    cfg()\n  ${hint}`);
  const alias = refusal(() => kubernetesComposition(def('self-alias'), (spec) => {
    const pick = (): { x: number } => {
      // @ts-expect-error -- the self-reference under test (JavaScript's temporal dead zone, never reached: pick() does not run)
      const a: { x: number } = b;
      const b: { x: number } = a;
      return a;
    };
    return { v: spec.total > 1 ? pick().x : 1 };
  }));
  assert.equal(alias, `${at("'self-alias'", 'a;')}: ${reason}\n    a\n  ${hint}`);
});

const SIZES = { dev: { r: 1 }, staging: { r: 2 }, prod: { r: 3 } };

test('a member of a constant table looked up by a reference names the lookup, and its ?. way out gives the same value (trial 9 T01)', () => {
  const envDef = { name: 'table-dot', kind: 'TableDot', spec: type({ env: "'dev' | 'staging' | 'prod'" }), status: type({ v: 'number' }) };
  const message = refusal(() => kubernetesComposition(envDef, (spec) => ({ v: SIZES[spec.env].r })));
  assert.equal(message, `${at("'table-dot'", 'SIZES[spec.env].r')}: \`SIZES[spec.env]\` looks up an entry by a reference, which finds none while the composition runs on references (the key is a placeholder then, whatever values its type lists), so JavaScript fails reading \`.r\` of it (Cannot read properties of undefined (reading 'r'))
    SIZES[spec.env].r
  hint: TypeKro runs the function once with references in place of values, so an object indexed by one finds no entry: read through \`?.\` (\`SIZES[spec.env]?.r\`), which TypeKro compiles, choose with a ternary or \`if\`, or write the CEL with Cel.expr(...)`);
  const optional = kubernetesComposition({ ...envDef, name: 'table-opt' }, (spec) => ({ v: SIZES[spec.env]?.r ?? 0 }));
  // (The expected values written out: passing a read of SIZES to a function would count as a possible write to it.)
  for (const [env, r] of [['dev', 1], ['staging', 2], ['prod', 3]] as const) assert.equal(simulate(optional, { env }, { crossCheck: false }).status['v'], r);
});
