/**
 * readyWhen callbacks are refused at the callback, with what they read as the composition wrote it: KRO
 * evaluates readyWhen with the resource itself only in scope, so reading the spec or another resource would
 * make it reject the RGD. A callback passed by name is refused at the argument.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const definition = { apiVersion: 'conditions.typekro.dev/v1alpha1', spec: type({ n: 'number.integer' }), status: type({ 'ok?': 'boolean' }) };

const { definitionError: refusal } = refusalsIn(THIS_FILE);

const hint = (self: string): string => `  hint: move conditions on the spec or on other resources to .withIncludeWhen(...) or to the status; write readyWhen as a callback on the resource: .withReadyWhen((${self}) => ${self}.status...)`;

test('a readyWhen callback reading the spec or another resource is refused at the callback, naming the reads', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'ready-spec', kind: 'ReadySpec' }, (spec) => {
      Deployment({ name: 'web', image: 'nginx' }).withReadyWhen((self) => self.status.readyReplicas >= spec.n);
      return {};
    })),
    `<this file>:24:75: a readyWhen callback may only read the resource itself (\`self\`): KRO evaluates it with nothing else in scope, and this one reads spec.n\n    self.status.readyReplicas >= spec.n\n${hint('self')}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'ready-other', kind: 'ReadyOther' }, () => {
      const db = Deployment({ name: 'db', image: 'postgres' });
      Deployment({ name: 'web', image: 'nginx' }).withReadyWhen((web) => web.status.readyReplicas > 0 && db.status.readyReplicas > 0);
      return {};
    })),
    `<this file>:32:74: a readyWhen callback may only read the resource itself (\`web\`): KRO evaluates it with nothing else in scope, and this one reads db.status.readyReplicas\n    web.status.readyReplicas > 0 && db.status.readyReplicas > 0\n${hint('web')}`,
  );
});

test('a readyWhen callback passed by name compiles as if written inline (trial 7 H23); one a call returns is refused at the argument', () => {
  const named = kubernetesComposition({ ...definition, name: 'ready-named', kind: 'ReadyNamed' }, () => {
    const check = (self: { status: { readyReplicas: number } }): boolean => self.status.readyReplicas > 0;
    Deployment({ name: 'web', image: 'nginx' }).withReadyWhen(check);
    return {};
  });
  assert.match(named.toYaml(), /- \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
  const atLeast = (n: number) => (self: { status: { readyReplicas: number } }): boolean => self.status.readyReplicas >= n;
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'ready-curried', kind: 'ReadyCurried' }, () => {
      Deployment({ name: 'web', image: 'nginx' }).withReadyWhen(atLeast(2));
      return {};
    })),
    '<this file>:49:65: withReadyWhen() of resource "deploymentWeb" takes its callback written inline or a function named where it is declared, so TypeKro can read its source\n    atLeast(2)\n  hint: write the function in the call, e.g. .withReadyWhen((self) => self.status.readyReplicas > 0)',
  );
});

test('a readyWhen callback on the resource itself, its collection item included, is accepted', () => {
  const app = kubernetesComposition({ ...definition, name: 'ready-self', kind: 'ReadySelf' }, () => {
    Deployment({ name: 'web', image: 'nginx' }).withReadyWhen((self) => (self.status.conditions ?? []).some((c) => c.type === 'Available' && c.status === 'True'));
    return {};
  });
  assert.equal(app.graph.resources[0]?.readyWhen.length, 1);
});

test('a readyWhen condition written as an expression over the spec is refused at the argument', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'ready-expr', kind: 'ReadyExpr' }, (spec) => {
      Deployment({ name: 'web', image: 'nginx' }).withReadyWhen(spec.n > 2);
      return {};
    })),
    `<this file>:67:65: a readyWhen condition may only read the resource itself (through a callback's parameter): KRO evaluates it with nothing else in scope, and this one reads spec.n\n    spec.n > 2\n${hint('self')}`,
  );
});
