/**
 * Absent, undefined and null values, held to JavaScript on several inputs (concrete evaluation against the
 * compiled CEL under the direct runtime's engine). Before:
 * - `x == null` over untyped data holding JSON null compiled to `!has(x)`: false where JavaScript says true;
 * - `a ?? b` over untyped data kept a null `a` (`a.or(b)`), where JavaScript goes on to `b`;
 * - `s.substring(i)` / `s.charAt(i)` with an `i` that may be absent (an observed count, an optional spec
 *   field) read `i` plainly: KRO waited forever (or failed, `Optional value is not present`), where
 *   JavaScript reads `undefined` as 0 (`substring(undefined)` is the whole text).
 * Spec data keeps its nulls (the object the user wrote); an observed object is read as the cluster types it,
 * where a null field is not set (untyped-null.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { customResource, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { refusalsIn } from '../support/refusals.js';
import { divergences } from './observed-divergences.js';
import { Service } from '../../src/simple.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = { apiVersion: 'nulls.typekro.dev/v1alpha1', kind: 'Nulls' };
/** JSON values of every kind JavaScript's falsiness and `null` tests tell apart. */
const VALUES: readonly unknown[] = [null, 0, '', false, 'x', 1, true, { a: 1 }, []];
const untyped = (name: string) => customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name }, spec: { size: 1 } });
const TESTS = type({ a: 'boolean', b: 'boolean', c: 'boolean', d: 'string', e: 'string', f: 'boolean', g: 'boolean', h: 'unknown', 'i?': 'boolean', 'j?': 'boolean' });

test('`== null`, `=== undefined`, `=== null`, `!` and `?:` over a spec `unknown` field holding null mean what JavaScript means', () => {
  const app = kubernetesComposition({ ...definition, name: 'nulls-spec', spec: type({ name: 'string', 'extra?': 'unknown' }), status: TESTS }, (spec) => {
    const x = (spec.extra as Record<string, unknown> | undefined)?.x;
    return { a: x == null, b: x === undefined, c: x != null, d: x ? 'yes' : 'no', e: !x ? 'no' : 'yes', f: x !== undefined, g: !x, h: x ?? 'none', i: x === null, j: x !== null };
  });
  const inputs = [{ spec: { name: 'n' } }, { spec: { name: 'n', extra: {} } }, ...VALUES.map((x) => ({ spec: { name: 'n', extra: { x } } }))];
  assert.deepEqual(divergences(app as never, inputs), []);
  assert.deepEqual(evaluateConcrete(app, { name: 'n', extra: { x: null } }).status, { a: true, b: false, c: false, d: 'no', e: 'no', f: true, g: true, h: 'none', i: true, j: false });
});

test('the same over an untyped custom resource status: a null there reads as not set, as the cluster types the object', () => {
  const app = kubernetesComposition({ ...definition, name: 'nulls-observed', spec: type({ name: 'string' }), status: TESTS }, (spec) => {
    const c = untyped(spec.name);
    const x = c.status.x;
    return { a: x == null, b: x === undefined, c: x != null, d: x ? 'yes' : 'no', e: !x ? 'no' : 'yes', f: x !== undefined, g: !x, h: x ?? 'none' };
  });
  const inputs = [{}, { status: {} }, ...VALUES.map((x) => ({ status: { x } }))].map((c) => ({ spec: { name: 'n' }, observed: { c } }));
  assert.deepEqual(divergences(app as never, inputs), []);
});

test('`=== null` on an untyped cluster object is refused: read as the cluster types it, a null field is not set', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'nulls-strict', spec: type({ name: 'string' }), status: type({ a: 'boolean' }) }, (spec) => {
      const c = untyped(spec.name);
      return { a: c.status.x === null };
    }),
  );
  assert.equal(
    message,
    `${at("'nulls-strict'", 'c.status.x === null')}: \`=== null\` on a value of unknown type read from a cluster object: the object is read as the cluster types it, where a field holding null is not set, so JavaScript would never see \`null\` here\n    c.status.x === null\n  hint: test whether the field is set with \`== null\` (absent or null) or \`=== undefined\``,
  );
});

const CHAIN = type({ 'ab?': 'unknown', abc: 'unknown' });
const pairs = (values: readonly unknown[]): Record<string, unknown>[] => [undefined, ...values].flatMap((a) => [undefined, ...values].map((b) => ({ ...(a === undefined ? {} : { a }), ...(b === undefined ? {} : { b }) })));

test('`a ?? b` and `a ?? b ?? c` over two optional untyped status fields test each link for absent and null', () => {
  const app = kubernetesComposition({ ...definition, name: 'nulls-chain', spec: type({ name: 'string' }), status: CHAIN }, (spec) => {
    const c = untyped(spec.name);
    return { ab: c.status.a ?? c.status.b, abc: c.status.a ?? c.status.b ?? 'none' };
  });
  const inputs = pairs([null, 0, '', 'x']).map((status) => ({ spec: { name: 'n' }, observed: { c: { status } } }));
  assert.deepEqual(divergences(app as never, inputs), []);
});

test('`a ?? b` and `a ?? b ?? c` over spec `unknown` data holding null', () => {
  const app = kubernetesComposition({ ...definition, name: 'nulls-spec-chain', spec: type({ name: 'string', 'o?': 'unknown' }), status: CHAIN }, (spec) => {
    const o = spec.o as { a?: unknown; b?: unknown } | undefined;
    return { ab: o?.a ?? o?.b, abc: o?.a ?? o?.b ?? 'none' };
  });
  const inputs = [{ spec: { name: 'n' } }, ...pairs([null, 0, '', 'x']).map((o) => ({ spec: { name: 'n', o } }))];
  assert.deepEqual(divergences(app as never, inputs), []);
});

test('`a ?? b` and `a ?? b ?? c` over typed optional fields (spec and a Service status)', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'typed-chain', spec: type({ name: 'string', 'a?': 'string', 'b?': 'string' }), status: type({ 'ab?': 'string', abc: 'string', 'host?': 'string', addr: 'string' }) },
    (spec) => {
      const svc = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
      const ingress = svc.status.loadBalancer?.ingress?.[0];
      return { ab: spec.a ?? spec.b, abc: spec.a ?? spec.b ?? 'none', host: ingress?.hostname ?? ingress?.ip, addr: ingress?.hostname ?? ingress?.ip ?? 'pending' };
    },
  );
  // (A typed field holding null is not set once the cluster types the object; this harness types only Secrets.)
  const statuses = [{}, { loadBalancer: {} }, { loadBalancer: { ingress: [] } }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }, { loadBalancer: { ingress: [{ hostname: 'h', ip: '1.2.3.4' }] } }];
  const specs = pairs(['', 'x']).map((ab) => ({ name: 'n', ...ab }));
  const inputs = specs.flatMap((spec) => statuses.map((status) => ({ spec, observed: { [app.graph.resources[0]!.id]: { status } } })));
  assert.deepEqual(divergences(app as never, inputs), []);
});

test('`substring` and `charAt` with an index that may be absent: JavaScript reads `undefined` as 0 (the end as the length)', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'absent-index', spec: type({ name: /^[ -~]*$/, 'from?': 'number.integer' }), status: type({ a: 'string', b: 'string', c: 'string', d: 'string', e: 'string', f: 'string', g: 'string' }) },
    (spec) => {
      const svc = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
      const c = untyped('cache');
      const n = c.status.n as number;
      return {
        a: spec.name.substring(svc.status.loadBalancer?.ingress?.length as number),
        b: spec.name.substring(1, svc.status.loadBalancer?.ingress?.length as number),
        c: spec.name.charAt(svc.status.loadBalancer?.ingress?.length as number),
        d: spec.name.substring(n),
        e: spec.name.charAt(n),
        f: spec.name.substring(spec.from as number),
        g: spec.name.charAt(spec.from as number),
      };
    },
  );
  const ids = app.graph.resources.map((r) => r.id);
  assert.deepEqual(ids, ['svc', 'c']);
  const services = [{}, { loadBalancer: {} }, { loadBalancer: { ingress: [] } }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }, { loadBalancer: { ingress: [{ ip: 'a' }, { ip: 'b' }, { ip: 'c' }] } }];
  const caches = [{}, { n: null }, { n: 0 }, { n: 2 }, { n: 9 }, { n: -1 }];
  const specs = [{ name: 'abcdef' }, { name: 'abcdef', from: 2 }, { name: 'abcdef', from: -3 }, { name: 'abcdef', from: 40 }];
  const inputs = specs.flatMap((spec) => services.flatMap((s, i) => ({ spec, observed: { svc: { status: s }, c: { status: caches[i % caches.length]! } } })));
  inputs.push(...caches.map((status) => ({ spec: specs[0]!, observed: { svc: { status: services[0]! }, c: { status } } })));
  assert.deepEqual(divergences(app as never, inputs), []);
  assert.deepEqual(evaluateConcrete(app, { name: 'abcdef' }, { observed: { svc: { status: {} }, c: { status: {} } } }).status, { a: 'abcdef', b: 'bcdef', c: 'a', d: 'abcdef', e: 'a', f: 'abcdef', g: 'a' });
});

test('an index of unknown type that may be null: 0 from spec data, `undefined` (the method\'s own) from a cluster object', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'null-index', spec: type({ name: /^[ -~]*$/, 'o?': 'unknown' }), status: type({ a: 'string', b: 'string', c: 'string', d: 'string', e: 'string', f: 'string' }) },
    (spec) => {
      const c = untyped('cache');
      const n = c.status.n as number;
      const i = (spec.o as { i?: number } | undefined)?.i as number;
      return { a: spec.name.substring(1, n), b: spec.name.substring(n), c: spec.name.charAt(n), d: spec.name.substring(1, i), e: spec.name.substring(i), f: spec.name.charAt(i) };
    },
  );
  const id = app.graph.resources[0]!.id;
  const values = [undefined, null, 0, 2, 9];
  const inputs = values.flatMap((n) => values.map((i) => ({ spec: { name: 'abcdef', ...(i === undefined ? {} : { o: { i } }) }, observed: { [id]: { status: n === undefined ? {} : { n } } } })));
  assert.deepEqual(divergences(app as never, inputs), []);
  assert.deepEqual(evaluateConcrete(app, { name: 'abcdef', o: { i: null } }, { observed: { [id]: { status: { n: null } } } }).status, { a: 'bcdef', b: 'abcdef', c: 'a', d: 'a', e: 'abcdef', f: 'a' });
});

test('`a === b` between two values of unknown type that may be absent or null; `a == b` is refused (JavaScript converts)', () => {
  const EQ = type({ same: 'boolean', differ: 'boolean' });
  const specApp = kubernetesComposition({ ...definition, name: 'null-eq-spec', spec: type({ name: 'string', 'o?': 'unknown' }), status: EQ }, (spec) => {
    const o = spec.o as { a?: unknown; b?: unknown } | undefined;
    return { same: o?.a === o?.b, differ: o?.a !== o?.b };
  });
  const observedApp = kubernetesComposition({ ...definition, name: 'null-eq-observed', spec: type({ name: 'string' }), status: EQ }, (spec) => {
    const c = untyped(spec.name);
    return { same: c.status.a === c.status.b, differ: c.status.a !== c.status.b };
  });
  const values = pairs([null, 0, '', 'x', false]);
  assert.deepEqual(divergences(specApp as never, [{ spec: { name: 'n' } }, ...values.map((o) => ({ spec: { name: 'n', o } }))]), []);
  assert.deepEqual(divergences(observedApp as never, values.map((status) => ({ spec: { name: 'n' }, observed: { c: { status } } }))), []);
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'null-eq-loose', spec: type({ name: 'string' }), status: type({ eq: 'boolean' }) }, (spec) => {
      const c = untyped(spec.name);
      return { eq: c.status.a != 'x' };
    }),
  );
  assert.equal(
    message,
    `${at("'null-eq-loose'", "c.status.a != 'x'")}: \`!=\` on a value of unknown type converts between types in JavaScript (\`0 == ''\`, \`1 == '1'\` and \`['a'] == 'a'\` are true), which CEL's \`==\` never does\n    c.status.a != 'x'\n  hint: compare without conversion: \`!==\``,
  );
});

/** Numbers of both CEL kinds and JSON null, as an untyped part of an object holds them. */
const NUMBERS: readonly unknown[] = [null, 0, 1, 2, -1, 1.5, 2.5];
const RELATIONS = type({ 'gt?': 'boolean', 'lt?': 'boolean', 'ge?': 'boolean', 'le?': 'boolean', 'flipped?': 'boolean', 'both?': 'boolean' });

test('`<`, `>`, `<=`, `>=` over untyped numbers that may be null mean what JavaScript means (trial 7 V02, V06)', () => {
  const spec = type({ n: 'number.integer', 'extra?': 'Record<string, unknown>' });
  const app = kubernetesComposition({ ...definition, name: 'nulls-relations', spec, status: RELATIONS }, (s) => {
    const cache = untyped('cache');
    const count = cache.status.count as number;
    const x = s.extra?.x as number;
    return { gt: count > s.n, lt: count < s.n, ge: x >= s.n, le: x <= 1, flipped: 1 < count, both: x < count };
  });
  const inputs = NUMBERS.flatMap((v) => [
    { spec: { n: 1 }, observed: { cache: { status: { count: v } } } },
    { spec: { n: 0, extra: { x: v } }, observed: { cache: { status: { count: v } } } },
    { spec: { n: 1, extra: { x: v } }, observed: { cache: { status: { count: 1 } } } },
    { spec: { n: -1, extra: {} }, observed: { cache: { status: {} } } },
  ]);
  assert.deepEqual(divergences(app as never, inputs), []);
  // A spec's null compares as 0; a cluster object's null field is not set, so every comparison is false.
  assert.deepEqual(evaluateConcrete(app, { n: 0, extra: { x: null } }, { observed: new Map([['cache', { metadata: { name: 'cache' }, status: { count: null } }]]) }).status, { gt: false, lt: false, ge: true, le: true, flipped: false, both: false });
});

test('arithmetic beside a double over an untyped number means what JavaScript means, whichever CEL kind the number has (trial 7 V03)', () => {
  const spec = type({ factor: 'number', n: 'number.integer' });
  const app = kubernetesComposition({ ...definition, name: 'untyped-arithmetic', spec, status: type({ half: 'number', scaled: 'number', less: 'number', ratio: 'number' }) }, (s) => {
    const cache = untyped('cache');
    const count = cache.status.count as number;
    return { half: count / 2, scaled: count * s.factor, less: s.factor - count, ratio: s.n / count };
  });
  const inputs = [2, 1.5, 4, 0.25, -3].map((count) => ({ spec: { factor: 0.5, n: 3 }, observed: { cache: { status: { count } } } }));
  assert.deepEqual(divergences(app as never, inputs), []);
  assert.match(app.toYaml(), /half: \$\{double\(cache\.status\.count\) \/ 2\.0\}/);
});

test('`===` between two values of unknown type that are lists or objects is identity, as in JavaScript (trial 7 V17)', () => {
  const app = kubernetesComposition({ ...definition, name: 'untyped-identity', spec: type({ name: 'string' }), status: type({ same: 'boolean', differ: 'boolean', self: 'boolean', notSelf: 'boolean' }) }, (spec) => {
    const c = untyped(spec.name);
    return { same: c.status.a === c.status.b, differ: c.status.a !== c.status.b, self: c.status.s === c.status.s, notSelf: c.status.s !== c.status.s };
  });
  const statuses = [['x'], { k: 1 }, [], {}, 'p', 1, null].flatMap((a) => [{ a, b: a, s: a }, { a, b: structuredClone(a), s: null }, { a, s: 1 }]);
  assert.deepEqual(divergences(app as never, statuses.map((status) => ({ spec: { name: 'n' }, observed: { c: { status } } }))), []);
  const observed = new Map([['c', { metadata: { name: 'c' }, status: { a: ['x'], b: ['x'], s: 'x' } }]]);
  assert.deepEqual(evaluateConcrete(app, { name: 'n' }, { observed }).status, { same: false, differ: true, self: true, notSelf: false });
  assert.match(app.toYaml(), /same: "\$\{.*!\(type\(c\.status\.a\) in \[type\(\[\]\), type\(\{\}\)\]\) && c\.status\.a == c\.status\.b/);
});

test('`+` on two values of unknown type is refused: JavaScript joins lists as text, CEL as lists (trial 7 V16)', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'untyped-plus', spec: type({ name: 'string' }), status: type({ v: 'unknown' }) }, (spec) => {
      const c = untyped(spec.name);
      return { v: (c.status.a as number) + (c.status.b as number) };
    }),
  );
  assert.equal(
    message,
    `${at("'untyped-plus'", '(c.status.a as number) +')}: \`+\` on two values of unknown type: JavaScript adds them or joins their text by what they hold at run time (\`['x'] + ['y']\` is 'xy'), where CEL would join two lists\n    (c.status.a as number) + (c.status.b as number)\n  hint: say which you mean: \`String(a) + String(b)\` for text, or Cel.expr<number>(a, ' + ', b) for CEL's addition of two numbers of one kind`,
  );
  const ways = kubernetesComposition({ ...definition, name: 'untyped-plus-ways', spec: type({ name: 'string' }), status: type({ text: 'string', one: 'unknown' }) }, (spec) => {
    const c = untyped(spec.name);
    return { text: String(c.status.a) + String(c.status.b), one: (c.status.a as number) + 1 };
  });
  const statuses = [{ a: 1, b: 2 }, { a: 2, b: true }, { a: -3, b: 'q' }];
  assert.deepEqual(divergences(ways as never, statuses.map((status) => ({ spec: { name: 'n' }, observed: { c: { status } } }))), []);
});
