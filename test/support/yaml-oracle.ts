/**
 * The Go YAML readers of the Kubernetes tools (tools/yaml-oracle) over YAML texts: sigs.k8s.io/yaml's
 * YAMLToJSON, which kubectl, the API server, KRO, Flux and Helm read YAML with (go-yaml v2), and go-yaml v3.
 * Built from source for each call into a temporary directory, as the CEL oracle is (test/support/cel-oracle.ts):
 * seconds with a warm Go build cache; the modules come from the Go module cache or proxy. Needs Go: without
 * it the test fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const YAML_ORACLE_DIR = fileURLToPath(new URL('../../tools/yaml-oracle/', import.meta.url));

/**
 * What the Go readers make of one text: the JSON YAMLToJSON gives (parsed), go-yaml v3's value (a value JSON
 * has no form for, a time or a NaN or infinite float, tagged `{ $type, $value }`), or each one's error.
 */
export interface GoYamlAnswer {
  readonly k8s?: unknown;
  readonly k8sError?: string;
  readonly v3?: unknown;
  readonly v3Error?: string;
}

/** Each text as the Go readers read it, in order. */
export function goYamlReads(texts: readonly string[]): GoYamlAnswer[] {
  const work = mkdtempSync(join(tmpdir(), 'typekro-yaml-oracle-'));
  try {
    const binary = join(work, 'yaml-oracle');
    const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: YAML_ORACLE_DIR, encoding: 'utf8' });
    if (build.error) assert.fail(`go build tools/yaml-oracle: ${build.error.message} (Go ≥ 1.26 is required for this test)`);
    assert.equal(build.status, 0, `go build tools/yaml-oracle failed:\n${build.stderr}`);
    const run = spawnSync(binary, [], { input: texts.map((t) => JSON.stringify(t)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error) assert.fail(`yaml-oracle: ${run.error.message}`);
    assert.equal(run.status, 0, `yaml-oracle failed:\n${run.stderr}`);
    const answers = run.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as GoYamlAnswer);
    assert.equal(answers.length, texts.length, 'yaml-oracle: one answer per text');
    return answers;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
