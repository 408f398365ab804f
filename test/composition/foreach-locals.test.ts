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
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

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
    const [configMap] = resources(skipped) as { includeWhen?: string[]; forEach: unknown; template: { metadata: { name: string } } }[];
    // The condition filters the loop's list (an empty collection where JavaScript makes none), see item-conditions.ts.
    assert.equal(configMap!.includeWhen, undefined);
    assert.deepEqual(configMap!.forEach, [{ w: '${schema.spec.workers.filter(w, !schema.spec.off)}' }]);
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

describe('a name declared twice in one scope (`var` in two loop bodies): each declaration may be the value', () => {
  // `var` belongs to the whole function, so both declarations are one name: where it is read, either initialiser
  // may be the one JavaScript ran last. The value JavaScript computed is kept when each is an exact read.
  const nicks = {
    ...definition,
    spec: type({ workers: type({ name: 'string', image: 'string', 'nick?': 'string' }).array(), off: 'boolean' }),
  };

  it('keeps what JavaScript computed when every declaration is an exact read', () => {
    const app = kubernetesComposition({ ...definition, name: 'var-templates' }, (spec) => {
      for (const w of spec.workers) {
        var name = `${w.name}-pod`;
        Deployment({ name, image: w.image });
      }
      for (const w of spec.workers) {
        var name = `${w.name}-cm`;
        ConfigMap({ name, data: { image: w.image } });
      }
      return {};
    });
    const names = (resources(app) as { template: { metadata: { name: string } } }[]).map((r) => r.template.metadata.name);
    assert.deepEqual(names, ['${w.name}-pod', '${w.name}-cm']);
    assertMeansJavaScript(app);
  });

  it('read in its own loop body after it, each declaration is its own initialiser, even one computed from the item', () => {
    // (Before control-flow-guards.ts: refused as declared more than once.) Within one iteration, the value read after
    // `var image = ...` is that initialiser: the other loop's declaration runs before or after the loop, not between.
    const app = kubernetesComposition({ ...definition, name: 'var-computed' }, (spec) => {
      for (const w of spec.workers) {
        var image = w.image === '' ? 'nginx' : w.image;
        Deployment({ name: w.name, image });
      }
      for (const w of spec.workers) {
        var image = w.image;
        ConfigMap({ name: `${w.name}-cm`, data: { image } });
      }
      return {};
    });
    assertMeansJavaScript(app);
  });

  it('is refused when the name is also assigned', () => {
    assert.equal(
      refusal(() =>
        kubernetesComposition({ ...definition, name: 'var-assigned' }, (spec) => {
          for (const w of spec.workers) {
            var label: string;
            label = w.name;
            ConfigMap({ name: w.name, data: { label } });
          }
          for (const w of spec.workers) {
            var label = w.image;
            ConfigMap({ name: `${w.name}-cm`, data: { label } });
          }
          return {};
        }),
      ),
      // Read in its own block, the first `label` is a `let` reassigned there: refused as one.
      `${at("'var-assigned'", 'label } });')}: \`label\` is changed after it is declared (reassigned); CEL cannot follow the order of statements, and its value depends on a reference\n    label\n  hint: build the value in one expression and bind it with const: a ternary for a choice, \`.map(...)\`, \`.filter(...)\` or \`.join(...)\` over the list for what a loop collects`,
    );
  });

  it('a declaration reading an optional spec field without a default is what the factory makes of undefined (the key left out)', () => {
    // Before, refused ("KRO waits for it forever"); a bare read is now an option JavaScript may leave undefined (absent-options.ts).
    const app = kubernetesComposition({ ...nicks, name: 'var-optional' }, (spec) => {
      for (const w of spec.workers) {
        var nick = w.nick;
        ConfigMap({ name: w.name, data: { nick: nick! } });
      }
      for (const w of spec.workers) {
        var nick = w.name;
        ConfigMap({ name: `${w.name}-cm`, data: { nick } });
      }
      return {};
    });
    const templates = (resources(app as never) as { template: { data: { nick: string } } }[]).map((r) => r.template.data.nick);
    assert.deepEqual(templates, ['${has(w.nick) ? w.nick : omit()}', '${w.name}']);
    const withNicks = [{ workers: [], off: false }, { workers: [{ name: 'a', image: 'x', nick: 'n' }, { name: 'b', image: 'y' }], off: false }];
    for (const spec of withNicks) {
      const concrete = evaluateConcrete(app, spec).resources.flatMap((r) => r.manifests);
      assert.deepEqual(simulate(app, spec).manifests.map(written), concrete.map(written), JSON.stringify(spec));
    }
  });

  it('a const of the same name in another block is checked from its own declaration only (before: from every one)', () => {
    // The read of `nick` in the second loop is `w.name`, required: the first loop's optional read, with its
    // default where it is used, refused it before.
    const app = kubernetesComposition({ ...nicks, name: 'const-optional' }, (spec) => {
      for (const w of spec.workers) {
        const nick = w.nick;
        ConfigMap({ name: w.name, data: { nick: nick ?? 'none' } });
      }
      for (const w of spec.workers) {
        const nick = w.name;
        ConfigMap({ name: `${w.name}-cm`, data: { nick } });
      }
      return {};
    });
    const data = (resources(app) as { template: { data: { nick: string } } }[]).map((r) => r.template.data.nick);
    assert.deepEqual(data, ['${w.?nick.orValue("none")}', '${w.name}']);
    for (const spec of [{ workers: [], off: false }, { workers: [{ name: 'a', image: '' }, { name: 'b', image: 'redis', nick: 'bee' }], off: false }]) {
      const concrete = evaluateConcrete(app, spec).resources.flatMap((r) => r.manifests);
      assert.deepEqual(simulate(app, spec).manifests.map(written), concrete.map(written), JSON.stringify(spec));
    }
  });
});
