/**
 * `Cel.*` escape hatches inside a composition: their arguments are compiled from source like any other
 * JavaScript (never evaluated on placeholders), and a `Cel.expr` value can be embedded in templates and
 * ternaries.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, configMap, kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { templatePieces } from '../../src/util/template-format.js';

const definition = {
  apiVersion: 'cel.typekro.dev/v1alpha1',
  spec: type({ replicas: 'number.integer', name: 'string', flag: 'boolean', 'dns?': 'string' }),
};

type Rgd = { spec: { schema: { status: unknown }; resources: { template: { data?: unknown } }[] } };

test('Cel.* arguments are compiled from source, in status and in resource arguments', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'cel-args', kind: 'CelArgs', status: type({ size: 'string', bigger: 'boolean', label: 'string', hasDns: 'boolean' }) },
    (spec) => {
      configMap({ metadata: { name: 'sizes' }, data: { size: Cel.cond(spec.replicas > 2, 'large', 'small'), plain: Cel.expr(spec.name, '.size() > 0') } });
      return {
        size: Cel.cond(spec.replicas > 2, 'large', 'small'),
        bigger: Cel.expr<boolean>(spec.replicas + 1, ' > 3'),
        label: Cel.template('%s-%s', spec.name, spec.replicas * 2),
        hasDns: Cel.has(spec.dns),
      };
    },
  );
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.schema.status, {
    size: '${schema.spec.replicas > 2 ? "large" : "small"}',
    bigger: '${(schema.spec.replicas + 1) > 3}',
    label: '${string(schema.spec.name)}-${string(schema.spec.replicas * 2)}',
    hasDns: '${has(schema.spec.dns)}',
  });
  assert.deepEqual(rgd.spec.resources[0]?.template.data, {
    size: '${schema.spec.replicas > 2 ? "large" : "small"}',
    plain: '${(schema.spec.name).size() > 0}',
  });
});

test('a Cel.expr value is embedded in template literals and ternaries', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'cel-embedded', kind: 'CelEmbedded', status: type({ joined: 'string', picked: 'string' }) },
    (spec) => ({
      joined: `${spec.name}-${Cel.expr<string>('schema.metadata.name')}`,
      picked: spec.flag ? Cel.expr<string>(spec.name, ' + "-on"') : 'off',
    }),
  );
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.schema.status, {
    joined: '${schema.spec.name}-${schema.metadata.name}',
    picked: '${schema.spec.flag ? ((schema.spec.name) + "-on") : "off"}',
  });
});

test('a Cel call the compiler cannot read says what to write and which Cel functions exist', () => {
  const format = '%s';
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'cel-bad', kind: 'CelBad', status: type({ size: 'string' }) }, (spec) => ({
        size: Cel.template(format, spec.replicas * 2),
      })),
    (error: Error) =>
      /cel-escape\.test\.ts:\d+:\d+: the format of Cel\.template must be a string literal\n/.test(error.message) &&
      error.message.includes('hint: see the Cel functions: Cel.expr(...parts), Cel.join(...parts), Cel.cond/conditional(test, a, b), Cel.template(format, ...args), Cel.has(ref), Cel.concat(...parts)'),
  );
});

test('Cel.template: %% is one %, as util.format, Go and CEL format print it (trial 4, F10)', async () => {
  const { simulate } = await import('../../src/testing/index.js');
  const app = kubernetesComposition(
    { ...definition, name: 'cel-percent', kind: 'CelPercent', status: type({ done: 'string', literal: 'string' }) },
    (spec) => {
      configMap({ metadata: { name: 'pct' }, data: { done: Cel.template('%s%% done', spec.replicas) } });
      return { done: Cel.template('%s%% done', spec.replicas), literal: Cel.template('%%s is %s at 100%', spec.name) };
    },
  );
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.schema.status, { done: '${string(schema.spec.replicas)}% done', literal: '%s is ${string(schema.spec.name)} at 100%' });
  assert.deepEqual(rgd.spec.resources[0]?.template.data, { done: '${string(schema.spec.replicas)}% done' });
  assert.deepEqual(simulate(app, { replicas: 50, name: 'x', flag: true }).status, { done: '50% done', literal: '%s is x at 100%' });
  // the one reading of a format, for both the compiled and the run path: %%d is text, not a directive
  assert.deepEqual(templatePieces('%s%% of %%d%', 1), { pieces: ['', '% of %d%'] });
  assert.match(JSON.stringify(templatePieces('%%%d', 1)), /has `%d`, which Cel.template does not support/);
});
