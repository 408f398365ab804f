/**
 * Every construct the JavaScript-to-CEL compiler refuses, with its exact message (file, line and column, the
 * construct, the hint): the messages are a golden file (golden/compile-rejections.txt; UPDATE_GOLDEN=1
 * rewrites it, review the diff). Each row also names a fragment of its own rejection, so a row that starts
 * failing for another reason fails here. Rejections of whole compositions (statements, loops, parameters)
 * are in definition-rejections.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileExpression } from '../../src/analysis/compile-expression.js';
import { CompositionSyntaxError } from '../../src/analysis/errors.js';
import { scopeOf } from '../../src/analysis/scope.js';
import { parseSource } from '../../src/analysis/source.js';
import { printCel } from '../../src/compile/cel/print.js';
import { E } from '../../src/ir/expr.js';
import { T, type CelType, type FieldType } from '../../src/ir/types.js';
import { assertGolden } from '../support/golden.js';

const req = (type: CelType): FieldType => ({ type, optional: false });
const opt = (type: CelType): FieldType => ({ type, optional: true });

const scope = scopeOf({
  spec: {
    kind: 'value',
    expr: E.path('schema', 'spec'),
    type: T.object({
      env: req(T.string), replicas: req(T.int), ratio: req(T.double), enabled: req(T.bool), count: opt(T.int),
      workers: req(T.list(T.string)), ports: req(T.list(T.int)), labels: req(T.map(T.string)),
      items: req(T.list(T.object({ name: req(T.string), size: req(T.int) }))),
      size: req({ kind: 'string', values: ['small', 'large'] }), odd: req({ kind: 'string', values: ['a', 'constructor'] }),
    }),
  },
  blob: { kind: 'value', expr: E.ident('blob'), type: { kind: 'bytes' } },
  Cel: { kind: 'cel', print: printCel },
});

/** [JavaScript, a fragment of the reason it is refused] */
const ROWS: readonly (readonly [string, string])[] = [
  // Cel escape hatches
  ['Cel.cond(spec.enabled, 1)', 'Cel.cond takes 3 arguments'],
  ['Cel.has(spec)', 'Cel.has takes one field read'],
  ['Cel.nope(1)', 'is not a Cel function'],
  ['Cel.expr(undefined)', 'a Cel.expr part is `undefined`/`null`'],
  ['Cel.template(spec.env, 1)', 'the format of Cel.template must be a string literal'],
  ['Cel.template("%s-%s", spec.env)', '%s placeholders but 1 argument'],
  ['Cel.template("%s-%d", spec.env, spec.replicas)', 'has `%d`, which Cel.template does not support: its only placeholder is %s'],
  ['Cel', '`Cel` is the namespace of the CEL escape hatches'],
  // calls
  ['Math.max(...spec.ports)', 'passes each item of `spec.ports` as an argument'],
  ['Math.max(...[spec.replicas, 2], ...spec.ports)', 'passes each item of `spec.ports` as an argument'],
  ['null.trim()', 'calling a method of `undefined`/`null`'],
  ['spec.workers.find((w) => w === "a").trim()', 'calling a method on a value that may be undefined'],
  ['spec["env"]()', 'this call cannot be compiled to CEL'],
  ['helper(spec.env)', 'is a JavaScript function; it cannot run in CEL'],
  ['spec.env.charAt()', '`charAt` with 0 argument(s) is not supported'],
  ['spec.env.substring("a")', 'expected an integer'],
  ['spec.env.padStart(3)', 'the string method `padStart` has no CEL equivalent'],
  ['spec.env.slice(-1)', 'string `slice`'],
  ['spec.env.replace(/a/g, "b")', 'regular expressions are not supported'],
  ['spec.env.replace("a", "$&")', '`$` patterns'],
  ['spec.env.replace("a", (m) => m)', 'a replacer function cannot run in CEL'],
  ['spec.env.split(",", 2)', '`split` with 2 argument(s)'],
  ['spec.items.map((i) => (i.size > 1 ? i.name : undefined))', 'a mapped value that may be undefined'],
  ['spec.workers.reduce((a, b) => a + b)', '`reduce` over a list the instance gives has no CEL equivalent'],
  ['spec.workers.some(isGood)', 'the callback must be an inline function'],
  ['spec.workers.map((w, i) => w)', 'index parameters have no CEL macro equivalent'],
  ['spec.workers.some(({ ...rest }) => rest.length > 1)', 'collects the remaining properties'],
  ['spec.workers.some((...all) => all.length > 1)', 'the callback must take one plain parameter or a destructuring pattern'],
  ['spec.workers.some((w) => { const x = w; return x === "a"; })', 'a callback body must be one expression'],
  ['Number(spec.labels)', 'to a number'],
  ['Number(spec.env)', '`Number(...)` of text has no exact CEL form'],
  ['parseFloat(spec.env)', '`parseFloat(...)` of text has no exact CEL form'],
  ['spec.env.replaceAll("a", spec.env)', 'a `replaceAll` replacement that is not a literal string'],
  ['spec.labels === spec.labels', '`===` on a map compares identity in JavaScript'],
  ['parseInt(spec.env, 16)', 'only base 10 is supported'],
  ['spec.count.toString(16)', 'only base 10 is supported'],
  ['spec.count.toString(spec.count)', 'only base 10 is supported'],
  ['Math.max(spec.count, 1)', 'Math.max needs present numbers'],
  ['Math.floor(spec.ratio)', 'Math.floor has no CEL equivalent'],
  ['Math.round(spec.ratio)', 'Math.round has no CEL equivalent'],
  ['Math.sign(spec.env)', 'Math.sign needs present numbers'],
  ['spec.enabled?.()', 'optional calls'],
  // reads and literals
  ['foo', '`foo` is not known'],
  ['spec.replicaz', 'unknown field `replicaz`'],
  ['spec.env[0]', '`[0]` indexes a string: CEL has no string index'],
  ['null.x', 'reading a property of `undefined`/`null`'],
  ['spec.workers.find((w) => w === "a").length', '`.length` of a value that may be undefined'],
  ['spec.workers.size', 'a list has no property `size`'],
  ['spec.workers[spec.env]', 'cannot index a list'],
  ['[1, , 2]', 'a hole in an array literal'],
  ['[...spec.env]', 'a spread of a string: only lists can be spread'],
  ['[1, ...spec.count]', 'a spread of a value that may be undefined'],
  ['[...spec.ports, ...[spec.ratio]]', 'a list of floating-point numbers joined with other values'],
  ['[spec.count]', 'a list item that may be undefined'],
  // lookup tables
  ['({ a: 1, b: 2 })[spec.env]', '`spec.env` may be any string'],
  ['({ a: 1 })[spec.odd] ?? 0', 'which every JavaScript object inherits'],
  ['({ small: 1, large: 2 })[spec.enabled ? spec.size : spec.env]', 'may be any string'],
  // the same hazard on a map the cluster holds (trial 4, F01): JavaScript sees Object.prototype, CEL own keys
  ['"toString" in spec.labels', 'is always true in JavaScript: every object inherits `toString`'],
  ['spec.labels.constructor ? 1 : 0', '`constructor` is a member every JavaScript object inherits'],
  ['spec.labels["valueOf"] ?? "x"', '`valueOf` is a member every JavaScript object inherits'],
  ['spec.labels[spec.odd] ?? "x"', 'the key may be `constructor`, which every JavaScript object inherits'],
  ['({ small: 1, large: "x" })[spec.size]', 'the values this lookup can read have different types'],
  ['({ small: 1, [spec.env]: 2 })[spec.size]', 'this lookup table does not show all its keys'],
  ['({ get a() { return 1; } })', 'only plain `key: value` properties and spreads of local object literals are supported'],
  // `{ 1: x }` has the key "1" in JavaScript, a plain map key in CEL: compiled since numeric keys are read as strings.
  ['({ ...spec.labels, a: 1 })', 'a spread of a spec map beside values of another type (string and int)'],
  ['({ a: undefined })', 'an `undefined` property value'],
  ['undefined', '`undefined`/`null` alone is not a value KRO can hold'],
  ['new Date()', '`new` builds a JavaScript object'],
  ['spec.replicas = 2', 'assignments cannot run inside the cluster'],
  // operators
  ['-spec.env', 'cannot negate a string'],
  ['+spec.env', '`+x` of a string value reads text as a number in JavaScript'],
  ['+spec.enabled', '`+b` of a bool value is 1 or 0 in JavaScript'],
  ['+spec.count', 'reads an optional spec field without a default, used in arithmetic here'],
  ['typeof spec.env', '`typeof` inspects JavaScript values'],
  ['spec.replicas ** 2', 'the `**` operator has no CEL equivalent'],
  ['spec.env === 1', 'cannot compare a string with an int'],
  ['spec.replicas > undefined', 'comparing with `undefined`/`null` is always false in JavaScript'],
  ['spec.env in spec.workers', '`in` over a list tests its positions in JavaScript, not its items'],
  ['spec.env in spec.labels', '`in` with a computed key: JavaScript also finds the names every object inherits'],
  ['spec.env || undefined', 'defaulting to `undefined`'],
  ['spec.enabled ? undefined : undefined', 'both branches are `undefined`'],
  ['spec.enabled ? "a" : true', 'the two branches have different types'],
  ['spec.enabled ? "a" : 2.5', 'the two branches have different types'],
  ['spec.ports.indexOf(2, spec.ratio)', 'the position of `indexOf` must be an integer'],
  ['spec.env.lastIndexOf("a", 1, 2)', '`lastIndexOf` with 3 argument(s) is not supported'],
  ['spec.env && spec.replicas', '`&&` on non-boolean values returns one of the operands'],
  ['spec.ratio % 2', 'no `%` on doubles'],
  // values as text and truthiness
  ['`${spec.labels}`', 'value cannot be used as text'],
  ['`${blob}`', 'value cannot be used as text'],
  ['blob ? 1 : 2', 'the truthiness of a bytes value cannot be expressed'],
];

test('every refused construct has its exact message (golden/compile-rejections.txt)', (t) => {
  const wrong: string[] = [];
  const blocks = ROWS.map(([js, why], i) => {
    const file = `/virtual/rejection-${i}.ts`;
    const ast = parseSource(`// composition\n(${js});`, file);
    const statement = ast.program.body[0];
    assert.ok(statement?.type === 'ExpressionStatement');
    let message: string | undefined;
    try {
      compileExpression(statement.expression, scope);
    } catch (error) {
      assert.ok(error instanceof CompositionSyntaxError, `${js}: ${String(error)}`);
      message = error.message.split(file).join('<file>');
    }
    if (message === undefined) wrong.push(`${js} compiled; it must be refused`);
    else if (!message.includes(why) || !/^<file>:2:\d+: /.test(message)) wrong.push(`${js}: ${message}\n  should say: ${why}, after the place`);
    return `${js}\n${(message ?? '(compiled)').split('\n').map((line) => `  ${line}`).join('\n')}\n`;
  });
  assert.deepEqual(wrong, [], 'each row is refused for its own reason, at its place');
  if (assertGolden(new URL('./golden/compile-rejections.txt', import.meta.url), blocks.join('\n')) === 'written') t.diagnostic('rewrote compile-rejections.txt');
});
