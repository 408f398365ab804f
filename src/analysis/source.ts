/**
 * Source access for analysis: parse a composition's file once, map V8 stack frames to source positions,
 * and find the call expression a stack frame points at.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type ParserPlugin } from '@babel/parser';
import type { CallExpression, File, NewExpression, Node, OptionalCallExpression } from '@babel/types';
import type { SourceLocation } from '../ir/graph.js';
import { walk } from './ast.js';

interface Parsed {
  readonly code: string;
  readonly ast: File;
}

const cache = new Map<string, Parsed>();

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
  const ast = parse(code, {
    sourceType: 'unambiguous',
    sourceFilename: file,
    plugins: pluginsFor(file),
    errorRecovery: false,
  });
  cache.set(file, { code, ast });
  return ast;
}

/** Parses the file at `file` once (TypeScript, plus JSX for `.tsx`) and returns the cached AST after that. */
export function parseSourceFile(file: string): File {
  return cache.get(file)?.ast ?? parseSource(readFileSync(file, 'utf8'), file);
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

const FRAME_LOCATION = /^(.*):(\d+):(\d+)$/;

/** The location part of one V8 stack line (`at f (loc)`, `at loc`, `at async f (loc)`), if any. */
function frameLocation(line: string): SourceLocation | undefined {
  const text = line.trim();
  if (!text.startsWith('at ') || text.includes('(eval at ')) return undefined;
  const open = text.lastIndexOf(' (');
  const raw = text.endsWith(')') && open >= 0 ? text.slice(open + 2, -1) : text.slice(3);
  const match = FRAME_LOCATION.exec(raw);
  if (!match) return undefined;
  const [, name = '', lineText = '', columnText = ''] = match;
  if (name.startsWith('node:') || name === '<anonymous>' || name.startsWith('data:')) return undefined;
  const file = name.startsWith('file://') ? fileURLToPath(name) : name;
  return { file, line: Number(lineText), column: Number(columnText) };
}

/**
 * The first stack frame whose file is not internal (1-based line and column, as V8 prints them).
 * Frames of Node itself (`node:`), eval code and anonymous scripts are always skipped.
 */
export function callerLocation(stack: string, isInternal: (file: string) => boolean): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    const location = frameLocation(line);
    if (location && !isInternal(location.file)) return location;
  }
  return undefined;
}

type Position = readonly [line: number, column: number];

function before(a: Position, b: Position): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

function contains(node: Node, at: Position): boolean {
  const loc = node.loc;
  return !!loc && before([loc.start.line, loc.start.column], at) && before(at, [loc.end.line, loc.end.column]);
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

/**
 * The innermost call at a V8 position (1-based line and column): first a call whose callee name starts
 * exactly there, else the innermost call whose callee contains it, else the innermost call containing it
 * (source maps are not always exact).
 */
export function findCallAt(file: string, line: number, column: number): CallNode | undefined {
  const at: Position = [line, column - 1];
  const calls: CallNode[] = [];
  walk(parseSourceFile(file), (node) => {
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression') calls.push(node);
  });
  const innermost = (list: CallNode[]): CallNode | undefined => [...list].sort((a, b) => spanSize(a) - spanSize(b))[0];
  const exact = calls.filter((call) => {
    const start = keyNode(call).loc?.start;
    return start?.line === at[0] && start.column === at[1];
  });
  return (
    innermost(exact) ??
    innermost(calls.filter((call) => call.type !== 'NewExpression' && contains(call.callee, at))) ??
    innermost(calls.filter((call) => contains(call, at)))
  );
}
