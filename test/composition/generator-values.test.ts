/**
 * Trial 8 T14 and T09: values JavaScript knows when a composition is defined, next to references. A
 * "composition generator" (a function that stamps out compositions from its parameters), a JSON module's
 * data, and a module `let` set by module-level configuration before the composition is defined are
 * constants of the definition: they compile to the values the running function held (read from it,
 * composition/module-values.ts) and agree with JavaScript for every spec. A value that is not data, or one
 * that may change after the composition is defined, is refused with what it holds or where it changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';
import { billing, search } from './fixtures/generator/services.js';
import { jsonDefaults } from './fixtures/generator/json-defaults.js';
import { moduleLet } from './fixtures/generator/module-let.js';

const { refusal, at, locate } = refusalsIn(import.meta.filename);
const DATA_HINT = 'give it plain data (strings, numbers, booleans, null, plain objects and lists: `[...set]`, `Object.fromEntries(map)`), or pass the value through the spec';
const LATE_HINT = 'give it its final value before the composition is defined, copy it into a `const` there (`const REGISTRY = registry`), or pass it through the spec';
/** A module object JavaScript computed: taken as its JSON (it was refused as "`JSON` is not known" before). */
const PARSED = JSON.parse('{"registry": "ghcr.io/acme", "sizes": {"small": 1, "large": 3}}') as { registry: string; sizes: Record<'small' | 'large', number> };
/** A module name a generator's parameter hides: the parameter is what the composition reads. */
const registryName = 'module-registry';
void registryName;
const fixture = new URL('./fixtures/generator/', import.meta.url).pathname;

/** Compiled and JavaScript agree for the spec variants the harness derives from `spec` (several specs each). */
function agrees(name: string, composition: unknown, spec: Record<string, unknown>): void {
  const report = runCase(name, { composition: composition as never, spec });
  assert.ok(report.specs >= 4, `${name}: ${report.specs} specs`);
  assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
}

describe('a composition generator (T14)', () => {
  it("compiles its parameters and locals to the values of each definition, and agrees with JavaScript", () => {
    const yaml = billing.toYaml();
    assert.match(yaml, /image: ghcr\.io\/acme\/billing:\$\{schema\.spec\.\?tag\.orValue\("latest"\)\}/);
    assert.match(yaml, /replicas: \$\{schema\.spec\.\?replicas\.orValue\(3\)\}/);
    // `owner` is a `let` the generator sets before it defines the composition; `envs` a list argument.
    assert.match(yaml, /owner: global-platform-\$\{schema\.spec\.name\}/);
    assert.match(yaml, /value: eu,us/);
    assert.match(search.toYaml(), /image: ghcr\.io\/acme\/search:.*\n[\s\S]*name: \$\{schema\.spec\.name\}-s/);
    assert.match(search.toYaml(), /\{"dev": 2, "prod": 4\}\[schema\.spec\.env\]/);
    agrees('generator-billing', billing, { name: 'web', env: 'prod' });
    agrees('generator-search', search, { name: 'web', env: 'dev', tag: 'v2', replicas: 7 });
  });

  // `spec.tag ?? 'latest'` is compiled from source (JavaScript's value on a placeholder is not the value): the names next to it are read.
  const definition = { apiVersion: 'acme.io/v1', kind: 'Made', spec: type({ name: 'string', 'tag?': 'string' }), status: type({ image: 'string' }) };

  it('refuses a parameter that holds no data, with what it holds', () => {
    function withTiers(tiers: Map<string, string>) {
      return kubernetesComposition({ ...definition, name: 'gen-map' }, (spec) => ({ image: `${tiers.get('dev')}/${spec.name}` }));
    }
    assert.equal(
      refusal(() => withTiers(new Map([['dev', 'docker.io']]))),
      `${at("'gen-map'", 'tiers.get')}: \`tiers\` holds a Map, which CEL cannot hold; its value is not known to the compiler\n    tiers\n  hint: ${DATA_HINT}`,
    );
    function withNaming(naming: (name: string) => string) {
      return kubernetesComposition({ ...definition, name: 'gen-fn' }, (spec) => ({ image: naming(spec.name) }));
    }
    assert.equal(
      refusal(() => withNaming((name) => `docker.io/${name}`)),
      `${at("'gen-fn'", 'naming(')}: \`naming(...)\` cannot be compiled: \`naming\` holds a function given to the function the composition is written in, whose code TypeKro does not read\n` +
        '    naming(spec.name)\n  hint: import the helper where the composition is written (a function TypeKro reads from source), or call it before the composition is defined and capture the result in a `const`',
    );
    class Registry {
      constructor(readonly host: string) {}
    }
    function withRegistry(registry: Registry) {
      return kubernetesComposition({ ...definition, name: 'gen-class' }, (spec) => ({ image: `${registry.host}/${spec.tag ?? 'latest'}` }));
    }
    assert.equal(
      refusal(() => withRegistry(new Registry('docker.io'))),
      `${at("'gen-class'", 'registry.host')}: \`registry\` holds an instance of Registry, which CEL cannot hold; its value is not known to the compiler\n    registry\n  hint: ${DATA_HINT}`,
    );
    function withLists(options: { hosts: string[]; extra?: Set<string> }) {
      return kubernetesComposition({ ...definition, name: 'gen-nested' }, (spec) => ({ image: `${options.hosts[0]}/${spec.tag ?? 'latest'}` }));
    }
    assert.equal(
      refusal(() => withLists({ hosts: ['docker.io'], extra: new Set() })),
      `${at("'gen-nested'", 'options.hosts')}: \`options\` holds a Set at \`.extra\`, which CEL cannot hold; its value is not known to the compiler\n    options\n  hint: ${DATA_HINT}`,
    );
  });

  it('may be a method: its parameters and locals are read the same way', () => {
    class Services {
      make(image: string) {
        const full = `${image}-svc`;
        return kubernetesComposition({ ...definition, name: 'gen-method' }, (spec) => ({ image: `${full}/${spec.tag ?? 'latest'}` }));
      }
    }
    const gens = {
      make(image: string) {
        return kubernetesComposition({ ...definition, name: 'gen-object-method' }, (spec) => ({ image: `${image}/${spec.tag ?? 'latest'}` }));
      },
    };
    const method = new Services().make('ghcr.io/acme/m');
    assert.match(method.toYaml(), /image: ghcr\.io\/acme\/m-svc\/\$\{schema\.spec\.\?tag/);
    agrees('generator-method', method, { name: 'web', tag: 'v1' });
    const objectMethod = gens.make('ghcr.io/acme/o');
    assert.match(objectMethod.toYaml(), /image: ghcr\.io\/acme\/o\/\$\{schema\.spec\.\?tag/);
    agrees('generator-object-method', objectMethod, { name: 'web' });
  });

  it('never reads a module name a parameter hides: refused with the way out when the parameter cannot be read', () => {
    // tsx compiles the parameter to `registryName2` (it hides the module's `registryName`): not found under its name.
    function hiding(registryName: string) {
      return kubernetesComposition({ ...definition, name: 'gen-hiding' }, (spec) => ({ image: `${registryName}/${spec.tag ?? 'latest'}` }));
    }
    assert.equal(
      refusal(() => hiding('param-registry')),
      `${at("'gen-hiding'", 'registryName}')}: \`registryName\` is a parameter of \`hiding\`, whose value TypeKro could not read here; its value is not known to the compiler\n` +
        '    registryName\n  hint: give it a name no other name around the composition uses (one that hides another may be renamed when the TypeScript is compiled), or pass the value through the spec',
    );
  });

  it('takes a copy made before a later change (the way out the refusal names)', () => {
    function copied() {
      let registry = 'docker.io';
      const REGISTRY = registry;
      const app = kubernetesComposition({ ...definition, name: 'gen-copied' }, (spec) => ({ image: `${REGISTRY}/${spec.tag ?? 'latest'}` }));
      registry = 'quay.io';
      void registry;
      return app;
    }
    const app = copied();
    assert.match(app.toYaml(), /image: docker\.io\/\$\{schema\.spec\.\?tag\.orValue\("latest"\)\}/);
    agrees('generator-copied', app, { name: 'web', tag: 'v1' });
  });

  it('refuses a local the generator changes after the composition is defined, or in a function', () => {
    function late() {
      let registry = 'docker.io';
      const app = kubernetesComposition({ ...definition, name: 'gen-late' }, (spec) => ({ image: `${registry}/${spec.tag ?? 'latest'}` }));
      registry = 'quay.io';
      return app;
    }
    assert.equal(
      refusal(late),
      `${at("'gen-late'", 'registry}')}: \`registry\` is changed after the composition is defined (at line ${locate("'gen-late'", 'registry').line + 1}); its value is not known to the compiler\n` +
        `    registry\n  hint: ${LATE_HINT}`,
    );
    function setter() {
      let registry = 'docker.io';
      const use = (value: string): void => {
        registry = value;
      };
      use('quay.io');
      return kubernetesComposition({ ...definition, name: 'gen-setter' }, (spec) => ({ image: `${registry}/${spec.tag ?? 'latest'}` }));
    }
    assert.equal(
      refusal(setter),
      `${at("'gen-setter'", 'registry}')}: \`registry\` is changed in a function (at line ${locate('const use = ', 'registry').line}), which may run after the composition is defined\n    registry\n  hint: ${LATE_HINT}`,
    );
  });
});

describe('a JSON module next to references (T09)', () => {
  it('compiles to the data JavaScript parsed, and agrees with JavaScript', () => {
    const yaml = jsonDefaults.toYaml();
    assert.match(yaml, /image: ghcr\.io\/acme\/\$\{schema\.spec\.name\}:\$\{schema\.spec\.\?version\.orValue\("latest"\)\}/);
    assert.match(yaml, /replicas: '\$\{\{"dev": 1, "prod": 3\}\[schema\.spec\.env\]\}'/);
    assert.match(yaml, /containerPort: 443/);
    agrees('json-defaults', jsonDefaults, { name: 'web', env: 'prod' });
  });
});

describe('a module object JavaScript computed', () => {
  it('compiles to its JSON, and agrees with JavaScript', () => {
    const app = kubernetesComposition(
      { name: 'parsed-object', apiVersion: 'acme.io/v1', kind: 'Parsed', spec: type({ name: 'string', size: "'small' | 'large'", 'tag?': 'string' }), status: type({ image: 'string' }) },
      (spec) => {
        Deployment({ name: spec.name, image: `${PARSED.registry}/${spec.name}:${spec.tag ?? 'latest'}`, replicas: PARSED.sizes[spec.size] });
        return { image: `${PARSED.registry}/${spec.tag ?? 'latest'}` };
      },
    );
    assert.match(app.toYaml(), /replicas: '\$\{\{"large": 3, "small": 1\}\[schema\.spec\.size\]\}'/);
    agrees('parsed-object', app, { name: 'web', size: 'large' });
  });
});

describe('a module let (T09)', () => {
  it('set before the composition is defined, compiles to the value it held then, and agrees with JavaScript', () => {
    assert.match(moduleLet.toYaml(), /image: quay\.io\/acme\/\$\{schema\.spec\.name\}:\$\{schema\.spec\.\?version\.orValue\("stable"\)\}/);
    agrees('module-let', moduleLet, { name: 'web', version: 'v1' });
  });

  it('changed after the composition is defined, or by a function, is refused with where it changes', async () => {
    await assert.rejects(import('./fixtures/generator/module-let-late.js'), (error: Error) => {
      assert.equal(
        error.message.split(fixture).join('<fixture>/'),
        `<fixture>/module-let-late.ts:11:45: \`registry\` is changed after the composition is defined (at line 15); its value is not known to the compiler\n    registry\n  hint: ${LATE_HINT}`,
      );
      return true;
    });
    await assert.rejects(import('./fixtures/generator/module-let-setter.js'), (error: Error) => {
      assert.equal(
        error.message.split(fixture).join('<fixture>/'),
        `<fixture>/module-let-setter.ts:14:45: \`registry\` is changed in a function (at line 8), which may run after the composition is defined\n    registry\n  hint: ${LATE_HINT}`,
      );
      return true;
    });
  });
});
