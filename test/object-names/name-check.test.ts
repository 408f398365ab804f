/**
 * Object names computed from the spec are checked against their kind's rule before anything is applied
 * (engine/name-check.ts); offline here through `manifestsYaml` (render --manifests), which runs the same check
 * as both modes' deploy and plan. The cluster side: object-names.cluster.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { InvalidObjectNameError, kubernetesComposition, sensitive, TypeKroError } from '../../src/index.js';
import { ConfigMap, Service } from '../../src/simple.js';
import { REDACTED } from '../../src/util/redact.js';

const app = kubernetesComposition(
  {
    name: 'named-objects',
    kind: 'NamedObjects',
    spec: type({ name: 'string', suffix: 'string', service: 'string', workers: 'string[]', token: sensitive(type('string')) }),
    status: type({ ready: 'boolean' }),
  },
  (spec) => {
    const config = ConfigMap({ name: `${spec.name}-${spec.suffix}`, data: { role: 'config' } });
    const service = Service({ name: spec.service, selector: { app: 'web' }, ports: [{ port: 80 }] });
    const workers = spec.workers.map((worker) => ConfigMap({ name: `worker-${worker}`, data: { worker } }));
    const keyed = ConfigMap({ name: `key-${spec.token}`, data: { role: 'keyed' } });
    return { ready: config.data.role !== '' && service.metadata.name !== '' && workers.length > 0 && keyed.data.role !== '' };
  },
);
const factory = app.factory('direct', { namespace: 'dev' });
const good = { name: 'demo', suffix: 'extra', service: 'web', workers: ['a', 'b'], token: 'tok' };

async function failure(spec: typeof good): Promise<InvalidObjectNameError> {
  const error = await factory.manifestsYaml(spec).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof InvalidObjectNameError, `expected InvalidObjectNameError, got ${String(error)}`);
  return error;
}

describe('object names computed from the spec', () => {
  it('valid names render', async () => {
    const yaml = await factory.manifestsYaml(good);
    assert.match(yaml, /name: demo-extra/);
  });

  it('an uppercase suffix: the resource, kind, name, rule and the spec fields it is computed from; SPEC_INVALID', async () => {
    const error = await failure({ ...good, suffix: 'Bad_Suffix' });
    assert.ok(error instanceof TypeKroError);
    assert.equal(error.code, 'SPEC_INVALID');
    assert.equal(
      error.message,
      'resource "config" (ConfigMap): name "demo-Bad_Suffix" is not a valid ConfigMap name: it has uppercase letters ("B", "S") and contains "_" ' +
        '(a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters). ' +
        'It is computed from spec.name, spec.suffix.\n' +
        '  to make the name valid: pass a valid value for spec.name\n' +
        '  to make the name valid: pass a valid value for spec.suffix\n' +
        '  to make the name valid: lowercase it with .toLowerCase() in the composition',
    );
    // the ways out are data (util/remedy.ts), as every other error's: a client renders them in its own terms
    assert.deepEqual(error.remedies, [
      { purpose: 'make the name valid', action: 'spec-value', field: 'spec.name' },
      { purpose: 'make the name valid', action: 'spec-value', field: 'spec.suffix' },
      { purpose: 'make the name valid', action: 'edit-composition', change: 'lowercase it with .toLowerCase()' },
    ]);
    assert.deepEqual(error.problems.map((p) => [p.resourceId, p.kind, p.field, p.value, p.specFields]), [['config', 'ConfigMap', 'metadata.name', 'demo-Bad_Suffix', ['spec.name', 'spec.suffix']]]);
  });

  it('a Service name is a DNS-1035 label (a leading digit or a dot is refused where a ConfigMap would take it)', async () => {
    const error = await failure({ ...good, service: '1web.io' });
    assert.equal(
      error.message,
      'resource "service" (Service): name "1web.io" is not a valid Service name: it contains "." ' +
        '(a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters). ' +
        'It is computed from spec.service.\n  to make the name valid: pass a valid value for spec.service',
    );
  });

  it('a collection item names the list it comes from; several problems are listed together', async () => {
    const error = await failure({ ...good, suffix: 'ok-', workers: ['fine', 'Not-Fine'] });
    assert.equal(error.problems.length, 2);
    assert.match(error.message, /^2 objects would have names the API server refuses:\n {2}- resource "config" \(ConfigMap\): name "demo-ok-" is not a valid ConfigMap name: it ends with "-" \(a DNS-1123 subdomain/);
    assert.match(error.message, /\n {2}- resource "workers" \(ConfigMap\): name "worker-Not-Fine" is not a valid ConfigMap name: it has uppercase letters \("N", "F"\) \(.*\)\. It is computed from spec\.workers\.\n/);
    assert.deepEqual(error.remedies?.map((r) => (r.action === 'spec-value' ? r.field : r.action === 'edit-composition' ? r.change : r.action)), ['spec.name', 'spec.suffix', 'spec.workers', 'lowercase it with .toLowerCase()']);
  });

  it('a name set in the composition is refused when the composition is defined, saying to change it there', () => {
    assert.throws(
      () =>
        kubernetesComposition(
          { name: 'fixed-name', kind: 'FixedName', spec: type({ replicas: 'number' }), status: type({ ready: 'boolean' }) },
          () => {
            const config = ConfigMap({ name: 'My_Config', data: { role: 'config' } });
            return { ready: config.data.role !== '' };
          },
        ),
      (error: Error) => {
        assert.equal(error.name, 'InvalidResourceNameError');
        assert.match(error.message, /: metadata\.name "My_Config" is not a valid ConfigMap name: it has uppercase letters \("M", "C"\) and contains "_" \(a DNS-1123 subdomain: .*\); it is set in the composition: change it there$/);
        return true;
      },
    );
  });

  it('a name computed from a sensitive spec value is redacted', async () => {
    const error = await failure({ ...good, token: 'Secret_Token_42' });
    assert.doesNotMatch(error.message, /Secret_Token_42/);
    // not even which characters are wrong: they would be the secret's
    assert.ok(error.message.includes(`resource "keyed" (ConfigMap): name "key-${REDACTED}" is not a valid ConfigMap name: it has uppercase letters and contains characters the rule does not allow (`), error.message);
    assert.equal(error.problems[0]?.value, `key-${REDACTED}`);
  });
});

describe('the offline test kit refuses the names a deploy refuses (trial 21 F8)', () => {
  it('render and simulate fail as manifestsYaml does, secrets redacted; valid names render', async () => {
    const { render, simulate } = await import('../../src/testing/index.js');
    const spec = { ...good, suffix: 'Bad_Suffix', token: 'Hunter2' };
    const deployed = await failure(spec);
    for (const run of [() => render(app, spec, { namespace: 'dev' }), () => simulate(app, spec, { namespace: 'dev' })]) {
      assert.throws(run, (error: unknown) => error instanceof InvalidObjectNameError && error.message === deployed.message && !error.message.includes('Hunter2'));
    }
    assert.deepEqual(render(app, good, { namespace: 'dev' }).manifests.map((m) => (m.metadata as { name: string }).name), ['demo-extra', 'web', 'worker-a', 'worker-b', 'key-tok']);
  });
});
