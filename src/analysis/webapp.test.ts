/** End to end over the README composition: source -> structure -> Expr -> CEL text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { E } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { printCel, printFieldValue } from '../compile/cel/print.js';
import { walk } from './ast.js';
import { compileCondition, compileExpression } from './compile-expression.js';
import { argumentProperty } from './argument-property.js';
import { enclosingContext, factoryCallsIn, returnedStatus, type FunctionNode } from './composition.js';
import { scopeOf } from './scope.js';
import { parseSource, snippetOf } from './source.js';

const source = `
const webapp = kubernetesComposition({ name: 'webapp' },
  (spec) => {
    const deployment = Deployment({ name: 'webapp', image: spec.env === 'prod' ? 'nginx:1.27' : 'nginx:latest', replicas: spec.replicas });
    if (spec.hostname) { const ingress = Ingress({ name: \`web-\${spec.env}\`, host: spec.hostname }); }
    for (const w of spec.workers) { Deployment({ name: \`worker-\${w}\`, image: 'busybox' }); }
    return { ready: deployment.status.readyReplicas > 0 && deployment.status.readyReplicas === spec.replicas, url: \`http://\${spec.hostname ?? 'localhost'}/\` };
  });
`;

test('the webapp composition compiles to the expected CEL', () => {
  const ast = parseSource(source, '/virtual/webapp.ts');
  let fn: FunctionNode | undefined;
  walk(ast, (node) => { if (!fn && node.type === 'ArrowFunctionExpression') fn = node; });
  assert.ok(fn);
  const opt = (type: typeof T.int) => ({ type, optional: true });
  const req = (type: typeof T.int) => ({ type, optional: false });
  const spec = T.object({ replicas: req(T.int), env: req(T.string), hostname: opt(T.string), workers: req(T.list(T.string)) });
  const deployment = T.object({ status: req(T.object({ readyReplicas: opt(T.int) })) });
  const scope = scopeOf({
    spec: { kind: 'value', expr: E.path('schema', 'spec'), type: spec },
    deployment: { kind: 'value', expr: E.ident('deployment'), type: deployment },
  });

  const status = returnedStatus(fn);
  assert.ok(status);
  const field = (name: string) => printCel(compileExpression(argumentProperty(status, [name])!, scope).expr);
  assert.equal(field('ready'), 'deployment.status.?readyReplicas.orValue(0) > 0 && has(deployment.status.readyReplicas) && deployment.status.readyReplicas == schema.spec.replicas');
  assert.equal(field('url'), '"http://" + schema.spec.?hostname.orValue("localhost") + "/"');

  const calls = factoryCallsIn(fn).filter((c) => c.callee.type === 'Identifier');
  assert.deepEqual(calls.map((c) => snippetOf(c.callee)), ['Deployment', 'Ingress', 'Deployment']);
  const [dep, ingress, worker] = calls.map((c) => ({ call: c, ctx: enclosingContext(fn!, c), arg: c.type === 'CallExpression' ? c.arguments[0]! : undefined }));

  assert.equal(dep?.ctx.declaredAs, 'deployment');
  assert.equal(printFieldValue(compileExpression(argumentProperty(dep!.arg!, ['image'])!, scope).expr), '${schema.spec.env == "prod" ? "nginx:1.27" : "nginx:latest"}');

  const condition = ingress?.ctx.conditions[0];
  assert.ok(condition);
  assert.equal(printCel(compileCondition(condition.test, scope)), 'has(schema.spec.hostname) && schema.spec.hostname != ""');
  assert.equal(printFieldValue(compileExpression(argumentProperty(ingress!.arg!, ['name'])!, scope).expr), 'web-${schema.spec.env}');

  const loop = worker?.ctx.loops[0];
  assert.ok(loop);
  const listExpr = compileExpression(loop.source, scope);
  assert.equal(printCel(listExpr.expr), "schema.spec.workers");
  const inner = scopeOf({ [loop.variable]: { kind: 'value', expr: E.ident('w'), type: T.string } }, scope);
  assert.equal(printFieldValue(compileExpression(argumentProperty(worker!.arg!, ['name'])!, inner).expr), 'worker-${w}');
});
