/**
 * Values of unknown type (an untyped custom-resource status): `.length`, `[0]` and the methods lists and
 * strings both have mean different things on a list, a string and an object in JavaScript, and nothing at
 * definition says which the value is. Before, `status.endpoints?.length ?? 0` compiled to a field named
 * "length" (always 0) and `status.endpoints?.[0]` to a map key "0" (always absent): a silent wrong value.
 * Each is now refused with file:line:column and the way out; the ways out and the reads that stay accepted
 * are held to JavaScript on several observed states (list, empty, string, object, absent).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { crdFactory, customResource, evaluateConcrete, kubernetesComposition, type Composition } from '../../src/index.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/prepared.js';
import { ConfigMap } from '../../src/simple.js';
import { compare } from './compare.js';
import { evaluateCompiled } from './compiled.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = { apiVersion: 'dyn.typekro.dev/v1alpha1', kind: 'Dyn', spec: type({ size: 'number.integer' }) };
const WHY = "on a value of unknown type cannot be compiled exactly: JavaScript gives it different meanings on a list, a string and an object, and no schema declares this value's type (TypeScript types, such as customResource<Spec, Status>'s type arguments, are not visible when the composition is compiled)";
const HINT = "  hint: declare the type in a schema: a crdFactory({ ..., schema }) whose schema describes the status (`typekro import` writes one from the CRD), or a typed field; or write the CEL with Cel.expr(...), e.g. Cel.expr<number>('size(', value, ')')";
const cacheOf = (size: number) => customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c' }, spec: { size } });

test('`.length` and a numeric index of an untyped status are refused (before: a field "length", a map key "0")', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-length', status: type({ n: 'number' }) }, (spec) => {
      const cache = cacheOf(spec.size);
      return { n: (cache.status.endpoints as unknown[] | undefined)?.length ?? 0 };
    })),
    `${at("'dyn-length'", '(cache.status')}: \`.length\` ${WHY}\n    (cache.status.endpoints as unknown[] | undefined)?.length\n${HINT}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-index', status: type({ host: 'string' }) }, (spec) => {
      const cache = cacheOf(spec.size);
      return { host: (cache.status.endpoints as { host: string }[] | undefined)?.[0]?.host ?? 'none' };
    })),
    `${at("'dyn-index'", '(cache.status')}: \`[0]\` ${WHY}\n    (cache.status.endpoints as { host: string }[] | undefined)?.[0]\n${HINT}`,
  );
});

test('a key that names a list item or its length (also with `in`), and a computed key, are refused on an untyped value: JavaScript reads an item there (trial 21 F3c)', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-item-key', status: type({ host: 'string' }) }, (spec) => {
      const cache = cacheOf(spec.size);
      return { host: String((cache.status.endpoints as Record<string, string> | undefined)?.['0'] ?? 'none') };
    })),
    `${at("'dyn-item-key'", '(cache.status')}: \`['0']\` ${WHY}\n    (cache.status.endpoints as Record<string, string> | undefined)?.['0']\n${HINT}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-text-key', spec: type({ size: 'number.integer', key: 'string' }), status: type({ host: 'string' }) }, (spec) => {
      const cache = cacheOf(spec.size);
      return { host: String((cache.status.endpoints as Record<string, string>)[spec.key] ?? 'none') };
    })),
    `${at("'dyn-text-key'", '(cache.status')}: a computed key ${WHY}\n    (cache.status.endpoints as Record<string, string>)[spec.key]\n${HINT}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-in-length', status: type({ has: 'boolean' }) }, (spec) => {
      const cache = cacheOf(spec.size);
      return { has: 'length' in (cache.status.endpoints as object) };
    })),
    `${at("'dyn-in-length'", "'length' in")}: \`'length' in\` ${WHY}\n    'length' in (cache.status.endpoints as object)\n${HINT}`,
  );
});

test('a status typed only by TypeScript type arguments is refused, the message saying they are not visible to the compiler (trial 15 F4)', () => {
  interface WidgetStatus { items?: string[] }
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-generic', status: type({ n: 'number' }) }, (spec) => {
      const w = customResource<{ size: number }, WidgetStatus>({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: spec.size } });
      return { n: w.status.items?.length ?? 0 };
    })),
    `${at("'dyn-generic'", 'w.status')}: \`.length\` ${WHY}\n    w.status.items?.length\n${HINT}`,
  );
});

test('an index that may be a number and the methods lists and strings share are refused on an untyped value', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'dyn-computed', status: type({ host: 'string' }) }, (spec) => {
      const cache = cacheOf(spec.size);
      return { host: String((cache.status.endpoints as Record<number, string>)[spec.size] ?? 'none') };
    })),
    `${at("'dyn-computed'", '(cache.status')}: an index that may be a number ${WHY}\n    (cache.status.endpoints as Record<number, string>)[spec.size]\n${HINT}`,
  );
  type Value = string[] & string;
  const named = (call: string) => ({ ...definition, name: `dyn-${call.toLowerCase()}`, status: type({ v: 'unknown' }) });
  const messages = [
    refusal(() => kubernetesComposition(named('includes'), (spec) => { const c = cacheOf(spec.size); return { v: (c.status.endpoints as Value).includes('h') }; })),
    refusal(() => kubernetesComposition(named('indexOf'), (spec) => { const c = cacheOf(spec.size); return { v: (c.status.endpoints as Value).indexOf('h') }; })),
    refusal(() => kubernetesComposition(named('lastIndexOf'), (spec) => { const c = cacheOf(spec.size); return { v: (c.status.endpoints as Value).lastIndexOf('h') }; })),
    refusal(() => kubernetesComposition(named('slice'), (spec) => { const c = cacheOf(spec.size); return { v: (c.status.endpoints as Value).slice(1) }; })),
    refusal(() => kubernetesComposition(named('at'), (spec) => { const c = cacheOf(spec.size); return { v: (c.status.endpoints as Value).at(0) }; })),
    refusal(() => kubernetesComposition(named('concat'), (spec) => { const c = cacheOf(spec.size); return { v: (c.status.endpoints as Value).concat('h') }; })),
  ];
  assert.deepEqual(
    messages.map((m) => m.split('\n')[0]),
    ['includes', 'indexOf', 'lastIndexOf', 'slice', 'at', 'concat'].map((call, i) => `${at(`named('${call}')`, '(c.status.endpoints as Value)')}: \`.${call}(...)\` ${WHY}`),
  );
});

/** The compiled graph under the direct runtime's CEL engine against evaluateConcrete, for each observed status. */
function divergences(composition: Composition<never, unknown>, id: string, spec: Record<string, unknown>, statuses: readonly unknown[]): string[] {
  const prepared = prepareGraph(composition.graph, createCelEngine());
  const instance = { name: 'dyn', namespace: 'default' };
  const found: string[] = [];
  for (const status of statuses) {
    const observed = new Map<string, Record<string, unknown>>(status === undefined ? [] : [[id, { apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c', namespace: 'default', generation: 1 }, status }]]);
    const js = evaluateConcrete(composition, spec as never, { observed, ...instance });
    const compiled = evaluateCompiled(prepared, { spec, instance, observed });
    for (const d of compare(compiled, js, status === undefined).divergences) found.push(`${JSON.stringify(status)}: ${d.aspect}\n${d.detail}`);
  }
  return found;
}

const STATES = [{ endpoints: [{ host: 'h' }, { host: 'i' }] }, { endpoints: [] }, {}, undefined];

test('the way out, a crdFactory with a status schema, compiles `.length` and `[0]` exactly', () => {
  const cache = crdFactory<{ spec: { size: number }; status?: { endpoints?: { host: string }[] } }>({
    group: 'example.com', version: 'v1', kind: 'Cache', plural: 'caches', scope: 'Namespaced', factoryName: 'cache',
    schema: {
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { size: { type: 'integer' } } },
        status: { type: 'object', properties: { endpoints: { type: 'array', items: { type: 'object', properties: { host: { type: 'string' } } } } } },
      },
    },
  });
  const app = kubernetesComposition({ ...definition, name: 'dyn-typed', status: type({ n: 'number', host: 'string' }) }, (spec) => {
    const c = cache({ name: 'c', id: 'cache', spec: { size: spec.size } });
    return { n: c.status.endpoints?.length ?? 0, host: c.status.endpoints?.[0]?.host ?? 'none' };
  });
  assert.deepEqual(evaluateConcrete(app, { size: 1 }, { observed: { cache: { status: STATES[0] } } }).status, { n: 2, host: 'h' });
  assert.deepEqual(divergences(app as never, 'cache', { size: 1 }, STATES), []);
});

test('what stays accepted on an untyped status (field reads, string keys) means what JavaScript means', () => {
  const app = kubernetesComposition({ ...definition, name: 'dyn-accepted', status: type({ phase: 'string', first: 'string' }) }, (spec) => {
    const c = cacheOf(spec.size);
    return {
      phase: String(c.status.phase ?? 'none'),
      first: String((c.status.hosts as Record<string, string> | undefined)?.['first'] ?? 'none'),
    };
  });
  const states = [{ phase: 'Ready', hosts: { first: 'a' } }, { phase: 'Pending', hosts: {} }, {}, undefined];
  assert.deepEqual(divergences(app as never, 'c', { size: 1 }, states), []);
});

test('an untyped value made text is written as JavaScript writes it, doubles of every magnitude included (trial 21 F1)', () => {
  // Before, `string(...)` wrote a double Go's way in both modes: 1000000.5 became "1.0000005e+06", 1e-7 "1e-07".
  const app = kubernetesComposition({ ...definition, name: 'dyn-text', status: type({ ratio: 'string', line: 'string', data: 'string' }) }, (spec) => {
    const c = cacheOf(spec.size);
    const cm = ConfigMap({ name: 'text', id: 'text', data: { ratio: String(c.status.ratio ?? 'none') } });
    return { ratio: String(c.status.ratio ?? 'none'), line: `r=${c.status.ratio ?? 0}`, data: cm.data.ratio ?? '' };
  });
  const ratios = [1000000.5, -1000000.5, 1e-7, 1.5e-6, 0.00001, 1e20, 1e21, 2 ** 60, 123.25, 7, 0, 'text', true, null];
  const states = [...ratios.map((ratio) => ({ ratio })), {}, undefined];
  assert.deepEqual(evaluateConcrete(app, { size: 1 }, { observed: { c: { status: { ratio: 1000000.5 } } } }).status, { ratio: '1000000.5', line: 'r=1000000.5' });
  assert.deepEqual(divergences(app as never, 'c', { size: 1 }, states), []);
});

test('an untyped spec field made text is written as JavaScript writes it (trial 21 F1)', () => {
  const app = kubernetesComposition({ name: 'untyped-text', apiVersion: 'dyn.typekro.dev/v1alpha1', kind: 'UntypedText', spec: type({ cfg: 'Record<string, unknown>' }), status: type({ a: 'string' }) }, (spec) => {
    ConfigMap({ name: 'cfg', id: 'cfg', data: { a: `${spec.cfg.a ?? 'none'}` } });
    return { a: String(spec.cfg.a ?? 'none') };
  });
  const prepared = prepareGraph(app.graph, createCelEngine());
  for (const a of [1000000.5, 1e-7, 1e21, 2 ** 60, 0.5, 12, 'x', false, null, undefined]) {
    const spec = { cfg: a === undefined ? {} : { a } };
    const instance = { name: 'untyped', namespace: 'default' };
    const js = evaluateConcrete(app, spec, instance);
    assert.equal((js.status as { a: string }).a, String(a ?? 'none'));
    assert.deepEqual(compare(evaluateCompiled(prepared, { spec, instance, observed: new Map() }), js, false).divergences, [], `cfg.a = ${String(a)}`);
  }
});
