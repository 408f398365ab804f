/**
 * The recorded oracle answers are what KRO answers today: this rebuilds tools/cel-oracle (KRO v0.9.4's own
 * pkg/cel) and reruns it over every vector, and re-extracts the cel-spec vectors. A vector edited without
 * `tools/cel-oracle/regenerate.sh`, or an oracle change, fails here. Needs Go ≥ 1.26 (CI has it: the local
 * control plane is built with it); without Go this test fails rather than skips. A cold Go build cache
 * costs about 4–5 minutes on 2 cores, a warm one seconds.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { answersAgree } from './compare.js';
import { ANSWERS_PATH, loadAnswers, parseAnswers, VECTOR_DIR } from './vectors.js';
import { buildCelOracle, CEL_ORACLE_DIR } from '../support/cel-oracle.js';

const work = mkdtempSync(join(tmpdir(), 'typekro-cel-oracle-'));
after(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: readonly string[], what: string): string {
  const result = spawnSync(command, args, { cwd: CEL_ORACLE_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) assert.fail(`${what}: ${result.error.message}${command === 'go' ? ' (Go ≥ 1.26 is required for this test)' : ''}`);
  assert.equal(result.status, 0, `${what} failed:\n${result.stderr}`);
  return result.stdout;
}

describe('cel-oracle, rebuilt and rerun (needs Go)', { timeout: 15 * 60_000 }, () => {
  const binary = join(work, 'cel-oracle');

  it('builds', () => {
    buildCelOracle(binary);
  });

  it('answers every vector exactly as recorded in oracle-answers.jsonl', () => {
    const live = parseAnswers(run(binary, ['run', VECTOR_DIR], 'cel-oracle run'));
    const recorded = loadAnswers(ANSWERS_PATH);
    assert.deepEqual([...live.keys()], [...recorded.keys()], 'vector ids differ: run tools/cel-oracle/regenerate.sh');
    const changed: string[] = [];
    for (const [id, answer] of live) {
      const old = recorded.get(id)!;
      const same = answer.unstable || old.unstable ? answersAgree(answer, old) : JSON.stringify(answer) === JSON.stringify(old);
      if (!same) changed.push(`${id}\n    recorded: ${JSON.stringify(old)}\n    live:     ${JSON.stringify(answer)}`);
    }
    assert.equal(changed.length, 0, `oracle answers changed (run tools/cel-oracle/regenerate.sh and review):\n  ${changed.slice(0, 20).join('\n  ')}`);
  });

  it('extracts the committed cel-spec vector files from cel.dev/expr', () => {
    const expr = run('go', ['list', '-m', '-f', '{{.Dir}}', 'cel.dev/expr'], 'go list cel.dev/expr').trim();
    const out = join(work, 'vectors');
    mkdirSync(out);
    run(binary, ['extract-spec', join(expr, 'tests', 'simple', 'testdata'), out], 'cel-oracle extract-spec');
    const files = readdirSync(out).sort();
    assert.deepEqual(files, readdirSync(VECTOR_DIR).filter((f) => f.startsWith('spec-')).sort());
    for (const file of files) {
      assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(VECTOR_DIR, file), 'utf8'), `${file} differs: run tools/cel-oracle/regenerate.sh`);
    }
  });
});
