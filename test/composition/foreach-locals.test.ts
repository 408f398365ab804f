/**
 * A `forEach` or `.map` callback over a spec list is a loop body, read like a `for...of` body: its `const`s
 * are locals of the composition, so a factory call in it compiles them from source. Before, the callback of
 * `forEach` never ran on a reference (its resources were silently dropped), a local holding a ternary kept
 * the value JavaScript computed on a placeholder (`${w.image}` for `w.image === '' ? 'nginx' : w.image`), and
 * in a branch JavaScript skipped the local was refused as unknown where the for...of form compiled (issue 10).
 * A name declared in two loop bodies (either form) kept JavaScript's value even when it was computed on a
 * placeholder; it is refused then, and kept when every declaration is an exact read.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { evaluateConcrete, kubernetesComposition, type Composition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const definition = {
  apiVersion: 'loops.typekro.dev/v1alpha1',
  kind: 'Workers',
  spec: type({ workers: type({ name: 'string', image: 'string' }).array(), off: 'boolean' }),
  status: type({ 'ok?': 'boolean' }),
};

type Spec = typeof definition.spec.infer;
type App = Composition<Spec, { ok?: boolean }>;

/** The RGD's resources without the composition's own name. */
function resources(app: App): unknown {
  return (parse(app.toYaml()) as { spec: { resources: unknown } }).spec.resources;
}

const specs: Spec[] = [
  { workers: [], off: false },
  { workers: [{ name: 'a', image: '' }, { name: 'b', image: 'redis' }], off: false },
  { workers: [{ name: 'a', image: '' }], off: true },
];

/** A manifest without what direct mode adds to every object (labels of ownership, the namespace). */
function written(manifest: unknown): unknown {
  const { metadata, ...rest } = manifest as { metadata: { name: string } };
  return { name: metadata.name, ...rest };
}

/** The manifests direct mode would apply equal those JavaScript makes from the spec as data. */
function assertMeansJavaScript(app: App): void {
  for (const spec of specs) {
    const concrete = evaluateConcrete(app, spec).resources.flatMap((r) => r.manifests);
    assert.deepEqual(simulate(app, spec).manifests.map(written), concrete.map(written), JSON.stringify(spec));
  }
}

describe('a local in a loop callback', () => {
  const forOf = kubernetesComposition({ ...definition, name: 'for-of' }, (spec) => {
    for (const w of spec.workers) {
      const name = `${w.name}-pod`;
      const image = w.image === '' ? 'nginx' : w.image;
      Deployment({ name, image });
    }
    return {};
  });

  it('compiles in a forEach callback as in a for...of body', () => {
    const forEach = kubernetesComposition({ ...definition, name: 'for-each' }, (spec) => {
      spec.workers.forEach((w) => {
        const name = `${w.name}-pod`;
        const image = w.image === '' ? 'nginx' : w.image;
        Deployment({ name, image });
      });
      return {};
    });
    assert.deepEqual(resources(forEach), resources(forOf));
    const [deployment] = resources(forEach) as { template: { spec: { template: { spec: { containers: { image: string }[] } } } } }[];
    assert.equal(deployment!.template.spec.template.spec.containers[0]!.image, '${w.image == "" ? "nginx" : w.image}');
    assertMeansJavaScript(forEach);
    assertMeansJavaScript(forOf);
  });

  it('compiles in a .map callback with a block body', () => {
    const map = kubernetesComposition({ ...definition, name: 'map' }, (spec) => {
      const pods = spec.workers.map((w) => {
        const name = `${w.name}-pod`;
        const image = w.image === '' ? 'nginx' : w.image;
        return Deployment({ id: 'deployment', name, image });
      });
      return { ok: pods.length > 0 };
    });
    assert.deepEqual(resources(map), resources(forOf));
    assertMeansJavaScript(map);
  });

  it('compiles in a callback JavaScript skipped (a branch decided on a placeholder), as in a for...of body', () => {
    const skipped = kubernetesComposition({ ...definition, name: 'skipped' }, (spec) => {
      if (!spec.off) {
        spec.workers.forEach((w) => {
          const name = `${w.name}-pod`;
          ConfigMap({ name, data: { image: w.image } });
        });
      }
      return {};
    });
    const [configMap] = resources(skipped) as { includeWhen: string[]; forEach: unknown; template: { metadata: { name: string } } }[];
    assert.deepEqual(configMap!.includeWhen, ['${!schema.spec.off}']);
    assert.deepEqual(configMap!.forEach, [{ w: '${schema.spec.workers}' }]);
    assert.equal(configMap!.template.metadata.name, '${w.name}-pod');
    assertMeansJavaScript(skipped);
  });

  it('is a condition the resource is created under', () => {
    const conditional = kubernetesComposition({ ...definition, name: 'conditional' }, (spec) => {
      spec.workers.forEach((w) => {
        const custom = w.image !== '';
        if (custom) ConfigMap({ name: `${w.name}-custom`, data: { image: w.image } });
      });
      return {};
    });
    const [configMap] = resources(conditional) as { forEach: Record<string, string>[] }[];
    assert.deepEqual(configMap!.forEach, [{ w: '${schema.spec.workers.filter(w, w.image != "")}' }]);
    assertMeansJavaScript(conditional);
  });
});

describe('a local declared in two loop bodies', () => {
  it('is each loop\'s own name (block scope), compiled from its own declaration, in for...of and forEach', () => {
    const forOf = kubernetesComposition({ ...definition, name: 'two-for-of' }, (spec) => {
      for (const w of spec.workers) {
        const image = w.image === '' ? 'nginx' : w.image;
        Deployment({ name: w.name, image });
      }
      for (const w of spec.workers) {
        const image = w.image === '' ? 'redis' : w.image;
        ConfigMap({ name: w.name, data: { image } });
      }
      return {};
    });
    const forEach = kubernetesComposition({ ...definition, name: 'two-for-each' }, (spec) => {
      spec.workers.forEach((w) => {
        const image = w.image === '' ? 'nginx' : w.image;
        Deployment({ name: w.name, image });
      });
      spec.workers.forEach((w) => {
        const image = w.image === '' ? 'redis' : w.image;
        ConfigMap({ name: w.name, data: { image } });
      });
      return {};
    });
    for (const app of [forOf, forEach]) {
      const images = JSON.stringify(resources(app));
      assert.ok(images.includes('${w.image == \\"\\" ? \\"nginx\\" : w.image}'), images);
      assert.ok(images.includes('${w.image == \\"\\" ? \\"redis\\" : w.image}'), images);
      assertMeansJavaScript(app);
    }
  });

  it('keeps what JavaScript computed when every declaration is an exact read (a template of reads)', () => {
    const app = kubernetesComposition({ ...definition, name: 'two-templates' }, (spec) => {
      spec.workers.forEach((w) => {
        const name = `${w.name}-pod`;
        Deployment({ name, image: w.image });
      });
      for (const w of spec.workers) {
        const name = `${w.name}-cm`;
        ConfigMap({ name, data: { image: w.image } });
      }
      return {};
    });
    const names = (resources(app) as { template: { metadata: { name: string } } }[]).map((r) => r.template.metadata.name);
    assert.deepEqual(names, ['${w.name}-pod', '${w.name}-cm']);
    assertMeansJavaScript(app);
  });
});
