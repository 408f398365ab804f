/**
 * Source access for analysis: parse a composition's file once, map V8 stack frames to source positions,
 * and find the call expression a stack frame points at.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ParserPlugin } from '@babel/parser';
import type { File, Node } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import { walk } from './ast.js';
import { buildCallIndex, indexedWithin as indexWithin, type CallIndex, type CallNode, type Position } from './call-index.js';

export type { CallNode } from './call-index.js';

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
  const parsed = currentTreeOf(node);
  return !parsed || word.test(parsed.code.slice(node.start!, node.end!));
}

/**
 * The parsed file `node` has its place in, when its place fits that file's current text (see
 * {@link textMayMatch}); undefined for a node made by the analysis, without a place, or of an older text.
 */
function currentTreeOf(node: Node): Parsed | undefined {
  const { loc, start, end } = node;
  const parsed = loc?.filename ? cache.get(loc.filename) : undefined;
  if (!parsed || !loc || start == null || end == null || node.extra?.['synthesized'] === true) return undefined;
  const lines = (parsed.lineStarts ??= lineStartsOf(parsed.code));
  if (lines[loc.start.line - 1]! + loc.start.column !== start || lines[loc.end.line - 1]! + loc.end.column !== end) return undefined;
  return parsed;
}

/**
 * The calls and `new`s of `root` and its descendants (nested functions included), in the order a walk of
 * `root` meets them, from its file's call index instead of a walk of every node; undefined where the index
 * cannot answer (as {@link textMayMatch}: a node made by the analysis, or of an older text), then walk.
 * A node's descendants are the nodes its span holds, so the index's calls inside the span are exactly them
 * (a tree parsed again from the same text, by `parseSource`, answers with its own nodes at the same places).
 * @example for (const call of callsWithin(fn.body) ?? walkedCalls(fn.body)) ...
 */
export function callsWithin(root: Node): readonly CallNode[] | undefined {
  const parsed = currentTreeOf(root);
  if (!parsed || !root.loc) return undefined;
  const { ordered } = callIndexOf(root.loc.filename);
  const start = root.start!;
  const end = root.end!;
  const inside: CallNode[] = [];
  for (const call of ordered) if (call.start != null && call.end != null && call.start >= start && call.end <= end) inside.push(call);
  return inside;
}

/**
 * The calls, `throw`s (in walk order) and the parent links of their ancestors inside `root`, from its file's call
 * index; undefined where the index cannot answer (as {@link callsWithin}).
 */
export function indexedWithin(root: Node): ReturnType<typeof indexWithin> | undefined {
  const parsed = currentTreeOf(root);
  return parsed && root.loc ? indexWithin(callIndexOf(root.loc.filename), root) : undefined;
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
