/**
 * Label keys and values, and annotation keys, computed from the spec are checked with Kubernetes' rules
 * before anything is applied (engine/name-check.ts, with object names), in both modes; literal ones when the
 * composition is defined. Before, `labels: { tier: spec.tier }` with tier 'a b' rendered, and the API server
 * refused the object (422) or KRO's instance went to ERROR.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { configMap, InvalidObjectNameError, kubernetesComposition, type TypeKroError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { withAnnotations, withLabels } from '../../src/api/aspects.js';
import { labelValueProblem, qualifiedNameProblem } from '../../src/util/label-syntax.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

const app = kubernetesComposition(
  {
    name: 'labelled',
    kind: 'Labelled',
    spec: type({ name: 'string', tier: 'string', team: 'string', note: 'string' }),
    status: type({ ready: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, labels: { tier: spec.tier, team: 'core' }, data: {} });
    return { ready: true };
  },
);
const good = { name: 'demo', tier: 'gold', team: 'a', note: 'any text at all' };

async function failure(factory: { manifestsYaml(spec: typeof good): Promise<string> }, spec: typeof good): Promise<InvalidObjectNameError> {
  const error = await factory.manifestsYaml(spec).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof InvalidObjectNameError, `expected InvalidObjectNameError, got ${String(error)}`);
  return error;
}

describe('labels computed from the spec', () => {
  it('valid labels render', async () => {
    assert.match(await app.factory('direct', { namespace: 'dev' }).manifestsYaml(good), /tier: gold/);
  });

  it('a label value Kubernetes refuses fails before anything is applied, naming the label and the spec field', async () => {
    const error = await failure(app.factory('direct', { namespace: 'dev' }), { ...good, tier: 'a b' });
    assert.equal(
      error.message,
      'resource "configMap" (ConfigMap): the value "a b" of label "tier" is not a valid label value: it contains " " (a character not allowed) (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or empty)). It is computed from spec.tier.\n  to make the label value valid: pass a valid value for spec.tier',
    );
    assert.deepEqual(error.problems.map((p) => [p.field, p.key, p.part, p.specFields]), [['metadata.labels', 'tier', 'value', ['spec.tier']]]);
    const long = await failure(app.factory('direct', { namespace: 'dev' }), { ...good, tier: 'x'.repeat(64) });
    assert.match(long.message, /it has 64 characters \(at most 63\)\. It is computed from spec\.tier\./);
  });
});

describe('the rules', () => {
  it('label values and qualified names', () => {
    assert.equal(labelValueProblem(''), undefined);
    assert.equal(labelValueProblem('a.b_c-d'), undefined);
    assert.equal(labelValueProblem('-a'), 'does not start and end with a letter or digit');
    assert.equal(qualifiedNameProblem('app.kubernetes.io/name'), undefined);
    assert.equal(qualifiedNameProblem('Example.com/x'), 'has a prefix "Example.com" that is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")');
    assert.equal(qualifiedNameProblem('a/b/c'), 'has more than one "/"');
    assert.equal(qualifiedNameProblem(''), 'has an empty name');
    assert.equal(qualifiedNameProblem('my key'), 'contains " " (a character not allowed)');
  });
});

describe('labels set in the composition', () => {
  it('a literal label value or key Kubernetes refuses fails when the composition is defined', () => {
    const define = (labels: Record<string, string>) => () =>
      kubernetesComposition({ name: 'fixed-labels', kind: 'FixedLabels', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) }, (spec) => {
        ConfigMap({ name: spec.name, labels, data: {} });
        return { ready: true };
      });
    assert.throws(define({ tier: 'a b' }), (error: Error) => {
      assert.match(error.message, /\(ConfigMap\): the value "a b" of label "tier" is not a valid label value: it contains " " \(a character not allowed\) \(at most 63 letters, digits, "-", "_" and "\.", starting and ending with a letter or digit \(or empty\)\); it is set in the composition: change it there$/);
      assert.match(error.message, /label-check\.test\.ts:\d+/);
      return true;
    });
    assert.throws(define({ 'my key': 'x' }), /\(ConfigMap\): the label key "my key" is not a valid label key: it contains " " \(a character not allowed\) \(an optional DNS-1123 subdomain prefix and "\/", then at most 63 letters, digits, "-", "_" and "\.", starting and ending with a letter or digit\); it is set in the composition: change it there$/);
    assert.doesNotThrow(define({ 'app.kubernetes.io/part-of': 'shop', empty: '' }));
  });
});

describe('labels TypeKro and KRO set themselves (trial 4, F15)', () => {
  const define = (labels: Record<string, string>) => () =>
    kubernetesComposition({ name: 'owner-labels', kind: 'OwnerLabels', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) }, (spec) => {
      ConfigMap({ name: spec.name, labels, data: {} }); // the owner-labels factory call
      return { ready: true };
    });

  it('a literal one fails when the composition is defined, naming the factory call (file:line:col), the label and who replaces it', () => {
    assert.equal(
      definitionError(define({ 'app.kubernetes.io/managed-by': 'argocd' })),
      `resource "configMap" (${at('the owner-labels factory call', 'ConfigMap(')}) (ConfigMap): the label "app.kubernetes.io/managed-by" is set on every object by TypeKro in direct mode ("typekro") and by KRO ("kro"), which replace the value written; leave it out, or use a label of your own (e.g. "example.com/managed-by")`,
    );
    assert.throws(define({ 'typekro.dev/instance': 'other' }), /the label "typekro\.dev\/instance" is one of the ownership labels TypeKro sets in direct mode on every object/);
    assert.throws(define({ 'applyset.kubernetes.io/part-of': 'x' }), /the label "applyset\.kubernetes\.io\/part-of" is set on every object by TypeKro in direct mode and by KRO/);
    // an annotation of the same name is the user's own
    assert.doesNotThrow(() =>
      kubernetesComposition({ name: 'owner-annotations', kind: 'OwnerAnnotations', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) }, (spec) => {
        configMap({ metadata: { name: spec.name, annotations: { 'app.kubernetes.io/managed-by': 'argocd' } }, data: {} });
        return { ready: true };
      }),
    );
  });

  it('one given to withLabels(...) fails at that call (file:line:col), before any composition or mode uses it', () => {
    assert.equal(
      definitionError(() => withLabels({ 'app.kubernetes.io/managed-by': 'helm' })), // the managed-by aspect
      `${at('the managed-by aspect', 'withLabels(')}: withLabels(...): "app.kubernetes.io/managed-by" is set on every object by TypeKro in direct mode ("typekro") and by KRO ("kro"), which replace the value written; leave it out, or use a label of your own (e.g. "example.com/managed-by")`,
    );
    assert.equal(
      definitionError(() => withLabels({ team: 'core', 'typekro.dev/instance': 'x' })), // the ownership aspect
      `${at('the ownership aspect', 'withLabels(')}: withLabels(...): "typekro.dev/instance" is one of the ownership labels TypeKro sets in direct mode on every object (to know which instance owns it), which replace the value written; leave it out, or use a label of your own (e.g. "example.com/instance")`,
    );
    // an annotation of the same name is the user's own
    assert.doesNotThrow(() => define({ team: 'core' })().toYaml({ aspects: [withAnnotations({ 'app.kubernetes.io/managed-by': 'helm' })] }));
  });

  it('one in a label map from the spec fails before anything is applied', async () => {
    const fromSpec = kubernetesComposition(
      { name: 'spec-labels', kind: 'SpecLabels', spec: type({ name: 'string', labels: 'Record<string, string>' }), status: type({ ready: 'boolean' }) },
      (spec) => {
        ConfigMap({ name: spec.name, labels: spec.labels, data: {} });
        return { ready: true };
      },
    );
    const factory = fromSpec.factory('direct', { namespace: 'dev' });
    assert.match(await factory.manifestsYaml({ name: 'w', labels: { team: 'core' } }), /team: core/);
    await assert.rejects(factory.manifestsYaml({ name: 'w', labels: { 'typekro.dev/resource-id': 'x' } }), (error: TypeKroError) => {
      assert.equal(error.code, 'SPEC_INVALID');
      assert.equal(
        error.message,
        'resource "configMap" (ConfigMap): the label "typekro.dev/resource-id" is one of the ownership labels TypeKro sets in direct mode on every object (to know which instance owns it), which replace the value written; it comes from a label map computed from the spec or the cluster: leave the key out of that map. Nothing was applied for this object.',
      );
      return true;
    });
  });
});
