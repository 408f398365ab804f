/**
 * The composition function may be passed by name: declared in the same file, or imported from a local
 * source file. It is compiled from its source like an inline function. A function whose source TypeKro
 * cannot read fails the definition instead of running on placeholders (which turns conditions into constants).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mock, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type } from 'arktype';
import { CompositionError, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import arrow, { buildWeb, renamed } from './fixtures/named/build.js';
import * as Named from './fixtures/named/build.js';

const here = dirname(fileURLToPath(import.meta.url));
const definition = {
  name: 'named',
  apiVersion: 'named.typekro.dev/v1alpha1',
  kind: 'Named',
  spec: type({ prod: 'boolean', replicas: 'number.integer' }),
  status: type({ ready: 'boolean' }),
};
const compiledImage = `'\${schema.spec.prod ? "nginx:1.27" : "nginx:latest"}'`;

function sameFile(spec: { prod: boolean; replicas: number }) {
  const web = Deployment({ name: 'web', image: spec.prod ? 'nginx:1.27' : 'nginx:latest', replicas: spec.replicas });
  return { ready: web.status.readyReplicas > 0 };
}

const sameFileArrow = (spec: { prod: boolean; replicas: number }) => {
  const web = Deployment({ name: 'web', image: spec.prod ? 'nginx:1.27' : 'nginx:latest', replicas: spec.replicas });
  return { ready: web.status.readyReplicas > 0 };
};

function assertCompiled(yaml: string): void {
  assert.ok(yaml.includes(`image: ${compiledImage}`), yaml);
  assert.match(yaml, /ready: \$\{web\.\?status\.\?readyReplicas\.orValue\(0\) > 0\}/);
}

test('a function declared in the same file is compiled from its source', () => {
  assertCompiled(kubernetesComposition(definition, sameFile).toYaml());
});

test('a const arrow function in the same file is compiled from its source', () => {
  assertCompiled(kubernetesComposition(definition, sameFileArrow).toYaml());
});

test('a function imported by name, a default import and a renamed re-export are compiled from their source', () => {
  assertCompiled(kubernetesComposition(definition, buildWeb).toYaml());
  assertCompiled(kubernetesComposition(definition, renamed).toYaml());
  assert.ok(kubernetesComposition(definition, arrow).toYaml().includes(`image: ${compiledImage}`));
});

test('a function read from a namespace import (`Named.buildWeb`, `Named.default`) is compiled from its source', () => {
  assertCompiled(kubernetesComposition(definition, Named.buildWeb).toYaml());
  assertCompiled(kubernetesComposition(definition, Named.renamed).toYaml());
  assert.ok(kubernetesComposition(definition, Named.default).toYaml().includes(`image: ${compiledImage}`));
});

test('a function chosen at run time (a parameter) is refused: its source cannot be known', () => {
  const define = (fn: typeof sameFile) => kubernetesComposition(definition, fn);
  assert.throws(
    () => define(sameFile),
    (error: Error) =>
      error instanceof CompositionError &&
      /named-function\.test\.ts:\d+:\d+: TypeKro cannot read the source of the composition function: "fn" is not a function declared in .*named-function\.test\.ts or imported from a local file\. It compiles the function from its source, so write it inline/.test(error.message),
  );
});

test('the composition function runs once per definition', () => {
  // Counted by a call: a write to a binding outside the function (`runs++`) is refused (outer-writes.ts).
  const run = mock.fn();
  const composition = kubernetesComposition(definition, (spec) => {
    run();
    const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
    return { ready: web.status.readyReplicas > 0 };
  });
  composition.toYaml();
  composition.toYaml({ prod: true, replicas: 1 });
  composition.factory('kro').toYaml({ prod: false, replicas: 2 });
  assert.equal(run.mock.callCount(), 1);
});

test('a function built at run time fails the definition with what to do', () => {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const built = new Function('spec', 'return { ready: spec.prod ? true : false }') as (spec: unknown) => { ready: boolean };
  assert.throws(
    () => kubernetesComposition(definition, built),
    (error: Error) =>
      error instanceof CompositionError &&
      /named-function\.test\.ts:\d+:\d+: TypeKro cannot read the source of the composition function: "built" is not a function declared in /.test(error.message) &&
      /write it inline, as a function declared in the same file, or import it by name from a local source file/.test(error.message),
  );
});

test('a function TypeKro cannot follow to its source is refused', () => {
  assert.throws(
    () => kubernetesComposition(definition, Deployment as never),
    (error: Error) => error instanceof CompositionError && /"Deployment" is imported from "\.\.\/\.\.\/src\/simple\.js", whose source TypeKro does not analyse/.test(error.message),
  );
});

test('an edited source file is analysed again when re-imported', async () => {
  const dir = mkdtempSync(join(here, '.tmp-fresh-'));
  try {
    const file = join(dir, 'app.ts');
    const write = (image: string): void =>
      writeFileSync(
        file,
        `import { type } from 'arktype';\n` +
          `import { kubernetesComposition } from '../../../src/index.js';\n` +
          `import { Deployment } from '../../../src/simple.js';\n` +
          `export const app = kubernetesComposition({ name: 'fresh', kind: 'Fresh', spec: type({ prod: 'boolean' }), status: type({ ready: 'boolean' }) },\n` +
          `  (spec) => { const web = Deployment({ name: 'web', image: ${image} }); return { ready: web.status.readyReplicas > 0 }; });\n`,
      );
    write(`spec.prod ? 'a' : 'b'`);
    const first = (await import(`${pathToFileURL(file).href}?v=1`)) as { app: { toYaml(): string } };
    assert.match(first.app.toYaml(), /"a" : "b"/);
    // Same length, different content and positions: a stale tree would compile the old ternary.
    write(`spec.prod ? 'c' : 'd'`);
    const second = (await import(`${pathToFileURL(file).href}?v=2`)) as { app: { toYaml(): string } };
    assert.match(second.app.toYaml(), /"c" : "d"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a function imported from a package is refused, naming the package', async () => {
  const dir = mkdtempSync(join(here, '.tmp-package-'));
  try {
    const file = join(dir, 'app.ts');
    writeFileSync(
      file,
      `import { type } from 'arktype';\nimport { parse as build } from 'yaml';\nimport { kubernetesComposition } from '../../../src/index.js';\n` +
        `export const define = () => kubernetesComposition({ name: 'p', kind: 'P', spec: type({ a: 'string' }), status: type({ b: 'string' }) }, build as never);\n`,
    );
    const module = (await import(pathToFileURL(file).href)) as { define: () => unknown };
    assert.throws(
      () => module.define(),
      (error: Error) =>
        error instanceof CompositionError &&
        /app\.ts:4:\d+: TypeKro cannot read the source of the composition function: "build" is imported from the package "yaml", whose source TypeKro does not analyse/.test(error.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no process-global table grows with the number of compositions defined', async () => {
  const { referenceMarkerCount } = await import('../../src/model/refs.js');
  for (let i = 0; i < 20; i++) {
    kubernetesComposition(definition, (spec) => {
      const web = Deployment({ name: `web-${spec.replicas}`, image: `nginx:${spec.prod}` });
      return { ready: web.status.readyReplicas > 0 };
    }).toYaml();
  }
  assert.equal(referenceMarkerCount(), 0);
});
