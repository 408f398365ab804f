/**
 * The project rule "no module-level mutable state that outlives a call" (issue 10: no process-global state
 * grows with the number of compositions defined). Every module-level `let` and every module-level Map, Set,
 * WeakMap or WeakSet made empty (to be filled later) in src/ is listed here with why it may exist, and must
 * carry that justification in a comment right above it: a new one fails this test until it is scoped (a
 * context passed, or kept on the object it belongs to, like render's prepared graph) or justified.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** file:name → why it is allowed (each also explained in the comment above it). */
const ALLOWED: Readonly<Record<string, string>> = {
  'model/run.ts:active': 'the run in progress, cleared when withRun returns',
  'model/definition-scope.ts:definitions': 'the definitions in progress (markers, coercions, trap refusals each), popped when withDefinitionScope returns',
  'model/definition-scope.ts:rootDefinitions': 'weakly keyed by reference roots, which die with their graphs',
  'model/factory.ts:factories': 'registry of the loaded factory modules',
  'model/kube-types.ts:cache': 'types of the loaded models and factories',
  'model/kube-types.ts:extraModels': 'builders registered as factory modules load',
  'model/wire-names.ts:shapeCache': 'one entry per type text of the client-node models',
  'util/re2.ts:cache': 'bounded (emptied past 500), keyed by pattern text',
  'runtime/engine/variables.ts:celForms': 'weakly keyed by observed objects the drivers hold',
  'runtime/engine/distinct-objects.ts:keys': 'weakly keyed by the manifests of plans, which die with their plans',
  'analysis/source.ts:cache': 'one parse per source file, replaced when the file changes',
  'analysis/declarations.ts:declarationsCache': 'weakly keyed by AST nodes of the parsed files',
  'analysis/function-facts.ts:factsCache': 'weakly keyed by AST nodes of the parsed files',
  'analysis/control-flow-guards.ts:leavingCache': 'weakly keyed by AST nodes of the parsed files',
  'analysis/control-flow-guards.ts:prefixCache': 'weakly keyed by AST nodes of the parsed files',
  'analysis/loop-items.ts:namesCache': 'weakly keyed by AST nodes of the parsed files',
  'analysis/call-binding.ts:HANDLE_TESTS': 'weakly keyed by AST nodes of the parsed files; a fact of the source alone',
  'analysis/switch-cases.ts:conditions': 'weakly keyed by switch cases of the parsed files; a fact of the source alone',
  'composition/concrete-helper-reads.ts:enclosing': 'weakly keyed by AST nodes of the parsed files; a fact of the source alone',
  'composition/concrete-helper-reads.ts:declarationsOf': 'weakly keyed by AST nodes of the parsed files; a fact of the source alone',
  'composition/concrete-absent-uses.ts:judged': 'set only while judgedCallback runs a callback, restored after it (as model/run.ts:active)',
  'model/kube-types.ts:required': 'weakly keyed by the model types of the loaded models (one per model)',
  'model/kube-types.ts:requiredPresent': 'weakly keyed by the model types of the loaded models (one per model)',
  'util/kinds.ts:REGISTERED_SCOPES': 'scopes of the custom kinds crdFactory made as factory modules load (as model/kube-types.ts:extraModels), bounded by the kinds, not the compositions',
  'model/schema/kro-sites.ts:sites': 'weakly keyed by the schema trees of defined compositions, which die with their graphs',
  'analysis/switch-cases.ts:made': 'weakly keyed by the case tests synthesized for the parsed files; a fact of the source alone',
  'runtime/kube/lease.ts:turns': 'the runs of this process waiting for or holding each RGD lease (kro deploys of one RGD take turns); a key is removed when its last run ends',
  'runtime/cel/library/int-range.ts:current': 'the int mode of the synchronous CEL evaluation in progress, restored when withIntegerMode returns (as model/run.ts:active)',
};

const DECLARATION = /^(?:export )?(?:let (\w+)|const (\w+)(?:: [^=]+)? = new (?:Map|Set|WeakMap|WeakSet)\b.*\(\);$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

test('module-level mutable state in src/ is only what is listed and justified', () => {
  const found: string[] = [];
  for (const file of sourceFiles(src)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      const match = DECLARATION.exec(line);
      if (!match) return;
      const key = `${relative(src, file).split('\\').join('/')}:${match[1] ?? match[2]}`;
      found.push(key);
      const above = lines[index - 1]?.trim() ?? '';
      assert.ok(above.startsWith('//') || above.endsWith('*/') || above.startsWith('const ') || above.startsWith('let '), `${key} has no comment saying why it may live at module level`);
    });
  }
  assert.deepEqual(found.sort(), Object.keys(ALLOWED).sort());
});
