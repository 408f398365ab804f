/**
 * A loop variable holding a function (`for (const f of [upper, lower]) ... f(spec.x)`), trial 9 T12: the
 * reference-write check took the call for one that may change `spec.x` ("`f` changes spec.x in place"). A
 * loop over a list literal of functions is followed to each of them (none changes its argument here, so the
 * loop compiles, one resource per function as JavaScript makes them); a callee TypeKro cannot follow is
 * refused with what it cannot tell, not with a claim that the call changes the reference.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, type Composition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const upper = (s: string): string => s.toUpperCase();
const lower = (s: string): string => s.toLowerCase();
const BY_NAME = { upper, lower };
const definition = { apiVersion: 'p.typekro.dev/v1alpha1', kind: 'LoopFns', spec: type({ name: /^[ -~]*$/, x: /^[ -~]*$/ }), status: type({ n: 'number' }) };

type Spec = { name: string; x: string };

/** Each ConfigMap the composition makes for `spec`, as [name, data.v]. */
function made(composition: Composition<Spec, { n: number }>, spec: Spec): [unknown, unknown][] {
  return simulate(composition, spec).resources.flatMap((resource) => resource.manifests.map((m): [unknown, unknown] => [(m.metadata as { name?: string } | undefined)?.name, (m.data as { v?: unknown } | undefined)?.v]));
}

test('a loop over a list literal of functions calls each, as JavaScript does', () => {
  const inPlace = kubernetesComposition({ ...definition, name: 'loop-fns' }, (spec) => {
    for (const f of [upper, lower]) ConfigMap({ name: `${spec.name}-${f.name}`, data: { v: f(spec.x) } });
    return { n: 2 };
  });
  const named = kubernetesComposition({ ...definition, name: 'loop-fns-named' }, (spec) => {
    // A name the API server admits: simulate refuses what a deploy refuses (no uppercase in a ConfigMap's name).
    const fns = [lower, (s: string) => `${s.trim()}-t`];
    for (const f of fns) ConfigMap({ name: f(spec.name), data: { v: f(spec.x) } });
    return { n: 2 };
  });
  for (const x of ['Ab', ' mixed Case ']) {
    assert.deepEqual(made(inPlace, { name: 'app', x }), [['app-upper', x.toUpperCase()], ['app-lower', x.toLowerCase()]]);
    assert.deepEqual(made(named, { name: 'app', x }), [['app', x.toLowerCase()], ['app-t', `${x.trim()}-t`]]);
  }
});

test('a function TypeKro cannot follow is refused with what it cannot tell, not as a call that changes the reference', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'loop-fns-values' }, (spec) => {
    for (const f of Object.values(BY_NAME)) ConfigMap({ name: f(spec.name), data: { v: f(spec.x) } });
    return { n: 2 };
  }));
  assert.equal(
    message,
    `${at("'loop-fns-values'", 'f(spec.name)')}: TypeKro cannot tell which function \`f\` is here, so it cannot tell whether the call changes spec.name in place; spec.name is a reference (its value exists only in the cluster), which the composition cannot change\n` +
      '    f(spec.name)\n' +
      '  hint: call a function by its name (or loop over a list of functions written in place, `for (const f of [a, b])`), so TypeKro can read that it only reads its argument',
  );
});

test('a loop over functions one of which changes its argument stays refused', () => {
  const sortInPlace = (list: string[]): string => list.sort().join(',');
  const message = refusal(() => kubernetesComposition(
    { ...definition, name: 'loop-fns-sort', spec: type({ name: 'string', zones: 'string[]' }) },
    (spec) => {
      if (spec.name === 'never-at-definition') for (const f of [sortInPlace, (l: string[]) => l.join('+')]) ConfigMap({ name: spec.name, data: { v: f(spec.zones) } });
      return { n: 1 };
    },
  ));
  assert.equal(
    message,
    `${at("'loop-fns-sort'", 'f(spec.zones)')}: \`f\` changes spec.zones in place: spec.zones is a reference (its value exists only in the cluster) and references are read-only: the composition runs once, on placeholders, when it is defined, so the graph would read the value unchanged\n` +
      '    f(spec.zones)\n' +
      "  hint: build the value where it is used instead (`spec.zones.filter((z) => z !== 'old')`, a new list or object of the fields you need), or give the spec's type a default",
  );
});
