/**
 * Fields the original TypeKro's docs read in the wrong place (`service.status.clusterIP`): a type error whose
 * type names the right path, and, with the types bypassed (`as any`, JavaScript), an error when the composition
 * is defined that names it too. The messages are a golden file (golden/misplaced.txt; UPDATE_GOLDEN=1 rewrites it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { isTypeKroError, kubernetesComposition, pod, service } from '../../src/index.js';
import { Service } from '../../src/simple.js';
import { assertGolden } from '../support/golden.js';
import { typecheckProject } from '../support/typecheck.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const definition = { apiVersion: 'migration.typekro.dev/v1alpha1', kind: 'Misplaced', spec: type({ name: 'string' }), status: type({ value: 'string' }) };

/** Each read as JavaScript (or `as any`) writes it, in a composition function. */
const ROWS: readonly (readonly [string, () => unknown])[] = [
  ['svc.status.clusterIP', () => kubernetesComposition({ ...definition, name: 'cluster-ip' }, (spec) => {
    const svc = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
    return { value: (svc.status as any).clusterIP };
  })],
  ['in a template literal, from JavaScript', () => kubernetesComposition({ ...definition, name: 'cluster-ip-url' }, (spec) => {
    const api: any = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
    return { value: `http://${api.status.clusterIP}:80` };
  })],
  ['service(...).status.ports', () => kubernetesComposition({ ...definition, name: 'ports' }, (spec) => {
    const db = service({ metadata: { name: spec.name } });
    return { value: (db.status as any).ports[0].port };
  })],
  ['service(...).status.loadBalancerIP', () => kubernetesComposition({ ...definition, name: 'lb-ip' }, (spec) => {
    const lb = service({ metadata: { name: spec.name }, spec: { type: 'LoadBalancer' } });
    return { value: (lb.status as any).loadBalancerIP };
  })],
  ['pod(...).status.nodeName', () => kubernetesComposition({ ...definition, name: 'node-name' }, (spec) => {
    const worker = pod({ metadata: { name: spec.name }, spec: { containers: [{ name: 'a', image: 'nginx' }] } });
    return { value: (worker.status as any).nodeName };
  })],
];

test('a misplaced read is refused when the composition is defined, naming the right path', () => {
  const lines: string[] = [];
  for (const [name, define] of ROWS) {
    let message = '(defined)';
    try {
      define();
    } catch (error) {
      assert.ok(isTypeKroError(error) && error.code === 'DEFINITION_INVALID', `${name}: ${String(error)}`);
      message = error.message;
    }
    lines.push(`${name}\n  ${message}`);
  }
  const outcome = assertGolden(new URL('./golden/misplaced.txt', import.meta.url), `${lines.join('\n')}\n`);
  assert.ok(outcome === 'same' || outcome === 'written', outcome);
  assert.match(lines[0]!, /svc\.status\.clusterIP does not exist: a Service has no field status\.clusterIP .*; it is spec\.clusterIP, so read svc\.spec\.clusterIP/);
  assert.match(lines[1]!, /api\.status\.clusterIP does not exist: .* so read api\.spec\.clusterIP/);
});

test('the right paths are read as usual', () => {
  const app = kubernetesComposition({ ...definition, name: 'placed' }, (spec) => {
    const svc = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
    return { value: `http://${svc.spec.clusterIP}:${svc.spec.ports[0]!.port}` };
  });
  assert.match(app.toYaml(), /value: http:\/\/\$\{svc\.spec\.clusterIP\}:\$\{string\(svc\.spec\.ports\[0\]\.port\)\}/);
});

test('typed, the misplaced read is a type error whose type names the right path', () => {
  // Checked by `npm run typecheck` too: an unneeded @ts-expect-error fails it.
  void (() => kubernetesComposition({ ...definition, name: 'typed' }, (spec) => {
    const svc = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });
    // @ts-expect-error status.clusterIP is spec.clusterIP
    const ip: string = svc.status.clusterIP;
    return { value: ip };
  }));
  const dir = mkdtempSync(join(here, '.tmp-'));
  try {
    const src = relative(dir, join(root, 'src')).split('\\').join('/');
    writeFileSync(join(dir, 'misplaced.ts'), [
      `import { type } from 'arktype';`,
      `import { kubernetesComposition } from '${src}/index.js';`,
      `import { Service } from '${src}/simple.js';`,
      `export const app = kubernetesComposition({ name: 'm', kind: 'M', spec: type({ name: 'string' }), status: type({ ip: 'string' }) }, (spec) => {`,
      `  const svc = Service({ name: spec.name, selector: { app: 'a' }, ports: [{ port: 80 }] });`,
      `  return { ip: svc.status.clusterIP };`,
      `});`,
    ].join('\n'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '../../..' }, include: ['./misplaced.ts'] }));
    const lines = typecheckProject(join(dir, 'tsconfig.json'), root).errors.map((e) => e.line);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /misplaced\.ts\(4,[\s\S]*Type 'symbol & \{ readonly 'use instead': "spec\.clusterIP"; \}' is not assignable to type 'string'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
