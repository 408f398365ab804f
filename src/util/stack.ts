/**
 * Reading formatted V8 stack traces (an error's `stack` text): the frames' file, line and column (1-based, as
 * V8 prints them). Locating calls while a composition runs reads V8's structured call sites instead
 * (src/model/call-site.ts), unless a test runner formats and source-maps the stack itself.
 */
import { fileURLToPath } from 'node:url';

export interface StackFrame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const FRAME_LOCATION = /^(.*):(\d+):(\d+)$/;

/** The location part of one V8 stack line (`at f (loc)`, `at loc`, `at async f (loc)`), if any. */
function frameLocation(line: string): StackFrame | undefined {
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
export function callerLocation(stack: string, isInternal: (file: string) => boolean): StackFrame | undefined {
  for (const line of stack.split('\n')) {
    const location = frameLocation(line);
    if (location && !isInternal(location.file)) return location;
  }
  return undefined;
}

/** Every frame with a file location, innermost first (Node internals, eval code and anonymous scripts skipped). */
export function stackFrames(stack: string): StackFrame[] {
  return stack.split('\n').flatMap((line) => frameLocation(line) ?? []);
}
