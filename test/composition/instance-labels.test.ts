/**
 * The instance's labels and annotations, one behaviour in both modes: reads of keys the user gives compile
 * and direct mode answers them from the deploy's labels; reads the modes would answer differently (KRO's own
 * keys, keys computed at deploy time, the whole maps) are refused at the read; the deploy options are checked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, parseRecord, prepareGraph, recordManifest } from '../../src/runtime/engine/index.js';
import { compileInstance } from '../../src/compile/rgd/index.js';
import { checkedInstanceMetadata, isKroInstanceKey } from '../../src/util/instance-metadata.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);
const definition = { apiVersion: 'labels.typekro.dev/v1alpha1', kind: 'Labelled', spec: type({ key: 'string' }), status: type({ v: 'unknown' }) };

const WHOLE_LABELS =
  "reads instance.metadata.labels as a whole (the map itself, its keys, its size or its entries): in kro mode KRO adds its own labels to the instance (kro.run/owned, kro.run/kro-version, kro.run/resource-graph-definition-id, kro.run/resource-graph-definition-name, applyset.kubernetes.io/id), which direct mode does not have, so the two modes would see different maps";
const LABELS_HINT = "read the labels you give by name, e.g. instance.metadata.labels?.team ?? 'none' (give them at deploy time: deploy(spec, { labels: { team: 'platform' } }))";

const read = kubernetesComposition(
  { ...definition, name: 'labels-read', status: type({ team: 'string', tier: 'string', owner: 'string', has: 'boolean' }) },
  (spec, instance) => {
    ConfigMap({ name: `${instance.metadata.name}-cm`, data: { team: instance.metadata.labels?.team ?? 'd' } });
    return {
      team: instance.metadata.labels?.team ?? 'd',
      tier: instance.metadata.labels?.['example.com/tier'] ?? 'none',
      owner: instance.metadata.annotations?.['example.com/owner'] ?? 'nobody',
      has: 'team' in (instance.metadata.labels ?? {}),
    };
  },
);

test('direct mode answers key reads from the labels and annotations the deploy gave, as kro mode from the instance', () => {
  const prepared = prepareGraph(read.graph, createCelEngine());
  const given = { name: 'a', namespace: 'prod', labels: { team: 'platform' }, annotations: { 'example.com/owner': 'jane' } };
  assert.deepEqual(instanceStatus(prepared, { spec: { key: 'k' }, instance: given, observed: new Map() }).status, { team: 'platform', tier: 'none', owner: 'jane', has: true });
  assert.deepEqual(instanceStatus(prepared, { spec: { key: 'k' }, instance: { name: 'a', namespace: 'prod' }, observed: new Map() }).status, { team: 'd', tier: 'none', owner: 'nobody', has: false });
});

test("kro mode's instance carries them; the record of direct mode keeps them for later status", () => {
  const instance = compileInstance(read.graph, { key: 'k' }, { name: 'a', namespace: 'prod', labels: { team: 'platform' }, annotations: { 'example.com/owner': 'jane' } });
  assert.deepEqual(instance['metadata'], { name: 'a', namespace: 'prod', labels: { team: 'platform' }, annotations: { 'example.com/owner': 'jane' } });
  assert.deepEqual(compileInstance(read.graph, { key: 'k' }, { name: 'a', labels: {}, annotations: {} })['metadata'], { name: 'a' });
  const owner = { composition: 'labels-read', instance: 'a', namespace: 'prod' };
  const manifest = recordManifest(owner, { kinds: [], namespaces: ['prod'], succeeded: true, generation: 1, instanceLabels: { team: 'platform' }, instanceAnnotations: {} });
  const parsed = parseRecord(manifest);
  assert.deepEqual([parsed?.instanceLabels, parsed?.instanceAnnotations], [{ team: 'platform' }, {}]);
});

test('a read of a label KRO writes is refused at the read', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'labels-kro-key' }, (spec, instance) => ({ v: instance.metadata.labels?.['kro.run/owned'] ?? 'no' })),
  );
  assert.equal(
    message,
    `${at("'labels-kro-key'", "instance.metadata.labels?.['kro")}: reads the label "kro.run/owned" of the instance: keys under kro.run/, applyset.kubernetes.io/ (and their subdomains) are KRO's own in kro mode and direct mode does not have them\n    instance.metadata.labels?.['kro.run/owned']\n  hint: pass the value through the spec, or ${LABELS_HINT}`,
  );
});

test('an annotation key test of a KRO subdomain is refused too', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'labels-kro-in' }, (spec, instance) => ({ v: 'internal.kro.run/applyset-inventory-hash' in instance.metadata.annotations! })),
  );
  assert.equal(
    message,
    `${at("'labels-kro-in'", "'internal.kro")}: reads the annotation "internal.kro.run/applyset-inventory-hash" of the instance: keys under kro.run/, applyset.kubernetes.io/ (and their subdomains) are KRO's own in kro mode and direct mode does not have them\n    'internal.kro.run/applyset-inventory-hash' in instance.metadata.annotations!\n  hint: pass the value through the spec, or read the annotations you give by name, e.g. instance.metadata.annotations?.team ?? 'none' (give them at deploy time: deploy(spec, { annotations: { team: 'platform' } }))`,
  );
});

test('a read of the annotation kro mode\'s deploy writes is refused, in TypeScript and in CEL by hand; the label of that name is the user\'s', () => {
  const owned = "kro mode's deploy writes it on the instance (the ResourceGraphDefinition generation KRO last reconciled the instance with) and direct mode does not have it";
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'labels-graph-gen' }, (spec, instance) => ({ v: instance.metadata.annotations?.['typekro.dev/graph-revision'] ?? 'no' })),
  );
  assert.equal(
    message,
    `${at("'labels-graph-gen'", "instance.metadata.annotations?.['typekro")}: reads the annotation "typekro.dev/graph-revision" of the instance: ${owned}\n    instance.metadata.annotations?.['typekro.dev/graph-revision']\n  hint: pass the value through the spec, or read the annotations you give by name, e.g. instance.metadata.annotations?.team ?? 'none' (give them at deploy time: deploy(spec, { annotations: { team: 'platform' } }))`,
  );
  const raw = definitionError(() => kubernetesComposition({ ...definition, name: 'labels-graph-gen-raw' }, () => ({ v: Cel.expr<string>("schema.metadata.annotations['typekro.dev/graph-revision']") })));
  assert.equal(
    raw,
    `${at("'labels-graph-gen-raw'", 'expr<string>')}: status.v: reads the annotation "typekro.dev/graph-revision" of the instance: ${owned}\n  hint: pass the value through the spec, or read the annotations you give by name, e.g. instance.metadata.annotations?.team ?? 'none' (give them at deploy time: deploy(spec, { annotations: { team: 'platform' } }))`,
  );
  assert.doesNotThrow(() => kubernetesComposition({ ...definition, name: 'labels-graph-gen-label' }, (spec, instance) => ({ v: instance.metadata.labels?.['typekro.dev/graph-revision'] ?? 'no' })));
});

test('a label read by a key the spec computes is refused', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'labels-computed' }, (spec, instance) => ({ v: instance.metadata.labels?.[spec.key] ?? 'no' })));
  assert.equal(
    message,
    `${at("'labels-computed'", 'instance.metadata.labels')}: reads instance.metadata.labels by a key computed when the instance is deployed: it may be one of KRO's own (kro.run/, applyset.kubernetes.io/…), which only kro mode has\n    instance.metadata.labels\n  hint: read each key by its literal name, e.g. instance.metadata.labels?.['team'] ?? 'none'`,
  );
});

test('the whole label map as a value, spread, or presence test is refused', () => {
  const asValue = refusal(() =>
    kubernetesComposition({ ...definition, name: 'labels-whole' }, (spec, instance) => {
      ConfigMap({ name: 'x', data: instance.metadata.labels });
      return { v: 'x' };
    }),
  );
  assert.equal(asValue, `${at("'labels-whole'", 'instance.metadata.labels')}: ${WHOLE_LABELS}\n    instance.metadata.labels\n  hint: ${LABELS_HINT}`);
  const spread = refusal(() =>
    kubernetesComposition({ ...definition, name: 'labels-spread' }, (spec, instance) => {
      ConfigMap({ name: 'x', data: { a: 'b', ...instance.metadata.labels } });
      return { v: 'x' };
    }),
  );
  assert.equal(spread, `${at("'labels-spread'", 'instance.metadata.labels')}: ${WHOLE_LABELS}\n    instance.metadata.labels\n  hint: ${LABELS_HINT}`);
  const presence = refusal(() => kubernetesComposition({ ...definition, name: 'labels-present' }, (spec, instance) => ({ v: instance.metadata.annotations !== undefined })));
  assert.equal(
    presence,
    `${at("'labels-present'", 'instance.metadata.annotations')}: reads instance.metadata.annotations as a whole (the map itself, its keys, its size or its entries): in kro mode KRO adds its own annotations to the instance (applyset.kubernetes.io/tooling, applyset.kubernetes.io/contains-group-kinds, applyset.kubernetes.io/additional-namespaces, internal.kro.run/applyset-inventory-hash), which direct mode does not have, so the two modes would see different maps\n    instance.metadata.annotations\n  hint: read the annotations you give by name, e.g. instance.metadata.annotations?.team ?? 'none' (give them at deploy time: deploy(spec, { annotations: { team: 'platform' } }))`,
  );
});

test('CEL written by hand gets the same rules, located at its Cel.expr', () => {
  const message = definitionError(() => kubernetesComposition({ ...definition, name: 'labels-raw' }, (spec, instance) => ({ v: Cel.expr<number>('size(schema.metadata.labels)') })));
  assert.equal(message, `${at("'labels-raw'", 'expr<number>')}: status.v: ${WHOLE_LABELS}\n  hint: ${LABELS_HINT}`);
  assert.doesNotThrow(() => kubernetesComposition({ ...definition, name: 'labels-raw-ok' }, (spec, instance) => ({ v: Cel.expr<string>('schema.metadata.labels.team') })));
});

test('deploy labels and annotations are checked, naming the key', () => {
  assert.deepEqual(checkedInstanceMetadata({ labels: { team: 'platform', 'example.com/tier': '' }, annotations: { note: 'any text: at all' } }), {
    labels: { 'example.com/tier': '', team: 'platform' },
    annotations: { note: 'any text: at all' },
  });
  assert.throws(() => checkedInstanceMetadata({ labels: { team: 'a b' } }), { code: 'USAGE', message: 'label "team": the value "a b" is not a label value: it contains " " (a character not allowed)' });
  assert.throws(() => checkedInstanceMetadata({ labels: { 'my key': 'x' } }), { message: 'label key "my key" is not a Kubernetes label key: it contains " " (a character not allowed)' });
  assert.throws(() => checkedInstanceMetadata({ annotations: { 'a/b/c': 'x' } }), { message: 'annotation key "a/b/c" is not a Kubernetes annotation key: it has more than one "/"' });
  assert.throws(() => checkedInstanceMetadata({ labels: { 'kro.run/owned': 'true' } }), {
    message: 'label "kro.run/owned": keys under kro.run/ and applyset.kubernetes.io/ (and their subdomains) are KRO\'s own on the instance; use a key of your own domain',
  });
  assert.throws(() => checkedInstanceMetadata({ labels: { team: 3 as unknown as string } }), { message: 'label "team": the value must be text, not number' });
  assert.throws(() => checkedInstanceMetadata({ annotations: { 'typekro.dev/graph-revision': '3' } }), {
    code: 'USAGE',
    message:
      'annotation "typekro.dev/graph-revision": kro mode\'s deploy writes it on the instance (the ResourceGraphDefinition generation KRO last reconciled the instance with) and direct mode does not have it; use a key of your own domain',
  });
  assert.deepEqual(checkedInstanceMetadata({ labels: { 'typekro.dev/graph-revision': '3' } }).labels, { 'typekro.dev/graph-revision': '3' });
  assert.equal(isKroInstanceKey('internal.kro.run/x'), true);
  assert.equal(isKroInstanceKey('notkro.run/x'), false);
});

test('both factories refuse bad labels before touching a cluster, with the same message', async () => {
  const expected = { code: 'USAGE', message: 'label "team": the value "-x" is not a label value: it does not start and end with a letter or digit' };
  await assert.rejects(() => read.factory('kro').deploy({ key: 'k' }, { labels: { team: '-x' } }), expected);
  await assert.rejects(() => read.factory('direct').deploy({ key: 'k' }, { labels: { team: '-x' } }), expected);
  assert.throws(() => read.factory('kro').instanceYaml({ key: 'k' }, { labels: { team: '-x' } }), expected);
  assert.match(read.factory('kro', { namespace: 'dev' }).instanceYaml({ key: 'k' }, { name: 'a', labels: { team: 'platform' } }), /labels:\n {4}team: platform/);
  assert.match(await read.factory('direct').manifestsYaml({ key: 'k' }, { name: 'a', labels: { team: 'platform' } }), /team: platform/);
});
