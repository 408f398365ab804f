/**
 * The run-time backstop of the source check of values that change per run (composition/run-value-guard.ts):
 * code the source check cannot follow (an inherited method, `this.rand()`, a getter, a class expression)
 * called Math.random() or Date.now() while the composition function ran, and the value was frozen into the
 * RGD (review 39 finding 1). The call is refused where it was made; the functions are put back after the run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);
const def = (name: string) => ({ apiVersion: 'guard.typekro.dev/v1', name, kind: `Guard${name.replace(/-/g, '')}`, spec: type({ name: 'string' }), status: type({ v: 'string' }) });
class Base {
  rand() {
    return Math.random().toString(36);
  }
}
class Child extends Base {}
class Self {
  next() {
    return this.tick();
  }
  tick() {
    return String(Date.now());
  }
}
class Clock {
  get now() {
    return String(performance.now());
  }
}
const Anonymous = class {
  next() {
    return crypto.randomUUID();
  }
};
const child = new Child();
const self = new Self();
const clock = new Clock();
const anonymous = new Anonymous();
const WHY = "was called while the composition function ran: it gives another value each time it runs, and TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either";

test('a per-run value reached through code the source check cannot follow is refused where it was called', () => {
  const cases: [string, () => unknown, string, string][] = [
    ['inherited', () => kubernetesComposition(def('inherited'), (spec) => (ConfigMap({ name: spec.name, data: { v: child.rand() } }), { v: spec.name })), 'Math.random()', "return Math.random().toString(36)"],
    ['this-call', () => kubernetesComposition(def('this-call'), (spec) => (ConfigMap({ name: spec.name, data: { v: self.next() } }), { v: spec.name })), 'Date.now()', 'return String(Date.now())'],
    ['getter', () => kubernetesComposition(def('getter'), (spec) => (ConfigMap({ name: spec.name, data: { v: clock.now } }), { v: spec.name })), 'performance.now()', 'return String(performance.now())'],
    ['class-expr', () => kubernetesComposition(def('class-expr'), (spec) => (ConfigMap({ name: spec.name, data: { v: anonymous.next() } }), { v: spec.name })), 'crypto.randomUUID()', 'return crypto.randomUUID()'],
  ];
  for (const [name, define, shown, line] of cases) {
    // V8 places a method call at its method's name
    const at = locate(line, shown.slice(shown.lastIndexOf('.') + 1));
    assert.throws(define, (error: Error) => error.message.startsWith(`${import.meta.filename}:${at.line}:${at.column}: \`${shown}\` ${WHY}\n  hint: `), name);
  }
  // put back after the run, refused or not
  assert.equal(typeof Math.random(), 'number');
  assert.equal(typeof Date.now(), 'number');
});
