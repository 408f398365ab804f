/**
 * Type-checking in the test process with the TypeScript compiler API, without starting a tsc process: the
 * diagnostics `tsc -p <config>` prints for the project's own files. The files they import (src/) give their
 * types but are not checked themselves (that is `npm run typecheck`), which makes a check of a few files
 * take seconds instead of a full check of src/.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import ts from 'typescript';

/** One diagnostic as `tsc --pretty false` prints it: `file(line,col): error TS1234: message`, file relative to `base`. */
export interface TypeError {
  /** The file, relative to `base` with `/` separators; undefined for a diagnostic without a file (options, globals). */
  readonly file: string | undefined;
  readonly code: number;
  readonly line: string;
}

export interface CheckOptions {
  /** Files to add to the config's own (absolute paths). */
  readonly extraFiles?: readonly string[];
  /** Other files of the program to check as well (e.g. a package's declarations under node_modules). */
  readonly alsoCheck?: (fileName: string) => boolean;
}

export interface CheckResult {
  readonly errors: TypeError[];
  /** The files checked, relative to `base`. */
  readonly checked: string[];
}

/**
 * Every error in the files of `config` (a tsconfig.json, its `extends` and `include` honoured) plus
 * `extraFiles` and the program's files `alsoCheck` selects, checked as one program with the config's compiler
 * options: what `tsc -p config` reports for those files, and any error of the options or of the program.
 *
 * @example
 * const { errors } = typecheckProject('test/types/tsconfig.json', process.cwd());
 * assert.deepEqual(errors.map((e) => e.line), []);
 */
export function typecheckProject(config: string, base: string, { extraFiles = [], alsoCheck = () => false }: CheckOptions = {}): CheckResult {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(format(d, base).line) });
  if (!parsed) assert.fail(`${config}: not a readable tsconfig`);
  if (parsed.errors.length > 0) return { errors: parsed.errors.map((d) => format(d, base)), checked: [] };
  const rootNames = [...parsed.fileNames, ...extraFiles];
  const program = ts.createProgram({ rootNames, options: parsed.options, projectReferences: parsed.projectReferences ?? [] });
  const own = rootNames.map((file) => program.getSourceFile(file) ?? assert.fail(`${file} is not in the program of ${config}`));
  const checked = [...new Set([...own, ...program.getSourceFiles().filter((file) => alsoCheck(file.fileName))])];
  const declarations = parsed.options.declaration === true || parsed.options.composite === true;
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
      ...(declarations && !file.isDeclarationFile ? program.getDeclarationDiagnostics(file) : []),
    ]),
  ];
  return {
    errors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => format(d, base)),
    checked: checked.map((file) => relativePath(base, file.fileName)),
  };
}

const relativePath = (base: string, file: string): string => relative(base, file).split('\\').join('/');

function format(diagnostic: ts.Diagnostic, base: string): TypeError {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return { file: undefined, code: diagnostic.code, line: `error TS${diagnostic.code}: ${message}` };
  const file = relativePath(base, diagnostic.file.fileName);
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return { file, code: diagnostic.code, line: `${file}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}` };
}
