import { test } from 'node:test';
import assert from 'node:assert/strict';
import { E, type Expr } from '../../ir/expr.js';
import { printCel, printFieldValue, quote } from './print.js';
import { checkCelSyntax } from './syntax-check.js';

const spec = (...fields: string[]): Expr => E.path('schema', 'spec', ...fields);
const a = E.ident('a');
const b = E.ident('b');
const c = E.ident('c');

const celCases: [string, Expr, string][] = [
  ['int', E.int(42), '42'],
  ['negative int', E.int(-7), '-7'],
  ['double keeps a dot', E.double(1), '1.0'],
  ['double fraction', E.double(2.5), '2.5'],
  ['double exponent', E.double(1e21), '1e+21'],
  ['double negative zero', E.double(-0), '-0.0'],
  ['double NaN', E.double(Number.NaN), 'double("NaN")'],
  ['bool', E.bool(true), 'true'],
  ['null', E.null(), 'null'],
  ['path', spec('replicas'), 'schema.spec.replicas'],
  ['optional select', E.select(E.select(E.ident('d'), 'status'), 'readyReplicas', true), 'd.status.?readyReplicas'],
  ['non-identifier field', E.select(E.ident('m'), 'app.kubernetes.io/name'), 'm["app.kubernetes.io/name"]'],
  ['keyword field', E.select(E.ident('m'), 'in', true), 'm[?"in"]'],
  ['index', E.index(E.ident('l'), E.int(0)), 'l[0]'],
  ['optional index', E.index(E.ident('l'), E.int(0), true), 'l[?0]'],
  ['has', E.call('has', [spec('x')]), 'has(schema.spec.x)'],
  ['has on a non-identifier field', E.call('has', [E.select(E.ident('m'), 'a-b')]), '"a-b" in m'],
  ['negated has in-form', E.unary('!', E.call('has', [E.select(E.ident('m'), 'a-b')])), '!("a-b" in m)'],
  // cel-js's has() takes only a select chain down to a variable; `.?f.hasValue()` is the same test (trial 4 F02)
  ['has over a call', E.call('has', [E.select(E.call('orValue', [E.map([])], E.select(E.path('schema', 'spec'), 'm', true)), 'zeta')]), 'schema.spec.?m.orValue({}).?zeta.hasValue()'],
  ['has over an index', E.call('has', [E.select(E.index(spec('l'), E.int(0)), 'name')]), 'schema.spec.l[0].?name.hasValue()'],
  ['has over a ternary', E.unary('!', E.call('has', [E.select(E.cond(E.bool(true), spec('a'), spec('b')), 'k')])), '!(true ? schema.spec.a : schema.spec.b).?k.hasValue()'],
  ['has over an optional select path', E.call('has', [E.select(E.select(E.ident('schema'), 'spec', true), 'x')]), 'has(schema.?spec.x)'],
  ['receiver call', E.call('orValue', [E.int(0)], E.select(E.ident('d'), 'r', true)), 'd.?r.orValue(0)'],
  ['global call', E.call('string', [spec('replicas')]), 'string(schema.spec.replicas)'],
  ['left assoc minus', E.binary('-', E.binary('-', a, b), c), 'a - b - c'],
  ['right nested minus', E.binary('-', a, E.binary('-', b, c)), 'a - (b - c)'],
  ['mul over add', E.binary('*', E.binary('+', a, b), c), '(a + b) * c'],
  ['add over mul', E.binary('+', a, E.binary('*', b, c)), 'a + b * c'],
  ['and in or', E.binary('||', E.binary('&&', a, b), c), 'a && b || c'],
  ['right-nested and', E.binary('&&', a, E.binary('&&', b, c)), 'a && b && c'],
  ['or in and', E.binary('&&', E.binary('||', a, b), c), '(a || b) && c'],
  ['relation in and', E.binary('&&', E.binary('>', a, E.int(0)), E.binary('==', b, c)), 'a > 0 && b == c'],
  ['in operator', E.binary('in', E.str('x'), E.ident('l')), '"x" in l'],
  ['not of relation', E.unary('!', E.binary('==', a, b)), '!(a == b)'],
  ['minus of negative literal', E.unary('-', E.int(-1)), '-(-1)'],
  ['select on negative literal', E.call('string', [], E.int(-1)), '(-1).string()'],
  ['nested conditional in else', E.cond(a, b, E.cond(c, a, b)), 'a ? b : c ? a : b'],
  ['nested conditional in then', E.cond(a, E.cond(c, a, b), b), 'a ? (c ? a : b) : b'],
  ['conditional in test', E.cond(E.cond(a, b, c), a, b), '(a ? b : c) ? a : b'],
  ['conditional in operand', E.binary('+', E.cond(a, E.str('x'), E.str('y')), E.str('z')), '(a ? "x" : "y") + "z"'],
  ['list', E.list([E.int(1), E.str('a')]), '[1, "a"]'],
  ['list max', E.call('max', [], E.list([a, b])), '[a, b].max()'],
  ['map', E.map([{ key: E.str('k'), value: E.int(1) }]), '{"k": 1}'],
  ['macro', E.macro('exists', E.ident('l'), 'w', E.binary('==', E.ident('w'), E.str('x'))), 'l.exists(w, w == "x")'],
  ['two-variable macro', E.macro('transformMap', spec('m'), 'v', E.call('bytes', [E.ident('v')]), 'k'), 'schema.spec.m.transformMap(k, v, bytes(v))'],
  ['two-variable macro on a conditional', E.macro('transformMap', E.cond(a, b, c), 'v', E.ident('k'), 'k'), '(a ? b : c).transformMap(k, v, k)'],
  ['template', E.template(['web-', spec('env'), '-', E.call('string', [spec('n')])]), '"web-" + schema.spec.env + "-" + string(schema.spec.n)'],
  ['template empty', E.template([]), '""'],
  ['template single expr', E.template([E.cond(a, b, c)]), 'a ? b : c'],
  ['template with conditional part', E.template(['a', E.cond(a, b, c)]), '"a" + (a ? b : c)'],
  ['template inside relation', E.binary('==', E.template([a, 'x']), b), 'a + "x" == b'],
  ['template as receiver', E.call('size', [], E.template([a, 'x'])), '(a + "x").size()'],
  ['raw alone', E.raw('a > 1'), 'a > 1'],
  ['raw nested', E.binary('&&', E.raw('a > 1'), b), '(a > 1) && b'],
  ['raw as argument', E.call('f', [E.raw('a > 1')]), 'f(a > 1)'],
];

test('printCel', async (t) => {
  for (const [name, expr, expected] of celCases) {
    await t.test(name, () => {
      assert.equal(printCel(expr), expected);
      checkCelSyntax(expected);
    });
  }
});

const quoteCases: [string, string][] = [
  ['plain', '"plain"'],
  ['say "hi"', '"say \\"hi\\""'],
  ['back\\slash', '"back\\\\slash"'],
  ['line\nbreak\ttab\r', '"line\\nbreak\\ttab\\r"'],
  ['bell\u0007', '"bell\\x07"'],
  ['braces } { ${x}', '"braces } { ${x}"'],
  ["single ' quote", '"single \' quote"'],
  ['unicode é 😀 日本', '"unicode é 😀 日本"'],
];

test('quote', async (t) => {
  for (const [input, expected] of quoteCases) {
    await t.test(JSON.stringify(input), () => {
      assert.equal(quote(input), expected);
      checkCelSyntax(expected);
    });
  }
});

const fieldCases: [string, Expr, string][] = [
  ['standalone ref', spec('replicas'), '${schema.spec.replicas}'],
  ['standalone literal', E.int(3), '${3}'],
  ['interpolation', E.template(['web-', spec('env'), '.svc']), 'web-${schema.spec.env}.svc'],
  ['interpolation of a conditional', E.template(['v-', E.cond(a, E.str('x'), E.str('y'))]), 'v-${a ? "x" : "y"}'],
  ['literal text with ${', E.template(['cost ${x} ', spec('env')]), 'cost ${"${"}x} ${schema.spec.env}'],
  ['split $ and {', E.template(['a$', '{b', spec('env')]), 'a${"${"}b${schema.spec.env}'],
  ['text only', E.template(['plain']), 'plain'],
  ['braces in string literal', E.template([E.binary('+', spec('env'), E.str('}{'))]), '${schema.spec.env + "}{"}'],
];

test('printFieldValue', async (t) => {
  for (const [name, expr, expected] of fieldCases) {
    await t.test(name, () => assert.equal(printFieldValue(expr), expected));
  }
});
