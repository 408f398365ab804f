/**
 * A helper's parameters (new-user check of issue 10, session 34). A parameter stands for the argument as it
 * was given, so:
 * - a helper that changes its parameter (`o.flag = 'x'`, `o = {...}`, `flag = 'x'` of a destructured one,
 *   `set(o)` with a `set` that writes it) made the compiled value read the argument as given: `o.flag ?? 'none'`
 *   rendered `none` where JavaScript gives `x`. Such a parameter is now like a local changed after its
 *   declaration: refused where it depends on a reference, at the read, with the change named;
 * - a read of one property of an object literal argument depends on that property alone: `o.id` with
 *   `{ name: w.name, id: 'worker' }` is the constant 'worker', so a helper may branch or spread on it
 *   (it was refused as "a condition on a reference inside a helper function").
 * Both held to JavaScript by the differential harness.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, pod } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = {
  apiVersion: 'params.typekro.dev/v1alpha1',
  spec: type({ name: 'string', workers: type({ name: 'string' }).array(), 'o?': 'string' }),
};
const SPECS = [
  { name: 'a', workers: [] },
  { name: 'b', workers: [{ name: 'w1' }], o: 'set' },
  { name: '', workers: [{ name: 'w1' }, { name: 'w2' }], o: '' },
];

function assertSameAsJavaScript(name: string, app: unknown): void {
  const report = runCase(name, { composition: app as never, spec: SPECS[0]!, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, [], name);
}

interface PodOptions { name: string; image: string; id?: string }
const spreadId = (o: PodOptions) => pod({ ...(o.id ? { id: o.id } : {}), metadata: { name: o.name }, spec: { containers: [{ name: 'c', image: o.image }] } });
function chosenId(o: PodOptions) {
  if (o.id) return pod({ id: o.id, metadata: { name: o.name }, spec: { containers: [{ name: 'c', image: o.image }] } });
  return pod({ metadata: { name: `plain-${o.name}` }, spec: { containers: [{ name: 'c', image: o.image }] } });
}

test('a helper branching or spreading on a constant property of its argument compiles, with the id it gives', () => {
  const app = kubernetesComposition({ ...definition, name: 'param-constant', kind: 'ParamConstant' }, (spec) => {
    for (const worker of spec.workers) spreadId({ name: worker.name, id: 'worker', image: 'busybox' });
    for (const helper of spec.workers) chosenId({ name: `h-${helper.name}`, id: 'helper', image: 'busybox' });
    chosenId({ name: spec.name, image: 'nginx' });
    spreadId({ name: `s-${spec.name}`, image: 'nginx' });
  });
  assert.deepEqual(app.graph.resources.map((r) => r.id), ['worker', 'helper', 'pod', 'pod2']);
  assertSameAsJavaScript('param-constant', app);
});

test('a property that depends on a reference is still refused where the helper branches on it', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'param-reference', kind: 'ParamReference' }, (spec) => {
    chosenId({ name: spec.name, image: 'nginx', id: spec.o });
  }));
  assert.equal(message.split('\n')[0], `${at('function chosenId', 'o.id')}: a resource is created under a condition on a reference inside a helper function`);
});

function flagged(o: { name: string; flag?: string }) {
  o.flag = 'set';
  ConfigMap({ name: 'flagged', data: { f: o.flag ?? 'none', n: o.name } });
}

/** [name, definition, the place of the read, the first line after the place] */
const CHANGED: readonly (readonly [string, () => unknown, string, string])[] = [
  ['mutated by the helper (function declaration)', () => kubernetesComposition({ ...definition, name: 'param-mutated', kind: 'ParamMutated' }, (spec) => {
    flagged({ name: spec.name });
  }), at('function flagged', 'o.flag ??'), '`o` is changed after it is declared (mutated); CEL cannot follow the order of statements, and its value depends on a reference'],
  ['reassigned (arrow)', () => kubernetesComposition({ ...definition, name: 'param-reassigned', kind: 'ParamReassigned' }, (spec) => {
    const h = (o: { name: string; flag?: string }) => {
      o = { name: 'k', flag: 'given' };
      ConfigMap({ name: 'reassigned', data: { f: o.flag ?? 'none' } });
    };
    h({ name: spec.name });
  }), at("'param-reassigned'", 'o.flag ??'), '`o` is changed after it is declared (reassigned); CEL cannot follow the order of statements, and its value depends on a reference'],
  ['a destructured parameter reassigned', () => kubernetesComposition({ ...definition, name: 'param-destructured', kind: 'ParamDestructured' }, (spec) => {
    const h = ({ flag }: { name: string; flag?: string }) => {
      flag = 'given';
      ConfigMap({ name: 'destructured', data: { f: flag ?? 'none' } });
    };
    h({ name: spec.name, ...(spec.o === undefined ? {} : { flag: spec.o }) });
  }), at("'param-destructured'", 'flag ??'), '`flag` is changed after it is declared (reassigned); CEL cannot follow the order of statements, and its value depends on a reference'],
  ['changed by a call', () => kubernetesComposition({ ...definition, name: 'param-call', kind: 'ParamCall' }, (spec) => {
    const set = (x: { flag?: string }) => {
      x.flag = 'given';
    };
    const h = (o: { name: string; flag?: string }) => {
      set(o);
      ConfigMap({ name: 'call', data: { f: o.flag ?? 'none' } });
    };
    h({ name: spec.name });
  }), at("'param-call'", 'o.flag ??'), '`o` is changed after it is declared (mutated by the call of `set` at line LINE); CEL cannot follow the order of statements, and its value depends on a reference'],
];

for (const [name, define, place, why] of CHANGED) {
  test(`a helper's parameter ${name} is refused where it is read, not read as the argument was given`, () => {
    const message = refusal(define);
    const line = why.includes('LINE') ? String(Number(place.split(':')[1]) - 1) : '';
    assert.equal(message.split('\n')[0], `${place}: ${why.replace('LINE', line)}`);
  });
}

test('a parameter changed with a constant argument keeps what JavaScript computed', () => {
  const app = kubernetesComposition({ ...definition, name: 'param-constant-change', kind: 'ParamConstantChange' }, (spec) => {
    const h = (o: { name: string; flag?: string }) => {
      o.flag = 'set';
      ConfigMap({ name: `constant-${spec.name}`, data: { f: o.flag ?? 'none', n: o.name } });
    };
    h({ name: 'literal' });
  });
  assert.match(app.toYaml(), /f: set\n\s+"?n"?: literal/);
  assertSameAsJavaScript('param-constant-change', app);
});

test('a name declared in a block of the helper is not its parameter: the parameter stays the argument', () => {
  const app = kubernetesComposition({ ...definition, name: 'param-shadowed', kind: 'ParamShadowed' }, (spec) => {
    const h = (o: { name: string; flag?: string }) => {
      {
        const o = { flag: 'inner' };
        o.flag = 'changed';
      }
      ConfigMap({ name: 'shadowed', data: { f: o.flag ?? 'none', n: o.name } });
    };
    h({ name: spec.name });
  });
  assertSameAsJavaScript('param-shadowed', app);
});

test("a local function's parameter default over a reference is compiled, not JavaScript's value on placeholders", () => {
  const app = kubernetesComposition({ ...definition, name: 'param-defaults', kind: 'ParamDefaults' }, (spec) => {
    const count = (n = `${spec.name}-x`.length) => n;
    const size = (n = spec.name.length) => n;
    ConfigMap({ name: 'defaults', data: { count: String(count()), size: String(size()), given: String(count(3)) } });
  });
  const yaml = app.toYaml();
  // Before, `count()` was JavaScript's length of a placeholder's text, and `size()` the CEL field `.length`.
  // a length of text counts UTF-16 code units, as JavaScript's (analysis/utf16.ts)
  assert.ok(yaml.includes('count: ${string(size(schema.spec.name + "-x") + size((schema.spec.name + "-x").split("").filter(c, c > "\\uffff")))}'), yaml);
  assert.ok(yaml.includes('size: ${string(size(schema.spec.name) + size(schema.spec.name.split("").filter(c, c > "\\uffff")))}'), yaml);
  assert.match(yaml, /given: "3"/);
  assertSameAsJavaScript('param-defaults', app);
});
