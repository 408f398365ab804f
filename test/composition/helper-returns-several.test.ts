/**
 * Trial 8 T02: a helper that makes several resources and returns them together (`return { deploy, svc }`,
 * `return [deploy, svc]`), in the same file or imported. JavaScript: every resource exists, and what the
 * composition reads through the result (`const { deploy, svc } = webPair(...)`, `pair.deploy.status`, `const
 * { deploy } = pair`) is that resource. Each resource's id is the name the composition destructures it into, or
 * the property the helper returns it under when the composition holds the whole result; the compiled graph is held
 * to JavaScript (evaluateConcrete) by the differential harness on several specs and observed states. A read that
 * names no single resource (a helper making one per item of a list, or called again in a loop) is refused with
 * that reason and the way out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';
import { perName, stack, webList, webPair } from './fixtures/helpers/pair.js';

const { refusal, at } = refusalsIn(import.meta.filename);

function localPair(name: string) {
  const deploy = Deployment({ name, image: 'nginx' });
  const svc = Service({ name, selector: { app: name }, ports: [{ port: 80 }] });
  return { deploy, svc };
}

const spec = type({ name: 'string', replicas: 'number.integer' });
const status = type({ 'ready?': 'boolean', 'svc?': 'string', 'more?': 'boolean', 'n?': 'number' });
const definition = (name: string) => ({ name, apiVersion: 'pairs.typekro.dev/v1alpha1', kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()), spec, status });

/** The ids of the graph, in order, and its status section. */
function shape(app: { toYaml(): string }): { ids: string[]; status: string } {
  const yaml = app.toYaml();
  const ids = [...yaml.matchAll(/^ {4}- id: (\w+)/gm)].map((m) => m[1]!);
  return { ids, status: yaml.slice(yaml.indexOf('    status:\n') + 12, yaml.indexOf('  resources:')) };
}

function agreesWithJavaScript(name: string, app: unknown): void {
  const report = runCase(name, { composition: app as never, spec: { name: 'web', replicas: 2 } });
  assert.ok(report.evaluations >= 6, `only ${report.evaluations} evaluations`);
  assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
}

const TRIAL_STATUS = '      ready: ${deploy.?status.?readyReplicas.orValue(0) > 0}\n      svc: ${svc.metadata.name}\n';

test('the trial\'s three shapes, same-file and imported helper: destructured at the call, read as pair.deploy, destructured later', () => {
  const shapes = {
    destructured: kubernetesComposition(definition('pair-destructured'), (spec) => {
      const { deploy, svc } = localPair(spec.name);
      return { ready: deploy.status.readyReplicas > 0, svc: svc.metadata.name };
    }),
    member: kubernetesComposition(definition('pair-member'), (spec) => {
      const pair = localPair(spec.name);
      return { ready: pair.deploy.status.readyReplicas > 0, svc: pair.svc.metadata.name };
    }),
    later: kubernetesComposition(definition('pair-later'), (spec) => {
      const pair = localPair(spec.name);
      const { deploy, svc } = pair;
      return { ready: deploy.status.readyReplicas > 0, svc: svc.metadata.name };
    }),
    importedDestructured: kubernetesComposition(definition('pair-imported-destructured'), (spec) => {
      const { deploy, svc } = webPair(spec.name, spec.replicas);
      return { ready: deploy.status.readyReplicas > 0, svc: svc.metadata.name };
    }),
    importedMember: kubernetesComposition(definition('pair-imported-member'), (spec) => {
      const pair = webPair(spec.name, spec.replicas);
      return { ready: pair.deploy.status.readyReplicas > 0, svc: pair.svc.metadata.name };
    }),
    importedLater: kubernetesComposition(definition('pair-imported-later'), (spec) => {
      const pair = webPair(spec.name, spec.replicas);
      const { deploy, svc } = pair;
      return { ready: deploy.status.readyReplicas > 0, svc: svc.metadata.name };
    }),
  };
  for (const [name, app] of Object.entries(shapes)) {
    assert.deepEqual(shape(app), { ids: ['deploy', 'svc'], status: TRIAL_STATUS }, name);
    agreesWithJavaScript(name, app);
  }
});

test('an imported helper called twice: each call reads its own resources, renamed or held whole', () => {
  const app = kubernetesComposition(definition('pair-twice'), (spec) => {
    const { deploy: api, svc: apiSvc } = webPair(`${spec.name}-api`, spec.replicas);
    const web = webPair(`${spec.name}-web`);
    const other = webPair('other', 3);
    return {
      ready: api.status.readyReplicas > 0 && web.deploy.status.readyReplicas > 0,
      svc: `${apiSvc.metadata.name},${web.svc.metadata.name}`,
      more: (other.deploy.status.readyReplicas ?? 0) >= (web.deploy.status.readyReplicas ?? 0),
      n: (api.status.readyReplicas ?? 0) + (other.deploy.status.availableReplicas ?? 0),
    };
  });
  const { ids, status } = shape(app);
  assert.deepEqual(ids, ['api', 'apiSvc', 'deploy', 'svc', 'deploymentOther', 'serviceOther']);
  assert.match(status, /more: \$\{deploymentOther\.\?status\.\?readyReplicas\.orValue\(0\) >= deploy\.\?status\.\?readyReplicas\.orValue\(0\)\}/);
  assert.match(status, /svc: \$\{apiSvc\.metadata\.name\},\$\{svc\.metadata\.name\}/);
  agreesWithJavaScript('pair-twice', app);
});

test('a list returned and destructured, a pair inside a returned object, and a resource read by index', () => {
  const app = kubernetesComposition(definition('pair-nested'), (spec) => {
    const [d, s] = webList(spec.name);
    const { web: { deploy }, api, settings } = stack(spec.name);
    const whole = stack('whole');
    const listed = webList('listed');
    return {
      ready: d.status.readyReplicas > 0 && api.status.readyReplicas! > (deploy.status.readyReplicas ?? 0),
      svc: `${s.metadata.name}/${settings.data!.web}/${whole.web.svc.metadata.name}/${listed[1].metadata.name}`,
      more: whole.api.status.readyReplicas === listed[0].status.readyReplicas,
    };
  });
  // Destructured: the names given (the pair's Service the pattern leaves out takes its kind's id). Held whole
  // (`whole`): the property each is returned under (`deploy` is taken, so the kind's id); a list item has no name.
  assert.deepEqual(shape(app).ids, ['d', 's', 'deploy', 'service', 'api', 'service2', 'settings', 'deploymentWholeWeb', 'svc', 'deploymentWholeApi', 'serviceWholeApi', 'configMapWholeSettings', 'deploymentListed', 'serviceListed']);
  assert.match(shape(app).status, /svc: \$\{s\.metadata\.name\}\/\$\{settings\.data\.web\}\/\$\{svc\.metadata\.name\}\/\$\{serviceListed\.metadata\.name\}/);
  agreesWithJavaScript('pair-nested', app);
});

test('a helper given only constants: its resources are still read as references', () => {
  const app = kubernetesComposition(definition('pair-constant'), (spec) => {
    const pair = localPair('fixed');
    ConfigMap({ name: spec.name, data: { ready: pair.deploy.status.readyReplicas > 0 ? 'yes' : 'no' } });
    return { ready: pair.deploy.status.readyReplicas > 0, svc: pair.svc.metadata.name };
  });
  assert.match(shape(app).status, /ready: \$\{deploy\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  agreesWithJavaScript('pair-constant', app);
});

test('a resource made once per item of a list in a helper names no single one: refused with the reason', () => {
  const message = refusal(() =>
    kubernetesComposition(definition('pair-per-name'), (spec) => {
      const [first] = perName(['a', 'b']); // m:perName
      return { ready: first!.status.readyReplicas > 0, svc: spec.name };
    }),
  );
  assert.equal(
    message.replace(/\S*\/test\/composition\//g, '<dir>/'),
    "<dir>/fixtures/helpers/pair.ts:27:30: this factory call makes more than one resource (it sits in a function called more than once), so reading it through what the function returns names no single resource\n" +
      "    Deployment({ name, image: 'nginx' })\n" +
      '  hint: make each resource with its own factory call in the helper, return them by name (`return { deploy, svc }`), and call the helper once per place in the composition, outside loops and callbacks; destructure what it returns where you call it (`const { deploy: apiDeploy } = webPair(...)`, then `apiDeploy.status...`)\n' +
      `  in \`perName(...)\` called at ${at('m:perName', 'perName(')}`,
  );
});

test('a pair read through a helper called again in a loop is refused where it is read', () => {
  const message = refusal(() =>
    kubernetesComposition(definition('pair-loop'), (spec) => {
      for (const tier of ['a', 'b']) {
        const pair = localPair(`${spec.name}-${tier}`);
        ConfigMap({ name: tier, data: { ready: pair.deploy.status.readyReplicas > 0 ? 'yes' : 'no' } });
      }
      return { svc: spec.name };
    }),
  );
  assert.equal(message.split('\n')[0], `${at('function localPair', 'Deployment(')}: this factory call makes more than one resource (it sits in a function called more than once), so reading it through what the function returns names no single resource`);
});
