import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { doubleText } from '../ir/javascript-text.js';
import { T, type CelType, type FieldType } from '../ir/types.js';
import { printCel } from '../compile/cel/print.js';
import { checkCelSyntax } from '../compile/cel/syntax-check.js';
import { compileCondition, compileExpression, compileStringPart } from './compile-expression.js';
import { CompositionSyntaxError } from './errors.js';
import { scopeOf } from './scope.js';
import { parseSource } from './source.js';

const req = (type: CelType): FieldType => ({ type, optional: false });
const opt = (type: CelType): FieldType => ({ type, optional: true });

const specType = T.object({
  replicas: req(T.int),
  // ASCII (as a pattern like `/^[a-z]+$/` makes it): its case mapping, trim and positions compile exactly
  env: req({ kind: 'string', highestChar: 0x7a }),
  hostname: opt(T.string),
  workers: req(T.list(T.string)),
  ports: req(T.list(T.int)),
  weights: req(T.list(T.double)),
  in: opt(T.string),
  ratio: req(T.double),
  enabled: req(T.bool),
  count: opt(T.int),
  tags: opt(T.list(T.string)),
  labels: req(T.map(T.string)),
  config: opt(T.object({ port: opt(T.int), name: req(T.string) })),
  items: req(T.list(T.object({ name: req(T.string), size: req(T.int) }))),
});

const deploymentType = T.object({
  metadata: req(T.object({ name: req(T.string), labels: opt(T.map(T.string)) })),
  status: req(T.object({
    readyReplicas: opt(T.int),
    replicas: opt(T.int),
    conditions: opt(T.list(T.object({ type: req(T.string), status: req(T.string) }))),
  })),
});

export const testScope = scopeOf({
  spec: { kind: 'value', expr: E.path('schema', 'spec'), type: specType },
  deployment: { kind: 'value', expr: E.ident('deployment'), type: deploymentType },
  svc: { kind: 'value', expr: E.ident('service'), type: T.object({ status: req(T.object({}, true)) }) },
  worker: { kind: 'value', expr: E.ident('worker'), type: T.string },
  prefix: { kind: 'constant', value: 'app' },
  limit: { kind: 'constant', value: 3 },
});

let counter = 0;

/** Parses `source` as one expression on line 2 of a virtual file. */
function parseExpression(source: string): { node: Node; file: string } {
  const file = `/virtual/expr-${counter++}.ts`;
  const ast = parseSource(`// composition\n(${source});`, file);
  const statement = ast.program.body[0];
  assert.ok(statement?.type === 'ExpressionStatement');
  return { node: statement.expression, file };
}

const value = (source: string, expect?: CelType): string =>
  printCel(compileExpression(parseExpression(source).node, testScope, expect ? { expect } : {}).expr);
const condition = (source: string): string => printCel(compileCondition(parseExpression(source).node, testScope));

type Row = [js: string, cel: string];

const valueCases: Row[] = [
  // literals and identifiers
  ['42', '42'],
  // unary plus of a number is the number; Math.sign keeps -0 and NaN of a double (call-cases.ts)
  ['+spec.replicas', 'schema.spec.replicas'],
  ['Math.sign(spec.replicas)', 'schema.spec.replicas > 0 ? 1 : schema.spec.replicas < 0 ? -1 : schema.spec.replicas'],
  ['Math.sign(spec.ratio)', 'schema.spec.ratio > 0.0 ? 1.0 : schema.spec.ratio < 0.0 ? -1.0 : schema.spec.ratio'],
  // a callback passed by name is the call of it on the item
  ['spec.workers.filter(Boolean)', 'schema.spec.workers.filter(x, x != "")'],
  ['spec.ports.map(String)', 'schema.spec.ports.map(x, string(x))'],
  ['1.5', '1.5'],
  ['"it\'s"', '"it\'s"'],
  ['true', 'true'],
  ['prefix', '"app"'],
  ['limit', '3'],
  // JavaScript has one number type: ints beside a double in a list literal are doubles.
  ['[spec.replicas, spec.ratio, 2]', '[double(schema.spec.replicas), schema.spec.ratio, 2.0]'],
  ['spec.replicas', 'schema.spec.replicas'],
  ['worker', 'worker'],
  ['deployment.metadata.name', 'deployment.metadata.name'],
  ['spec.labels["app.kubernetes.io/name"]', 'schema.spec.labels["app.kubernetes.io/name"]'],
  ['spec.workers[0]', 'schema.spec.workers[0]'],
  ['deployment.status.readyReplicas', 'deployment.status.readyReplicas'],
  // optional chaining
  ['spec.config?.port', 'schema.spec.?config.?port'],
  ['spec.config?.name', 'schema.spec.?config.?name'],
  ['spec.config?.port ?? 80', 'schema.spec.?config.?port.orValue(80)'],
  ['deployment.status.conditions?.[0]', 'deployment.status.?conditions[?0]'],
  // comparisons
  ['spec.replicas === 3', 'schema.spec.replicas == 3'],
  ['spec.env !== "prod"', 'schema.spec.env != "prod"'],
  ['spec.replicas >= limit', 'schema.spec.replicas >= 3'],
  ['spec.ratio > 1', 'schema.spec.ratio > 1.0'],
  ['spec.ratio > spec.replicas', 'schema.spec.ratio > double(schema.spec.replicas)'],
  ['spec.replicas == spec.ratio', 'double(schema.spec.replicas) == schema.spec.ratio'],
  ['deployment.status.readyReplicas > 0', 'deployment.status.?readyReplicas.orValue(0) > 0'],
  ['deployment.status.readyReplicas >= 2', 'deployment.status.?readyReplicas.orValue(1) >= 2'],
  ['deployment.status.readyReplicas <= 2', 'deployment.status.?readyReplicas.orValue(3) <= 2'],
  ['0 < deployment.status.readyReplicas', '0 < deployment.status.?readyReplicas.orValue(0)'],
  ['deployment.status.readyReplicas > spec.replicas', 'has(deployment.status.readyReplicas) && deployment.status.readyReplicas > schema.spec.replicas'],
  ['deployment.status.readyReplicas === spec.replicas', 'has(deployment.status.readyReplicas) && deployment.status.readyReplicas == schema.spec.replicas'],
  ['deployment.status.readyReplicas !== spec.replicas', '!has(deployment.status.readyReplicas) || deployment.status.readyReplicas != schema.spec.replicas'],
  ['deployment.status.readyReplicas === deployment.status.replicas', 'has(deployment.status.readyReplicas) && has(deployment.status.replicas) ? deployment.status.readyReplicas == deployment.status.replicas : has(deployment.status.readyReplicas) == has(deployment.status.replicas)'],
  ['spec.hostname === undefined', '!has(schema.spec.hostname)'],
  ['spec.hostname != null', 'has(schema.spec.hostname)'],
  ['null == spec.count', '!has(schema.spec.count)'],
  ['spec.env === undefined', 'false'],
  ['"x" in spec.labels', 'has(schema.spec.labels.x)'],
  // arithmetic
  ['spec.replicas + 1', 'schema.spec.replicas + 1'],
  ['spec.replicas * 2 - 1', 'schema.spec.replicas * 2 - 1'],
  ['spec.replicas * (2 - 1)', 'schema.spec.replicas * (2 - 1)'],
  ['spec.replicas / 2', 'double(schema.spec.replicas) / 2.0'],
  ['spec.replicas % 2', 'schema.spec.replicas % 2'],
  ['spec.ratio * 2', 'schema.spec.ratio * 2.0'],
  ['spec.replicas + spec.ratio', 'double(schema.spec.replicas) + schema.spec.ratio'],
  ['-spec.replicas', '-schema.spec.replicas'],
  ['-1', '-1'],
  ['Math.trunc(spec.replicas / 2)', 'schema.spec.replicas / 2'],
  ['Math.trunc(spec.ratio)', 'int(schema.spec.ratio)'],
  ['Math.max(spec.replicas, 1)', '[schema.spec.replicas, 1].max()'],
  // JavaScript's Math.min is NaN when any argument is; the list library's min() skips a NaN that is not first.
  ['Math.min(spec.ratio, 1)', 'schema.spec.ratio != schema.spec.ratio ? double("NaN") : [schema.spec.ratio, 1.0].min()'],
  ['Math.max(spec.replicas, 1)', '[schema.spec.replicas, 1].max()'],
  ['Math.abs(spec.replicas)', 'schema.spec.replicas <= 0 ? 0 - schema.spec.replicas : schema.spec.replicas'],
  // strings
  ['"web-" + spec.env', '"web-" + schema.spec.env'],
  ['spec.env + "-" + spec.replicas', 'schema.spec.env + "-" + string(schema.spec.replicas)'],
  ['`web-${spec.env}-${spec.replicas}`', '"web-" + schema.spec.env + "-" + string(schema.spec.replicas)'],
  ['`${spec.enabled}`', 'string(schema.spec.enabled)'],
  ['`a${1}b`', '"a1b"'],
  ['`http://${spec.hostname ?? "localhost"}/`', '"http://" + schema.spec.?hostname.orValue("localhost") + "/"'],
  ['`${prefix}-${worker}`', '"app-" + worker'],
  // Trial 13 finding 9: a choice of operands of different types in a template is the text of the chosen one.
  ['`n=${spec.count ?? "none"}`', '"n=" + (has(schema.spec.count) ? string(schema.spec.count) : "none")'],
  ['`${spec.enabled ? 1 : "x"}`', 'schema.spec.enabled ? "1" : "x"'],
  ['`${spec.enabled ? true : spec.env}`', 'schema.spec.enabled ? "true" : schema.spec.env'],
  ['`${spec.enabled ? spec.count ?? -1 : "off"}`', 'schema.spec.enabled ? string(schema.spec.?count.orValue(-1)) : "off"'],
  ['`${spec.enabled ? spec.env : spec.count ?? false}`', 'schema.spec.enabled ? schema.spec.env : has(schema.spec.count) ? string(schema.spec.count) : "false"'],
  ['`${spec.count !== undefined ? spec.count : "-"}`', 'has(schema.spec.count) ? string(schema.spec.count) : "-"'],
  ['spec.items.map((i) => `${i.name}${i.size ?? ""}`)', 'schema.spec.items.map(i, i.name + string(i.size))'],
  // JavaScript counts text in UTF-16 code units: a character outside the BMP counts twice (analysis/utf16.ts).
  ['spec.env.length', 'size(schema.spec.env)'],
  ['spec.env.startsWith("p")', 'schema.spec.env.startsWith("p")'],
  ['spec.env.endsWith("d")', 'schema.spec.env.endsWith("d")'],
  ['spec.env.includes("o")', 'schema.spec.env.contains("o")'],
  ['spec.env.toLowerCase()', 'schema.spec.env.lowerAscii()'],
  ['spec.env.toUpperCase()', 'schema.spec.env.upperAscii()'],
  ['spec.env.trim()', 'schema.spec.env.trim()'],
  ['spec.env.split(",")', 'schema.spec.env.split(",")'],
  ['spec.env.replaceAll("-", "_")', 'schema.spec.env.replace("-", "_")'],
  ['spec.env.replace("-", "_")', 'schema.spec.env.replace("-", "_", 1)'],
  ['spec.env.indexOf("o")', 'schema.spec.env.indexOf("o")'],
  // JavaScript clamps substring indices to [0, length] and swaps them; CEL would error, so they are clamped.
  ['spec.env.substring(0, 3)', 'schema.spec.env.substring(0, [3, size(schema.spec.env)].min())'],
  ['spec.env.substring(1)', 'schema.spec.env.substring([1, size(schema.spec.env)].min())'],
  ['spec.env.slice(1)', 'schema.spec.env.substring([1, size(schema.spec.env)].min())'],
  ['spec.env.slice(1, 3)', 'schema.spec.env.substring([1, size(schema.spec.env)].min(), [3, size(schema.spec.env)].min())'],
  ['spec.env.substring(spec.replicas)', 'schema.spec.env.substring([[schema.spec.replicas, 0].max(), size(schema.spec.env)].min())'],
  ['spec.env.substring(2, 1)', 'schema.spec.env.substring([[2, size(schema.spec.env)].min(), [1, size(schema.spec.env)].min()].min(), [[2, size(schema.spec.env)].min(), [1, size(schema.spec.env)].min()].max())'],
  // JavaScript's charAt gives "" out of range, CEL's errors: the index is tested.
  ['spec.env.charAt(0)', '0 < size(schema.spec.env) ? schema.spec.env.charAt(0) : ""'],
  ['spec.env.charAt(spec.replicas)', 'schema.spec.replicas >= 0 && schema.spec.replicas < size(schema.spec.env) ? schema.spec.env.charAt(schema.spec.replicas) : ""'],
  ['spec.env.charAt(-1)', '""'],
  ['String(spec.replicas)', 'string(schema.spec.replicas)'],
  // Numbers stay numbers; text is refused (see the rejections).
  ['Number(spec.replicas)', 'schema.spec.replicas'],
  ['Number(spec.ratio)', 'schema.spec.ratio'],
  ['Number(spec.enabled)', 'schema.spec.enabled ? 1 : 0'],
  ['parseInt(spec.replicas, 10)', 'schema.spec.replicas'],
  ['parseFloat(spec.ratio)', 'schema.spec.ratio'],
  // A replacement known at definition time, free of `$`, is inserted as it is in both.
  ['spec.env.replace("a", `b`)', 'schema.spec.env.replace("a", "b", 1)'],
  ['spec.env.replaceAll(spec.env, prefix)', 'schema.spec.env.replace(schema.spec.env, "app")'],
  ['spec.env.split(spec.env).join(spec.env)', 'schema.spec.env.split(schema.spec.env).join(schema.spec.env)'],
  // KRO's lists library has no list(double).indexOf(int) overload.
  ['spec.weights.indexOf(2)', 'schema.spec.weights.indexOf(2.0)'],
  ['spec.ports.indexOf(2)', 'schema.spec.ports.indexOf(2)'],
  // JavaScript's positions: a negative one counts from the end, every one is clamped to the list.
  ['spec.ports.indexOf(2, -1)', '2 in schema.spec.ports.slice([size(schema.spec.ports) + -1, 0].max(), size(schema.spec.ports)) ? schema.spec.ports.slice([size(schema.spec.ports) + -1, 0].max(), size(schema.spec.ports)).indexOf(2) + [size(schema.spec.ports) + -1, 0].max() : -1'],
  ['spec.ports.lastIndexOf(2)', 'schema.spec.ports.lastIndexOf(2)'],
  ['spec.ports.lastIndexOf(2, 1)', 'schema.spec.ports.slice(0, [1, size(schema.spec.ports) - 1].min() + 1).lastIndexOf(2)'],
  // Text or an integer: the value JavaScript chooses, in `dyn` so cel-go takes both in one conditional.
  ['spec.enabled ? "a" : 1', 'schema.spec.enabled ? dyn("a") : dyn(1)'],
  // `typeof x === 'undefined'` is `x === undefined`; a list item its test shows present is its value.
  ['typeof spec.hostname === "undefined"', '!has(schema.spec.hostname)'],
  ['[typeof spec.hostname !== "undefined" ? spec.hostname : "h"]', '[has(schema.spec.hostname) ? schema.spec.hostname : "h"]'],
  // `== null` and `=== undefined` both mean "not set" (KRO reads a JSON null as not set).
  ['spec.hostname == undefined', '!has(schema.spec.hostname)'],
  ['spec.hostname !== undefined', 'has(schema.spec.hostname)'],
  ['spec.env === null', 'false'],
  ['spec.env !== null', 'true'],
  ['null === undefined', 'false'],
  ['null == undefined', 'true'],
  ['spec.replicas.toString()', 'string(schema.spec.replicas)'],
  ['spec.replicas.toString(10)', 'string(schema.spec.replicas)'],
  // lists
  ['spec.workers.length', 'size(schema.spec.workers)'],
  ['spec.workers.includes("a")', '"a" in schema.spec.workers'],
  ['spec.workers.some((w) => w === "a")', 'schema.spec.workers.exists(w, w == "a")'],
  ['spec.workers.every((w) => w.startsWith("x"))', 'schema.spec.workers.all(w, w.startsWith("x"))'],
  ['spec.workers.filter((w) => w)', 'schema.spec.workers.filter(w, w != "")'],
  ['spec.workers.map((w) => `${w}-svc`)', 'schema.spec.workers.map(w, w + "-svc")'],
  ['spec.items.map(function (i) { return i.size * 2; })', 'schema.spec.items.map(i, i.size * 2)'],
  ['spec.items.find((i) => i.name === spec.env)', 'schema.spec.items.filter(i, i.name == schema.spec.env)[?0]'],
  ['spec.items.find((i) => i.size > 1)?.name ?? "none"', 'schema.spec.items.filter(i, i.size > 1)[?0].?name.orValue("none")'],
  ['spec.workers.join("-")', 'schema.spec.workers.join("-")'],
  ['spec.workers.join()', 'schema.spec.workers.join(",")'],
  ['spec.ports.join(" ")', 'schema.spec.ports.map(x, string(x)).join(" ")'],
  ['spec.workers.some((schema) => schema === spec.env)', 'schema.spec.workers.exists(schemaItem, schemaItem == schema.spec.env)'],
  // A callback parameter CEL or KRO cannot have as a variable is renamed, the parameter only (trial G09)
  ['spec.workers.map((namespace) => `ns-${namespace}`)', 'schema.spec.workers.map(namespaceItem, "ns-" + namespaceItem)'],
  ['spec.workers.filter((as) => as !== "x").length', 'size(schema.spec.workers.filter(asItem, asItem != "x"))'],
  ['spec.workers.every((loop) => loop !== "")', 'schema.spec.workers.all(loopItem, loopItem != "")'],
  ['spec.workers.some((type) => type === spec.env)', 'schema.spec.workers.exists(typeItem, typeItem == schema.spec.env)'],
  ['spec.ports.map((int) => int + 1)', 'schema.spec.ports.map(intItem, intItem + 1)'],
  ['spec.workers.map((each) => each)', 'schema.spec.workers.map(eachItem, eachItem)'],
  ['spec.workers.map((Worker) => Worker)', 'schema.spec.workers.map(workerItem, workerItem)'],
  // the new name avoids every name of the body, an inner callback's variable included
  ['spec.items.map((namespace) => spec.workers.filter((namespaceItem) => namespaceItem === namespace.name).length)', 'schema.spec.items.map(namespaceItem2, size(schema.spec.workers.filter(namespaceItem, namespaceItem == namespaceItem2.name)))'],
  ['deployment.status.conditions?.some((c) => c.type === "Available") ?? false', 'has(deployment.status.conditions) ? deployment.status.conditions.exists(c, c.type == "Available") : false'],
  ['spec.tags?.length ?? 0', 'has(schema.spec.tags) ? size(schema.spec.tags) : 0'],
  ['spec.config?.name.startsWith("a")', 'schema.spec.?config.?name.hasValue() ? optional.of(schema.spec.?config.?name.value().startsWith("a")) : optional.none()'],
  ['[spec.replicas, 1]', '[schema.spec.replicas, 1]'],
  ['{ name: spec.env, n: 1 }', '{"name": schema.spec.env, "n": 1}'],
  // logic and defaults
  ['spec.enabled && spec.replicas > 1', 'schema.spec.enabled && schema.spec.replicas > 1'],
  ['!spec.enabled', '!schema.spec.enabled'],
  ['spec.env || "dev"', 'schema.spec.env != "" ? schema.spec.env : "dev"'],
  ['spec.hostname || "localhost"', 'has(schema.spec.hostname) && schema.spec.hostname != "" ? schema.spec.hostname : "localhost"'],
  ['spec.hostname ?? spec.env', 'schema.spec.?hostname.orValue(schema.spec.env)'],
  ['spec.count ?? 1', 'schema.spec.?count.orValue(1)'],
  // a test that the count is set makes it present in the branch (`undefined > 0` is false)
  ['spec.count > 0 ? Number(spec.count) : 0', 'schema.spec.?count.orValue(0) > 0 ? schema.spec.count : 0'],
  ['spec.count > 1 ? `c${spec.count}` : "none"', 'schema.spec.?count.orValue(1) > 1 ? "c" + string(schema.spec.count) : "none"'],
  ['-1 < spec.count ? String(spec.count) : ""', '-1 < schema.spec.?count.orValue(-1) ? string(schema.spec.count) : ""'],
  ['spec.count >= 0 ? spec.count + 1 : 0', 'schema.spec.?count.orValue(-1) >= 0 ? schema.spec.count + 1 : 0'],
  ['spec.config?.port > 80 ? `p${spec.config.port}` : ""', 'schema.spec.?config.?port.orValue(80) > 80 ? "p" + string(schema.spec.config.port) : ""'],
  // a left side the compiler decides: JavaScript never looks at the right one (`false && undefined` is false)
  ['String(false && spec.count)', '"false"'],
  ['String(true || spec.count)', '"true"'],
  ['true && spec.env', 'schema.spec.env'],
  ['false || spec.count', 'schema.spec.count'],
  ['-1 || spec.count', '-1'],
  ['0 || spec.count', 'schema.spec.count'],
  ['spec.env ?? "x"', 'schema.spec.env'],
  ['spec.count ?? spec.ratio', 'has(schema.spec.count) ? double(schema.spec.count) : schema.spec.ratio'],
  ['spec.env === "prod" ? "nginx:1.27" : "nginx:latest"', 'schema.spec.env == "prod" ? "nginx:1.27" : "nginx:latest"'],
  ['spec.enabled ? spec.replicas : spec.ratio', 'schema.spec.enabled ? double(schema.spec.replicas) : schema.spec.ratio'],
  ['spec.hostname ? spec.hostname : undefined', 'has(schema.spec.hostname) && schema.spec.hostname != "" ? schema.spec.?hostname : optional.none()'],
  ['spec.workers[0] ?? "none"', 'schema.spec.workers[?0].orValue("none")'],
  ['spec.labels.team ?? "x"', 'schema.spec.labels.?team.orValue("x")'],
  ['deployment.status.readyReplicas > 0 && deployment.status.readyReplicas === spec.replicas', 'deployment.status.?readyReplicas.orValue(0) > 0 && has(deployment.status.readyReplicas) && deployment.status.readyReplicas == schema.spec.replicas'],
  ['svc.status.loadBalancer', 'service.status.loadBalancer'],
  ['spec.replicas as number', 'schema.spec.replicas'],
];

test('compileExpression', async (t) => {
  for (const [js, cel] of valueCases) {
    await t.test(js, () => {
      assert.equal(value(js), cel);
      checkCelSyntax(cel);
    });
  }
});

test("a double made text is written as JavaScript writes it, CEL's own string() being Go's %g", () => {
  const ratio = printCel(doubleText(E.path('schema', 'spec', 'ratio')));
  assert.equal(value('`${spec.ratio}`'), ratio);
  assert.equal(value('"n=" + spec.ratio'), `"n=" + ${ratio}`);
  assert.equal(value('String(1.5)'), '"1.5"');
  // A choice made text makes each operand text as the template would: a double beside text too.
  assert.equal(value('`${spec.enabled ? spec.ratio : "x"}`'), `schema.spec.enabled ? ${ratio} : "x"`);
  checkCelSyntax(ratio);
});

test('compileExpression with an expected type', () => {
  assert.equal(value('2', T.double), '2.0');
  assert.equal(value('Number(spec.replicas)', T.double), 'schema.spec.replicas');
  assert.deepEqual(compileExpression(parseExpression('deployment.status.readyReplicas').node, testScope).optional, true);
  assert.deepEqual(compileExpression(parseExpression('spec.replicas / 2').node, testScope).type, T.double);
});

const conditionCases: Row[] = [
  ['spec.hostname', 'has(schema.spec.hostname) && schema.spec.hostname != ""'],
  ['spec.env', 'schema.spec.env != ""'],
  ['spec.replicas', 'schema.spec.replicas != 0'],
  // NaN is falsy in JavaScript, `!= 0.0` in CEL: both comparisons are false for 0, -0 and NaN.
  ['spec.ratio', 'schema.spec.ratio > 0.0 || schema.spec.ratio < 0.0'],
  ['spec.enabled', 'schema.spec.enabled'],
  ['spec.config', 'has(schema.spec.config)'],
  ['spec.tags', 'has(schema.spec.tags)'],
  ['spec.workers', 'true'],
  ['deployment.status.conditions?.some((c) => c.status === "True")', 'has(deployment.status.conditions) && deployment.status.conditions.exists(c, c.status == "True")'],
  ['!spec.hostname', '!(has(schema.spec.hostname) && schema.spec.hostname != "")'],
  ['!!spec.count', 'has(schema.spec.count) && schema.spec.count != 0'],
  ['spec.hostname && spec.enabled', 'has(schema.spec.hostname) && schema.spec.hostname != "" && schema.spec.enabled'],
  ['spec.hostname || spec.count', 'has(schema.spec.hostname) && schema.spec.hostname != "" || has(schema.spec.count) && schema.spec.count != 0'],
  ['spec.config?.port', 'schema.spec.?config.?port.hasValue() && schema.spec.?config.?port.value() != 0'],
  ['svc.status.ready', 'has(service.status.ready) && !(service.status.ready in [false, 0, 0.0, "", null]) && (type(service.status.ready) != type(0.0) || service.status.ready == service.status.ready)'],
  ['spec.env === "prod"', 'schema.spec.env == "prod"'],
  ['Boolean(spec.hostname)', 'has(schema.spec.hostname) && schema.spec.hostname != ""'],
];

test('compileCondition', async (t) => {
  for (const [js, cel] of conditionCases) {
    await t.test(js, () => {
      assert.equal(condition(js), cel);
      checkCelSyntax(cel);
    });
  }
});

test('compileStringPart', () => {
  assert.equal(printCel(compileStringPart(parseExpression('spec.replicas').node, testScope)), 'string(schema.spec.replicas)');
  assert.equal(printCel(compileStringPart(parseExpression('spec.env').node, testScope)), 'schema.spec.env');
});

/** [js, message fragment, hint fragment] */
const rejections: [string, string, string][] = [
  ['foo', '`foo` is not known', 'pass the value through the spec'],
  ['spec.replicaz', 'unknown field `replicaz`', 'known fields: config, count'],
  ['helper(spec.env)', 'cannot run in CEL', 'Cel.expr'],
  ['Math.floor(spec.ratio)', 'Math.floor has no CEL equivalent', 'Math.trunc'],
  ['new Date()', '`new` builds a JavaScript object', 'Cel.expr'],
  ['typeof spec.env', '`typeof`', 'Cel.expr'],
  ['spec.replicas = 2', 'assignments', 'Cel.expr'],
  ['spec.workers.reduce((a, b) => a + b)', '`reduce` over a list the instance gives has no CEL equivalent', 'supported method'],
  ['spec.workers.map((w, i) => w)', 'index parameters', 'two-variable comprehension'],
  ['spec.env.split(",", 2)', '`split` with 2 argument(s)', 'truncates'],
  ['spec.env.replace(/a/g, "b")', 'regular expressions', 'matches()'],
  ['spec.env.replace("a", "$&")', '`$` patterns', 'Cel.expr'],
  ['spec.env.slice(-1)', 'string `slice`', 'substring'],
  ['spec.env.slice(1, 0)', 'string `slice`', 'substring'],
  // Trial 7 V04: a double among text in a list literal printed 1000000 as 1e+06 once joined.
  ['["cpu", spec.ratio].join("=")', 'a floating-point number in a list of other kinds of values', 'Math.trunc'],
  // Trial 7 V08: KRO rejects `int in list(string)`; JavaScript never finds a number among strings.
  ['spec.workers.includes(spec.replicas)', 'searching a list of string items for an int', 'convert it first'],
  ['spec.workers.indexOf(spec.replicas)', 'searching a list of string items for an int', 'convert it first'],
  ['spec.env === 1', 'cannot compare a string with an int', 'String(...)'],
  // Text beside an integer compiles (a choice of int-or-string, below); beside a boolean it is refused.
  ['spec.enabled ? "a" : true', 'different types', 'String(...) around the bool one'],
  // Made text in a template, `undefined` is the text "undefined".
  ['`${spec.enabled ? spec.count : "x"}`', '`spec.enabled ? spec.count : "x"` reads an optional spec field without a default, made into text here', 'give it a default where it is used'],
  ['spec.env && spec.replicas', '`&&` on non-boolean values', 'ternary'],
  ['spec.ratio % 2', 'no `%` on doubles', 'x - Math.trunc(x)'],
  ['spec.workers.find((w) => w).length', 'may be undefined', '?.length'],
  ['spec.items.find((i) => i.size > 1).name.startsWith("a")', 'may be undefined', '?.'],
  ['undefined', '`undefined`/`null` alone', 'leave the field out'],
  ['parseInt(spec.env, 16)', 'only base 10', 'Cel.expr'],
  ['[...spec.env]', 'a spread of a string', 'Cel.expr'],
  ['+spec.env', '`+x` of a string value reads text as a number', 'declare the field as a number'],
  // Text to number: JavaScript's parsing is more lenient than CEL's (Number('') is 0, parseInt('12abc') 12).
  ['Number(spec.env)', "`Number(...)` of text has no exact CEL form: JavaScript reads '', ' 12 ', '12abc' or '1.5x' as numbers where CEL's int()/double() fail", "declare the spec field as a number (e.g. 'number.integer'), or accept CEL's stricter parsing with Cel.expr('int(', value, ')')"],
  ['parseInt(spec.env, 10)', '`parseInt(...)` of text has no exact CEL form', 'Cel.expr(\'int(\', value, \')\')'],
  ['parseFloat(spec.env)', '`parseFloat(...)` of text has no exact CEL form', "Cel.expr('double(', value, ')')"],
  ['parseInt(spec.ratio)', '`parseInt(...)` of a double value has no exact CEL form', 'Math.trunc'],
  ['parseInt(spec.enabled)', '`parseInt(...)` of a bool value is NaN in JavaScript, which CEL cannot hold', 'use Number(b)'],
  // Number(undefined) is NaN (unequal to itself, kept by `??`), where the compiled argument stays absent.
  ['Number(spec.count)', '`Number(spec.count)`: Number of `undefined` is NaN in JavaScript (unequal to everything, itself included, and kept by `??`), which CEL cannot hold, and `spec.count` may be `undefined`', 'give it a default first (`Number(spec.count ?? 0)`), or test it around the call (`spec.count !== undefined ? Number(spec.count) : 0`)'],
  ['parseInt(spec.count, 10) === spec.count', '`parseInt(spec.count, 10)`: parseInt of `undefined` is NaN', '`parseInt(spec.count ?? 0, 10)`'],
  // A CEL optional that may be empty fails the expression where its value is taken; JavaScript goes on with undefined.
  ['(spec.count ?? spec.count) * 2 > 1', '`spec.count ?? spec.count` may be `undefined` (a branch or every side of `??` may give it), used in arithmetic here: JavaScript computes NaN with it, but the CEL expression fails on the missing value', 'end it with a default (`(spec.count ?? spec.count) ?? <default>`), or test it first'],
  ['String(spec.enabled ? spec.replicas : undefined)', '`spec.enabled ? spec.replicas : undefined` may be `undefined` (a branch or every side of `??` may give it), made into text here: JavaScript makes it the text "undefined"', 'end it with a default'],
  ['Number(deployment.status.readyReplicas) ?? 1', '`Number(deployment.status.readyReplicas)`: Number of `undefined` is NaN', 'Number(deployment.status.readyReplicas ?? 0)'],
  // JavaScript expands `$&`, `$1`, `$$` in a replacement; CEL inserts it as it is.
  ['spec.env.replace("a", spec.env)', 'a `replace` replacement that is not a literal string: JavaScript expands `$&`, `$1`, `$$` in it, CEL does not', 'Cel.expr(s, \'.replace("a", \', b, \', 1)\')'],
  ['spec.env.replaceAll("a", `-${spec.env}`)', 'a `replaceAll` replacement that is not a literal string', 'write `s.split(a).join(b)`, which inserts `b` as it is (the same as replaceAll unless `a` is empty)'],
  ['spec.env.replaceAll("a", "$$")', '`$` patterns', 's.split(a).join(b)'],
  // Identity in JavaScript, values in CEL.
  ['spec.workers === spec.workers', '`===` on a list(string) compares identity in JavaScript (two lists or objects are never equal unless they are the same one), but CEL would compare their contents', 'a.join(",") === b.join(",")'],
  ['spec.labels != spec.labels', '`!=` on a map compares identity', 'field by field'],
  ['spec.config !== spec.config', '`!==` on an object compares identity', 'Cel.expr(a, " == ", b)'],
  ['spec.items.includes(spec.items[0])', 'searching a list of objects compares identity in JavaScript, contents in CEL', 'list.some((x) => x.name === name)'],
  // `=== null` tells null from undefined; KRO has only "not set".
  ['spec.hostname === null', '`=== null` tells `undefined` from `null`, which KRO cannot: a field that is not set is `undefined` in JavaScript, and KRO\'s objects hold no nulls (a JSON null reads as not set)', 'test whether the field is set with `== null` or `=== undefined`'],
  ['null !== deployment.status.readyReplicas', '`!== null` tells `undefined` from `null`', '`!= null` or `!== undefined`'],
  // A keyword field name: `schema.spec.in` does not parse and KRO's typed objects have no `["in"]`.
  ['spec.in', 'the field `in` cannot be read in KRO\'s CEL: `in` is a CEL keyword, and KRO\'s typed objects cannot be indexed with ["in"]', 'rename the field (e.g. `inside` for `in`'],
  ['spec.replicas ** 2', '`**` operator', 'Cel.expr'],
];

test('rejections name the place, the construct and the escape hatch', async (t) => {
  for (const [js, why, hint] of rejections) {
    await t.test(js, () => {
      const { node, file } = parseExpression(js);
      assert.throws(
        () => compileExpression(node, testScope),
        (error: unknown) => {
          assert.ok(error instanceof CompositionSyntaxError, String(error));
          assert.match(error.message, new RegExp(`^${file.replace(/[/.]/g, '\\$&')}:2:\\d+: `));
          assert.ok(error.message.includes(why), `${error.message}\n  should say: ${why}`);
          assert.ok(error.hint.includes(hint), `${error.hint}\n  should hint: ${hint}`);
          return true;
        },
      );
    });
  }
});
