/**
 * Every type a public signature reaches is exported, and every export has an @example: the declarations of
 * `typekro`, `typekro/simple`, `typekro/testing`, `typekro/aspects` and `typekro/import` are emitted (tsc, as
 * the package ships them; not the integrations, whose entry points re-export generated CRD types documented
 * by kind), then every type named in the declaration of an export (members, parameters, results, heritage; private members excluded) is followed; one declared
 * by TypeKro that no entry point exports is reported with the export that reaches it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['index.d.ts', 'simple.d.ts', join('testing', 'index.d.ts'), join('api', 'aspects.d.ts'), join('import', 'index.d.ts')];

function emit(outDir: string): void {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--declarationMap', 'false', '--sourceMap', 'false', '--outDir', outDir], { encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
}

/** `Name (file) <- export` for every type declared under `dir` that a public declaration reaches but no entry exports. */
export function unexportedReachable(dir: string, entries: readonly string[]): string[] {
  const program = ts.createProgram(entries.map((e) => join(dir, e)), { skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const resolve = (symbol: ts.Symbol): ts.Symbol => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const exported = new Set<ts.Symbol>();
  const addExports = (moduleSymbol: ts.Symbol): void => {
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = resolve(symbol);
      if (exported.has(target)) continue;
      exported.add(target);
      if (target.flags & ts.SymbolFlags.ValueModule) addExports(target); // export * as simple
    }
  };
  for (const entry of entries) {
    const file = program.getSourceFile(join(dir, entry));
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    assert.ok(moduleSymbol, `no module symbol for ${entry}`);
    addExports(moduleSymbol);
  }
  const ours = (declaration: ts.Declaration): boolean => declaration.getSourceFile().fileName.startsWith(dir);
  const problems = new Map<string, string>();
  const visited = new Set<ts.Symbol>();
  const walk = (symbol: ts.Symbol, from: string): void => {
    if (visited.has(symbol)) return;
    visited.add(symbol);
    for (const declaration of symbol.declarations ?? []) if (ours(declaration)) visit(declaration, from);
  };
  const isHidden = (node: ts.Node): boolean =>
    (ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) ||
    ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) && ts.isPrivateIdentifier(node.name));
  const visit = (node: ts.Node, from: string): void => {
    if (isHidden(node)) return;
    const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isExpressionWithTypeArguments(node) ? node.expression : ts.isTypeQueryNode(node) ? node.exprName : ts.isImportTypeNode(node) ? node.qualifier : undefined;
    const found = name && checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.right : name);
    if (found) {
      const target = resolve(found);
      const declarations = (target.declarations ?? []).filter(ours);
      if (declarations.length > 0 && !(target.flags & ts.SymbolFlags.TypeParameter)) {
        if (!exported.has(target) && !problems.has(target.name)) {
          problems.set(target.name, `${target.name} (${declarations[0]!.getSourceFile().fileName.slice(dir.length + 1)}) <- ${from}`);
        }
        walk(target, exported.has(target) ? target.name : from);
      }
    }
    ts.forEachChild(node, (child) => visit(child, from));
  };
  for (const symbol of exported) walk(symbol, symbol.name);
  return [...problems.values()].sort();
}

/** Exports of the entry points whose TSDoc (on the declaration or on the re-export) has no @example. */
export function exportsWithoutExample(dir: string, entries: readonly string[]): string[] {
  const program = ts.createProgram(entries.map((e) => join(dir, e)), { skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  const seen = new Set<ts.Symbol>();
  const check = (moduleSymbol: ts.Symbol, prefix: string): void => {
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & ts.SymbolFlags.ValueModule) {
        check(target, `${prefix}${symbol.name}.`);
        continue;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      const tags = [...symbol.getJsDocTags(checker), ...target.getJsDocTags(checker)];
      if (!tags.some((tag) => tag.name === 'example')) missing.add(`${prefix}${symbol.name}`);
    }
  };
  for (const entry of entries) {
    const file = program.getSourceFile(join(dir, entry));
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    assert.ok(moduleSymbol, `no module symbol for ${entry}`);
    check(moduleSymbol, `${entry.replace(/\.d\.ts$/, '')}: `);
  }
  return [...missing].sort();
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'typekro-dts-'));
  emit(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('every type reachable from a public signature is exported', () => {
  assert.deepEqual(unexportedReachable(dir, ENTRIES), []);
});

test('every export has TSDoc with an @example', () => {
  assert.deepEqual(exportsWithoutExample(dir, ENTRIES), []);
});
