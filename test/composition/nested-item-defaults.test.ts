/**
 * A nested composition's defaults inside list items, map values and objects the parent passes whole
 * (issue 10): the child's function sees them filled in (arktype 2.2 and the API server both do), so the
 * compiled value is rebuilt with them (`nest-fill.ts`), or refused where CEL cannot rebuild it exactly.
 * The JavaScript agreement is test/differential/nested-item-default-cases.ts; cel-go's nested-defaults-cel.go.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { portsChild } from '../differential/nested-item-default-cases.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);
const apiVersion = 'nestitems.typekro.dev/v1alpha1';
const status = type({ all: 'string' });

test('arktype itself fills defaults inside list items and map values: the child sees them', () => {
  const spec = type({ ports: type({ name: 'string', port: 'number.integer = 80' }).array(), tiers: { '[string]': { size: 'number.integer = 3' } } });
  assert.deepEqual(spec({ ports: [{ name: 'x' }], tiers: { a: {} } }), { ports: [{ name: 'x', port: 80 }], tiers: { a: { size: 3 } } });
});

test("the parent's list whose items may lack a defaulted field is rebuilt with the child's default", () => {
  const parent = kubernetesComposition(
    { name: 'nid-list', apiVersion, kind: 'NidList', spec: type({ name: 'string', ports: type({ name: 'string', 'port?': 'number.integer' }).array() }), status },
    (spec) => ({ all: portsChild({ name: spec.name, ports: spec.ports }).status.all }),
  );
  assert.match(parent.toYaml(), /schema\.spec\.ports\.map\(item, \{"name": item\.name, "port": item\.\?port\.orValue\(80\), "weight": 1\.0\}\)\.map\(p, string\(p\.port\)\)/);
  assert.deepEqual(simulate(parent, { name: 'a', ports: [{ name: 'x' }, { name: 'y', port: 8080 }] }).status, { all: '80,8080' });
});

test('a literal list gets the defaults at definition time; a list whose items already have them is passed as it is', () => {
  const parent = kubernetesComposition(
    { name: 'nid-literal', apiVersion, kind: 'NidLiteral', spec: type({ name: 'string', ports: type({ name: 'string', port: 'number.integer = 80', weight: 'number = 1' }).array() }), status: type({ all: 'string', extra: 'string' }) },
    (spec) => {
      const c = portsChild({ name: spec.name, ports: [{ name: 'http' }], extra: spec.ports });
      return { all: c.status.all, extra: c.status.extra };
    },
  );
  const yaml = parent.toYaml();
  assert.match(yaml, /\[\{"name": "http", "weight": 1\.0, "port": 80\}\]/);
  assert.match(yaml, /extra: '\$\{has\(schema\.spec\.ports\) \? schema\.spec\.ports\.map\(p, p\.name \+ "=" \+ string\(p\.port\)\)\.join\(","\) : "none"\}'/);
  assert.deepEqual(simulate(parent, { name: 'a', ports: [{ name: 'b' }] }).status, { all: '80', extra: 'b=80' });
});

const mapChild = kubernetesComposition(
  { name: 'nid-map-child', apiVersion, kind: 'NidMapChild', spec: type({ name: 'string', tiers: { '[string]': { size: 'number.integer = 3' } } }), status: type({ ok: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { gold: `${spec.tiers.gold?.size ?? 0}` } });
    return { ok: true };
  },
);

test("a map whose values may lack a defaulted field is refused when the child reads it whole (CEL has no map-to-map macro here)", () => {
  const wholeMapChild = kubernetesComposition(
    { name: 'nid-whole-map', apiVersion, kind: 'NidWholeMap', spec: type({ name: 'string', tiers: { '[string]': { size: 'number.integer = 3' } } }), status: type({ tiers: { '[string]': { size: 'number.integer' } } }) },
    (spec) => ({ tiers: spec.tiers }),
  );
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'nid-map', apiVersion, kind: 'NidMap', spec: type({ name: 'string', tiers: { '[string]': { 'size?': 'number.integer' } } }), status: type({ ok: 'boolean' }) },
      (spec) => {
        wholeMapChild({ name: spec.name, tiers: spec.tiers });
        return { ok: true };
      },
    ),
  );
  assert.equal(
    message,
    `${at("'nid-map'", 'wholeMapChild(')}: nested composition "nid-whole-map" has defaults inside spec field spec.tiers, and the parent passes a map whose values lack defaulted fields: JavaScript fills the defaults in where a field is missing, which CEL cannot rebuild here; give the parent's spec type the same defaults (then every value has them), pass a literal, or pass every defaulted field`,
  );
});

test('a map value read by key gets its default without a rebuild; a literal map is filled in', () => {
  const parent = kubernetesComposition(
    { name: 'nid-map-key', apiVersion, kind: 'NidMapKey', spec: type({ name: 'string', tiers: { '[string]': { 'size?': 'number.integer' } } }), status: type({ ok: 'boolean' }) },
    (spec) => {
      mapChild({ name: spec.name, tiers: spec.tiers });
      mapChild({ name: `${spec.name}-l`, tiers: { gold: {} } });
      return { ok: true };
    },
  );
  const manifests = (tiers: Record<string, { size?: number }>) => simulate(parent, { name: 'a', tiers }).manifests.map((manifest) => (manifest as { data: unknown }).data);
  assert.deepEqual(manifests({ gold: {} }), [{ gold: '3' }, { gold: '3' }]);
  assert.deepEqual(manifests({ gold: { size: 1 } }), [{ gold: '1' }, { gold: '3' }]);
  assert.deepEqual(manifests({}), [{ gold: '0' }, { gold: '3' }]);
});

test("a value whose fields the compiler does not know is refused where the child's items have defaults", () => {
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'nid-unknown', apiVersion, kind: 'NidUnknown', spec: type({ name: 'string' }), status: type({ all: 'string' }) },
      (spec) => {
        const c = portsChild({ name: spec.name, ports: Cel.expr<{ name: string; port: number; weight: number }[]>('[]') });
        return { all: c.status.all };
      },
    ),
  );
  assert.equal(
    message,
    `${at("'nid-unknown'", 'portsChild(')}: nested composition "ports-child" has defaults inside spec field spec.ports, and the parent passes a value whose fields are not known to the compiler: JavaScript fills the defaults in where a field is missing, which CEL cannot rebuild here; give the parent's spec type the same defaults (then every value has them), pass a literal, or pass every defaulted field`,
  );
});

test('items with more than three fields that may be absent without a default are refused (each doubles the rebuilt object)', () => {
  const wide = kubernetesComposition(
    { name: 'nid-wide-child', apiVersion, kind: 'NidWideChild', spec: type({ name: 'string', items: type({ port: 'number.integer = 80', 'a?': 'string', 'b?': 'string', 'c?': 'string', 'd?': 'string' }).array() }), status: type({ n: 'number.integer' }) },
    (spec) => {
      Deployment({ name: spec.name, image: 'x', replicas: spec.items.length });
      return { n: spec.items[0]?.port ?? 0 };
    },
  );
  const message = definitionError(() =>
    kubernetesComposition(
      { name: 'nid-wide', apiVersion, kind: 'NidWide', spec: type({ name: 'string', items: type({ 'port?': 'number.integer', 'a?': 'string', 'b?': 'string', 'c?': 'string', 'd?': 'string' }).array() }), status: type({ n: 'number.integer' }) },
      (spec) => ({ n: wide({ name: spec.name, items: spec.items }).status.n }),
    ),
  );
  assert.equal(
    message,
    `${at("'nid-wide'", 'wide(')}: nested composition "nid-wide-child" has defaults inside spec field spec.items[], and the parent passes an object with 4 fields that may be absent without a default (a, b, c, d): JavaScript fills the defaults in where a field is missing, which CEL cannot rebuild here; give the parent's spec type the same defaults (then every value has them), pass a literal, or pass every defaulted field`,
  );
});

test("a resource's field passed into the child's defaulted field: pending before the resource exists, the default once it exists without the field", () => {
  const sizeChild = kubernetesComposition(
    { name: 'nid-size-child', apiVersion, kind: 'NidSizeChild', spec: type({ name: 'string', size: 'number.integer = 2' }), status: type({ size: 'number.integer' }) },
    (spec) => {
      ConfigMap({ name: spec.name, data: { size: `${spec.size}` } });
      return { size: spec.size };
    },
  );
  const parent = kubernetesComposition(
    { name: 'nid-status', apiVersion, kind: 'NidStatus', spec: type({ name: 'string' }), status: type({ size: 'number.integer' }) },
    (spec) => {
      const dep = Deployment({ name: spec.name, image: 'nginx', replicas: 3 });
      return { size: sizeChild({ name: `${spec.name}-c`, size: dep.status.readyReplicas }).status.size };
    },
  );
  assert.match(parent.toYaml(), /size: \$\{dep\.status\.\?readyReplicas\.orValue\(2\)\}/);
  assert.deepEqual(simulate(parent, { name: 'a' }).status, {});
  assert.deepEqual(simulate(parent, { name: 'a' }, { observed: { dep: { status: { replicas: 3 } } } }).status, { size: 2 });
  assert.deepEqual(simulate(parent, { name: 'a' }, { observed: { dep: { status: { replicas: 3, readyReplicas: 1 } } } }).status, { size: 1 });
});
