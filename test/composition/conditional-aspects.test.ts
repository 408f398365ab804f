/**
 * Trial 6 G14: `withIncludeWhen` / `withReadyWhen` called on a handle under a condition on a reference the
 * resource is not created under. JavaScript decided the condition once, on a placeholder (`spec.env === 'prod'`
 * is false for a placeholder, a bare `spec.strict` true), so the includeWhen was dropped for every instance, or
 * the readyWhen applied to every instance. Refused, with the condition written into the argument as the way out;
 * the same calls where the resource is created under the same condition keep compiling.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';
import { runCase } from '../differential/harness.js';
import { gateOnDebug, gateThrough } from './fixtures/helpers/aspects.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'aspects.typekro.dev/v1alpha1',
  kind: 'Dbg',
  spec: type({ env: "'dev' | 'prod'", debug: 'boolean', strict: 'boolean', names: 'string[]' }),
};
/** A helper the composition passes a handle to, which puts a readyWhen on it (the limit of issue 10's trial 6 G14). */
const addProbe = <T extends { withReadyWhen(check: (self: { status: { readyReplicas?: number } }) => boolean): T }>(d: T): T => d.withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 1);
const AFTER = 'while the resource is created outside it: JavaScript decided it once, at definition time, on a placeholder, so the';

describe('a condition method called under a condition its resource is not under', () => {
  it('is refused for an if, a || and a readyWhen, with the condition written into the argument', () => {
    const ifProd = refusal(() =>
      kubernetesComposition({ ...definition, name: 'if-prod' }, (spec) => {
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        if (spec.env === 'prod') dbg.withIncludeWhen(spec.debug);
      }),
    );
    assert.equal(
      ifProd,
      `${at("'if-prod'", 'dbg.withIncludeWhen')}: \`withIncludeWhen\` is called on \`dbg\` under \`spec.env === 'prod'\`, which reads a reference, ${AFTER} includeWhen would apply to every instance or to none\n` +
        "    dbg.withIncludeWhen(spec.debug)\n  hint: put the condition into the argument: `dbg.withIncludeWhen(!(spec.env === 'prod') || <your condition>)`, or create the resource inside the branch",
    );
    const orElse = refusal(() =>
      kubernetesComposition({ ...definition, name: 'or-else' }, (spec) => {
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        spec.env === 'prod' || dbg.withIncludeWhen(spec.debug);
      }),
    );
    assert.match(orElse, new RegExp(`^${at("'or-else'", 'dbg.withIncludeWhen').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*hint: put the condition into the argument: \`dbg.withIncludeWhen\\(\\(spec.env === 'prod'\\) \\|\\| <your condition>\\)\``, 's'));
    const strict = refusal(() =>
      kubernetesComposition({ ...definition, name: 'strict' }, (spec) => {
        const web = Deployment({ name: 'web', image: 'nginx' });
        if (spec.strict) web.withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 1);
      }),
    );
    assert.equal(
      strict.split('\n')[0],
      `${at("'strict'", 'web.withReadyWhen')}: \`withReadyWhen\` is called on \`web\` under \`spec.strict\`, which reads a reference, ${AFTER} readyWhen would apply to every instance or to none`,
    );
    assert.match(strict, /hint: put the condition into the argument: `web\.withReadyWhen\(\(self\) => !\(spec\.strict\) \|\| <your check on self>\)`/);
  });

  it('is refused in a loop over a reference around a call on a handle made outside it', () => {
    const looped = refusal(() =>
      kubernetesComposition({ ...definition, name: 'looped' }, (spec) => {
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        for (const name of spec.names) dbg.withIncludeWhen(name === 'x');
      }),
    );
    assert.match(looped, /^.*: `withIncludeWhen` is called on `dbg` in the loop over `spec.names` while the resource is created outside it/);
  });

  it('compiles when the resource is created under the same condition, or the condition is in the argument', () => {
    const app = kubernetesComposition({ ...definition, name: 'same-branch', status: type({ n: 'number' }) }, (spec) => {
      if (spec.env === 'prod') {
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        dbg.withIncludeWhen(spec.debug);
      }
      const other = ConfigMap({ name: 'other', data: { level: 'info' } });
      other.withIncludeWhen(spec.env !== 'prod' || spec.debug);
      if (spec.strict) ConfigMap({ name: 'chained', data: {} }).withIncludeWhen(spec.debug);
      return { n: spec.names.length };
    });
    for (const env of ['dev', 'prod'] as const) {
      for (const debug of [true, false]) {
        const spec = { env, debug, strict: true, names: [] };
        const names = simulate(app, spec).manifests.map((manifest) => (manifest as { metadata: { name: string } }).metadata.name).sort();
        const expected = [...(env === 'prod' && debug ? ['debug-settings'] : []), ...(env !== 'prod' || debug ? ['other'] : []), ...(debug ? ['chained'] : [])].sort();
        assert.deepEqual(names, expected, `${env}/${debug}`);
        assert.deepEqual(evaluateConcrete(app, spec).status, { n: 0 });
      }
    }
  });

  it('keeps the readyWhen and includeWhen of a resource made in a branch JavaScript skipped', () => {
    // `spec.env === 'prod'` is false for a placeholder: the branch is made from source, its methods too.
    const app = kubernetesComposition({ ...definition, name: 'skipped-branch' }, (spec) => {
      if (spec.env === 'prod') {
        Deployment({ name: 'web', image: 'nginx' }).withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 2);
        const api = Deployment({ name: 'api', image: 'nginx' });
        api.withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 3);
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        dbg.withIncludeWhen(spec.debug);
      }
    });
    const byId = new Map(app.graph.resources.map((resource) => [resource.id, resource]));
    assert.deepEqual([...byId.keys()], ['deploymentWeb', 'api', 'dbg']);
    assert.equal(byId.get('deploymentWeb')!.readyWhen.length, 1);
    assert.equal(byId.get('api')!.readyWhen.length, 1);
    assert.equal(byId.get('dbg')!.includeWhen.length, 2);
    const yaml = app.toYaml();
    assert.match(yaml, /readyWhen:\n\s+- \$\{deploymentWeb\.\?status\.\?readyReplicas\.orValue\(0\) > 2\}/);
    assert.match(yaml, /readyWhen:\n\s+- \$\{api\.\?status\.\?readyReplicas\.orValue\(0\) > 3\}/);
    assert.match(yaml, /includeWhen:\n\s+- \$\{schema\.spec\.env == "prod"\}\n\s+- \$\{schema\.spec\.debug\}/);
    for (const debug of [true, false]) {
      const names = simulate(app, { env: 'prod', debug, strict: false, names: [] }).manifests.map((manifest) => (manifest as { metadata: { name: string } }).metadata.name);
      assert.deepEqual(names.sort(), ['api', ...(debug ? ['debug-settings'] : []), 'web'].sort());
    }
  });

  it('finds the handle through every handle method of a chain, on the resource and on its name', () => {
    // One model of which method calls apply to a resource (analysis/handle-methods.ts): a `dependsOn` in the
    // chain does not hide the handle the condition method is called on.
    const chained = refusal(() =>
      kubernetesComposition({ ...definition, name: 'through-depends' }, (spec) => {
        const db = ConfigMap({ name: 'db', data: {} });
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        if (spec.env === 'prod') dbg.dependsOn(db).withIncludeWhen(spec.debug);
      }),
    );
    assert.equal(
      chained.split('\n')[0],
      `${at("'through-depends'", 'dbg.dependsOn')}: \`withIncludeWhen\` is called on \`dbg.dependsOn(db)\` under \`spec.env === 'prod'\`, which reads a reference, ${AFTER} includeWhen would apply to every instance or to none`,
    );
    // In a branch JavaScript skipped, the second method of a chain on the name is made too (it was dropped).
    const app = kubernetesComposition({ ...definition, name: 'skipped-chain' }, (spec) => {
      if (spec.env === 'prod') {
        const api = Deployment({ name: 'api', image: 'nginx' });
        api.withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 3).withIncludeWhen(spec.debug);
      }
    });
    const [api] = app.graph.resources;
    assert.equal(api!.readyWhen.length, 1);
    assert.equal(api!.includeWhen.length, 2);
    for (const debug of [true, false]) {
      const names = simulate(app, { env: 'prod', debug, strict: false, names: [] }).manifests.map((manifest) => (manifest as { metadata: { name: string } }).metadata.name);
      assert.deepEqual(names, debug ? ['api'] : []);
    }
  });

  it('is refused when a helper (same file, imported, or through another helper) makes the call under the condition', () => {
    // `spec.env === 'prod'` is false for a placeholder: JavaScript skipped the helper's call, and the method
    // with it, for every instance. The helper's call is checked as the method's own would be.
    const probe = refusal(() =>
      kubernetesComposition({ ...definition, name: 'helper-probe' }, (spec) => {
        const web = Deployment({ name: 'web', image: 'nginx' });
        if (spec.env === 'prod') addProbe(web);
      }),
    );
    assert.equal(
      probe,
      `${at("'helper-probe'", 'addProbe(web)')}: \`withReadyWhen\` is called on \`web\` by \`addProbe\` under \`spec.env === 'prod'\`, which reads a reference, ${AFTER} readyWhen would apply to every instance or to none\n` +
        "    addProbe(web)\n  hint: put the condition into the argument: `web.withReadyWhen((self) => !(spec.env === 'prod') || <your check on self>)`, or create the resource inside the branch",
    );
    const gated = (name: string, helper: string, message: string): void =>
      assert.equal(
        message,
        `${at(`'helper-${name}'`, `${helper}(dbg, spec)`)}: \`withIncludeWhen\` is called on \`dbg\` by \`${helper}\` under \`spec.env === 'prod'\`, which reads a reference, ${AFTER} includeWhen would apply to every instance or to none\n` +
          `    ${helper}(dbg, spec)\n  hint: put the condition into the argument: \`dbg.withIncludeWhen(!(spec.env === 'prod') || <your condition>)\`, or create the resource inside the branch`,
      );
    gated('imported', 'gateOnDebug', refusal(() =>
      kubernetesComposition({ ...definition, name: 'helper-imported' }, (spec) => {
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        if (spec.env === 'prod') gateOnDebug(dbg, spec);
      }),
    ));
    gated('through', 'gateThrough', refusal(() =>
      kubernetesComposition({ ...definition, name: 'helper-through' }, (spec) => {
        const dbg = ConfigMap({ name: 'debug-settings', data: { level: 'trace' } });
        if (spec.env === 'prod') gateThrough(dbg, spec);
      }),
    ));
  });

  it('refuses a dependsOn in a branch JavaScript skipped, which it cannot make from source', () => {
    const message = refusal(() =>
      kubernetesComposition({ ...definition, name: 'skipped-depends' }, (spec) => {
        const db = ConfigMap({ name: 'db', data: {} });
        if (spec.env === 'prod') Deployment({ name: 'web', image: 'nginx' }).dependsOn(db);
      }),
    );
    assert.equal(
      message,
      `${at("'skipped-depends'", "Deployment({ name: 'web'")}: this \`dependsOn\` did not run when the composition was defined (its branch was decided on a placeholder value), and TypeKro cannot make its targets from source\n` +
        "    Deployment({ name: 'web', image: 'nginx' }).dependsOn(db)\n  hint: make the branch condition a boolean spec field itself (`if (spec.prod)`), which JavaScript enters, or declare the order where both resources are created unconditionally",
    );
  });

  it('is refused on a handle chosen by a ternary or && on a reference (trial 7a H08), directly or through a name', () => {
    // `spec.on` is truthy for a placeholder: JavaScript chose `cm`, so the includeWhen applied to every instance,
    // also those whose `on` is false (which JavaScript gives no condition).
    const CHOSEN = 'which reads a reference: JavaScript chose it once, at definition time, on a placeholder, so the';
    const optional = refusal(() =>
      kubernetesComposition({ ...definition, name: 'optional-handle' }, (spec) => {
        const cm = ConfigMap({ name: 'oh', data: { a: '1' } });
        (spec.strict ? cm : undefined)?.withIncludeWhen(spec.debug);
      }),
    );
    assert.equal(
      optional,
      `${at("'optional-handle'", '(spec.strict ?')}: \`withIncludeWhen\` is called on \`spec.strict ? cm : undefined\`, a handle chosen by \`spec.strict\`, ${CHOSEN} includeWhen would apply to the same resource for every instance or for none\n` +
        '    (spec.strict ? cm : undefined)?.withIncludeWhen(spec.debug)\n  hint: call it on the resource\'s own name (the const its factory call is bound to), with the choice written into the condition: `cm.withIncludeWhen(!(spec.strict) || <your condition>)`',
    );
    const named = refusal(() =>
      kubernetesComposition({ ...definition, name: 'named-choice' }, (spec) => {
        const cm = ConfigMap({ name: 'oh', data: { a: '1' } });
        const w = spec.env === 'prod' ? undefined : cm;
        w?.withIncludeWhen(spec.debug);
      }),
    );
    assert.equal(
      named,
      `${at("'named-choice'", 'w?.with')}: \`withIncludeWhen\` is called on \`w\`, a handle chosen by \`spec.env === 'prod'\`, ${CHOSEN} includeWhen would apply to the same resource for every instance or for none\n` +
        "    w?.withIncludeWhen(spec.debug)\n  hint: call it on the resource's own name (the const its factory call is bound to), with the choice written into the condition: `cm.withIncludeWhen((spec.env === 'prod') || <your condition>)`",
    );
    const andAnd = refusal(() =>
      kubernetesComposition({ ...definition, name: 'and-and' }, (spec) => {
        const web = Deployment({ name: 'web', image: 'nginx' });
        ((spec.strict && web) as typeof web)?.withReadyWhen((self) => (self.status.readyReplicas ?? 0) > 1);
      }),
    );
    assert.equal(
      andAnd.split('\n')[0],
      `${at("'and-and'", '((spec.strict &&')}: \`withReadyWhen\` is called on \`(spec.strict && web) as typeof web\`, a handle chosen by \`spec.strict\`, ${CHOSEN} readyWhen would apply to the same resource for every instance or for none`,
    );
    assert.match(andAnd, /hint: .*`web\.withReadyWhen\(\(self\) => !\(spec\.strict\) \|\| <your check on self>\)`$/);
    // Chosen between two factory calls: JavaScript made one (the other from source), the method only on the one it chose.
    const factories = refusal(() =>
      kubernetesComposition({ ...definition, name: 'factory-choice' }, (spec) => {
        const cm = spec.strict ? ConfigMap({ name: 'a', data: {} }) : ConfigMap({ name: 'b', data: {} });
        cm.withIncludeWhen(spec.debug);
      }),
    );
    assert.equal(
      factories.split('\n').at(-1),
      "  hint: call it on the resource's own name (the const its factory call is bound to), with the choice written into the condition: `<its const>.withIncludeWhen(!(spec.strict) || <your condition>)`",
    );
  });

  it('compiles a handle chosen by a constant, and an optional call on the handle itself', () => {
    const app = kubernetesComposition({ ...definition, name: 'constant-choice' }, (spec) => {
      const cm = ConfigMap({ name: 'oh', data: { a: '1' } });
      const LOUD = true;
      (LOUD ? cm : undefined)?.withIncludeWhen(spec.debug);
      const other = ConfigMap({ name: 'other', data: {} });
      other?.withIncludeWhen(spec.strict);
    });
    assert.deepEqual(
      app.graph.resources.map((resource) => resource.includeWhen.length),
      [1, 1],
    );
    for (const debug of [true, false]) {
      const names = simulate(app, { env: 'dev', debug, strict: false, names: [] }).manifests.map((manifest) => (manifest as { metadata: { name: string } }).metadata.name);
      assert.deepEqual(names, debug ? ['oh'] : []);
    }
  });
});

/** `gate(dbg, spec.debug)`: the condition is the helper's parameter, read where the method is called. */
function gate(handle: { withIncludeWhen(condition: boolean): unknown }, on: boolean): void {
  handle.withIncludeWhen(on);
}
/** The same, deciding in its body whether to call the method: JavaScript decided that on a placeholder. */
function gateIf(handle: { withIncludeWhen(condition: boolean): unknown }, on: boolean): void {
  if (on) handle.withIncludeWhen(on);
}

describe('a condition method called inside a helper', () => {
  it('compiles the helper call argument the method was given, not the handle, and agrees with JavaScript', () => {
    const app = kubernetesComposition({ ...definition, name: 'helper-gates' }, (spec) => {
      gate(ConfigMap({ name: 'debug-settings', data: { level: 'trace' } }), spec.debug);
      gateOnDebug(ConfigMap({ name: 'debug-imported', data: { level: 'trace' } }), spec);
      gate(ConfigMap({ name: 'prod-only', data: {} }), spec.env === 'prod');
    });
    assert.equal(app.toYaml().match(/includeWhen:\n\s+- .*/g)?.join('\n'), ['${schema.spec.debug}', '${schema.spec.debug}', '${schema.spec.env == "prod"}'].map((c) => `includeWhen:\n        - ${c}`).join('\n'));
    const report = runCase('helper-gates', { composition: app as never, spec: { env: 'dev', debug: true, strict: false, names: ['a'] } });
    assert.ok(report.evaluations >= 3, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });

  it('is refused when the helper decides on a reference whether to call it', () => {
    assert.equal(
      refusal(() =>
        kubernetesComposition({ ...definition, name: 'helper-decides' }, (spec) => {
          gateIf(ConfigMap({ name: 'debug-settings', data: { level: 'trace' } }), spec.debug);
        }),
      ),
      `${at('if (on) handle', 'on)')}: withIncludeWhen() is called under a condition on a reference inside a helper function\n    on\n  hint: move the condition into the composition function (it becomes includeWhen there)`,
    );
  });
});
