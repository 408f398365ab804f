/**
 * Turns the documentation's examples into modules and type-checks them: each example is written to a
 * git-ignored directory inside the repository (test/docs/.tmp-*), where `typekro` and its entry points
 * (`typekro/simple`, `typekro/testing`, `typekro/aws`, ...) resolve through tsconfig `paths` for tsc and for tsx alike, next to a copy of
 * test/docs/fixtures/ (the files examples read, e.g. `./crds`). One program (TypeScript's API, in this
 * process) checks them all.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { typecheckProject } from '../support/typecheck.js';
import { type DocExample, markdownExamples, sitePages, tsdocExamples } from './extract.js';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');

/** Every example of README.md, of the site's pages and of the public API's TSDoc. */
export function allExamples(): DocExample[] {
  const pages = sitePages(root).flatMap((page) => markdownExamples(root, page));
  return [...markdownExamples(root, 'README.md'), ...pages, ...tsdocExamples(root)];
}

export interface PreparedExample extends DocExample {
  /** Absolute path of the module written for it. */
  readonly file: string;
}

export interface Workspace {
  readonly dir: string;
  readonly examples: PreparedExample[];
  remove(): void;
}

/** The file and line an example's module line stands for. */
function sourceLine(example: DocExample, moduleLine: number): string {
  const [file, line] = example.where.split(/:(?=\d+$)/);
  return `${file}:${Number(line) + moduleLine - 1}`;
}

/**
 * `expr; // => value` on one line becomes an assertion that `expr` deep-equals `value` (both compiled and
 * type-checked as written). Line numbers are kept: the helper's import goes at the end of the module.
 */
export function withAssertions(example: DocExample): string {
  const source = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const start = node.getStart(source);
      const { line } = source.getLineAndCharacterOfPosition(start);
      const lineEnd = source.getLineEndOfPosition(node.end);
      const rest = /^\s*\/\/ => (.+)$/.exec(example.code.slice(node.end, lineEnd));
      if (rest && source.getLineAndCharacterOfPosition(node.end).line === line) {
        const where = JSON.stringify(sourceLine(example, line + 1));
        edits.push({ start, end: lineEnd, text: `__docExpect((${node.expression.getText(source)}), (${rest[1]}), ${where});` });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let code = example.code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  return edits.length > 0 ? `${code}\nimport { __docExpect } from '../expect.js';\n` : `${code}\n`;
}

/** Writes every example as a module (with the fixtures beside them). */
export function prepare(examples: DocExample[]): Workspace {
  const dir = mkdtempSync(join(here, '.tmp-'));
  cpSync(join(here, 'fixtures'), dir, { recursive: true });
  const prepared = examples.map((example, i) => {
    const slug = example.subject.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
    const file = join(dir, `ex${String(i).padStart(3, '0')}-${slug}.ts`);
    writeFileSync(file, withAssertions(example));
    return { ...example, file };
  });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true, noUnusedLocals: false }, include: ['./*.ts'] }),
  );
  return { dir, examples: prepared, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One program over every module (as `tsc -p` of the workspace); each error reported at the documentation's file and line. */
export function typecheck(workspace: Workspace): string[] {
  const byFile = new Map(workspace.examples.map((e) => [relative(root, e.file).split('\\').join('/'), e]));
  return typecheckProject(join(workspace.dir, 'tsconfig.json'), root).errors.map((error) => {
    const example = error.file === undefined ? undefined : byFile.get(error.file);
    const match = /^.+?\((\d+),\d+\): (.*)$/.exec(error.line);
    return example && match ? `${sourceLine(example, Number(match[1]))} (${example.subject}): ${match[2]}` : error.line;
  });
}

/** Calls that start or build the local control plane; an example making one must say so with the marker. */
const NEEDS_CLUSTER_CALL = /\b(startLocalCluster|ensureClusterBinaries|kroChartDir)\(/;

/** What is wrong with an example's form: empty, or not a module with its imports. */
export function formProblem(example: DocExample): string | undefined {
  if (example.code.trim() === '') return 'the @example has no code (code starts on the line after @example; that line is a caption)';
  if (!example.needsCluster && NEEDS_CLUSTER_CALL.test(example.code)) return 'starts or builds a local cluster: mark it `// needs: cluster` on its first line';
  if (!/^\s*import\s/m.test(example.code)) return "not a complete module: import what it uses from 'typekro', 'typekro/simple', 'typekro/testing' or the entry point it documents";
  return undefined;
}
