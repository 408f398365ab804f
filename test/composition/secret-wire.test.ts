/**
 * A Secret's `stringData` is deployed as `data` (src/composition/secret-wire.ts): `stringData` is write-only,
 * so the appliers of both modes never owned `data.KEY` and never pruned a removed key (trial 11, S2; the
 * cluster side is test/cluster/secret-prune.cluster.test.ts). Reads of a Secret handle's `stringData` are
 * refused: the live object never has it (trial 11, K2).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition, OpaqueCel } from '../../src/index.js';
import { secretWireForm, storedSecret } from '../../src/composition/secret-wire.js';
import type { ResourceNode } from '../../src/ir/graph.js';
import { ConfigMap, Secret } from '../../src/simple.js';
import { sensitivePaths } from '../../src/api/sensitive.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

interface Rgd {
  spec: { resources: { id: string; template: Record<string, unknown> }[] };
}

const wire = kubernetesComposition(
  { name: 'secret-wire', apiVersion: 'secrets.typekro.dev/v1alpha1', kind: 'SecretWire', spec: type({ name: 'string', pw: 'string', creds: 'Record<string, string>' }), status: type({ name: 'string' }) },
  (spec) => {
    Secret({ id: 'whole', name: 'whole', stringData: spec.creds });
    const keys = Secret({ id: 'keys', name: 'keys', stringData: { a: 'héllo', b: spec.pw, c: `x-${spec.name}` }, data: { a: 'b2xk', d: 'ZA==' } });
    return { name: keys.metadata.name };
  },
);

test('stringData becomes data: literals encoded, expressions dyn(base64.encode(bytes(x))), a stringData key wins', () => {
  const resources = (parse(wire.toYaml()) as Rgd).spec.resources;
  const template = (id: string) => resources.find((resource) => resource.id === id)!.template;
  assert.equal(template('whole')['stringData'], undefined);
  // KRO v0.9.4 types `data` as map(string, bytes) yet refuses to write bytes: dyn(...) passes its check, the text is written.
  assert.equal(template('whole')['data'], '${dyn(schema.spec.creds.transformMap(k, v, base64.encode(bytes(v))))}');
  assert.deepEqual(template('keys')['data'], {
    a: Buffer.from('héllo').toString('base64'),
    d: 'ZA==',
    b: '${dyn(base64.encode(bytes(schema.spec.pw)))}',
    c: '${dyn(base64.encode(bytes("x-" + schema.spec.name)))}',
  });
  assert.equal(template('keys')['stringData'], undefined);
});

test('spec values written to stringData are still secret (redacted)', () => {
  // The whole map's values (its keys are what the Secret lists), as `sensitive` on each value would mark them.
  assert.deepEqual(sensitivePaths(wire.graph).map((path) => path.join('.')).sort(), ['creds.*', 'name', 'pw']);
});

test('a read of a Secret handle\'s stringData is refused with its place and the way out', () => {
  const definition = { apiVersion: 'secrets.typekro.dev/v1alpha1', kind: 'K2', spec: type({ name: 'string', user: 'string' }), status: type({ user: 'string' }) };
  const hint = "is never present: a Secret's stringData is write-only (the API server merges it into data and never returns it), so the read would never resolve\n  hint: read the value you put there (the spec field or expression), or creds.data.KEY, which is its base64 text";
  assert.equal(
    definitionError(() => kubernetesComposition({ ...definition, name: 'k2-into-cm' }, (spec) => {
      const creds = Secret({ name: 'creds', stringData: { USER: spec.user } });
      const cm = ConfigMap({ name: 'cfg', data: { DB_USER: creds.stringData!.USER! } });
      return { user: cm.data!.DB_USER! };
    })),
    `${at("'k2-into-cm'", 'stringData!')}: creds.stringData ${hint}`,
  );
  assert.equal(
    definitionError(() => kubernetesComposition({ ...definition, name: 'k2-status' }, (spec) => {
      const creds = Secret({ name: 'creds', stringData: { USER: spec.user } });
      return { user: creds.stringData?.USER ?? 'unknown' };
    })),
    `${at("'k2-status'", 'stringData?')}: creds.stringData ${hint}`,
  );
});

test('one rule on both sides: plain data is encoded as the graph encodes it; a Cel.expr comes back as the CEL the graph writes', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } };
  assert.deepEqual(storedSecret({ ...secret, stringData: { a: new OpaqueCel('x.y'), b: 'héllo', n: 3 }, data: { b: 'b2xk', c: 'Yw==' } }), {
    ...secret,
    data: { b: Buffer.from('héllo').toString('base64'), c: 'Yw==', a: new OpaqueCel('dyn(base64.encode(bytes(x.y)))'), n: 3 },
  });
  assert.deepEqual(storedSecret({ ...secret, stringData: new OpaqueCel('m') }), { ...secret, data: new OpaqueCel('dyn((m).transformMap(k, v, base64.encode(bytes(v))))') });
  // The graph's forms of the same, from a composition: the whole-map and per-key CEL above.
  const template = (id: string) => wire.graph.resources.find((resource) => resource.id === id)!.template as Record<string, unknown>;
  assert.equal((parse(wire.toYaml()) as Rgd).spec.resources[0]!.template['data'], '${dyn(schema.spec.creds.transformMap(k, v, base64.encode(bytes(v))))}');
  assert.equal(template('keys')['stringData'], undefined);
  // Neither side touches what is not a v1 Secret.
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', stringData: { a: 'x' } };
  assert.equal(storedSecret(configMap), configMap);
});

test('a null stringData is no stringData, on both sides', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } };
  assert.deepEqual(storedSecret({ ...secret, stringData: null, data: { a: 'YQ==' } }), { ...secret, data: { a: 'YQ==' } });
  assert.deepEqual(storedSecret({ ...secret, stringData: null }), secret);
  const node: ResourceNode = { id: 's', apiVersion: 'v1', kind: 'Secret', template: { ...secret, stringData: null }, readyWhen: [], includeWhen: [], forEach: [], dependsOn: [] };
  assert.deepEqual(secretWireForm(node).template, secret);
  assert.deepEqual(secretWireForm({ ...node, template: { ...secret, stringData: null, data: { a: 'YQ==' } } }).template, { ...secret, data: { a: 'YQ==' } });
});

test('an optional value left out leaves its key (or the whole map) out, a data key of the same name kept, on both sides', () => {
  const app = kubernetesComposition(
    { name: 'secret-absent', apiVersion: 'secrets.typekro.dev/v1alpha1', kind: 'SecretAbsent', spec: type({ 'creds?': 'Record<string, string>', 'pw?': 'string' }), status: type({ name: 'string' }) },
    (spec) => {
      Secret({ id: 'whole', name: 'whole', stringData: spec.creds });
      const keys = Secret({ id: 'keys', name: 'keys', stringData: { pw: spec.pw }, data: { pw: 'b2xk' } });
      return { name: keys.metadata.name };
    },
  );
  const resources = (parse(app.toYaml()) as Rgd).spec.resources;
  const template = (id: string) => resources.find((resource) => resource.id === id)!.template;
  assert.equal(template('whole')['data'], '${has(schema.spec.creds) ? dyn(schema.spec.creds.transformMap(k, v, base64.encode(bytes(v)))) : omit()}');
  assert.deepEqual(template('keys')['data'], { pw: '${has(schema.spec.pw) ? dyn(base64.encode(bytes(schema.spec.pw))) : dyn("b2xk")}' });
  // JavaScript's side: an undefined stringData value is a key JSON leaves out; the API server keeps data's.
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } };
  assert.deepEqual(storedSecret({ ...secret, stringData: { pw: undefined, a: 'x' }, data: { pw: 'b2xk' } }), { ...secret, data: { pw: 'b2xk', a: 'eA==' } });
});
