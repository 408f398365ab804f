/**
 * Arguments TypeKro reads when the composition is defined, given in a form JavaScript would drop or decide
 * on a placeholder (issue 10, third new-user trial g21/g26): each refused at the call, with the reason and
 * the way out. The repository choice that compiles is in test/differential/argument-choice-cases.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { helmRelease, helmRepository, kubernetesComposition, TypeKroError, yamlDirectory, yamlFile } from '../../src/index.js';

const definition = {
  apiVersion: 'choices.typekro.dev/v1alpha1',
  kind: 'Choices',
  spec: type({ prod: 'boolean' }),
  status: type({ 'v?': 'string' }),
};

/** The message of the definition's refusal, with this file's path written `<this file>`. */
function refusal(define: () => unknown): string {
  try {
    define();
  } catch (error) {
    assert.ok(error instanceof TypeKroError, `expected a TypeKroError, got ${String(error)}`);
    assert.equal(error.code, 'DEFINITION_INVALID');
    return error.message.split(import.meta.filename).join('<this file>');
  }
  assert.fail('the definition was accepted');
}

// Cast: TypeScript refuses the second argument; plain JavaScript (and `as any`) passes it.
const withOptions = yamlFile as (path: string, options: unknown) => ReturnType<typeof yamlFile>;
const directoryWithOptions = yamlDirectory as (path: string, options: unknown) => ReturnType<typeof yamlDirectory>;

test('yamlFile with options in a second argument is refused, literal or not: it reads only the first', () => {
  const hint = "Put them into the first argument: yamlFile({ path: './manifests/base.yaml', id: 'base' })";
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'yaml-second' }, (spec) => {
      withOptions('../fixtures/manifests/app/base.yaml', { id: spec.prod ? 'p' : 'd' });
      return {};
    })),
    `<this file>:38:7: yamlFile takes one argument, a path or an options object ({ path, id, name, namespace, refresh }); its other argument is never read, so options given there would be ignored. ${hint}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'yaml-second-literal' }, () => {
      withOptions('../fixtures/manifests/app/base.yaml', { id: 'base' });
      return {};
    })),
    `<this file>:45:7: yamlFile takes one argument, a path or an options object ({ path, id, name, namespace, refresh }); its other argument is never read, so options given there would be ignored. ${hint}`,
  );
  assert.match(
    refusal(() => kubernetesComposition({ ...definition, name: 'yaml-dir-second' }, () => {
      directoryWithOptions('../fixtures/manifests/app', { recursive: false });
      return {};
    })),
    /^<this file>:52:7: yamlDirectory takes one argument, a path or an options object \(\{ path, id, namespace, recursive \}\)/,
  );
});

test("yamlFile's id in its options object is used when literal, refused when it depends on the spec", () => {
  const named = kubernetesComposition({ ...definition, name: 'yaml-id' }, () => {
    yamlFile({ path: '../fixtures/manifests/app/base.yaml', id: 'base' });
    return {};
  });
  assert.ok(named.graph.resources.every((r) => r.id.startsWith('base')), named.graph.resources.map((r) => r.id).join(', '));
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'yaml-id-choice' }, (spec) => {
      yamlFile({ path: '../fixtures/manifests/app/base.yaml', id: spec.prod ? 'p' : 'd' });
      return {};
    })),
    "<this file>:67:67: the id option of yamlFile is decided when the composition is defined, so it cannot depend on the spec or the cluster: JavaScript computed `spec.prod ? 'p' : 'd'` on a placeholder, and the result would hold for every instance\n" +
      "    spec.prod ? 'p' : 'd'\n" +
      "  hint: read each file with its own call, under `if (spec.prod) yamlFile('./prod') else yamlFile('./dev')`",
  );
});

test('a helm repository URL chosen by a condition is refused at the call, with the way out', () => {
  const reason =
    'helmRelease "cache": chart.repository is chosen by a condition on the spec or the cluster, and only a choice between helmRepository(...) handles of this composition can become the release\'s sourceRef: ' +
    'a URL there would need its repository created per instance (the repositories of a graph are fixed when it is defined), and a choice of { name } objects is not compiled. ' +
    "Create a helmRepository(...) for each URL and choose between the handles (`repository: spec.prod ? prodCharts : devCharts`), or create one helmRelease per repository under `if (spec.prod) { ... } else { ... }`";
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'repo-url-choice' }, (spec) => {
      helmRelease({ name: 'cache', chart: { repository: spec.prod ? 'https://a.example.com' : 'https://b.example.com', name: 'redis' } });
      return {};
    })),
    `<this file>:83:7: ${reason}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'repo-object-choice' }, (spec) => {
      const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
      helmRelease({ name: 'cache', chart: { repository: spec.prod ? charts : { name: 'other' }, name: 'redis' } });
      return {};
    })),
    `<this file>:91:7: ${reason}`,
  );
});
