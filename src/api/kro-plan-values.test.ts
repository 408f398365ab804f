/**
 * A kro plan shows changed values as direct mode's does, and never a secret: the instance's secret spec
 * fields (before and after: the old value may be a secret this spec's redactor never saw), a child Secret's
 * values, a child field computed from a secret.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, sensitive } from '../index.js';
import { ConfigMap, Deployment, Secret } from '../simple.js';
import { kroPlanValues } from './kro-plan-values.js';
import { redactorFor } from './sensitive.js';
import type { FieldChange } from '../runtime/direct/plan-diff.js';
import { valueShower } from '../runtime/direct/plan.js';

const app = kubernetesComposition(
  {
    name: 'plan-values',
    apiVersion: 'test.typekro.dev/v1alpha1',
    kind: 'PlanValues',
    spec: type({ name: 'string', replicas: 'number.integer', token: sensitive(type('string')), 'keys?': { '[string]': sensitive(type('string')) } }),
    status: type({ ready: 'boolean' }),
  },
  (spec) => {
    Secret({ id: 'creds', name: `${spec.name}-creds`, stringData: { token: spec.token } });
    const web = Deployment({ id: 'web', name: spec.name, image: 'nginx', replicas: spec.replicas, env: { TOKEN: spec.token } });
    ConfigMap({ id: 'cfg', name: `${spec.name}-cfg`, data: { replicas: `${spec.replicas}` } });
    return { ready: web.status.readyReplicas === spec.replicas };
  },
);

const change = (path: string, before: unknown, after: unknown): FieldChange => ({ path, segments: path.split('.'), before, after });

test('the instance: a secret spec field is redacted before and after, other fields shown, known secrets redacted anywhere', () => {
  const values = kroPlanValues(app.graph, redactorFor(app.graph, { name: 'a', replicas: 2, token: 'new-token-value' }));
  const token = change('spec.token', 'old-token-value', 'new-token-value');
  assert.equal(values.instance(token, token.before), '[redacted]');
  assert.equal(values.instance(token, token.after), '[redacted]');
  assert.equal(values.instance(change('spec.keys.a', 'x', 'y'), 'x'), '[redacted]');
  assert.equal(values.instance(change('spec', { token: 'old-token-value' }, {}), {}), '[redacted]');
  assert.equal(values.instance(change('spec.replicas', 1, 2), 1), '1');
  assert.equal(values.instance(change('metadata.labels.team', 'a', 'new-token-value'), 'new-token-value'), '"[redacted]"');
  assert.equal(values.rgd(change('spec.schema.spec.replicas', 'integer', 'integer | default=2'), 'integer | default=2'), '"integer | default=2"');
});

test('the children: a Secret and a field computed from a secret are redacted, other fields shown', () => {
  const { children } = kroPlanValues(app.graph, redactorFor(app.graph, { name: 'a', replicas: 2, token: 't0k3n-value' }));
  const redactor = redactorFor(app.graph, { name: 'a', replicas: 2, token: 't0k3n-value' });
  const secret = valueShower({ resourceId: 'creds', apiVersion: 'v1', kind: 'Secret' }, redactor, children);
  assert.equal(secret(change('data.token', 'b2xk', 'bmV3'), 'b2xk'), '[redacted]');
  const web = valueShower({ resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment' }, redactor, children);
  assert.equal(web(change('spec.template.spec.containers.0.env.0.value', 'old-secret', 'x'), 'old-secret'), '[redacted]');
  assert.equal(web(change('spec.replicas', 1, 2), 2), '2');
  const cfg = valueShower({ resourceId: 'cfg', apiVersion: 'v1', kind: 'ConfigMap' }, redactor, children);
  assert.equal(cfg(change('data.replicas', '1', '2'), '2'), '"2"');
});
