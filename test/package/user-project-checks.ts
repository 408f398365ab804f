/**
 * What pack.test.ts checks in each fresh project, as a user would meet it: the README's first example
 * type-checks, a wrong spec fails validation before any network call, one arktype is installed.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { root, run, installedVersion, copiesOf } from './npm-project.js';

/** The first ```ts block of README.md, read now so the test always checks what users read. */
function readmeExample(): string {
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(readFileSync(join(root, 'README.md'), 'utf8'));
  const example = block?.[1];
  if (!example?.includes('kubernetesComposition')) assert.fail('README.md has no first ```ts block with kubernetesComposition');
  return example;
}

/** A direct factory whose kubeconfig points at a closed local port: validation must fail before any request. */
const validateScript = `import { type } from 'arktype';
import { kubernetesComposition, SpecValidationError } from 'typekro';
import { Deployment } from 'typekro/simple';

const webapp = kubernetesComposition(
  { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
    return { ready: deployment.status.readyReplicas > 0 };
  },
);
const factory = webapp.factory('direct', { kubeconfig: process.argv[2], timeout: 60_000 });
async function outcome(spec) {
  try {
    await factory.deploy(spec);
    return { resolved: true };
  } catch (error) {
    return { name: error?.name, specValidationError: error instanceof SpecValidationError, message: String(error?.message) };
  }
}
console.log(JSON.stringify({ invalid: await outcome({ replicas: 'three' }), valid: await outcome({ replicas: 3 }) }));
`;

function kubeconfigFor(port: number): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster: { server: 'https://127.0.0.1:${port}', insecure-skip-tls-verify: true }
users:
- name: nobody
  user: { token: not-a-token }
contexts:
- name: nowhere
  context: { cluster: nowhere, user: nobody, namespace: default }
current-context: nowhere
`;
}

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

export async function checkUserProject(t: import('node:test').TestContext, app: string): Promise<void> {
  await t.test("the README's first example type-checks with the project's own tsc", () => {
    writeFileSync(join(app, 'readme.ts'), readmeExample());
    writeFileSync(join(app, 'tsconfig.readme.json'), JSON.stringify({
      // skipLibCheck as `tsc --init` sets it: other packages' declarations are not ours to fix (TypeKro's own are
      // checked with it off above).
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true },
      files: ['readme.ts'],
    }, null, 2));
    const started = performance.now();
    const { status, output } = run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.readme.json', '--pretty', 'false'], app, true);
    t.diagnostic(`tsc ${installedVersion(app, 'typescript')} with arktype ${installedVersion(app, 'arktype')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(status, 0, `the README example does not type-check:\n${output}`);
  });

  await t.test('deploy({ replicas: \'three\' }) is a SpecValidationError naming spec.replicas, before any network call', async () => {
    const port = await closedPort();
    writeFileSync(join(app, 'kubeconfig.yaml'), kubeconfigFor(port));
    writeFileSync(join(app, 'validate.mjs'), validateScript);
    const stdout = run(process.execPath, ['validate.mjs', 'kubeconfig.yaml'], app).stdout;
    const { invalid, valid } = JSON.parse(stdout) as Record<'invalid' | 'valid', { name?: string; specValidationError?: boolean; message?: string }>;
    assert.equal(invalid.specValidationError, true, `not a SpecValidationError: ${stdout}`);
    assert.match(invalid.message ?? '', /spec\.replicas must be a number \(was a string\)/);
    // The same factory with a valid spec does go to the network: the kubeconfig is live, so the rejection above came first.
    assert.equal(valid.name, 'KubeApiError', `a valid spec did not reach for the cluster: ${stdout}`);
    assert.match(valid.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  await t.test('the project holds exactly one arktype', () => {
    const copies = copiesOf(app, 'arktype').map((path) => relative(app, path));
    // npm's account of why, asked only when there is something to explain
    if (copies.length !== 1 || copies[0] !== 'node_modules/arktype') assert.fail(`arktype is installed at ${copies.join(', ')}:\n${run('npm', ['ls', 'arktype', '--all'], app, true).output}`);
  });
}
