/**
 * A generated module in use (the golden one, type-checked with the repository): factories in compositions,
 * status references typed for TypeScript and for the CEL compiler (from the schema the factory carries),
 * the default readiness and its override, and the CRDs `crdManifests` rebuilds from the schema data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { crdManifests, kubernetesComposition } from 'typekro';
import { allKinds, gadget, widget, type WidgetSpec } from './golden/widgets.generated.js';

const app = kubernetesComposition(
  {
    name: 'widget-app',
    kind: 'WidgetApp',
    spec: type({ name: 'string', size: 'number.integer', fast: 'boolean' }),
    status: type({ running: 'boolean', parts: 'number', half: 'number', endpoint: 'string', ready: 'boolean' }),
  },
  (spec) => {
    const main = widget({
      name: spec.name,
      namespace: 'apps',
      spec: { size: spec.size, mode: spec.fast ? 'Fast' : 'Slow', port: 'http', labels: { team: 'a' }, parts: [{ name: 'p', weight: 2 }], template: { apiVersion: 'v1', kind: 'ConfigMap' } },
    });
    const spare = widget({ metadata: { name: `${spec.name}-spare`, labels: { role: 'spare' } }, spec: { size: 1, mode: 'Slow' } }).withReadyWhen((self) => self.status.phase === 'Running');
    gadget({ name: 'global', spec: { enabled: true, settings: { any: ['thing'] } } });
    return {
      running: main.status.phase === 'Running',
      parts: main.status.readyParts,
      half: main.status.readyParts / 2,
      endpoint: spare.status.endpoint,
      ready: main.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    };
  },
);

describe('generated factories', () => {
  const rgd = app.toYaml();

  it('build manifests with the metadata given either way', () => {
    assert.match(rgd, /apiVersion: example\.com\/v1\n\s+kind: Widget\n\s+metadata:\n\s+name: \${schema\.spec\.name}\n\s+namespace: apps/);
    assert.match(rgd, /name: \${schema\.spec\.name}-spare\n\s+labels:\n\s+role: spare/);
    assert.match(rgd, /apiVersion: tools\.example\.com\/v1beta1\n\s+kind: Gadget/);
    assert.match(rgd, /mode: '\${schema\.spec\.fast \? "Fast" : "Slow"}'/);
  });

  it('type status references from the schema: integers are ints, enums strings, conditions typed', () => {
    // Optional fields are guarded as JavaScript reads them; required ones of a condition are not.
    assert.match(rgd, /running: \${has\(main\.status\) && has\(main\.status\.phase\) && main\.status\.phase == "Running"}/);
    assert.match(rgd, /half: \${double\(main\.status\.readyParts\) \/ 2\.0}/);
    assert.match(rgd, /ready: \${main\.status\.conditions\.exists\(c, c\.type == "Ready" && c\.status == "True"\)}/);
  });

  it('default to the custom-kind readiness (Ready condition for the current generation); withReadyWhen overrides', () => {
    const readyWhen = (id: string): string => (app.graph.resources.find((r) => r.id === id)?.readyWhen ?? []).map((e) => JSON.stringify(e)).join();
    assert.equal(readyWhen('main'), '', 'no own readyWhen: the kind rule applies');
    assert.match(rgd, /- id: main\n\s+readyWhen:\n\s+- '\${dyn\(main\)\.\?status\.\?conditions\.orValue\(\[\]\)\.filter\(c, c\.\?type\.orValue\(""\) == "Ready"\)/);
    assert.match(rgd, /- id: spare\n\s+readyWhen:\n\s+- \${has\(spare\.status\) && has\(spare\.status\.phase\) && spare\.status\.phase == "Running"}/);
  });

  it('rebuild equivalent CRDs from the schema data', () => {
    const [widgets, gadgets] = crdManifests(allKinds);
    assert.equal(widgets?.metadata.name, 'widgets.example.com');
    const versions = widgets?.spec.versions as { name: string; storage: boolean; subresources?: unknown; schema: { openAPIV3Schema: { description?: string } } }[];
    assert.deepEqual(versions.map((v) => `${v.name}:${v.storage}`), ['v1:true', 'v1alpha1:false']);
    assert.deepEqual(versions[0]?.subresources, { status: {} });
    assert.equal(versions[0]?.schema.openAPIV3Schema.description, undefined, 'descriptions are left to the TSDoc');
    assert.equal(gadgets?.spec.scope, 'Cluster');
  });

  it('reject a read of a field the schema does not have when the composition is defined', () => {
    assert.throws(
      () =>
        kubernetesComposition({ name: 'bad', kind: 'Bad', spec: type({ n: 'string' }), status: type({ x: 'string' }) }, (spec) => {
          const w = widget({ name: spec.n, spec: { size: 1, mode: 'Fast' } });
          return { x: (w.status as unknown as { colour: string }).colour.toUpperCase() };
        }),
      /unknown field `colour`[\s\S]*known fields: conditions, endpoint, lastUpdate, observedGeneration, phase, readyParts/,
    );
  });
});

// Compile-time checks: `npm run typecheck` fails if any of these lines stops being an error.
export function typeErrors(): void {
  // @ts-expect-error 'Medium' is not one of the enum's values
  const wrongEnum: WidgetSpec = { size: 1, mode: 'Medium' };
  // @ts-expect-error size is required
  const missing: WidgetSpec = { mode: 'Fast' };
  kubernetesComposition({ name: 't', kind: 'T', spec: type({ n: 'string' }), status: type({ p: 'string' }) }, (spec) => {
    // @ts-expect-error spec is required by the CRD
    widget({ name: spec.n });
    const w = widget({ name: spec.n, spec: { size: 1, mode: 'Fast' } });
    // @ts-expect-error no such status field
    return { p: w.status.phaze };
  });
  void [wrongEnum, missing];
}
