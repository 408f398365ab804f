/**
 * A factory call written inline in a value (`Deployment({...}).status.readyReplicas > 0`) reads the resource
 * that call made, exactly as `const web = Deployment({...}); web.status.readyReplicas > 0` does: in the status,
 * in another factory's argument, in a template literal and in withIncludeWhen. (A new-user trial saw the inline
 * form fold to a constant.) A call that makes several resources names no single one and is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { deploymentAvailable, deploymentProgressing, simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ replicas: 'number.integer', names: 'string[]' });
const status = type({ allReady: 'boolean' });

/** The YAML of `app` after its name and kind, which differ between the two forms compared. */
const body = (yaml: string): string => yaml.replace(/name: inline-\w+|kind: Inline\w+/g, '');

test('an inline factory call in the status compiles like the same call bound to a const', () => {
  const inline = kubernetesComposition({ name: 'inline-status', kind: 'InlineStatus', spec, status }, (spec) => {
    return { allReady: Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }).status.readyReplicas > 0 };
  });
  const bound = kubernetesComposition({ name: 'inline-bound', kind: 'InlineBound', spec, status }, (spec) => {
    // Named as the inline call's default id, so the two graphs are the same text.
    const deploymentWeb = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
    return { allReady: deploymentWeb.status.readyReplicas > 0 };
  });
  assert.match(inline.toYaml(), /allReady: \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  assert.equal(body(inline.toYaml()), body(bound.toYaml()));
  // simulate checks the compiled status against the composition run in JavaScript.
  for (const ready of [0, 2]) {
    const result = simulate(inline, { replicas: 2, names: [] }, { observed: { deploymentWeb: deploymentProgressing({ ready }) } });
    assert.deepEqual(result.status, { allReady: ready > 0 });
  }
});

test("an inline factory call in another factory's argument reads the resource it made", () => {
  const app = kubernetesComposition({ name: 'inline-arg', kind: 'InlineArg', spec, status: type({ n: 'string' }) }, (spec) => {
    const cm = ConfigMap({ name: 'c', data: { n: String(Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }).status.readyReplicas ?? 0) } });
    return { n: cm.data!.n! };
  });
  assert.match(app.toYaml(), /"n": \$\{string\(deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\)\)\}/);
  // The ConfigMap waits for the Deployment to be ready, so it is made with all replicas ready.
  const result = simulate(app, { replicas: 2, names: [] }, { observed: { deploymentWeb: deploymentAvailable() } });
  const configMap = result.resources.find((resource) => resource.id === 'cm')?.manifests[0];
  assert.deepEqual(configMap?.data, { n: '2' });
});

test('an inline factory call in a template literal and in withIncludeWhen reads the resource it made', () => {
  const app = kubernetesComposition({ name: 'inline-tpl', kind: 'InlineTpl', spec, status: type({ n: 'string' }) }, (spec) => {
    ConfigMap({ name: 'c', data: {} }).withIncludeWhen(Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }).status.readyReplicas > 0);
    return { n: `ready ${Deployment({ name: 'api', image: 'nginx', replicas: spec.replicas }).status.readyReplicas}` };
  });
  const yaml = app.toYaml();
  assert.match(yaml, /"n": ready \$\{string\(deploymentApi\.status\.readyReplicas\)\}/);
  assert.match(yaml, /includeWhen:\n\s+- \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
});

test('in a loop JavaScript unrolls, an inline factory call reads the resource of its own pass', () => {
  const app = kubernetesComposition({ name: 'inline-unrolled', kind: 'InlineUnrolled', spec, status }, (spec) => {
    for (const name of ['a', 'b']) ConfigMap({ name, data: { n: String(Deployment({ name, image: 'nginx' }).status.readyReplicas ?? 0) } });
    return { allReady: spec.replicas > 0 };
  });
  const yaml = app.toYaml();
  assert.match(yaml, /- id: configMapA\n(.*\n)*? {10}"n": \$\{string\(deploymentA\.\?status\.\?readyReplicas\.orValue\(0\)\)\}/);
  assert.match(yaml, /- id: configMapB\n(.*\n)*? {10}"n": \$\{string\(deploymentB\.\?status\.\?readyReplicas\.orValue\(0\)\)\}/);
});

test('an inline factory call whose arguments read no reference is still a reference: its default is kept', () => {
  const app = kubernetesComposition({ name: 'inline-fixed', kind: 'InlineFixed', spec, status }, () => {
    ConfigMap({ name: 'c', data: { n: String(Deployment({ name: 'api', image: 'nginx' }).status.readyReplicas ?? 0) } });
    return { allReady: Deployment({ name: 'web', image: 'nginx' }).status.readyReplicas > 0 };
  });
  const yaml = app.toYaml();
  assert.match(yaml, /allReady: \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  assert.match(yaml, /"n": \$\{string\(deploymentApi\.\?status\.\?readyReplicas\.orValue\(0\)\)\}/);
  for (const ready of [0, 1]) {
    const observed = { deploymentWeb: deploymentProgressing({ ready }), deploymentApi: deploymentAvailable() };
    assert.deepEqual(simulate(app, { replicas: 1, names: [] }, { observed }).status, { allReady: ready > 0 });
  }
});

test('an inline factory call in a local function reads the resource the call made', () => {
  const app = kubernetesComposition({ name: 'inline-local', kind: 'InlineLocal', spec, status }, () => {
    const ready = () => Deployment({ name: 'web', image: 'nginx' }).status.readyReplicas > 0;
    return { allReady: ready() };
  });
  assert.match(app.toYaml(), /allReady: \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  for (const ready of [0, 1]) {
    const result = simulate(app, { replicas: 1, names: [] }, { observed: { deploymentWeb: deploymentProgressing({ ready }) } });
    assert.deepEqual(result.status, { allReady: ready > 0 });
  }
});

test('an inline factory call in a local function called twice, one call skipped by JavaScript, is refused: it names no single resource', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'inline-twice', kind: 'InlineTwice', spec, status }, () => {
      const ready = (name: string) => Deployment({ name, image: 'nginx' }).status.readyReplicas > 0;
      return { allReady: ready('a') && ready('b') }; // m:readyCalls
    }),
  );
  assert.equal(
    message,
    [
      `${at("'inline-twice'", 'Deployment(')}: this factory call makes more than one resource (it sits in a function called more than once), so its result written inline names no single resource`,
      "    Deployment({ name, image: 'nginx' })",
      '  hint: bind each resource to its own const in the composition and read those: `const web = Deployment({ ... })`, then `web.status...`',
      `  in \`ready(...)\` called at ${at('m:readyCalls', "ready('b')")}`,
    ].join('\n'),
  );
});

test('an inline factory call in a local function called twice, both calls run: each call reads its own resource', () => {
  // No `&&` skipped the second call: each call's resource is found through the call that made it.
  const app = kubernetesComposition({ name: 'inline-both', kind: 'InlineBoth', spec, status }, () => {
    const ready = (name: string) => Deployment({ name, image: 'nginx' }).status.readyReplicas > 0;
    return { allReady: ready('a') === ready('b') };
  });
  assert.match(app.toYaml(), /allReady: \$\{deploymentA\.\?status\.\?readyReplicas\.orValue\(0\) > 0 == \(deploymentB\.\?status\.\?readyReplicas\.orValue\(0\) > 0\)\}/);
  for (const [a, b] of [[0, 0], [1, 0], [0, 1], [2, 2]] as const) {
    const observed = { deploymentA: deploymentProgressing({ ready: a }), deploymentB: deploymentProgressing({ ready: b }) };
    assert.deepEqual(simulate(app, { replicas: 1, names: [] }, { observed }).status, { allReady: (a > 0) === (b > 0) });
  }
});

test('an inline factory call that makes a resource per loop item is refused: it names no single one', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'inline-loop', kind: 'InlineLoop', spec, status }, (spec) => {
      for (const name of spec.names) ConfigMap({ name, data: { n: String(Deployment({ name, image: 'nginx' }).status.readyReplicas ?? 0) } });
      return { allReady: spec.replicas > 0 };
    }),
  );
  assert.equal(
    message,
    [
      `${at("'inline-loop'", 'Deployment(')}: this factory call makes more than one resource (a KRO forEach over a list in the spec), so its result written inline names no single resource`,
      "    Deployment({ name, image: 'nginx' })",
      '  hint: collect the resources (`const webs = spec.names.map((name) => Deployment({ ... }))`) and read the collection after the loop',
    ].join('\n'),
  );
});

test('a factory call inside a readyWhen callback is refused (it makes no resource when the composition runs)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'inline-ready', kind: 'InlineReady', spec, status }, (spec) => {
      const c = ConfigMap({ name: 'c', data: {} }).withReadyWhen(() => Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }).status.readyReplicas > 0);
      return { allReady: c.metadata.name !== '' };
    }),
  );
  assert.equal(
    message,
    [
      `${at("'inline-ready'", 'Deployment(')}: \`Deployment(...)\` creates a resource, but this call made no resource when the composition ran (it sits in a callback TypeKro compiles rather than runs, or in a branch JavaScript did not take), so there is no resource for its result to read`,
      "    Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas })",
      '  hint: bind the resource to a const first, in the composition itself: `const web = Deployment({ ... })`, then read `web.status...`',
    ].join('\n'),
  );
});

test('a const holding a read through an inline call, and a local function returning one, read the resource (not a constant)', () => {
  const direct = kubernetesComposition({ name: 'inline-const', kind: 'InlineConst', spec, status }, (spec) => {
    const ready = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }).status.readyReplicas > 0;
    return { allReady: ready };
  });
  const viaFunction = kubernetesComposition({ name: 'inline-fn', kind: 'InlineFn', spec, status }, (spec) => {
    const isReady = (name: string) => Deployment({ name, image: 'nginx', replicas: spec.replicas }).status.readyReplicas > 0;
    const a = isReady('web');
    return { allReady: a };
  });
  // Both once folded to `${schema.metadata.name == schema.metadata.name ? false : false}` (trial 4).
  assert.match(direct.toYaml(), /allReady: \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  // `a` holds a boolean read through the resource, not the resource: the id comes from the factory, as above.
  assert.match(viaFunction.toYaml(), /allReady: \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  for (const [app, id] of [[direct, 'deploymentWeb'], [viaFunction, 'deploymentWeb']] as const) {
    for (const ready of [0, 2]) {
      const result = simulate(app, { replicas: 2, names: [] }, { observed: { [id]: deploymentProgressing({ ready }) } });
      assert.deepEqual(result.status, { allReady: ready > 0 });
    }
  }
});
