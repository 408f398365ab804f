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

/**
 * Every error in the files of `config` (a tsconfig.json, its `extends` and `include` honoured) plus
 * `extraFiles` (absolute paths), checked as one program with the config's compiler options: what
 * `tsc -p config` reports for those files, and any error of the options or of the program as a whole.
 *
 * @example
 * const errors = typecheckProject('test/types/tsconfig.json', [], process.cwd());
 * assert.deepEqual(errors.map((e) => e.line), []);
 */
export function typecheckProject(config: string, extraFiles: readonly string[], base: string): TypeError[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(format(d, base).line); } });
  if (!parsed) throw new Error(`${config}: not a readable tsconfig`);
  if (parsed.errors.length > 0) return parsed.errors.map((d) => format(d, base));
  const rootNames = [...parsed.fileNames, ...extraFiles];
  const program = ts.createProgram({ rootNames, options: parsed.options, projectReferences: parsed.projectReferences ?? [] });
  const own = rootNames.map((file) => program.getSourceFile(file) ?? assert.fail(`${file} is not in the program of ${config}`));
  const declarations = parsed.options.declaration === true || parsed.options.composite === true;
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
      ...(declarations ? program.getDeclarationDiagnostics(file) : []),
    ]),
  ];
  return diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => format(d, base));
}

function format(diagnostic: ts.Diagnostic, base: string): TypeError {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return { file: undefined, code: diagnostic.code, line: `error TS${diagnostic.code}: ${message}` };
  const file = relative(base, diagnostic.file.fileName).split('\\').join('/');
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return { file, code: diagnostic.code, line: `${file}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}` };
}
