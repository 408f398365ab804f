/**
 * Compositions the definition refuses, for TypeKro's own tests. A refusal's message starts with the
 * `file:line:column` of the test's own source, so a test computes that place from its source (the first
 * `construct` after an `anchor`, e.g. the composition's name) rather than writing numbers that any edit
 * above would shift; the rest of the message is asserted exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { CompositionSyntaxError, TypeKroError } from '../../src/index.js';
import { assertGolden } from './golden.js';

/** A place in a source file; line and column count from 1, as TypeKro's messages do. */
export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

/**
 * `file:line:column`, as a message names a place.
 *
 * @example
 * where({ file: '/a.ts', line: 3, column: 7 }); // '/a.ts:3:7'
 */
export function where(place: SourcePlace): string {
  return `${place.file}:${place.line}:${place.column}`;
}

/** [name, definition, a fragment of the reason it is refused]: one row of a golden table of refusals. */
export type RefusalRow = readonly [name: string, define: () => unknown, why: string];

/** The refusals of one test file: its messages with its path written `<this file>`, and places in its source. */
export interface TestFileRefusals {
  /** The message of the CompositionSyntaxError `define` throws (fails the test when it throws none or another error). */
  refusal(define: () => unknown): string;
  /** The message of any definition error `define` throws (a TypeKroError with code DEFINITION_INVALID, located or not). */
  definitionError(define: () => unknown): string;
  /** Where `construct` is first written at or after the start of the line where `anchor` first stands. */
  locate(anchor: string, construct: string): SourcePlace;
  /** `<this file>:line:column` of {@link TestFileRefusals.locate}: how a refusal's message starts. */
  at(anchor: string, construct: string): string;
  /**
   * Defines each row; each must be refused with a CompositionSyntaxError whose message starts with its place
   * and contains the row's fragment. The messages, one block a row, must equal the golden file (UPDATE_GOLDEN=1),
   * where the line of the place is counted from the row's first line (`<this file>:<row>+1:5`).
   */
  assertTable(t: TestContext, rows: readonly RefusalRow[], golden: URL): void;
}

/**
 * The refusal helpers of the test file `file` (pass `import.meta.filename`).
 *
 * @example
 * const { refusal, at } = refusalsIn(import.meta.filename);
 * assert.equal(refusal(() => kubernetesComposition({ ...definition, name: 'eval-body' }, fn)), `${at("'eval-body'", 'eval(')}: ...`);
 */
export function refusalsIn(file: string): TestFileRefusals {
  const relative = (message: string): string => message.split(file).join('<this file>');
  const locate = (anchor: string, construct: string): SourcePlace => placeIn(file, anchor, construct);
  const at = (anchor: string, construct: string): string => relative(where(locate(anchor, construct)));
  const refusal = (define: () => unknown): string => {
    try {
      define();
    } catch (error) {
      assert.ok(error instanceof CompositionSyntaxError, `expected a CompositionSyntaxError, got ${String(error)}`);
      return relative(error.message);
    }
    assert.fail('the definition was accepted; it must be refused');
  };
  const definitionError = (define: () => unknown): string => {
    try {
      define();
    } catch (error) {
      assert.ok(error instanceof TypeKroError && error.code === 'DEFINITION_INVALID', `expected a definition error, got ${String(error)}`);
      return relative(error.message);
    }
    assert.fail('the definition was accepted; it must be refused');
  };
  const assertTable = (t: TestContext, rows: readonly RefusalRow[], golden: URL): void => {
    const wrong: string[] = [];
    const blocks = rows.map(([name, define, why]) => {
      const message = tableMessage(name, define, wrong);
      const shown = message === undefined ? undefined : relative(message);
      if (shown === undefined) wrong.push(`${name} was defined; it must be refused`);
      else if (!shown.includes(why) || !/^<this file>:\d+:\d+: /.test(shown)) wrong.push(`${name}: ${shown}\n  should say: ${why}, after the place`);
      const golden = shown?.replace(/^<this file>:(\d+):/, (_, line: string) => `<this file>:${fromRow(Number(line), locate(`['${name}',`, `['${name}',`).line)}:`);
      return `${name}\n${(golden ?? '(defined)').split('\n').map((line) => `  ${line}`).join('\n')}\n`;
    });
    assert.deepEqual(wrong, [], 'each composition is refused for its own reason, at its place');
    if (assertGolden(golden, blocks.join('\n')) === 'written') t.diagnostic(`rewrote ${golden.pathname.split('/').at(-1)}`);
  };
  return { refusal, definitionError, locate, at, assertTable };
}

/** A line counted from a table row's first line (`<row>+2`), so that a golden file does not change when rows are added above. */
function fromRow(line: number, row: number): string {
  return `<row>${line >= row ? '+' : '-'}${Math.abs(line - row)}`;
}

/** The message `define` throws (undefined when it defines), noting in `wrong` an error that is not a CompositionSyntaxError. */
function tableMessage(name: string, define: () => unknown, wrong: string[]): string | undefined {
  try {
    define();
    return undefined;
  } catch (error) {
    if (!(error instanceof CompositionSyntaxError)) wrong.push(`${name}: not a CompositionSyntaxError: ${String(error)}`);
    return (error as Error).message;
  }
}

function placeIn(file: string, anchor: string, construct: string): SourcePlace {
  const source = readFileSync(file, 'utf8');
  const found = source.indexOf(anchor);
  assert.ok(found >= 0, `${file} does not contain ${anchor}`);
  const start = source.indexOf(construct, source.lastIndexOf('\n', found) + 1);
  assert.ok(start >= 0, `${file} has no ${construct} after ${anchor}`);
  const lines = source.slice(0, start).split('\n');
  return { file, line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
