/**
 * The test kit refuses the instance names and namespaces a deploy refuses, with the deploy's message
 * (trial 15: `simulate` took a spec whose `name` was `b-é`, which `toYaml(spec)`, render and deploy refuse).
 * evaluateConcrete, the JavaScript oracle, does not check names: the differential tests feed it generated names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render, simulate } from '../../src/testing/index.js';

const named = kubernetesComposition(
  { name: 'named', apiVersion: 'example.com/v1', kind: 'Named', spec: type({ name: 'string' }), status: type({ n: 'string' }) },
  (spec) => {
    const cm = ConfigMap({ name: 'cm', data: { v: spec.name } });
    return { n: cm.data.v ?? '' };
  },
);

/** The message a deploy path gives (the factories, direct mode's manifests), taken from it, not written out again. */
async function deployMessage(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the deploy path to refuse');
}

describe('test kit: instance names a deploy refuses', () => {
  it('a spec.name that is not a Kubernetes name is refused by simulate and render as toYaml refuses it', async () => {
    const spec = { name: 'b-é' };
    const expected = 'instance name "b-é" (from spec.name) is not a Kubernetes name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit (e.g. "b-e"); change spec.name, or give the name (a name option, or --name)';
    assert.equal(await deployMessage(() => named.toYaml(spec)), expected);
    assert.equal(await deployMessage(() => named.factory('direct').manifestsYaml(spec)), expected);
    for (const run of [() => simulate(named, spec), () => render(named, spec)]) {
      assert.throws(run, { code: 'USAGE', message: expected });
    }
  });

  it('a name option that is not a Kubernetes name is refused as a deploy with that name refuses it', async () => {
    const expected = await deployMessage(() => named.factory('direct').manifestsYaml({ name: 'ok' }, { name: 'Bad_Name' }));
    assert.match(expected, /^instance name "Bad_Name" is not a Kubernetes name/);
    assert.throws(() => simulate(named, { name: 'ok' }, { name: 'Bad_Name' }), { message: expected });
    assert.throws(() => render(named, { name: 'ok' }, { name: 'Bad_Name' }), { message: expected });
  });

  it('a namespace that is not a namespace name is refused as the factory refuses it', async () => {
    const expected = await deployMessage(() => named.factory('direct', { namespace: 'Bad_NS' }));
    assert.throws(() => simulate(named, { name: 'ok' }, { namespace: 'Bad_NS' }), { message: expected });
    assert.throws(() => render(named, { name: 'ok' }, { namespace: 'Bad_NS' }), { message: expected });
  });

  it('a valid name still simulates, with the instance named by spec.name', () => {
    assert.deepEqual(simulate(named, { name: 'b-e' }).instance, { name: 'b-e', namespace: 'default' });
    assert.deepEqual(simulate(named, { name: 'b-e' }, { observed: { cm: {} } }).status, { n: 'b-e' });
  });
});
