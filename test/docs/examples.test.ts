/**
 * Documentation that runs: every ```ts block of README.md and of the site (docs/) and every @example of the public API's TSDoc is a
 * complete module, type-checks (one program for all) and runs. Examples marked `// needs: cluster` are
 * type-checked here and run by examples.cluster.test.ts. Conventions: test/docs/README.md.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { allExamples, formProblem, prepare, typecheck } from './prepare.js';

describe('documentation examples', () => {
  const workspace = prepare(allExamples());
  after(() => workspace.remove());

  it('are found in the README, the site and the TSDoc of every entry point', () => {
    const files = new Set(workspace.examples.map((e) => e.where.replace(/:\d+$/, '')));
    const entries = ['src/index.ts', 'src/simple.ts', 'src/api/composition.ts', 'src/testing/cluster/cluster.ts', 'src/import/index.ts', 'src/integrations/aws/index.ts', 'src/integrations/apisix/index.ts'];
    for (const file of ['README.md', 'docs/guide/getting-started.md', 'docs/guide/troubleshooting.md', ...entries]) {
      assert.ok(files.has(file), `no example found in ${file}`);
    }
  });

  it('are complete modules', () => {
    const problems = workspace.examples.flatMap((e) => {
      const problem = formProblem(e);
      return problem ? [`${e.where} (${e.subject}): ${problem}`] : [];
    });
    assert.deepEqual(problems, []);
  });

  it('type-check', () => {
    assert.deepEqual(typecheck(workspace), []);
  });

  for (const example of workspace.examples.filter((e) => !e.needsCluster)) {
    it(`run: ${example.where} (${example.subject})`, async () => {
      try {
        await import(pathToFileURL(example.file).href);
      } catch (error) {
        throw new Error(`${example.where} (${example.subject}) throws: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    });
  }
});
