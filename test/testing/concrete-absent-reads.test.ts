/**
 * The concrete evaluation gives what the composition's JavaScript gives for absent observed fields (issue 10,
 * concrete evaluation): `undefined` where the code tests it (`??`, `?.`, `Cel.default`), pending where
 * JavaScript would throw or build a value from nothing (`x + 1`, `` `r-${x}` ``) and the compiled CEL waits.
 * Each case is held on both sides: the concrete status, and `simulate`, whose cross-check throws on any
 * difference from the compiled CEL. The cross-check no longer excuses a compiled pending field by the text of
 * the JavaScript value (a string containing "undefined", NaN).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition, type ConcreteEvaluation } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { printCel } from '../../src/compile/cel/print.js';
import { exprLeaves } from '../../src/ir/value.js';
import type { InstancePlan } from '../../src/runtime/engine/index.js';
import { crossCheck } from '../../src/testing/offline/cross-check.js';
import { simulate, type ObservedEntries } from '../../src/testing/index.js';

const app = kubernetesComposition(
  {
    name: 'absent-reads',
    kind: 'AbsentReads',
    spec: type({ n: 'number.integer', note: 'string' }),
    status: type({ count: 'number', types: 'string[]', conds: 'unknown', next: 'number', twice: 'number', text: 'string', note: 'string', first: 'string', up: 'boolean' }),
  },
  (spec) => {
    const web = Deployment({ id: 'web', name: 'web', image: 'nginx', replicas: spec.n });
    const d = Deployment({ id: 'd', name: 'd', image: 'nginx', replicas: spec.n });
    return {
      count: (web.status.conditions ?? []).length, // (a)
      types: (d.status.conditions ?? []).map((c) => c.type ?? ''), // (b)
      conds: Cel.default(web.status.conditions, []), // (c)
      next: d.status.readyReplicas + 1, // (d)
      twice: d.status.readyReplicas * 2, // (d)
      text: `r-${d.status.readyReplicas}`, // (e)
      note: `${spec.note}-${web.status.replicas ?? 0}`, // (e): user data holding the word "undefined"
      first: web.status.conditions![0]!.type ?? 'none', // `??` makes the chain optional (KRO's rule)
      up: web.status.conditions?.some((c) => c.status === 'True') ?? false,
    };
  },
);

const spec = { n: 1, note: 'undefined' };

function both(observed: ObservedEntries): { js: ConcreteEvaluation; compiled: { status: Record<string, unknown>; pending: readonly string[] } } {
  const js = evaluateConcrete(app, spec, { observed });
  const result = simulate(app, spec, { observed }); // throws on any divergence from the compiled CEL
  return { js, compiled: { status: result.status, pending: result.pending } };
}

describe('absent observed fields in a concrete evaluation mean what JavaScript means', () => {
  it('(a, c) `?? []` and Cel.default over a list observed as null give the default, as the compiled CEL', () => {
    const { js, compiled } = both({ web: { status: { conditions: null } }, d: { status: { readyReplicas: 2 } } });
    const status = { count: 0, types: [], conds: [], next: 3, twice: 4, text: 'r-2', note: 'undefined-0', first: 'none', up: false };
    assert.deepEqual([js.status, js.pendingStatus], [status, []]);
    assert.deepEqual([compiled.status, compiled.pending], [status, []]);
  });

  it('(b) `(d.status.conditions ?? []).map(...)` of a resource observed without a status is [] on both sides', () => {
    const { js, compiled } = both({ web: {}, d: {} });
    const status = { count: 0, types: [], conds: [], note: 'undefined-0', first: 'none', up: false };
    const pending = ['next', 'twice', 'text'];
    assert.deepEqual([js.status, js.pendingStatus], [status, pending]);
    assert.deepEqual([compiled.status, compiled.pending], [status, pending]);
  });

  it('(b) a resource not observed at all: every field read from it is pending on both sides (KRO waits for it), `??` included', () => {
    const { js, compiled } = both({ web: { status: { conditions: [{ type: 'Available', status: 'True' }] } } });
    const status = { count: 1, conds: [{ type: 'Available', status: 'True' }], note: 'undefined-0', first: 'Available', up: true };
    assert.deepEqual([js.status, js.pendingStatus], [status, ['types', 'next', 'twice', 'text']]);
    assert.deepEqual([compiled.status, compiled.pending], [status, ['types', 'next', 'twice', 'text']]);
  });

  it('(d, e) arithmetic and text built from an absent field are pending (not NaN/null, not "r-undefined"); a NaN is pending', () => {
    const js = evaluateConcrete(app, spec, { observed: { web: {}, d: { status: {} } } });
    assert.equal(Object.hasOwn(js.status, 'next'), false);
    assert.deepEqual(js.pendingStatus, ['next', 'twice', 'text']);
  });
});

describe('the cross-check excuses a compiled pending field only where JavaScript read an absent field (e)', () => {
  const plan: InstancePlan = { order: [], nodes: new Map(), ready: true };
  const concrete = (status: ConcreteEvaluation['status']): ConcreteEvaluation => ({ resources: [], status, pendingStatus: [] });

  it('a JavaScript string that merely contains "undefined" (user data) against a compiled pending field is a divergence', () => {
    assert.deepEqual(crossCheck(plan, { status: {}, pending: ['msg'] }, concrete({ msg: 'value undefined' })), [
      { aspect: 'status.msg', detail: 'compiled undefined, JavaScript "value undefined"' },
    ]);
    assert.deepEqual(crossCheck(plan, { status: {}, pending: ['msg'] }, concrete({ msg: 'undefined' })), [{ aspect: 'status.msg', detail: 'compiled undefined, JavaScript "undefined"' }]);
  });

  it('so is a NaN that did not come from the concrete evaluation (which reports NaN as pending)', () => {
    assert.deepEqual(crossCheck(plan, { status: {}, pending: ['n'] }, concrete({ n: Number.NaN })), [{ aspect: 'status.n', detail: 'compiled undefined, JavaScript NaN' }]);
  });
});

describe('`??` over an untyped field holding JSON null gives the default, as JavaScript (f)', () => {
  const untyped = kubernetesComposition(
    { name: 'untyped-null', kind: 'UntypedNull', spec: type({ values: 'Record<string, unknown>' }), status: type({ level: 'string' }) },
    (spec) => {
      ConfigMap({ id: 'cm', name: 'cm', data: { level: (spec.values.level as string) ?? 'info' } });
      return { level: (spec.values.level as string) ?? 'info' };
    },
  );

  it('compiles to a null test (a preserve-unknown-fields value keeps its null in KRO and in CEL optionals)', () => {
    const leaf = exprLeaves(untyped.graph.status).find((l) => l.path.join('.') === 'level')!;
    assert.equal(printCel(leaf.expr), 'dyn(schema.spec.values.?level).orValue(null) == null ? "info" : schema.spec.values.?level.orValue("info")');
  });

  it('null, absent and present values agree on both sides (simulate throws on a divergence)', () => {
    for (const [values, level] of [[{ level: null }, 'info'], [{}, 'info'], [{ level: 'debug' }, 'debug']] as const) {
      const result = simulate(untyped, { values }, { observed: { cm: {} } });
      assert.deepEqual([result.status, (result.manifests[0]!.data as { level: string }).level], [{ level }, level]);
      assert.deepEqual(evaluateConcrete(untyped, { values }).status, { level });
    }
  });
});

describe('a read bound to a local or destructured means what the local is used for', () => {
  const locals = kubernetesComposition(
    { name: 'absent-locals', kind: 'AbsentLocals', spec: type({ n: 'number.integer' }), status: type({ count: 'number', ready: 'number', text: 'string' }) },
    (spec) => {
      const web = Deployment({ id: 'web', name: 'web', image: 'nginx', replicas: spec.n });
      const conds = web.status.conditions;
      const { readyReplicas = 0, availableReplicas } = web.status;
      return { count: (conds ?? []).length, ready: readyReplicas, text: `a-${availableReplicas}` };
    },
  );

  it('`??` over the local and a destructuring default apply; text built from the binding is pending on both sides', () => {
    const observed = { web: { status: {} } };
    const js = evaluateConcrete(locals, { n: 1 }, { observed });
    assert.deepEqual([js.status, js.pendingStatus], [{ count: 0, ready: 0 }, ['text']]);
    const result = simulate(locals, { n: 1 }, { observed });
    assert.deepEqual([result.status, result.pending], [{ count: 0, ready: 0 }, ['text']]);
  });
});
