/**
 * Hand-written CEL and `Cel.*` calls fail when the composition is defined, at the call (file:line:col),
 * rather than when KRO refuses the RGD or direct mode drops the field (found by the second new-user trial).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, configMap, kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { checkCelSyntax } from '../../src/compile/cel/syntax-check.js';

const definition = {
  apiVersion: 'cel.typekro.dev/v1alpha1',
  spec: type({ name: 'string', n: 'number.integer', l: 'string[]', 'o?': 'string', s: 'string' }),
  status: type({ v: 'string' }),
};
const here = /cel-checks\.test\.ts:\d+:\d+: /;

type Rgd = { spec: { schema: { status: Record<string, string> }; resources: { template: { data?: Record<string, string> } }[] } };

test('a Cel.expr that is not CEL fails at the call with the parse error', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'bad-expr', kind: 'BadExpr' }, (spec) => ({ v: Cel.expr<string>('size(', spec.name) })),
    (error: Error) => here.test(error.message) && error.message.includes('status.v: `size((schema.spec.name)` is not a CEL expression') && error.message.includes("expected ')' at the end"),
  );
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'bad-expr', kind: 'BadExpr' }, (spec) => {
        configMap({ metadata: { name: 'c' }, data: { q: Cel.expr<string>(spec.name, " + 'x'") } });
        return { v: 'x' };
      }),
    (error: Error) => here.test(error.message) && error.message.includes('resource "configMapC" field data.q') && error.message.includes('double quotes'),
  );
});

test('the CEL recogniser accepts the literal forms KRO accepts', () => {
  for (const cel of ['0x1F + 1', '1u', 'b"abc"', '.5 * 2.0', '[?a.?b, 1]', '{?"k": x}', 'a.exists(x, x > 0) ? -1 : !b']) checkCelSyntax(cel);
});

test('Cel.cond tests its condition as JavaScript does (an optional string: set and not empty)', () => {
  const app = kubernetesComposition({ ...definition, name: 'cond-truthy', kind: 'CondTruthy' }, (spec) => {
    configMap({ metadata: { name: 'c' }, data: { t: Cel.cond(spec.o, 'set', 'empty') } });
    return { v: Cel.cond(spec.name, 'named', 'anonymous') };
  });
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.equal(rgd.spec.resources[0]?.template.data?.t, '${has(schema.spec.o) && schema.spec.o != "" ? "set" : "empty"}');
  assert.equal(rgd.spec.schema.status.v, '${schema.spec.name != "" ? "named" : "anonymous"}');
});

test('a string index is refused in templates and status as elsewhere, with charAt as the way out', () => {
  const refused = (error: Error) => here.test(error.message) && error.message.includes('`[5]` indexes a string') && error.message.includes('use .charAt(5)');
  assert.throws(() => kubernetesComposition({ ...definition, name: 'string-index', kind: 'StringIndex' }, (spec) => ({ v: `${spec.s[5]}` })), refused);
  assert.throws(() => kubernetesComposition({ ...definition, name: 'string-index', kind: 'StringIndex' }, (spec) => ({ v: spec.s[5] as string })), refused);
});

test('Cel.expr over a loop item compiles with the loop variable', () => {
  const app = kubernetesComposition({ ...definition, name: 'loop-expr', kind: 'LoopExpr' }, (spec) => {
    for (const x of spec.l) configMap({ metadata: { name: `c-${x}` }, data: { u: Cel.expr<string>(x, '.upperAscii()') } });
    return { v: 'ok' };
  });
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.equal(rgd.spec.resources[0]?.template.data?.u, '${(x).upperAscii()}');
});

test('Cel.template refuses placeholders other than %s at the call', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'template-d', kind: 'TemplateD' }, (spec) => {
        configMap({ metadata: { name: 'c' }, data: { t: Cel.template('%s-%d', spec.name, spec.n) } });
        return { v: 'x' };
      }),
    (error: Error) => here.test(error.message) && error.message.includes('has `%d`, which Cel.template does not support') && error.message.includes('write %s for %d'),
  );
});

test('preparing a graph for the direct runtime compiles every expression first, naming where a program does not compile', async () => {
  const { prepareGraph } = await import('../../src/runtime/engine/index.js');
  const { createCelEngine } = await import('../../src/runtime/cel/index.js');
  const app = kubernetesComposition({ ...definition, name: 'no-compile', kind: 'NoCompile' }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: Cel.expr<string>('nosuch(', spec.n, ')') } });
    return { v: 'x' };
  });
  assert.throws(() => prepareGraph(app.graph, createCelEngine()), {
    message: "resource \"configMap\" field data.k: `nosuch((schema.spec.n))` does not compile in direct mode's CEL engine: found no matching overload for 'nosuch(dyn)'; it holds hand-written CEL (Cel.expr, or readyWhen/includeWhen text): check that text; nothing was applied",
  });
});

test('a condition is checked with the instance schema\'s types before anything is applied: a string or an int is refused, a bool and an unknown type are not', async () => {
  const { prepareGraph } = await import('../../src/runtime/engine/index.js');
  const { createCelEngine } = await import('../../src/runtime/cel/index.js');
  const stringField = kubernetesComposition({ ...definition, name: 'string-condition', kind: 'StringCondition' }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: 'v' } }).withIncludeWhen(Cel.expr<boolean>(spec.s));
    return { v: 'x' };
  });
  const message = 'resource "configMap" includeWhen: `(schema.spec.s)` is a string, not a bool (KRO would refuse the RGD); nothing was applied';
  assert.throws(() => prepareGraph(stringField.graph, createCelEngine()), { message });
  await assert.rejects(stringField.factory('direct', { namespace: 'dev' }).toYaml({ name: 'a', n: 1, l: [], s: 'yes' }), { message });
  const intField = kubernetesComposition({ ...definition, name: 'int-condition', kind: 'IntCondition' }, (spec) => {
    configMap({ metadata: { name: spec.name }, data: { k: 'v' } }).withIncludeWhen(Cel.expr<boolean>(spec.n, ' + 1'));
    return { v: 'x' };
  });
  assert.throws(() => prepareGraph(intField.graph, createCelEngine()), { message: 'resource "configMap" includeWhen: `(schema.spec.n) + 1` is an int, not a bool (KRO would refuse the RGD); nothing was applied' });
  const accepted = kubernetesComposition({ ...definition, name: 'bool-condition', kind: 'BoolCondition' }, (spec) => {
    const source = configMap({ metadata: { name: 'source' }, data: { on: 'true' } });
    configMap({ metadata: { name: spec.name }, data: { k: 'v' } }).withIncludeWhen(Cel.expr<boolean>(spec.s, ' == "yes" && size(', spec.l, ') > 0'));
    configMap({ metadata: { name: 'second' }, data: { k: 'v' } }).withIncludeWhen(Cel.expr<boolean>(source.data!.on!));
    return { v: 'x' };
  });
  // the second reads a resource, `dyn` until the cluster says: KRO's checker accepts it too
  assert.doesNotThrow(() => prepareGraph(accepted.graph, createCelEngine()));
});
