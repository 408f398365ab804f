import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { customResource, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { exprChildren, macroVariables, type Expr } from '../../src/ir/expr.js';
import { exprsOf } from '../../src/ir/value.js';

type B = { b?: string };

const named = kubernetesComposition(
  { name: 'macro-names', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'MacroNames', spec: type({ name: 'string' }), status: type({ v: 'string', n: 'string' }) },
  (spec) => {
    const x = customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: spec.name }, spec: { size: 1 } });
    ConfigMap({ name: `${spec.name}-cm`, data: { v: (x.status.a as B | undefined)?.b ?? 'none' } });
    return { v: (x.status.a as B | undefined)?.b ?? 'none', n: String(x.status.ratio ?? 'none') };
  },
);

function bound(expr: Expr, out: string[] = []): string[] {
  if (expr.kind === 'macro') out.push(...macroVariables(expr));
  for (const child of exprChildren(expr)) bound(child, out);
  return out;
}

test('a comprehension variable TypeKro chooses never takes a resource id: KRO would not see the read of that resource', () => {
  assert.deepEqual(named.graph.resources.map((r) => r.id), ['x', 'configMap']);
  const exprs = [...exprsOf(named.graph.status), ...named.graph.resources.flatMap((r) => (r.template === undefined ? [] : exprsOf(r.template)))];
  const variables = exprs.flatMap((expr) => bound(expr));
  assert.ok(variables.length > 0);
  assert.ok(!variables.includes('x'), `variables: ${variables.join(', ')}`);
  assert.match(named.toYaml(), /\[x\.\?status\.\?a\.orValue\(dyn\(\{\}\)\)\]\.map\(xItem, type\(xItem\) == type\(\{\}\) \? dyn\(xItem\) : \{\}\)\[0\]/);
});

test('renamed, the expressions still mean what JavaScript means', () => {
  for (const status of [{ a: ['q'], ratio: 1e21 }, { a: { b: 'gold' }, ratio: 0.5 }, {}]) {
    const observed = { x: { status } };
    const js = evaluateConcrete(named, { name: 'n' }, { observed }).status;
    assert.deepEqual(simulate(named, { name: 'n' }, { observed }).status, js);
  }
});
