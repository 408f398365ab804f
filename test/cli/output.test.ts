/**
 * Offline: the CLI's `-o yaml` is written by the project's one YAML writer (compile/rgd/yaml.ts), so a status or
 * plan printed by the CLI is quoted and laid out as the manifests TypeKro renders.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { convertYaml, formatDocument, formatDocuments } from '../../src/cli/output.js';
import { toYaml } from '../../src/compile/rgd/yaml.js';

describe('CLI output', () => {
  const shared = { ready: true };
  const status = { phase: 'on', mode: '0755', a: shared, b: shared, long: `x${'y'.repeat(120)} z` };

  it('-o yaml is the manifests writer: YAML 1.1 quoting, no anchors, no folding', () => {
    const text = formatDocument(status, 'yaml');
    assert.equal(text, toYaml(status));
    assert.equal(text, `phase: "on"\nmode: "0755"\na:\n  ready: true\nb:\n  ready: true\nlong: x${'y'.repeat(120)} z\n`);
  });

  it('several objects: a YAML stream of the same documents, or a JSON List', () => {
    const values = [{ kind: 'A', on: 'n' }, { kind: 'B', items: [1, 2] }];
    const text = formatDocuments(values, 'yaml');
    assert.equal(text, `${toYaml(values[0])}---\n${toYaml(values[1])}`);
    assert.deepEqual(parseAllDocuments(text).map((doc) => doc.toJS({}) as unknown), values);
    assert.equal(formatDocuments([], 'yaml'), '');
    assert.deepEqual(JSON.parse(formatDocuments(values, 'json')), { apiVersion: 'v1', kind: 'List', items: values });
  });

  it('rendered YAML is passed through for -o yaml and converted for -o json', () => {
    const rendered = formatDocuments([{ kind: 'A' }, { kind: 'B' }], 'yaml');
    assert.equal(convertYaml(rendered, 'yaml'), rendered);
    assert.deepEqual(JSON.parse(convertYaml(rendered, 'json')).items, [{ kind: 'A' }, { kind: 'B' }]);
  });
});
