/**
 * The registries generated factories join when their module loads: a factory name shared by factories of
 * different kinds is ambiguous (a lookup says so instead of taking the first one), and two factories of one kind
 * with different schemas each type references with their own schema (the first one loaded used to win).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { crdFactory, kubernetesComposition, type CrdKind } from '../../src/index.js';
import { factoryByName } from '../../src/model/factory.js';

const base = { group: 'registry.typekro.dev', version: 'v1', plural: 'gadgets', scope: 'Namespaced' } as const;

function statusSchema(properties: Record<string, { type: 'string' | 'boolean' }>): CrdKind['schema'] {
  return { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', properties } } };
}

describe('factory registries', () => {
  it('refuses a lookup by a name that factories of two kinds share, naming both', () => {
    crdFactory({ ...base, kind: 'Gadget', factoryName: 'sharedGadget', schema: statusSchema({ ready: { type: 'boolean' } }) });
    crdFactory({ ...base, plural: 'gizmos', kind: 'Gizmo', factoryName: 'sharedGadget', schema: statusSchema({ ready: { type: 'boolean' } }) });
    assert.throws(
      () => factoryByName('sharedGadget'),
      /the factory name "sharedGadget" belongs to 2 loaded factories of different kinds \(registry\.typekro\.dev\/v1 Gadget .*; registry\.typekro\.dev\/v1 Gizmo .*\).*\.withIncludeWhen/,
    );
  });

  it('keeps one factory for a kind registered again with the same schema', () => {
    const definition: CrdKind = { ...base, plural: 'widgets', kind: 'Widget', factoryName: 'sameWidget', schema: statusSchema({ ready: { type: 'boolean' } }) };
    const first = crdFactory(definition);
    crdFactory({ ...definition });
    assert.equal(typeof factoryByName('sameWidget'), 'function');
    assert.notEqual(first, undefined);
  });

  it('types references into each factory with its own schema when one kind is defined twice', () => {
    const schema = (count: 'integer' | 'string'): CrdKind['schema'] => ({ type: 'object', properties: { spec: { type: 'object' }, status: { type: 'object', properties: { count: { type: count } } } } });
    const older = crdFactory<{ spec: object; status?: { count?: number } }>({ ...base, plural: 'things', kind: 'Thing', factoryName: 'olderThing', schema: schema('integer') });
    const newer = crdFactory<{ spec: object; status?: { count?: string } }>({ ...base, plural: 'things', kind: 'Thing', factoryName: 'newerThing', schema: schema('string') });
    const labelOf = (factory: typeof older | typeof newer, name: string): string | undefined => {
      const app = kubernetesComposition({ name, kind: 'LabelApp', spec: type({ size: 'number.integer' }), status: type({ label: 'string' }) }, () => {
        const thing = factory({ name: 'thing', spec: {} });
        return { label: `n-${thing.status.count}` };
      });
      return app.toYaml().split('\n').find((line) => line.includes('label:'))?.trim();
    };
    // The older (integer) type is built first; the newer factory's string must not be converted as an int.
    assert.equal(labelOf(older, 'older-app'), 'label: n-${string(thing.status.count)}');
    assert.equal(labelOf(newer, 'newer-app'), 'label: n-${thing.status.count}');
  });
});
