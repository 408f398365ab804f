/**
 * Local constants computed from references (`const parts = spec.dns.split('.')`) mean their expression
 * wherever they are read afterwards, including plain reads such as `parts[0]` that JavaScript evaluated on
 * a placeholder.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';

test('locals computed by method calls and operators are usable afterwards', () => {
  const app = kubernetesComposition(
    {
      name: 'locals',
      apiVersion: 'locals.typekro.dev/v1alpha1',
      kind: 'Locals',
      spec: type({ dns: 'string', replicas: 'number.integer' }),
      status: type({ host: 'string', labels: 'number', url: 'string', next: 'number' }),
    },
    (spec) => {
      const parts = spec.dns.split('.');
      const host = parts[0]!;
      const next = spec.replicas + 1;
      configMap({ metadata: { name: 'dns' }, data: { host: parts[0]!, labels: String(parts.length), url: `https://${host}/` } });
      return { host, labels: parts.length, url: `https://${host}/`, next };
    },
  );
  const rgd = compileRgd(app.graph) as unknown as { spec: { schema: { status: unknown }; resources: { template: { data: unknown } }[] } };
  assert.deepEqual(rgd.spec.schema.status, {
    host: '${schema.spec.dns.split(".")[0]}',
    labels: '${size(schema.spec.dns.split("."))}',
    url: 'https://${schema.spec.dns.split(".")[0]}/',
    next: '${schema.spec.replicas + 1}',
  });
  assert.deepEqual(rgd.spec.resources[0]?.template.data, {
    host: '${schema.spec.dns.split(".")[0]}',
    labels: '${string(size(schema.spec.dns.split(".")))}',
    url: 'https://${schema.spec.dns.split(".")[0]}/',
  });
});
