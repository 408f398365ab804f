/**
 * A collection made only under a condition (trial 11 S3): `if (spec.on) for (...) deps.push(F(...))`,
 * `.forEach` with an `if` inside, or `.map(... .withIncludeWhen(spec.on))`. JavaScript's `deps` is a list
 * in every case (empty, or holding the resources KRO skips), so `deps.length` is a number; KRO leaves a status
 * field that reads a skipped collection unset, and so does direct mode. A read outside the condition is refused
 * like a read of a single conditional resource; read under the condition, JavaScript and the compiled graph agree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = {
  apiVersion: 'c.typekro.dev/v1alpha1',
  kind: 'CondList',
  spec: type({ name: 'string', on: 'boolean', workers: 'string[]' }),
  status: type({ count: 'number', names: 'string', allReady: 'boolean' }),
};
type Worker = ReturnType<typeof Deployment>;

const SPECS = [true, false].flatMap((on) => [[], ['x'], ['x', 'y']].map((workers) => ({ name: 'a', on, workers })));

const refused = (read: string): string =>
  `: this status field reads collection "deps", which exists only when spec.on: when it does not, KRO leaves the field unset, while JavaScript computes it from the list "deps" holds there\n    ${read}\n  hint: read it under the condition it is created under (\`spec.on ? <read> : <fallback>\`), or do not read "deps" here`;

test('a status field that reads a collection made under `if` outside that condition is refused (S3)', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'if-around-loop' }, (spec) => {
      const deps: Worker[] = [];
      if (spec.on) for (const w of spec.workers) deps.push(Deployment({ name: `${spec.name}-${w}`, image: 'busybox' }));
      return { count: deps.length, names: '', allReady: true };
    })),
    at("'if-around-loop'", 'deps.length') + refused('deps.length'),
  );
});

test('the forEach-with-if and per-item withIncludeWhen forms are refused the same way (S3)', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'foreach-if' }, (spec) => {
      const deps: Worker[] = [];
      spec.workers.forEach((w) => { if (spec.on) deps.push(Deployment({ name: `${spec.name}-${w}`, image: 'busybox' })); });
      return { count: 0, names: deps.map((d) => d.metadata.name).join(','), allReady: true };
    })),
    at("'foreach-if'", 'deps.map') + refused("deps.map((d) => d.metadata.name).join(',')"),
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'item-include' }, (spec) => {
      const deps = spec.workers.map((w) => Deployment({ name: `${spec.name}-${w}`, image: 'busybox' }).withIncludeWhen(spec.on));
      return { count: 0, names: '', allReady: deps.every((d) => (d.status.readyReplicas ?? 0) > 0) };
    })),
    at("'item-include'", 'deps.every') + refused('deps.every((d) => (d.status.readyReplicas ?? 0) > 0)'),
  );
});

test('read under its condition, a conditional collection means what JavaScript means for every spec and state', () => {
  const app = kubernetesComposition({ ...definition, name: 'guarded-list' }, (spec) => {
    const deps: Worker[] = [];
    if (spec.on) for (const w of spec.workers) deps.push(Deployment({ name: `${spec.name}-${w}`, image: 'busybox' }));
    return {
      count: spec.on ? deps.length : 0,
      names: spec.on ? deps.map((d) => d.metadata.name).join(',') : '',
      allReady: !spec.on || deps.every((d) => (d.status.readyReplicas ?? 0) > 0),
    };
  });
  const report = runCase('guarded-list', { composition: app as never, spec: SPECS[0]!, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, []);
});
