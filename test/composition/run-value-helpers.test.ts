/**
 * A value that changes per run (`Math.random()`, `new Date()`, `crypto.randomUUID()`) reached through a helper
 * of the user's own files is refused as the same value written inline is, naming the call and the use (trial
 * 17: `token()` and `year()` were frozen into the graph, and in kro mode every deploy rewrote every instance's
 * object). Pure helpers still compile.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render, simulate } from '../../src/testing/index.js';
import { Clock, epoch, ids, label, shorthand, stamp, suffix, tagged, Ticket } from './fixtures/run-values/ids.js';
import { refusalsIn, where } from '../support/refusals.js';

const { refusal, at, locate } = refusalsIn(import.meta.filename);
const IDS = new URL('./fixtures/run-values/ids.ts', import.meta.url).pathname;
const ids_ = refusalsIn(IDS);
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ name: 'string' }),
  status: type({ v: 'string' }),
});
const WHY = "which gives another value each time it runs: TypeKro runs the composition function, and the helpers it calls, once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either";
const RANDOM_HINT = "hint: pass the value through the spec; for a suffix that differs per instance and stays the same on every reconcile, use KRO's seeded random: Cel.expr<string>('random.seededString(5, ', spec.name, ')')";
const TIME_HINT = 'hint: pass the time through the spec (`spec.deployedAt`), or leave it to the cluster: every object has `metadata.creationTimestamp`';

const token = () => Math.random().toString(36).slice(2, 7);
function year() {
  return String(new Date().getFullYear());
}
const local = { id: () => `id-${token()}` };
class IdGen {
  next() {
    return token();
  }
  plain() {
    return 'same';
  }
}
const gen = new IdGen();
const clock = {
  now() {
    return Date.now();
  },
};

test('a helper of the same file that calls Math.random() or new Date() is refused at the call, naming the use', () => {
  const arrow = refusal(() => kubernetesComposition(def('same-arrow'), (spec) => {
    ConfigMap({ name: `${spec.name}-tok`, data: { token: token() } });
    return { v: spec.name };
  }));
  assert.equal(arrow, `${at("'same-arrow'", 'token()')}: \`token\` uses \`Math.random()\` (<this file>:${locate('const token', 'Math.random()').line}:${locate('const token', 'Math.random()').column}), ${WHY}
    token()
  ${RANDOM_HINT}`);
  const declared = refusal(() => kubernetesComposition(def('same-function'), (spec) => {
    ConfigMap({ name: `${spec.name}-y`, data: { year: year() } });
    return { v: spec.name };
  }));
  assert.equal(declared, `${at("'same-function'", 'year()')}: \`year\` uses \`new Date()\` (<this file>:${locate('function year', 'new Date()').line}:${locate('function year', 'new Date()').column}), ${WHY}
    year()
  ${TIME_HINT}`);
  // A method of a local object, calling another helper: the chain is named.
  const method = refusal(() => kubernetesComposition(def('same-method'), (spec) => ({ v: `${spec.name}${local.id()}` })));
  assert.equal(method, `${at("'same-method'", 'local.id()')}: \`local.id\` uses \`Math.random()\` through \`token\` (<this file>:${locate('const token', 'Math.random()').line}:${locate('const token', 'Math.random()').column}), ${WHY}
    local.id()
  ${RANDOM_HINT}`);
  // Passed on as a callback.
  const passed = refusal(() => kubernetesComposition(def('same-callback'), (spec) => ({ v: [spec.name].map(token).join('') })));
  assert.ok(passed.startsWith(`${at("'same-callback'", '[spec.name].map(token)')}: \`token\` uses \`Math.random()\``), passed);
});

test('a helper imported from another file is followed, through its own helpers and parameter defaults', () => {
  const cases: [string, () => unknown, string, string, string][] = [
    ['imp-stamp', () => kubernetesComposition(def('imp-stamp'), (spec) => ({ v: `${spec.name}-${stamp()}` })), 'stamp()', `\`stamp\` uses \`new Date()\` (${where(ids_.locate('export const stamp', 'new Date()'))})`, TIME_HINT],
    ['imp-suffix', () => kubernetesComposition(def('imp-suffix'), (spec) => ({ v: `${spec.name}-${suffix()}` })), 'suffix()', `\`suffix\` uses \`Math.random()\` through \`pick\` (${where(ids_.locate('function pick', 'Math.random()'))})`, RANDOM_HINT],
    ['imp-tagged', () => kubernetesComposition(def('imp-tagged'), (spec) => ({ v: tagged(spec.name) })), 'tagged(spec.name)', `\`tagged\` uses \`randomUUID()\` (${where(ids_.locate('export function tagged', 'randomUUID()'))})`, RANDOM_HINT],
    ['imp-ids', () => kubernetesComposition(def('imp-ids'), (spec) => ({ v: `${spec.name}${ids.next()}` })), 'ids.next()', `\`ids.next\` uses \`nodeCrypto.randomUUID()\` (${where(ids_.locate('export const ids', 'nodeCrypto.randomUUID()'))})`, RANDOM_HINT],
  ];
  for (const [name, define, construct, head, hint] of cases) {
    assert.equal(refusal(define), `${at(`'${name}'`, construct)}: ${head}, ${WHY}\n    ${construct}\n  ${hint}`, name);
  }
});

test("a package's random function imported by name is refused like the global", () => {
  const message = refusal(() => kubernetesComposition(def('uuid-import'), (spec) => ({ v: `${spec.name}-${randomUUID()}` })));
  assert.equal(message, `${at("'uuid-import'", 'randomUUID()')}: \`randomUUID()\` gives another value each time it runs: TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either
    randomUUID()
  ${RANDOM_HINT}`);
});

test('pure helpers and a date of a constant still compile, to what JavaScript computes', () => {
  const pure = kubernetesComposition(def('pure-helpers'), (spec) => {
    ConfigMap({ name: label(spec.name), data: { epoch: epoch() } });
    return { v: label(spec.name) };
  });
  assert.equal(simulate(pure, { name: 'a' }).status['v'], 'app-a');
  assert.deepEqual(render(pure, { name: 'a' }).manifests.map((m) => (m as { data?: unknown }).data), [{ epoch: '1970' }]);
});

test('a reference to such a function, not only a call, is refused: an alias, a callback, a method of it (review 38)', () => {
  const INLINE = "gives another value each time it runs: TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either";
  const alias = refusal(() => kubernetesComposition(def('ref-alias'), (spec) => {
    const r = Math.random;
    return { v: `${spec.name}${r()}` };
  }));
  assert.equal(alias, `${at("'ref-alias'", 'Math.random;')}: \`Math.random\` ${INLINE}\n    Math.random\n  ${RANDOM_HINT}`);
  const callback = refusal(() => kubernetesComposition(def('ref-callback'), (spec) => ({ v: `${spec.name}${[1].map(Math.random)[0]}` })));
  assert.equal(callback, `${at("'ref-callback'", 'Math.random)')}: \`Math.random\` ${INLINE}\n    Math.random\n  ${RANDOM_HINT}`);
  const now = refusal(() => kubernetesComposition(def('ref-now'), (spec) => {
    const clock = Date.now;
    return { v: `${spec.name}${clock()}` };
  }));
  assert.equal(now, `${at("'ref-now'", 'Date.now;')}: \`Date.now\` ${INLINE}\n    Date.now\n  ${TIME_HINT}`);
  const bigint = refusal(() => kubernetesComposition(def('ref-hrtime'), (spec) => ({ v: `${spec.name}${process.hrtime.bigint()}` })));
  assert.equal(bigint, `${at("'ref-hrtime'", 'process.hrtime.bigint()')}: \`process.hrtime.bigint()\` ${INLINE}\n    process.hrtime.bigint()\n  ${TIME_HINT}`);
});

test('a method of a class or a shorthand method of an object is followed too (session 39: frozen into the RGD before)', () => {
  const cases: [string, () => unknown, string, string, string][] = [
    ['cls-instance', () => kubernetesComposition(def('cls-instance'), (spec) => ({ v: `${spec.name}${gen.next()}` })), 'gen.next()', `\`gen.next\` uses \`Math.random()\` through \`token\` (<this file>:${locate('const token', 'Math.random()').line}:${locate('const token', 'Math.random()').column})`, RANDOM_HINT],
    ['obj-shorthand', () => kubernetesComposition(def('obj-shorthand'), (spec) => ({ v: `${spec.name}${clock.now()}` })), 'clock.now()', `\`clock.now\` uses \`Date.now()\` (<this file>:${locate('const clock', 'Date.now()').line}:${locate('const clock', 'Date.now()').column})`, TIME_HINT],
    ['imp-static', () => kubernetesComposition(def('imp-static'), (spec) => ({ v: `${spec.name}${Clock.now()}` })), 'Clock.now()', `\`Clock.now\` uses \`Date.now()\` (${where(ids_.locate('export class Clock', 'Date.now()'))})`, TIME_HINT],
    ['imp-new', () => kubernetesComposition(def('imp-new'), (spec) => ({ v: `${spec.name}${new Ticket().id}` })), 'new Ticket()', `\`new Ticket\` uses \`randomUUID()\` (${where(ids_.locate('export class Ticket', 'randomUUID()'))})`, RANDOM_HINT],
    ['imp-shorthand', () => kubernetesComposition(def('imp-shorthand'), (spec) => ({ v: `${spec.name}${shorthand.next()}` })), 'shorthand.next()', `\`shorthand.next\` uses \`Math.random()\` (${where(ids_.locate('export const shorthand', 'Math.random()'))})`, RANDOM_HINT],
  ];
  for (const [name, define, construct, head, hint] of cases) {
    assert.equal(refusal(define), `${at(`'${name}'`, construct)}: ${head}, ${WHY}\n    ${construct}\n  ${hint}`, name);
  }
  // A pure method of the same class is not refused: JavaScript's constant is written.
  const pure = kubernetesComposition(def('cls-pure'), (spec) => {
    ConfigMap({ name: spec.name, data: { v: gen.plain() } });
    return { v: spec.name };
  });
  assert.deepEqual(render(pure, { name: 'a' }).manifests.map((m) => (m as { data?: unknown }).data), [{ v: 'same' }]);
});
