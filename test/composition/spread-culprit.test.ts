/**
 * A refused spread of a call's options points at the spread whose keys a reference decides, not at an
 * earlier spread of a local literal with fixed keys (trial 17, finding 6), and its hint writes the options as
 * choices of their values, which compile and mean what the spread meant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { render } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const common = { image: 'nginx:1.27', ports: [{ containerPort: 80 }] };
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ name: /^[a-z]+$/, debug: 'boolean = false', 'replicas?': 'number.integer' }),
  status: type({ ok: 'boolean' }),
});

test('the conditional spread is blamed, not the spread of a local literal before it', () => {
  const message = refusal(() => kubernetesComposition(def('spread-culprit'), (spec) => {
    const opts = { ...common, name: spec.name, replicas: spec.replicas ?? 2 };
    const web = Deployment({ ...opts, ...(spec.debug ? { args: ['--debug'] } : {}) });
    return { ok: web.status.readyReplicas > 0 };
  }));
  assert.equal(message, `${at("'spread-culprit'", "...(spec.debug")}: the options of this call are set by a spread that depends on a reference: which options a factory (or a nested composition) gets must be known when the composition is defined
    ...(spec.debug ? { args: ['--debug'] } : {})
  hint: set each option to a choice of its value (an option set to \`undefined\` is left out, as the spread left it out): \`{ ...opts, args: spec.debug ? ['--debug'] : undefined }\`, or give a default instead of \`undefined\` (\`[]\` for a list)`);
});

test('the hinted form compiles, leaving the option out where the spread did', () => {
  const hinted = kubernetesComposition(def('spread-hinted'), (spec) => {
    const opts = { ...common, name: spec.name, replicas: spec.replicas ?? 2 };
    const web = Deployment({ ...opts, args: spec.debug ? ['--debug'] : undefined });
    return { ok: web.status.readyReplicas > 0 };
  });
  const args = (spec: { name: string; debug: boolean }) => {
    const manifest = render(hinted, spec).manifests[0] as { spec: { template: { spec: { containers: { args?: string[] }[] } } } };
    return manifest.spec.template.spec.containers[0]!.args;
  };
  assert.deepEqual(args({ name: 'a', debug: true }), ['--debug']);
  assert.equal(args({ name: 'a', debug: false }), undefined);
});
