/**
 * Running generated programs: a batch is written as real .ts files in a test/differential/.tmp-generated-*
 * directory (git-ignored; the caller removes it), imported, each program defined and, if it defines, held to the
 * JavaScript oracle by the differential harness on a few specs under the three observed states.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompositionSyntaxError } from '../../src/analysis/errors.js';
import { CompositionError } from '../../src/compile/rgd/errors.js';
import type { Composition } from '../../src/index.js';
import { documentedRejection } from './generated-rejections.js';
import { BASE_SPEC } from './generated-spec.js';
import type { Program } from './generated-programs.js';
import { renderBatch, renderStandalone } from './generated-render.js';
import { runCase, type Finding } from './harness.js';

/**
 * A fresh directory for one test's generated files, beside this file (.gitignore ignores `.tmp-*` under test; one
 * per test, so tests running at once never share one); the caller removes it.
 */
export function generatedDir(): string {
  return mkdtempSync(fileURLToPath(new URL('./.tmp-generated-', import.meta.url)));
}
/** Relative, as users write it: TypeKro recognises its factories in a skipped branch by a relative import. */
const SRC_DIR = '../../../src';

/** What happened to one program. */
export type Outcome =
  | { readonly kind: 'agrees'; readonly composition: Composition<never, unknown> }
  /** The documented rejection of an unsupported construct. */
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failed'; readonly detail: string };

/** Specs per program: the base spec and the next few of the pool, rotating (measured: 4 keep 2,000 programs near a minute). */
const SPECS_PER_PROGRAM = 4;

/** The specs program `index` runs on. */
function specsFor(pool: readonly Record<string, unknown>[], index: number): Record<string, unknown>[] {
  const rest = pool.length - 1;
  return [pool[0]!, ...Array.from({ length: SPECS_PER_PROGRAM - 1 }, (_, j) => pool[1 + ((index * (SPECS_PER_PROGRAM - 1) + j) % rest)]!)];
}

/** The first line of a definition error, with program-specific names (file, line, ids) generalised, to count by kind. */
export function rejectionKind(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\S*\.tmp-generated-\S*/g, '<file>')
    .replace(/ is set to `.*`, a floating-point number/, ' is set to <expression>, a floating-point number')
    .replace(/\b(gen-\d+|Gen\d+|h\d+_\d+|[rolbm]\d+)\b/g, '<name>')
    .replace(/'[^']*'|"[^"]*"/g, '<text>')
    .replace(/\b\d+\b/g, "N");
}

/** Writes `programs` as batch `name` (main, helper module and its barrel) in `dir`, imports it and returns the definition thunks. */
async function loadBatch(programs: readonly Program[], dir: string, name: string): Promise<(() => Composition<never, unknown>)[]> {
  const { main, helpers, barrel } = renderBatch(programs, SRC_DIR, `${name}-helpers`);
  writeFileSync(join(dir, `${name}-helpers.ts`), helpers);
  writeFileSync(join(dir, `${name}-helpers-barrel.ts`), barrel);
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, main);
  const module = (await import(pathToFileURL(file).href)) as { programs: (() => Composition<never, unknown>)[] };
  return module.programs;
}

/**
 * Defines one program and compares. A definition error is acceptable only as the documented rejection of an
 * unsupported construct the program holds (see UNSUPPORTED); any other exception, or a rejection of a
 * program built from supported constructs only, is a failure.
 */
function check(define: () => Composition<never, unknown>, program: Program, name: string, specs: Record<string, unknown>[]): Outcome {
  let composition: Composition<never, unknown>;
  try {
    composition = define();
  } catch (error) {
    const message = (error as Error).message;
    const documented = (error instanceof CompositionSyntaxError || error instanceof CompositionError) && documentedRejection(renderStandalone(program), message);
    if (documented) return { kind: 'rejected', message };
    return { kind: 'failed', detail: `definition threw ${(error as Error).stack ?? String(error)}` };
  }
  try {
    const report = runCase(name, { composition, spec: BASE_SPEC, specs });
    if (report.findings.length > 0) return { kind: 'failed', detail: describeFindings(report.findings) };
  } catch (error) {
    return { kind: 'failed', detail: `the differential run threw ${(error as Error).stack ?? String(error)}` };
  }
  return { kind: 'agrees', composition };
}

function describeFindings(findings: readonly Finding[]): string {
  return findings
    .slice(0, 4)
    .map((f) => `${f.aspect} (state ${f.state}, spec ${JSON.stringify(f.spec)})\n${f.detail}`)
    .join('\n');
}

/** Defines and checks every program of one batch on specs of `pool` (see specPool); outcomes in program order. */
export async function runBatch(programs: readonly Program[], dir: string, name: string, pool: readonly Record<string, unknown>[]): Promise<Outcome[]> {
  const thunks = await loadBatch(programs, dir, name);
  return thunks.map((define, i) => check(define, programs[i]!, `${name}#${i}`, specsFor(pool, i)));
}

/** Defines every program of one batch, nothing more: the compositions that define (rejections are left out). */
export async function defineBatch(programs: readonly Program[], dir: string, name: string): Promise<Composition<never, unknown>[]> {
  const thunks = await loadBatch(programs, dir, name);
  return thunks.flatMap((define) => {
    try {
      return [define()];
    } catch (error) {
      if (error instanceof CompositionSyntaxError || error instanceof CompositionError) return [];
      throw error;
    }
  });
}
