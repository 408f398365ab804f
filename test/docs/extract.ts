/**
 * Finds the documentation's examples: every ```ts block of README.md and of the site's pages (docs/), and every `@example` in the TSDoc of
 * what the public entry points export (every entry of package.json's `exports`: `typekro`, `typekro/simple`,
 * `typekro/testing`, `typekro/import`, `typekro/aspects` and the integrations). The exports are
 * found with the TypeScript compiler (re-exports and `export *` followed to the declaring files, members of
 * exported classes and interfaces included), so an internal helper's @example is never picked up.
 *
 * Conventions (see test/docs/README.md): an example is a complete module with its imports; a first line
 * `// needs: cluster` marks one that needs a cluster to run; `expr; // => value` asserts a value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface DocExample {
  /** Where it is documented, `file:line` of its first code line (repository-relative). */
  readonly where: string;
  /** What documents it: the exported symbol, or the README section. */
  readonly subject: string;
  readonly code: string;
  /** Marked `// needs: cluster`: type-checked offline, run by examples.cluster.test.ts. */
  readonly needsCluster: boolean;
}

/**
 * The source file of every entry point the package exports (`./dist/x.js` is built from `src/x.ts`), read from
 * package.json so that an entry point added there has its examples checked too.
 */
export function entryPoints(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { import?: string }> };
  return Object.values(manifest.exports).flatMap((target) => {
    const built = typeof target === 'string' ? target : target.import;
    const match = built === undefined ? null : /^\.\/dist\/(.+)\.js$/.exec(built);
    return match ? [`src/${match[1]}.ts`] : [];
  });
}
export const CLUSTER_MARKER = /^\s*\/\/\s*needs:\s*cluster\b/;

/** The first code line of `code`: the marker, when there is one. */
function needsCluster(code: string): boolean {
  return CLUSTER_MARKER.test(code.split('\n')[0] ?? '');
}

/** Every ```ts block of a Markdown file, with the line of its first code line. */
export function markdownExamples(root: string, file: string): DocExample[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found: DocExample[] = [];
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^#+ /.test(line)) heading = line.replace(/^#+ /, '');
    if (!/^```(ts|typescript)\s*$/.test(line)) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: a \`\`\`ts block that is never closed`);
    const code = lines.slice(i + 1, end).join('\n');
    found.push({ where: `${file}:${i + 2}`, subject: `${file === 'README.md' ? 'README' : file} "${heading}"`, code, needsCluster: needsCluster(code) });
    i = end;
  }
  return found;
}

/**
 * The pages of the documentation site: every Markdown file under docs/ (repository-relative, sorted), except what
 * is generated from elsewhere (docs/api/, TypeDoc from the TSDoc, whose examples are checked at their source) and
 * VitePress's own directory.
 */
export function sitePages(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) return e.name.startsWith('.') || path === 'docs/api' ? [] : walk(path);
      return e.name.endsWith('.md') ? [path] : [];
    });
  return walk('docs').sort();
}

/** The program of the entry points, with the repository's compiler options. */
function program(root: string, entries: readonly string[]): ts.Program {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, { noEmit: true }, configPath);
  return ts.createProgram(
    entries.map((f) => join(root, f)),
    parsed.options,
  );
}

/** The text of one `@example` tag: the tag's comment lines without the ` * ` margin, fences and caption. */
function exampleText(sourceFile: ts.SourceFile, tag: ts.JSDocTag): { code: string; firstLine: number } {
  const raw = sourceFile.text.slice(tag.getStart(sourceFile), tag.end);
  let lines = raw.split('\n').map((l) => l.replace(/^\s*\*( |$)/, '').replace(/\s*\*\/\s*$/, ''));
  // the tag's own line: `@example` alone, or followed by a caption
  const firstLine = sourceFile.getLineAndCharacterOfPosition(tag.getStart(sourceFile)).line + 2;
  lines = lines.slice(1);
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  const fenced = lines.length > 0 && /^```/.test(lines[0] ?? '');
  const language = /^```\s*(\S*)/.exec(lines[0] ?? '')?.[1];
  if (fenced && language && !['ts', 'typescript'].includes(language)) {
    const where = sourceFile.getLineAndCharacterOfPosition(tag.getStart(sourceFile)).line + 1;
    throw new Error(`${sourceFile.fileName}:${where}: an @example fenced as \`\`\`${language}; examples are TypeScript modules (put other languages in the description)`);
  }
  if (fenced) lines = lines.slice(1, lines.findIndex((l, i) => i > 0 && /^```/.test(l)));
  return { code: lines.join('\n'), firstLine: fenced ? firstLine + 1 : firstLine };
}

/** The declarations whose TSDoc documents `symbol`: its own, and its members'. */
function documented(symbol: ts.Symbol): { name: string; node: ts.Node }[] {
  const found: { name: string; node: ts.Node }[] = [];
  for (const decl of symbol.declarations ?? []) {
    found.push({ name: symbol.name, node: decl });
    // members: of a class or interface, or of an object literal held by a const (`Cel.expr`)
    const initializer = ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    const members =
      ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)
        ? decl.members
        : initializer && ts.isObjectLiteralExpression(initializer)
          ? initializer.properties
          : undefined;
    if (members) {
      for (const member of members) {
        const memberName = member.name && ts.isIdentifier(member.name) ? member.name.text : '(member)';
        found.push({ name: `${symbol.name}.${memberName}`, node: member });
      }
    }
  }
  return found;
}

/** Every `@example` documenting a public export, each once. */
export function tsdocExamples(root: string): DocExample[] {
  const entries = entryPoints(root);
  const prog = program(root, entries);
  const checker = prog.getTypeChecker();
  const seen = new Set<string>();
  const found: DocExample[] = [];
  const collect = (subject: string, node: ts.Node): void => {
    const sourceFile = node.getSourceFile();
    for (const tag of ts.getJSDocTags(node)) {
      if (tag.tagName.text !== 'example') continue;
      const key = `${sourceFile.fileName}:${tag.pos}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { code, firstLine } = exampleText(sourceFile, tag);
      const file = relative(root, sourceFile.fileName).split('\\').join('/');
      found.push({ where: `${file}:${firstLine}`, subject, code, needsCluster: needsCluster(code) });
    }
  };
  for (const entry of entries) {
    const sourceFile = prog.getSourceFile(join(root, entry));
    if (!sourceFile) throw new Error(`${entry}: not found`);
    // the entry point's own documentation (the comment above its first export)
    for (const statement of sourceFile.statements) collect(entry, statement);
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    if (!moduleSymbol) throw new Error(`${entry}: not a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      // a re-export's own comment (`/** ... */ export { x } from`) documents x too
      for (let alias: ts.Symbol | undefined = exported; alias && alias.flags & ts.SymbolFlags.Alias; alias = checker.getImmediateAliasedSymbol(alias)) {
        for (const decl of alias.declarations ?? []) if (ts.isExportSpecifier(decl)) collect(exported.name, decl.parent.parent);
      }
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      // `export * as simple`: its members are documented where typekro/simple exports them
      if (symbol.flags & ts.SymbolFlags.ValueModule) continue;
      for (const { name, node } of documented(symbol)) collect(name, node);
    }
  }
  return found;
}
