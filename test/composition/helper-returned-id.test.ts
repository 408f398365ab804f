/**
 * Trial 8 T03: `const w = webOnly(spec.name)`, where the helper makes a Service and returns a Deployment. The
 * `const` names what the helper returns: its id is `w`, and `w.status`/`p.metadata` read that resource. Before,
 * the first resource made took the id and the last one the binding, so `p.metadata.name` compiled to the
 * Service's name while JavaScript reads the Deployment's. Held to JavaScript by the differential harness.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';

function webOnly(name: string) {
  Service({ name, selector: { app: name }, ports: [{ port: 80 }] });
  return Deployment({ name, image: 'nginx' });
}

function webPair(name: string) {
  const d = Deployment({ name: `${name}-d`, image: 'nginx' }).withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 0);
  Service({ name: `${name}-s`, selector: { app: name }, ports: [{ port: 80 }] });
  return d;
}

const app = kubernetesComposition(
  {
    name: 'helper-returned',
    apiVersion: 'ids.typekro.dev/v1alpha1',
    kind: 'HelperReturned',
    spec: type({ name: 'string' }),
    status: type({ 'ready?': 'boolean', 'pairName?': 'string', 'pairIsDeployment?': 'boolean' }),
  },
  (spec) => {
    const w = webOnly(spec.name);
    const p = webPair(spec.name);
    return { ready: (w.status.readyReplicas ?? 0) > 0, pairName: p.metadata.name, pairIsDeployment: p.metadata.name === `${spec.name}-d` };
  },
);

describe('a const holding what a helper returns', () => {
  it('names that resource, not the others the helper makes', () => {
    const yaml = app.toYaml();
    assert.deepEqual([...yaml.matchAll(/^ {4}- id: (\w+)/gm)].map((m) => m[1]), ['service', 'w', 'p', 'service2']);
    assert.match(yaml, /pairName: \$\{p\.metadata\.name\}/);
    assert.match(yaml, /pairIsDeployment: \$\{p\.metadata\.name == schema\.spec\.name \+ "-d"\}/);
    assert.match(yaml, /ready: \$\{w\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  });

  it('reads what JavaScript reads', () => {
    const report = runCase('helper-returned', { composition: app as never, spec: { name: 'web' } });
    assert.ok(report.evaluations >= 3, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
});
