/**
 * A Secret's `data` entries are bytes to KRO's CEL and base64 text to JavaScript (the API's JSON). The
 * JavaScript meaning wins: every JavaScript use of such a read compiles over `base64.encode(...)`; inside
 * `Cel.*` the argument is CEL, so `string(...)` there still decodes. The differential case
 * `extra-secret-data` (test/differential/extra-cases.ts) evaluates both sides on observed Secrets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Secret } from '../../src/simple.js';

interface Rgd {
  spec: { resources: { id: string; template: { data?: Record<string, string> } }[]; schema: { status: Record<string, string> } };
}

test('a Secret data read is its base64 text in templates, fields, ?? and .length; Cel arguments keep the bytes', () => {
  const app = kubernetesComposition(
    {
      name: 'secret-data', apiVersion: 'secrets.typekro.dev/v1alpha1', kind: 'SecretData',
      spec: type({ password: 'string' }),
      status: type({ line: 'string', size: 'number', decoded: 'string', decodedToo: 'string' }),
    },
    (spec) => {
      const creds = Secret({ name: 'creds', stringData: { password: spec.password } });
      ConfigMap({ name: 'uses', data: { line: `pw=${creds.data.password}`, whole: creds.data.password!, fallback: creds.data.password ?? 'none' } });
      return {
        line: `x${creds.data.password}`,
        size: creds.data.password?.length ?? 0,
        decoded: Cel.expr<string>('string(', creds.data.password, ')'),
        decodedToo: Cel.template('%s', creds.data.password),
      };
    },
  );
  const rgd = parse(app.toYaml()) as Rgd;
  assert.deepEqual(rgd.spec.resources[1]!.template.data, {
    line: 'pw=${base64.encode(creds.data.password)}',
    whole: '${base64.encode(creds.data.password)}',
    fallback: '${has(creds.data) && has(creds.data.password) ? base64.encode(creds.data.password) : "none"}',
  });
  assert.deepEqual(rgd.spec.schema.status, {
    line: 'x${base64.encode(creds.data.password)}',
    // `.length` of text is its UTF-16 length (analysis/utf16.ts); base64 text is ASCII, the long form is still exact.
    size: '${has(creds.data) && has(creds.data.password) ? size(base64.encode(creds.data.password)) + size(base64.encode(creds.data.password).split("").filter(c, c > "\\uffff")) : 0}',
    decoded: '${string((creds.data.password))}',
    decodedToo: '${string(creds.data.password)}',
  });
});
