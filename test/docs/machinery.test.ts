/**
 * The machinery of examples.test.ts can fail: a type error is reported at the documentation's line, a wrong
 * `// =>` value throws there, and fragments, one-line @examples and unmarked cluster calls are rejected.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { markdownExamples, type DocExample } from './extract.js';
import { formProblem, prepare, root, typecheck, withAssertions } from './prepare.js';

const example = (code: string, needsCluster = false): DocExample => ({ where: 'README.md:10', subject: 'a test', code, needsCluster });

describe('documentation example machinery', () => {
  it('rewrites `expr; // => value` into an assertion on the same line', () => {
    const code = "import { NODE_NAME } from 'typekro/testing';\nNODE_NAME; // => 'x'\n";
    const lines = withAssertions(example(code)).split('\n');
    assert.equal(lines[1], `__docExpect((NODE_NAME), ('x'), "README.md:11");`);
    assert.match(lines.at(-2) ?? '', /^import \{ __docExpect \} from '\.\.\/expect\.js';$/);
  });

  it('rejects empty examples, fragments and unmarked cluster calls', () => {
    assert.match(formProblem(example('')) ?? '', /no code/);
    assert.match(formProblem(example("Deployment({ name: 'web', image: 'nginx' });")) ?? '', /not a complete module/);
    const chart = "import { kroChartDir } from 'typekro/testing';\nawait kroChartDir();";
    assert.match(formProblem(example(chart)) ?? '', /needs: cluster/);
    assert.equal(formProblem(example(`// needs: cluster\n${chart}`, true)), undefined);
  });

  it('finds ```ts blocks of Markdown with their first line, and marks cluster ones', () => {
    const dir = mkdtempSync(join(root, 'test', 'docs', '.tmp-md-'));
    try {
      writeFileSync(join(dir, 'doc.md'), '# T\n\n```sh\nls\n```\n\n```ts\n// needs: cluster\nconst a = 1;\n```\n');
      const found = markdownExamples(dir, 'doc.md');
      assert.deepEqual(found, [{ where: 'doc.md:8', subject: 'doc.md "T"', code: '// needs: cluster\nconst a = 1;', needsCluster: true }]);
      writeFileSync(join(dir, 'open.md'), '```ts\nconst a = 1;\n');
      assert.throws(() => markdownExamples(dir, 'open.md'), /open\.md:1: .*never closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a type error at the documentation line and a wrong `// =>` when run', async () => {
    const workspace = prepare([
      example("import { NODE_NAME } from 'typekro/testing';\nconst n: number = NODE_NAME;"),
      example("import { NODE_NAME } from 'typekro/testing';\nNODE_NAME.length; // => 3"),
    ]);
    try {
      const errors = typecheck(workspace);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0] ?? '', /^README\.md:11 \(a test\): error TS2322/);
      await assert.rejects(import(pathToFileURL(workspace.examples[1]!.file).href), /README\.md:11: the example says \/\/ => 3, got 11/);
    } finally {
      workspace.remove();
    }
  });
});
