/**
 * Source access for analysis: parse a composition's file once, map V8 stack frames to source positions,
 * and find the call expression a stack frame points at.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ParserPlugin } from '@babel/parser';
import type { CallExpression, File, NewExpression, Node, OptionalCallExpression } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import { walk } from './ast.js';

interface Parsed {
  readonly code: string;
  readonly ast: File;
  /** Built on the first `findCallAt` for this file. */
  calls?: CallIndex;
  /** Other indexes of this text, each built on first use ({@link sourceIndex}). */
  indexes?: Map<SourceIndexKey<unknown>, unknown>;
  /** Where each line starts (offsets into `code`), built on the first {@link textMayMatch}. */
  lineStarts?: number[];
}

/**
 * Names an index derived from a file's syntax tree alone (`T` is its type): kept with the parsed file, so it
 * is built once per file content and dropped with a stale tree.
 * @example const READS = new SourceIndexKey<ReadIndex>('member reads');
 */
export class SourceIndexKey<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

/**
 * Parsed source files by path. Module-level on purpose (issue 10: each source file is parsed once per process
 * and re-read when its content changes): an entry is derived from the file's text alone and replaced when the
 * text changes, and there is one per source file, so it grows with the files a program has, not with the
 * compositions it defines.
 */
const cache = new Map<string, Parsed>();

// Babel is required on the first parse, not when the package is imported (~40 ms of a cold import that
// only renders); it is CommonJS, so this is synchronous, and Node's require cache keeps the one instance.
const require = createRequire(import.meta.url);
const babel = (): typeof import('@babel/parser') => require('@babel/parser') as typeof import('@babel/parser');

/** A call site as the stack sees it: plain, optional (`a?.()`) or `new` calls. */
export type CallNode = CallExpression | OptionalCallExpression | NewExpression;

function pluginsFor(file: string): ParserPlugin[] {
  if (/\.tsx$/i.test(file)) return ['typescript', 'jsx'];
  if (/\.[mc]?ts$/i.test(file)) return ['typescript'];
  if (/\.jsx$/i.test(file)) return ['jsx'];
  return [];
}

/**
 * Parses `code` as the contents of `file` and caches it under that path, replacing any earlier entry.
 * Used by tests and by callers that already hold the text.
 */
export function parseSource(code: string, file: string): File {
  return store(code, file).ast;
}

/**
 * The expression a JSON text is (an object, list or scalar literal), for data JavaScript computed and the
 * compiler takes as written (observed-scope.ts). It belongs to no file: its nodes have no place.
 */
export function parseData(json: string): Node {
  return babel().parseExpression(json, { attachComment: false });
}

function store(code: string, file: string): Parsed {
  const ast = babel().parse(code, {
    sourceType: 'unambiguous',
    sourceFilename: file,
    plugins: pluginsFor(file),
    errorRecovery: false,
    // Nothing reads comments: attaching them to nodes costs about a tenth of the parse.
    attachComment: false,
  });
  dropThisParameters(ast, code);
  const parsed: Parsed = { code, ast };
  cache.set(file, parsed);
  return parsed;
}

/**
 * TypeScript's `this` parameter (`function f(this: void, a: string)`) is a type annotation the compiler erases;
 * kept in the tree, every reader that counts parameters took it for the first one, so `f(spec.a, spec.b)`
 * bound `a` to `spec.b` (trial 7 H25). Removed once, here, so no reader sees it.
 */
function dropThisParameters(ast: File, code: string): void {
  // A `this` parameter is written `this`: a file without the word has none to walk for.
  if (!code.includes('this')) return;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const record = node as Record<string, unknown>;
    const params = record['params'];
    if (Array.isArray(params) && isThisParameter(params[0])) params.shift();
    for (const key in record) if (key !== 'loc' && key !== 'extra') visit(record[key]);
  };
  visit(ast.program);
}

function isThisParameter(param: unknown): boolean {
  const node = param as { type?: string; name?: string } | undefined;
  return node?.type === 'Identifier' && node.name === 'this';
}

function parsedFile(file: string, fresh = false): Parsed {
  const cached = cache.get(file);
  if (cached && !fresh) return cached;
  const code = readFileSync(file, 'utf8');
  return cached?.code === code ? cached : store(code, file);
}

/**
 * Parses the file at `file` once (TypeScript, plus JSX for `.tsx`) and returns the cached AST after that.
 * With `fresh`, the file is read again and re-parsed if its content changed: a long-lived process that
 * re-imports an edited file must not analyse a stale tree. Definitions ask for a fresh tree once; the
 * lookups during the run that follows reuse it.
 */
export function parseSourceFile(file: string, options: { readonly fresh?: boolean } = {}): File {
  return parsedFile(file, options.fresh).ast;
}

/** The 1-based line and column of `node` (columns 1-based like V8 and editors), if it has a position. */
export function locationOf(node: Node, file?: string): SourceLocation | undefined {
  const start = node.loc?.start;
  const name = file ?? node.loc?.filename;
  if (!start || !name) return undefined;
  return { file: name, line: start.line, column: start.column + 1 };
}

/** The source text of `node` (first line, trimmed to 120 characters), or a placeholder without source. */
export function snippetOf(node: Node): string {
  const code = node.loc?.filename ? cache.get(node.loc.filename)?.code : undefined;
  if (code === undefined || node.start == null || node.end == null) return `<${node.type}>`;
  const text = code.slice(node.start, node.end).replace(/\s*\n\s*/g, ' ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Node types whose source text stays one operand beside `??`, `!==` or `.x` without parentheses. */
const OPERAND_TYPES: ReadonlySet<string> = new Set(['Identifier', 'MemberExpression', 'OptionalMemberExpression', 'CallExpression', 'OptionalCallExpression', 'StringLiteral', 'NumericLiteral', 'TemplateLiteral', 'ParenthesizedExpression', 'ThisExpression', 'TSNonNullExpression']);

/**
 * `snippetOf(node)` as one operand of a hint's code: parenthesised unless it already is one, so a hint built
 * from `spec.on && spec.flag` offers `(spec.on && spec.flag) ?? <default>`, never `a && b ?? d`, which does
 * not parse, or `a && b !== undefined`, which tests something else.
 *
 * @example
 * ```ts
 * operandOf(node); // "(spec.on && spec.flag)" for that expression, "spec.flag" for a member read
 * ```
 */
export function operandOf(node: Node): string {
  const text = snippetOf(node);
  return OPERAND_TYPES.has(node.type) ? text : `(${text})`;
}

export { callerLocation } from '../util/stack.js';

/**
 * False only when the source text of `node` is known and `word` (a whole-word pattern of keywords, without
 * the `g` or `y` flag) does not match it: a walk that looks for the syntax a keyword starts (`var`, `return`,
 * `break`) may skip a span whose text lacks the word, since JavaScript allows no escapes in a keyword. The
 * node must be of its file's current tree, as every node a definition reads is (the file is parsed afresh
 * once, when the definition starts); a node whose place does not fit the text's lines (a tree of an older
 * text) and a node made by the analysis, which has no text of its own, answer true.
 * @example if (!textMayMatch(statement, /\b(?:break|continue|return|throw)\b/)) return []; // no jump in it
 */
export function textMayMatch(node: Node, word: RegExp): boolean {
  const { loc, start, end } = node;
  const parsed = loc?.filename ? cache.get(loc.filename) : undefined;
  if (!parsed || !loc || start == null || end == null || node.extra?.['synthesized'] === true) return true;
  const lines = (parsed.lineStarts ??= lineStartsOf(parsed.code));
  if (lines[loc.start.line - 1]! + loc.start.column !== start || lines[loc.end.line - 1]! + loc.end.column !== end) return true;
  return word.test(parsed.code.slice(start, end));
}

function lineStartsOf(code: string): number[] {
  const starts = [0];
  // Babel's lines end at \n, \r\n, \r, U+2028 and U+2029 (JavaScript's line terminators).
  for (const match of code.matchAll(/\r\n?|[\n\u2028\u2029]/g)) starts.push(match.index + match[0].length);
  return starts;
}

/**
 * The syntax nodes whose span holds a stack frame's position (1-based line and column, as V8 prints them;
 * the end is exclusive), outermost first, or `undefined` when the file cannot be read or parsed. The run's
 * errors are located with it: the last node of a kind is the innermost one there. (findCallAt answers
 * calls from an index and with closed spans, as the run has always located factory calls.)
 * @example nodesAt(frame)?.findLast((node) => node.type === 'CallExpression')
 */
export function nodesAt(at: SourceLocation): Node[] | undefined {
  let program: Node;
  try {
    program = parseSourceFile(at.file).program;
  } catch {
    return undefined;
  }
  const column = at.column - 1;
  const found: Node[] = [];
  walk(program, (node) => {
    const loc = node.loc;
    if (!loc) return false;
    const after = at.line > loc.start.line || (at.line === loc.start.line && column >= loc.start.column);
    const before = at.line < loc.end.line || (at.line === loc.end.line && column < loc.end.column);
    if (!after || !before) return false;
    found.push(node);
    return true;
  });
  return found;
}

/**
 * The index `key` names for `file`, made by `build` from its syntax tree (and its text, for a cheap look
 * before a walk) on first use (the file is parsed once, as for every lookup; a changed file gets a fresh tree
 * and fresh indexes).
 * @example const reads = sourceIndex(file, READS, buildReadIndex);
 */
export function sourceIndex<T>(file: string, key: SourceIndexKey<T>, build: (ast: File, code: string) => T): T {
  const parsed = parsedFile(file);
  const indexes = (parsed.indexes ??= new Map());
  if (!indexes.has(key)) indexes.set(key, build(parsed.ast, parsed.code));
  return indexes.get(key) as T;
}

type Position = readonly [line: number, column: number];

/** `a` is at or before `b`. */
function before(a: Position, b: Position): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

/** Where V8 reports a call: the callee's name (`foo` in `a.b.foo(...)`), or `new` for constructions. */
function keyNode(call: CallNode): Node {
  if (call.type === 'NewExpression') return call;
  const callee = call.callee;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') return callee.property;
  return callee;
}

function spanSize(node: Node): number {
  return (node.end ?? 0) - (node.start ?? 0);
}

/** The better of two candidates: the innermost (smallest span); on a tie the one found first in the walk. */
function innermost<T extends { readonly size: number; readonly order: number }>(a: T | undefined, b: T): T {
  return !a || b.size < a.size || (b.size === a.size && b.order < a.order) ? b : a;
}

/**
 * Closed source ranges (start and end both inclusive, as `findCallAt` has always matched them), each
 * answering for one call. Syntax nodes nest or are disjoint, so the ranges containing a position are a
 * chain of enclosing ranges, and every one of them encloses the last range that starts at or before the
 * position: a binary search finds that range, and the first range up its chain that reaches the position
 * is the innermost one. (For nested calls, the innermost callee also belongs to the innermost call.)
 */
interface Range {
  readonly start: Position;
  readonly end: Position;
  readonly call: CallNode;
  /** Pre-order index of the call in the file. */
  readonly order: number;
  /** The nearest range that encloses this one, if any. */
  parent?: Range;
}

class RangeIndex {
  private readonly ranges: Range[];

  constructor(ranges: Range[]) {
    // Sorted by start; at the same start the longer range first, so that it encloses the shorter one.
    this.ranges = ranges.sort((a, b) => a.start[0] - b.start[0] || a.start[1] - b.start[1] || b.end[0] - a.end[0] || b.end[1] - a.end[1] || a.order - b.order);
    const open: Range[] = [];
    for (const range of this.ranges) {
      while (open.length > 0 && !before(range.end, open[open.length - 1]!.end)) open.pop();
      const parent = open[open.length - 1];
      if (parent) range.parent = parent;
      open.push(range);
    }
  }

  /** The innermost range containing `at`. */
  innermostAt(at: Position): Range | undefined {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.ranges[mid]!.start, at)) lo = mid + 1;
      else hi = mid;
    }
    for (let range = this.ranges[lo - 1]; range; range = range.parent) {
      if (before(at, range.end)) return range;
    }
    return undefined;
  }
}

function rangeOf(node: Node, call: CallNode, order: number): Range | undefined {
  const loc = node.loc;
  if (!loc) return undefined;
  return { start: [loc.start.line, loc.start.column], end: [loc.end.line, loc.end.column], call, order };
}

/** Every call of a file, indexed for the three lookups of `findCallAt`. */
interface CallIndex {
  /** By the position of the callee's name (`line:column`, 0-based column): the innermost such call. */
  readonly byKey: Map<string, { readonly call: CallNode; readonly size: number; readonly order: number }>;
  /** The callees of plain and optional calls (not `new`). */
  readonly callees: RangeIndex;
  /** Whole calls. */
  readonly calls: RangeIndex;
}

function buildCallIndex(ast: File): CallIndex {
  const byKey: CallIndex['byKey'] = new Map();
  const callees: Range[] = [];
  const calls: Range[] = [];
  let order = 0;
  walk(ast, (node) => {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression' && node.type !== 'NewExpression') return;
    const index = order++;
    const start = keyNode(node).loc?.start;
    if (start) {
      const key = `${start.line}:${start.column}`;
      byKey.set(key, innermost(byKey.get(key), { call: node, size: spanSize(node), order: index }));
    }
    const whole = rangeOf(node, node, index);
    if (whole) calls.push(whole);
    if (node.type !== 'NewExpression') {
      const callee = rangeOf(node.callee, node, index);
      if (callee) callees.push(callee);
    }
  });
  return { byKey, callees: new RangeIndex(callees), calls: new RangeIndex(calls) };
}

function callIndexOf(file: string): CallIndex {
  const parsed = parsedFile(file);
  return (parsed.calls ??= buildCallIndex(parsed.ast));
}

/**
 * The innermost call at a V8 position (1-based line and column): first a call whose callee name starts
 * exactly there, else the innermost call whose callee contains it, else the innermost call containing it
 * (source maps are not always exact). The file's calls are indexed once, so each lookup is a map hit or a
 * binary search.
 */
export function findCallAt(file: string, line: number, column: number): CallNode | undefined {
  const at: Position = [line, column - 1];
  const index = callIndexOf(file);
  return index.byKey.get(`${at[0]}:${at[1]}`)?.call ?? index.callees.innermostAt(at)?.call ?? index.calls.innermostAt(at)?.call;
}
