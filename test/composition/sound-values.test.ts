/**
 * One producer per value: whatever JavaScript computes from a reference is compiled from the source that
 * computed it — inline, in an options object built first, through spreads, destructuring, locals, helper
 * functions (same file or imported) and TypeScript-only syntax — or the definition fails. Never a constant
 * JavaScript computed on a placeholder.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionSyntaxError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { importedWeb } from './fixtures/helpers/web.js';

const definition = {
  apiVersion: 'sound.typekro.dev/v1alpha1',
  spec: type({ prod: 'boolean', replicas: 'number.integer', name: 'string' }),
  status: type({ ready: 'boolean' }),
};
type Spec = { prod: boolean; replicas: number; name: string };
const IMAGE = `'\${schema.spec.prod ? "nginx:1.27" : "nginx:latest"}'`;
const REPLICAS = '"${schema.spec.replicas > 2 ? 3 : 1}"';

function helper(spec: Spec) {
  return Deployment({ name: 'helper', image: spec.prod ? 'nginx:1.27' : 'nginx:latest', replicas: spec.replicas > 2 ? 3 : 1 });
}

const pickImage = (prod: boolean) => (prod ? 'nginx:1.27' : 'nginx:latest');

/** The container image and replicas of the Deployment named `name` in the RGD. */
function deploymentOf(yaml: string, name: string): { image: string | undefined; replicas: string | undefined } {
  const start = yaml.indexOf(`          name: ${name}\n`);
  assert.ok(start >= 0, `no Deployment ${name} in\n${yaml}`);
  const rest = yaml.slice(start, yaml.indexOf('    - id:', start) >>> 0 || undefined);
  return { image: /image: (.*)/.exec(rest)?.[1], replicas: /replicas: (.*)/.exec(rest)?.[1] };
}

test('every way of computing an argument from the spec compiles to the same CEL', () => {
  const yaml = kubernetesComposition({ ...definition, name: 'sound', kind: 'Sound' }, (spec) => {
    const options = { name: 'options', image: spec.prod ? 'nginx:1.27' : 'nginx:latest', replicas: spec.replicas > 2 ? 3 : 1 };
    const a = Deployment(options);
    Deployment({ ...options, name: 'spread' });
    const { replicas, prod: isProd } = spec;
    Deployment({ name: 'destructured', image: isProd ? 'nginx:1.27' : 'nginx:latest', replicas: replicas > 2 ? 3 : 1 });
    const image = spec.prod ? 'nginx:1.27' : 'nginx:latest';
    Deployment({ name: 'local', image, replicas: (spec.replicas as number) > 2 ? 3 : 1 });
    helper(spec);
    importedWeb(spec, 'imported');
    const arrow = (n: string) => Deployment({ name: n, image: pickImage(spec.prod), replicas: spec.replicas! > 2 ? 3 : 1 });
    arrow('arrow');
    Deployment({ name: 'inlined', image: pickImage(spec.prod) satisfies string, replicas: spec.replicas > 2 ? 3 : 1 });
    return { ready: a.status.readyReplicas > 0 };
  }).toYaml();
  for (const name of ['options', 'spread', 'destructured', 'local', 'helper', 'imported', 'arrow', 'inlined']) {
    assert.deepEqual(deploymentOf(yaml, name), { image: IMAGE, replicas: REPLICAS }, name);
  }
});

const refused = { ...definition, name: 'refused', kind: 'Refused' };

function rejects(define: () => unknown, pattern: RegExp): void {
  assert.throws(
    define,
    (error: Error) => error instanceof CompositionSyntaxError && /sound-values\.test\.ts:\d+:\d+/.test(error.message) && pattern.test(error.message),
  );
}

// It was refused as a local changed after its declaration; a let given its value by the if right after it is now
// the choice (analysis/branch-assigned.ts, test/composition/branch-assigned-let.test.ts): compiled, not frozen.
test('a let reassigned under a condition on a reference is compiled to the choice, not frozen', () => {
  const app = kubernetesComposition(refused, (spec) => {
    let image = 'nginx:latest';
    if (spec.prod) image = 'nginx:1.27';
    Deployment({ name: 'web', image });
    return { ready: true };
  });
  assert.match(app.toYaml(), /image: '\$\{schema\.spec\.prod \? "nginx:1\.27" : "nginx:latest"\}'/);
});

test('an object mutated with a value from a reference is refused', () => {
  rejects(() => kubernetesComposition(refused, (spec) => {
    const options = { name: 'web', image: 'nginx' };
    Object.assign(options, { image: spec.prod ? 'a' : 'b' });
    Deployment(options);
    return { ready: true };
  }), /`options` is changed after it is declared \(mutated\)/);
});

test('a spread TypeKro cannot see into is refused when it depends on a reference', () => {
  rejects(() => kubernetesComposition(refused, (spec) => {
    Deployment({ ...Object.fromEntries([['image', spec.prod ? 'a' : 'b']]), name: 'web' } as never);
    return { ready: true };
  }), /the options of this call are set by a spread that depends on a reference: which options a factory \(or a nested composition\) gets must be known when the composition is defined\n.*\n  hint: choose each option's value/);
});

test('a helper with statements is refused when its result depends on a reference', () => {
  function tier(spec: Spec) {
    if (spec.prod) return 'large';
    return 'small';
  }
  rejects(() => kubernetesComposition(refused, (spec) => {
    Deployment({ name: 'web', image: tier(spec) });
    return { ready: true };
  }), /this function computes its result with statements; TypeKro compiles functions that return one expression/);
});

test('a condition on a reference inside a helper that creates a resource is refused', () => {
  function maybe(spec: Spec) {
    if (spec.prod) Deployment({ name: 'extra', image: 'nginx' });
  }
  rejects(() => kubernetesComposition(refused, (spec) => {
    maybe(spec);
    return { ready: true };
  }), /a resource is created under a condition on a reference inside a helper function\n[\s\S]*hint: move the condition into the composition function/);
});

test('values that do not depend on references keep their JavaScript values', () => {
  const names = ['a', 'b'];
  const yaml = kubernetesComposition({ ...definition, name: 'plain', kind: 'Plain' }, (spec) => {
    let image = 'nginx';
    if (names.length > 1) image = 'nginx:1.27';
    const labels: Record<string, string> = { team: 'x' };
    labels.extra = 'added';
    Deployment({ name: `${names.join('-')}-web`, image, labels, replicas: spec.replicas });
    return { ready: true };
  }).toYaml();
  assert.match(yaml, /name: a-b-web/);
  assert.match(yaml, /image: nginx:1\.27/);
  assert.match(yaml, /extra: added/);
});

test('the index of a loop over a reference is refused where it is used (KRO forEach has no position)', () => {
  rejects(() => kubernetesComposition(refused, (spec) => {
    spec.name.split(',').map((t, i) => ConfigMap({ name: `i-${t}`, data: { v: `${i}` } }));
    return { ready: true };
  }), /`i` is the index of a loop over a reference: KRO's forEach gives each item, not its position\n[\s\S]*hint: use the item itself/);
});
