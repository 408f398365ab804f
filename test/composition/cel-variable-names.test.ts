/**
 * The names TypeKro gives to CEL variables (forEach iterators, comprehension variables) rename the user's
 * variable only, by identity: a loop variable `schema` becomes `schemaItem` while KRO's `schema` (the
 * instance) stays `schema`; a callback parameter `namespace` (a CEL reserved word) becomes `namespaceItem`;
 * `type` (a CEL type name, which direct mode's engine cannot declare) becomes `typeItem`. Every compiled
 * form is checked against JavaScript: the manifests and the status simulate() computes from the compiled
 * CEL equal those JavaScript makes from the spec as data (evaluateConcrete). Found by new-user trial 6
 * (G09, G10, G11).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { evaluateConcrete, kubernetesComposition, type Composition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, locate } = refusalsIn(import.meta.filename);

interface RgdResource { id: string; forEach?: Record<string, string>[]; readyWhen?: string[]; template: { metadata: { name: string }; data?: Record<string, string> } }

function rgdOf(app: { toYaml(): string }): { resources: RgdResource[]; status: Record<string, string> } {
  const spec = (parse(app.toYaml()) as { spec: { resources: RgdResource[]; schema: { status?: Record<string, string> } } }).spec;
  return { resources: spec.resources, status: spec.schema.status ?? {} };
}

/** A manifest without what direct mode adds to every object (labels of ownership, the namespace). */
function written(manifest: unknown): unknown {
  const { metadata, ...rest } = manifest as { metadata: { name: string } };
  return { name: metadata.name, ...rest };
}

/** The compiled graph means the JavaScript: manifests and status, spec by spec. */
function assertMeansJavaScript<S, T>(app: Composition<S, T>, specs: readonly S[]): void {
  assert.ok(evaluateConcrete(app, specs[0]!).resources.some((r) => r.manifests.length > 0), 'the first spec makes manifests');
  for (const spec of specs) {
    const concrete = evaluateConcrete(app, spec);
    const simulated = simulate(app, spec);
    assert.deepEqual(simulated.manifests.map(written), concrete.resources.flatMap((r) => r.manifests).map(written), JSON.stringify(spec));
    assert.deepEqual(simulated.status, concrete.status, JSON.stringify(spec));
  }
}

const dbSpec = type({ db: 'string', schemas: 'string[]' });
const dbSpecs = [{ db: 'shop', schemas: ['sales', 'audit'] }, { db: 'crm', schemas: [] }];

describe('a loop variable named like a KRO name', () => {
  it('`schema`: only the loop variable is renamed, `spec.*` reads stay `schema.spec.*` (G10)', () => {
    const app = kubernetesComposition({ name: 'dbschemas', kind: 'DbSchemas', spec: dbSpec, status: type({ names: 'string' }) }, (spec) => {
      for (const schema of spec.schemas) ConfigMap({ name: `${spec.db}-${schema}`, data: { db: spec.db, schema } });
      return { names: spec.schemas.map((schema) => `${spec.db}.${schema}`).join(',') };
    });
    const { resources: [cm], status } = rgdOf(app);
    assert.deepEqual(cm!.forEach, [{ schemaItem: '${schema.spec.schemas}' }]);
    assert.equal(cm!.template.metadata.name, '${schema.spec.db}-${schemaItem}');
    assert.deepEqual(cm!.template.data, { db: '${schema.spec.db}', schema: '${schemaItem}' });
    assert.equal(status.names, '${schema.spec.schemas.map(schemaItem, schema.spec.db + "." + schemaItem).join(",")}');
    assertMeansJavaScript(app, dbSpecs);
  });

  it("`each`: KRO's own `each` in readyWhen stays `each` (trial a26)", () => {
    const app = kubernetesComposition({ name: 'eachloop', kind: 'EachLoop', spec: type({ items: type({ name: 'string' }).array() }) }, (spec) => {
      for (const each of spec.items) Deployment({ name: `d-${each.name}`, image: 'nginx' }).withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 0);
      return {};
    });
    const [deployment] = rgdOf(app).resources;
    assert.deepEqual(deployment!.forEach, [{ eachItem: '${schema.spec.items}' }]);
    assert.equal(deployment!.template.metadata.name, 'd-${eachItem.name}');
    assert.deepEqual(deployment!.readyWhen, ['${each.?status.?readyReplicas.orValue(0) > 0}']);
    assertMeansJavaScript(app, [{ items: [{ name: 'a' }, { name: 'b' }] }]);
  });

  it('a loop variable named like an earlier resource id is renamed, the resource read keeps its id', () => {
    const app = kubernetesComposition({ name: 'svcloop', kind: 'SvcLoop', spec: type({ items: type({ name: 'string' }).array() }) }, (spec) => {
      const web = ConfigMap({ id: 'svc', name: 'main', data: { a: 'b' } });
      for (const svc of spec.items) ConfigMap({ name: `cm-${svc.name}`, data: { main: web.metadata.name, n: svc.name } });
      return {};
    });
    const [, cm] = rgdOf(app).resources;
    assert.deepEqual(cm!.forEach, [{ svcItem: '${schema.spec.items}' }]);
    // (Not simulated: the read of another resource waits for the cluster.)
    assert.deepEqual(cm!.template.data, { main: '${svc.metadata.name}', n: '${svcItem.name}' });
  });
});

describe('a loop variable named like a CEL type (G11)', () => {
  const names = ['type', 'int', 'uint', 'double', 'string', 'bool', 'bytes', 'list', 'map', 'null_type', 'optional', 'cel', 'google'] as const;
  for (const variable of names) {
    it(`\`${variable}\` becomes a declarable iterator`, () => {
      const app = loopNamed(variable);
      const [cm] = rgdOf(app).resources;
      const expected = `${variable.replace(/_(.)/g, (_m, c: string) => c.toUpperCase())}Item`;
      assert.deepEqual(Object.keys(cm!.forEach![0]!), [expected]);
      assert.deepEqual(cm!.template.data, { kind: `\${${expected}}` });
      assertMeansJavaScript(app, [{ app: 'shop', kinds: ['order', 'refund'] }]);
    });
  }
});

const kindsSpec = type({ app: 'string', kinds: 'string[]' });
/** One composition per loop variable name (each written out: the compiler reads the name from the source). */
function loopNamed(name: string): Composition<typeof kindsSpec.infer, object> {
  const def = (n: string) => ({ name: `loop-${n.replace('_', '-')}`, kind: 'Loop', spec: kindsSpec });
  switch (name) {
    case 'type': return kubernetesComposition(def(name), (spec) => { for (const type of spec.kinds) ConfigMap({ name: `${spec.app}-${type}`, data: { kind: type } }); return {}; });
    case 'int': return kubernetesComposition(def(name), (spec) => { for (const int of spec.kinds) ConfigMap({ name: `${spec.app}-${int}`, data: { kind: int } }); return {}; });
    case 'uint': return kubernetesComposition(def(name), (spec) => { for (const uint of spec.kinds) ConfigMap({ name: `${spec.app}-${uint}`, data: { kind: uint } }); return {}; });
    case 'double': return kubernetesComposition(def(name), (spec) => { for (const double of spec.kinds) ConfigMap({ name: `${spec.app}-${double}`, data: { kind: double } }); return {}; });
    case 'string': return kubernetesComposition(def(name), (spec) => { for (const string of spec.kinds) ConfigMap({ name: `${spec.app}-${string}`, data: { kind: string } }); return {}; });
    case 'bool': return kubernetesComposition(def(name), (spec) => { for (const bool of spec.kinds) ConfigMap({ name: `${spec.app}-${bool}`, data: { kind: bool } }); return {}; });
    case 'bytes': return kubernetesComposition(def(name), (spec) => { for (const bytes of spec.kinds) ConfigMap({ name: `${spec.app}-${bytes}`, data: { kind: bytes } }); return {}; });
    case 'list': return kubernetesComposition(def(name), (spec) => { for (const list of spec.kinds) ConfigMap({ name: `${spec.app}-${list}`, data: { kind: list } }); return {}; });
    case 'map': return kubernetesComposition(def(name), (spec) => { for (const map of spec.kinds) ConfigMap({ name: `${spec.app}-${map}`, data: { kind: map } }); return {}; });
    case 'null_type': return kubernetesComposition(def(name), (spec) => { for (const null_type of spec.kinds) ConfigMap({ name: `${spec.app}-${null_type}`, data: { kind: null_type } }); return {}; });
    case 'optional': return kubernetesComposition(def(name), (spec) => { for (const optional of spec.kinds) ConfigMap({ name: `${spec.app}-${optional}`, data: { kind: optional } }); return {}; });
    case 'cel': return kubernetesComposition(def(name), (spec) => { for (const cel of spec.kinds) ConfigMap({ name: `${spec.app}-${cel}`, data: { kind: cel } }); return {}; });
    case 'google': return kubernetesComposition(def(name), (spec) => { for (const google of spec.kinds) ConfigMap({ name: `${spec.app}-${google}`, data: { kind: google } }); return {}; });
    default: throw new Error(name);
  }
}

describe('a callback parameter CEL reserves (G09)', () => {
  it('`namespace` and `as` become comprehension variables CEL can parse, in a manifest and in the status', () => {
    const app = kubernetesComposition({ name: 'envlist', kind: 'EnvList', spec: type({ envs: 'string[]' }), status: type({ v: 'string', n: 'number' }) }, (spec) => {
      ConfigMap({ name: 'c', data: { all: spec.envs.map((namespace) => `ns-${namespace}`).join(',') } });
      return { v: spec.envs.map((namespace) => `ns-${namespace}`).join(','), n: spec.envs.filter((as) => as !== 'x').length };
    });
    const { resources: [cm], status } = rgdOf(app);
    assert.deepEqual(cm!.template.data, { all: '${schema.spec.envs.map(namespaceItem, "ns-" + namespaceItem).join(",")}' });
    assert.deepEqual(status, { v: '${schema.spec.envs.map(namespaceItem, "ns-" + namespaceItem).join(",")}', n: '${size(schema.spec.envs.filter(asItem, asItem != "x"))}' });
    assertMeansJavaScript(app, [{ envs: ['dev', 'x', 'prod'] }, { envs: [] }]);
  });
});

describe('a resource id CEL declares itself is refused with a way out (G11)', () => {
  it('`const map = ConfigMap(...)`', () => {
    const message = definitionError(() => kubernetesComposition({ name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ config: 'string' }) }, (spec) => {
      const map = ConfigMap({ name: `${spec.name}-config`, data: { level: 'info' } });
      return { config: map.metadata.name };
    }));
    const { line, column } = locate('const map = ConfigMap({', 'ConfigMap({');
    assert.equal(message, `resource "map" (<this file>:${line}:${column}): the id "map" is a name CEL declares itself (the type \`map\`); choose another, e.g. "mapResource"`);
  });
});
